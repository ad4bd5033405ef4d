import type { Schemas } from '@thidua/api-client';
import { api, must } from '../api';
import { authorityLabel, ERASED, titleLabel } from '../award-labels';
import { AwardStatus } from '../components/award-status';
import { Badge, Breadcrumbs, Load } from '../components/common';
import { EventLink } from '../components/event-link';
import { day } from '../format';
import { to } from '../routes';
import { useLoad, useTitle } from '../use-load';
import { TableFrame } from '../components/table-frame';

type Person = Schemas['PersonView'];
type Registration = Person['registrations'][number];
type Award = Person['awards'][number];

/**
 * One person's register (cá nhân): who they are (or that their personal data was erased), where they served,
 * what they registered for each year against the deadline, the titles they hold — before the ledger or by a
 * decision in it — and for each award the titles its prerequisite was met with: enough to answer "why could
 * this person become Chiến sĩ thi đua toàn lực lượng?" and whether that still holds.
 */
export function PersonPage({ personId }: { personId: string }) {
  const person = useLoad(
    (signal) => must(api.GET('/people/{personId}', { params: { path: { personId } }, signal })),
    [personId],
  );
  const unit = useLoad(
    async (signal) => {
      const unitId = person.data?.unitId;
      return unitId ? must(api.GET('/units/{unitId}', { params: { path: { unitId } }, signal })) : undefined;
    },
    [person.data?.unitId],
  );
  const name = person.data?.fullName ?? personId;
  useTitle(`Cá nhân ${name}`);
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Cụm thi đua', href: to.home() },
          ...(person.data
            ? [
                { label: unit.data?.name ?? person.data.unitId, href: to.unit(person.data.unitId) },
                { label: 'Cán bộ', href: to.unitPeople(person.data.unitId) },
              ]
            : []),
          { label: name },
        ]}
      />
      <h1 class={name === ERASED ? 'erased' : undefined}>Cá nhân: {name}</h1>
      <Load state={person}>{(p) => <PersonView person={p} unitName={unit.data?.name ?? null} />}</Load>
    </>
  );
}

function PersonView({ person: p, unitName }: { person: Person; unitName: string | null }) {
  const years = [
    ...new Set([
      ...p.registrations.map((r) => r.year),
      ...p.priorTitles.map((t) => t.year),
      ...p.awards.map((a) => a.year),
    ]),
  ].sort((a, b) => b - a);
  return (
    <>
      {p.erased && (
        <p class="problem" role="note">
          Dữ liệu cá nhân đã bị xoá ngày {day(p.erased.on)} (yêu cầu {p.erased.requestRef}): khoá mã hoá của
          người này đã bị huỷ nên họ tên, cấp bậc, chức vụ không còn đọc được. Các khen thưởng vẫn được ghi và
          tính.
        </p>
      )}
      <dl class="facts">
        <dt>Mã cán bộ</dt>
        <dd>
          <code>{p.personId}</code>
        </dd>
        <dt>Họ và tên</dt>
        <dd class={p.fullName === ERASED ? 'erased' : undefined}>{p.fullName}</dd>
        <dt>Cấp bậc</dt>
        <dd>{p.rankTitle ?? '—'}</dd>
        <dt>Chức vụ</dt>
        <dd>{p.positionHeld ?? '—'}</dd>
        <dt>Đơn vị hiện tại</dt>
        <dd>
          <a href={to.unit(p.unitId)}>{unitName ?? p.unitId}</a>
        </dd>
        <dt>Đăng ký vào sổ</dt>
        <dd>{day(p.registeredOn)}</dd>
        <dt>Chuyển công tác</dt>
        <dd>
          {p.transfers.length === 0 ? (
            'Không có'
          ) : (
            <ul class="plain">
              {p.transfers.map((t) => (
                <li key={`${t.on}:${t.toUnitId}`}>
                  {day(t.on)}: <a href={to.unit(t.fromUnitId)}>{t.fromUnitId}</a> →{' '}
                  <a href={to.unit(t.toUnitId)}>{t.toUnitId}</a>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>

      <h2>Danh hiệu theo năm</h2>
      {years.length === 0 ? (
        <p>Chưa có đăng ký hay danh hiệu nào.</p>
      ) : (
        <TableFrame>
          <table class="grid person-years">
            <caption>Đăng ký danh hiệu và danh hiệu đạt được, theo năm</caption>
            <thead>
              <tr>
                <th scope="col">Năm</th>
                <th scope="col">Đăng ký danh hiệu (ngày đăng ký, hạn đăng ký)</th>
                <th scope="col">Danh hiệu, khen thưởng đạt được</th>
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr key={y} data-year={y}>
                  <th scope="row">{y}</th>
                  <td data-label="Đăng ký danh hiệu">
                    {p.registrations.filter((r) => r.year === y).length === 0
                      ? '—'
                      : p.registrations
                          .filter((r) => r.year === y)
                          .map((r) => <RegistrationLine key={r.code} registration={r} />)}
                  </td>
                  <td data-label="Danh hiệu, khen thưởng đạt được">
                    <ul class="plain">
                      {p.priorTitles
                        .filter((t) => t.year === y)
                        .map((t) => (
                          <li key={`prior:${t.code}`}>
                            {titleLabel(t.code)}{' '}
                            <span class="muted">(trước khi có sổ, quyết định {t.decisionRef})</span>
                          </li>
                        ))}
                      {p.awards
                        .filter((a) => a.year === y)
                        .map((a) => (
                          <li key={a.awardId} class={a.revoked ? 'revoked' : undefined}>
                            {a.name} <span class="muted">(quyết định số {a.decisionNumber})</span>
                            {a.revoked && <Badge tone="bad">Đã thu hồi</Badge>}
                            {a.basisNoLongerHolds.length > 0 && (
                              <Badge tone="warn">Căn cứ không còn giữ</Badge>
                            )}
                          </li>
                        ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}

      <h2>Khen thưởng và căn cứ</h2>
      {p.awards.length === 0 ? (
        <p>Chưa có khen thưởng nào trong sổ.</p>
      ) : (
        p.awards.map((a) => <AwardCard key={a.awardId} person={p} award={a} />)
      )}
    </>
  );
}

function RegistrationLine({ registration: r }: { registration: Registration }) {
  const late = r.deadline !== null && r.on > r.deadline.date;
  return (
    <div class="registration" data-code={r.code}>
      {titleLabel(r.code)}: đăng ký ngày {day(r.on)}
      {r.deadline ? (
        <>
          , hạn {day(r.deadline.date)}{' '}
          {late ? <Badge tone="bad">quá hạn</Badge> : <Badge tone="ok">trong hạn</Badge>}{' '}
          <EventLink event={r.deadline.event} label="Hạn đăng ký" />
        </>
      ) : (
        <span class="muted">, không có hạn đăng ký được ghi</span>
      )}
    </div>
  );
}

/** An award with why it could be given: the registration of its year and the titles its prerequisite named. */
function AwardCard({ person: p, award: a }: { person: Person; award: Award }) {
  const registration = p.registrations.find((r) => r.year === a.year && r.code === a.code);
  return (
    <section class="award-card" data-award={a.awardId} aria-label={`${a.name} năm ${a.year}`}>
      <h3>
        <a href={to.award(a.awardId)}>
          {a.name} – năm {a.year}
        </a>
      </h3>
      <dl class="facts">
        <dt>Quyết định</dt>
        <dd>
          Số {a.decisionNumber}, ngày {day(a.date)}, {authorityLabel(a.authority)} ·{' '}
          <a href={to.awards({ nam: a.year, 'don-vi': a.unitId, 'danh-hieu': a.code })}>
            trong danh sách khen thưởng (sự kiện gốc)
          </a>
        </dd>
        <dt>Đăng ký danh hiệu năm {a.year}</dt>
        <dd>
          {registration ? (
            <RegistrationLine registration={registration} />
          ) : (
            'Không có (danh hiệu không cần đăng ký)'
          )}
        </dd>
        <dt>Điều kiện tiên quyết</dt>
        <dd>
          {a.basis.length === 0 ? (
            'Không có (danh hiệu không đòi danh hiệu trước)'
          ) : (
            <ul class="plain basis-list">
              {a.basis.map((b) => {
                const held = b.awardId ? p.awards.find((x) => x.awardId === b.awardId) : undefined;
                const prior = b.awardId
                  ? undefined
                  : p.priorTitles.find((t) => t.code === b.code && t.year === b.year);
                return (
                  <li key={`${b.code}:${b.year}`} class={held?.revoked ? 'revoked' : undefined}>
                    {titleLabel(b.code)} năm {b.year}:{' '}
                    {prior
                      ? `trước khi có sổ, quyết định ${prior.decisionRef}`
                      : held
                        ? `quyết định số ${held.decisionNumber} ngày ${day(held.date)}`
                        : 'không tìm thấy'}
                    {held?.revoked && (
                      <>
                        {' '}
                        <Badge tone="bad">đã bị thu hồi</Badge> theo {held.revoked.decisionRef} ngày{' '}
                        {day(held.revoked.on)}
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </dd>
        <dt>Tình trạng</dt>
        <dd>
          <AwardStatus
            award={{
              revoked: a.revoked && {
                ...a.revoked,
                ...(a.revoked.authority !== undefined && {
                  authorityName: authorityLabel(a.revoked.authority),
                }),
              },
              basisNoLongerHolds: a.basisNoLongerHolds,
            }}
          />
        </dd>
      </dl>
    </section>
  );
}
