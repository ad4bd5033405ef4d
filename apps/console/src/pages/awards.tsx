import { useLocation } from 'preact-iso';
import type { Schemas } from '@thidua/api-client';
import { api, must } from '../api';
import { Badge, Breadcrumbs, Load } from '../components/common';
import { AwardStatus } from '../components/award-status';
import { EventLink } from '../components/event-link';
import { day, num } from '../format';
import { kindLabel } from '../award-labels';
import { to, type AwardsQuery } from '../routes';
import { useLoad, useTitle } from '../use-load';
import { TableFrame } from '../components/table-frame';

type AwardItem = Schemas['AwardList']['items'][number];
const PAGE = 50;

/**
 * Khen thưởng từng trường hợp: the awards behind the totals of a cluster or a unit for a year — who received
 * what, by which decision of which authority, whether it still stands (revoked, or its basis gone), and the
 * events behind each. Filters and the page live in the address, so the back button and links keep them.
 */
export function AwardsPage() {
  const { query, route } = useLocation();
  const year = Number(query.nam) || 0;
  const clusterId = query.cum || undefined;
  const unitId = clusterId ? undefined : query['don-vi'] || undefined;
  const subUnits = unitId !== undefined && query['cap-duoi'] === '1';
  const code = query['danh-hieu'] || undefined;
  const kind = query.loai === 'collective' || query.loai === 'individual' ? query.loai : undefined;
  const offset = Math.max(0, Number(query.tu) || 0);
  const scope: AwardsQuery = {
    nam: year,
    ...(clusterId ? { cum: clusterId } : { 'don-vi': unitId }),
    ...(subUnits && { 'cap-duoi': 1 as const }),
  };
  const here = (q: Partial<AwardsQuery>): string =>
    to.awards({
      ...scope,
      ...(code && { 'danh-hieu': code }),
      ...(kind && { loai: kind }),
      ...q,
    });
  const scopeQuery = clusterId
    ? { cluster: clusterId }
    : { unit: unitId ?? '', ...(subUnits && { subUnits: 'true' as const }) };
  const totals = useLoad(
    (signal) => must(api.GET('/totals/{year}', { params: { path: { year }, query: scopeQuery }, signal })),
    [year, clusterId, unitId, subUnits],
  );
  const names = useLoad(
    async (signal) =>
      clusterId
        ? (await must(api.GET('/clusters/{clusterId}', { params: { path: { clusterId } }, signal }))).name
        : (await must(api.GET('/units/{unitId}', { params: { path: { unitId: unitId ?? '' } }, signal })))
            .name,
    [clusterId, unitId],
  );
  const list = useLoad(
    (signal) =>
      must(
        api.GET('/totals/{year}/awards', {
          params: {
            path: { year },
            query: {
              ...scopeQuery,
              ...(code && { code }),
              ...(kind && { kind }),
              offset,
              limit: PAGE,
            },
          },
          signal,
        }),
      ),
    [year, clusterId, unitId, subUnits, code, kind, offset],
  );
  const scopeName = names.data ?? clusterId ?? unitId ?? '';
  useTitle(`Khen thưởng ${scopeName} năm ${year}`);
  if (!year || (!clusterId && !unitId))
    return (
      <>
        <h1>Danh sách khen thưởng</h1>
        <p>
          Chọn một Cụm thi đua hoặc một đơn vị và một năm từ <a href={to.totals()}>Tổng hợp khen thưởng</a>.
        </p>
      </>
    );
  const backToTotals = to.totals({ nam: year, ...(clusterId ? { cum: clusterId } : { 'don-vi': unitId }) });
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Tổng hợp khen thưởng', href: backToTotals },
          { label: `${scopeName} – năm ${year}` },
        ]}
      />
      <h1>
        Danh sách khen thưởng: {scopeName} – năm {year}
      </h1>
      <p class="muted">
        {clusterId
          ? 'Các khen thưởng được tính cho Cụm trong năm: của các đơn vị thành viên và mọi đơn vị cấp dưới của chúng (tập thể và cá nhân).'
          : subUnits
            ? 'Các khen thưởng của đơn vị và mọi đơn vị cấp dưới (tập thể và cá nhân).'
            : 'Các khen thưởng của đơn vị (tập thể và cá nhân thuộc đơn vị).'}{' '}
        {unitId && <a href={to.unitPeople(unitId)}>Cán bộ của đơn vị</a>}
      </p>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.target as HTMLFormElement);
          const chosenCode = String(form.get('code') ?? '');
          const chosenKind = String(form.get('kind') ?? '');
          route(
            to.awards({
              ...scope,
              ...(chosenCode && { 'danh-hieu': chosenCode }),
              ...((chosenKind === 'collective' || chosenKind === 'individual') && { loai: chosenKind }),
            }),
          );
        }}
      >
        <label>
          Hình thức khen thưởng{' '}
          <select name="code" value={code ?? ''}>
            <option value="">— tất cả —</option>
            {(totals.data?.awards ?? []).map((a) => (
              <option key={a.code} value={a.code}>
                {a.name} ({num(a.total)})
              </option>
            ))}
          </select>
        </label>
        <label>
          Đối tượng{' '}
          <select name="kind" value={kind ?? ''}>
            <option value="">— tập thể và cá nhân —</option>
            <option value="collective">Tập thể</option>
            <option value="individual">Cá nhân</option>
          </select>
        </label>
        <button type="submit">Lọc</button>
      </form>
      <Load state={list}>
        {(l) => (
          <>
            <p class="headline" data-total={l.total} data-counted={l.counted}>
              <strong>{num(l.total)}</strong> khen thưởng
              {code || kind ? ' khớp bộ lọc' : ''}; <strong>{num(l.counted)}</strong> đang được tính (chưa bị
              thu hồi)
              {totals.data && !code && !kind && (
                <>
                  {' '}
                  — Tổng hợp ghi nhận <strong>{num(totals.data.total)} lượt</strong>
                  {totals.data.total === l.counted ? (
                    <Badge tone="ok">khớp</Badge>
                  ) : (
                    <Badge tone="bad">không khớp</Badge>
                  )}
                </>
              )}
              .
            </p>
            {l.items.length === 0 ? (
              <p>Không có khen thưởng nào.</p>
            ) : (
              <TableFrame>
                <table class="grid awards">
                  <caption>
                    Khen thưởng {num(l.offset + 1)}–{num(l.offset + l.items.length)} trên {num(l.total)}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Người / đơn vị nhận</th>
                      <th scope="col">Hình thức khen thưởng</th>
                      <th scope="col">Quyết định</th>
                      <th scope="col">Tình trạng</th>
                      <th scope="col">Sự kiện gốc</th>
                    </tr>
                  </thead>
                  <tbody>
                    {l.items.map((a) => (
                      <AwardRow key={a.awardId} award={a} />
                    ))}
                  </tbody>
                </table>
              </TableFrame>
            )}
            <nav aria-label="Phân trang" class="tabs">
              {l.offset > 0 && <a href={here({ tu: Math.max(0, l.offset - PAGE) })}>← Trang trước</a>}
              {l.offset + l.items.length < l.total && <a href={here({ tu: l.offset + PAGE })}>Trang sau →</a>}
            </nav>
          </>
        )}
      </Load>
    </>
  );
}

function AwardRow({ award: a }: { award: AwardItem }) {
  return (
    <tr data-award={a.awardId} class={a.revoked ? 'revoked' : undefined}>
      <th scope="row" class="name">
        <Recipient award={a} />
      </th>
      <td class="form">
        <a href={to.award(a.awardId)}>{a.name}</a>
        <div class="muted small">
          {kindLabel(a.kind)} · năm {a.year}
        </div>
      </td>
      <td class="decision">
        Số {a.decisionNumber}
        <div class="muted small">
          ngày {day(a.date)} · {a.authorityName}
          {a.proposalItem && ' · theo tờ trình'}
          {a.adHocReason !== null && ' · đột xuất'}
          {a.flagBasis && ` · cờ: hạng ${a.flagBasis.rank ?? '—'}, chỉ tiêu ${a.flagBasis.quota}`}
        </div>
      </td>
      <td>
        <AwardStatus award={a} />
      </td>
      <td class="events">
        <EventLink event={a.issued} label="Quyết định" />
        {a.revoked && (
          <>
            <br />
            <EventLink event={a.revoked.event} label="Thu hồi" />
          </>
        )}
      </td>
    </tr>
  );
}

function Recipient({ award: a }: { award: AwardItem }) {
  const unit = <a href={to.unit(a.unitId)}>{a.unitName ?? a.unitId}</a>;
  if (a.kind === 'collective') return unit;
  return (
    <>
      {a.personId ? (
        <a href={to.person(a.personId)} class={a.personName === 'đã xoá' ? 'erased' : undefined}>
          {a.personName ?? a.personId}
        </a>
      ) : (
        <span class="muted">cá nhân ghi trước sổ cá nhân</span>
      )}
      {a.rankTitle && <span class="muted"> · {a.rankTitle}</span>}
      <div class="muted small">thuộc {unit}</div>
    </>
  );
}
