import { api, must } from '../api';
import { ERASED, titleLabel } from '../award-labels';
import { Badge, Breadcrumbs, Load } from '../components/common';
import { day } from '../format';
import { to } from '../routes';
import { useLoad, useTitle } from '../use-load';
import { TableFrame } from '../components/table-frame';

/**
 * Cán bộ của đơn vị: the people registered in a unit now — name (or "đã xoá"), rank, position, transfers,
 * what they registered per year and the titles they hold — each linking to the person's register.
 */
export function UnitPeoplePage({ unitId }: { unitId: string }) {
  const list = useLoad(
    (signal) => must(api.GET('/units/{unitId}/people', { params: { path: { unitId } }, signal })),
    [unitId],
  );
  const name = list.data?.unitName ?? unitId;
  useTitle(`Cán bộ của ${name}`);
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Cụm thi đua', href: to.home() },
          { label: name, href: to.unit(unitId) },
          { label: 'Cán bộ' },
        ]}
      />
      <h1>Cán bộ của {name}</h1>
      <Load state={list}>
        {(l) =>
          l.people.length === 0 ? (
            <p>Đơn vị chưa có cán bộ nào được đăng ký trong sổ.</p>
          ) : (
            <TableFrame>
              <table class="grid people">
                <caption>{l.people.length} cán bộ (đang công tác tại đơn vị)</caption>
                <thead>
                  <tr>
                    <th scope="col">Họ và tên</th>
                    <th scope="col">Cấp bậc, chức vụ</th>
                    <th scope="col">Đăng ký danh hiệu</th>
                    <th scope="col">Danh hiệu, khen thưởng</th>
                    <th scope="col">Chuyển công tác</th>
                  </tr>
                </thead>
                <tbody>
                  {l.people.map((p) => (
                    <tr key={p.personId} data-person={p.personId}>
                      <th scope="row" class="name">
                        <a href={to.person(p.personId)} class={p.fullName === ERASED ? 'erased' : undefined}>
                          {p.fullName}
                        </a>
                        <div class="muted small">
                          <code>{p.personId}</code>
                        </div>
                      </th>
                      <td>
                        {p.rankTitle ?? '—'}
                        {p.positionHeld && <div class="muted small">{p.positionHeld}</div>}
                      </td>
                      <td>
                        {p.registrations.length === 0
                          ? '—'
                          : p.registrations.map((r) => (
                              <div key={`${r.year}:${r.code}`} class="small">
                                {r.year}: {titleLabel(r.code)} ({day(r.on)}
                                {r.deadline ? `, hạn ${day(r.deadline.date)}` : ''})
                              </div>
                            ))}
                      </td>
                      <td>
                        {p.priorTitles.map((t) => (
                          <div key={`prior:${t.code}:${t.year}`} class="small">
                            {t.year}: {titleLabel(t.code)} <span class="muted">(trước khi có sổ)</span>
                          </div>
                        ))}
                        {p.awards.map((a) => (
                          <div key={a.awardId} class="small">
                            {a.year}: {a.name}
                            {a.revoked && <Badge tone="bad">Đã thu hồi</Badge>}
                            {a.basisNoLongerHolds.length > 0 && (
                              <Badge tone="warn">Căn cứ không còn giữ</Badge>
                            )}
                          </div>
                        ))}
                        {p.priorTitles.length + p.awards.length === 0 && '—'}
                      </td>
                      <td>
                        {p.transfers.length === 0
                          ? '—'
                          : p.transfers.map((t) => (
                              <div key={`${t.on}:${t.toUnitId}`} class="small">
                                {day(t.on)}: {t.fromUnitId} → {t.toUnitId}
                              </div>
                            ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableFrame>
          )
        }
      </Load>
    </>
  );
}
