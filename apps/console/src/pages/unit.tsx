import { useLocation } from 'preact-iso';
import { api, must } from '../api';
import { Breadcrumbs, Hash, Load } from '../components/common';
import { byVietnamese, day, time } from '../format';
import { EVENT_TYPES, eventTypeLabel, periodLabel, roleLabel, statusLabel, type EventType } from '../labels';
import { to } from '../routes';
import { useLoad, useTitle } from '../use-load';

const PAGE_SIZE = 20;
const TYPES = (Object.entries(EVENT_TYPES) as Array<[EventType, string]>).sort((a, b) =>
  byVietnamese(a[1], b[1]),
);

/**
 * A unit: what it is, where it competes, and its history as a timeline, a page at a time (`?after=` the
 * previous page's last position), filtered by event type (`?type=`). Both live in the address, so a page
 * of the timeline can be linked to and the browser's back button goes to the previous page.
 */
export function UnitPage({ unitId }: { unitId: string }) {
  const { query, route } = useLocation();
  const after = Number(query.after ?? 0) || 0;
  const type = query.type && query.type in EVENT_TYPES ? (query.type as EventType) : undefined;
  const unit = useLoad(
    (signal) => must(api.GET('/units/{unitId}', { params: { path: { unitId } }, signal })),
    [unitId],
  );
  const history = useLoad(
    (signal) =>
      must(
        api.GET('/units/{unitId}/history', {
          params: {
            path: { unitId },
            query: { after, limit: PAGE_SIZE, ...(type !== undefined && { type: [type] }) },
          },
          signal,
        }),
      ),
    [unitId, after, type],
  );
  const name = unit.data?.name ?? history.data?.name ?? unitId;
  useTitle(name);
  return (
    <>
      <Breadcrumbs items={[{ label: 'Cụm thi đua', href: to.home() }, { label: name }]} />
      <h1>{name}</h1>
      <Load state={unit}>
        {(u) => (
          <dl class="facts">
            <dt>Mã đơn vị</dt>
            <dd>
              <code>{u.unitId}</code>
            </dd>
            <dt>Loại</dt>
            <dd>{u.kind ?? '—'}</dd>
            <dt>Trực thuộc</dt>
            <dd>{u.parentUnitId ? <a href={to.unit(u.parentUnitId)}>{u.parentUnitId}</a> : '—'}</dd>
            <dt>Trạng thái</dt>
            <dd>{statusLabel(u.status)}</dd>
            <dt>Thi đua trong</dt>
            <dd>
              {u.clusterYears.length === 0
                ? '—'
                : u.clusterYears.map((cy, i) => {
                    const cut = cy.lastIndexOf(':');
                    const [c, y] = [cy.slice(0, cut), Number(cy.slice(cut + 1))];
                    return (
                      <span key={cy}>
                        {i > 0 && ', '}
                        <a href={to.year(c, y)}>
                          {c} năm {y}
                        </a>
                      </span>
                    );
                  })}
            </dd>
          </dl>
        )}
      </Load>
      <p>
        <a href={to.totals({ 'don-vi': unitId })}>Tổng hợp khen thưởng của đơn vị</a> ·{' '}
        <a href={to.unitPeople(unitId)}>Cán bộ của đơn vị</a>
      </p>

      <h2 id="history">Lịch sử</h2>
      <form class="inline" onSubmit={(e) => e.preventDefault()}>
        <label>
          Loại sự kiện{' '}
          <select
            name="type"
            value={type ?? ''}
            onChange={(e) =>
              route(to.unit(unitId, { type: (e.target as HTMLSelectElement).value || undefined }))
            }
          >
            <option value="">Tất cả</option>
            {TYPES.map(([t, label]) => (
              <option key={t} value={t}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </form>
      <Load state={history}>
        {(page) => (
          <>
            <p class="muted" role="status">
              {page.total} sự kiện trong toàn bộ lịch sử
              {type ? `; đang lọc: ${eventTypeLabel(type)}` : ''}
              {after > 0 ? `; từ sau sự kiện #${after}` : ''}.
            </p>
            {page.items.length === 0 ? (
              <p>Không có sự kiện nào trong trang này.</p>
            ) : (
              <ol class="timeline" aria-labelledby="history">
                {page.items.map((e) => (
                  <li key={e.position} data-position={e.position}>
                    <div class="when">
                      {e.effectiveDate ? (
                        <time dateTime={e.effectiveDate} title="Ngày hiệu lực (ngày của việc)">
                          {day(e.effectiveDate)}
                        </time>
                      ) : (
                        <span class="muted">không có ngày hiệu lực</span>
                      )}
                      <span class="muted small">
                        ghi sổ <time dateTime={e.occurredAt}>{time(e.occurredAt)}</time>
                      </span>
                      <span class="muted small">#{e.position}</span>
                    </div>
                    <div class="what">
                      <strong>{e.summary}</strong>
                      <div class="muted small">
                        {eventTypeLabel(e.type)} · {e.actor.id} ({roleLabel(e.actor.role)}) ·{' '}
                        <a href={to.event(e.streamId, e.revision)}>
                          {e.streamId} #{e.revision}
                        </a>{' '}
                        · băm <Hash value={e.hash} n={10} />
                        {e.refs.clusterId && e.refs.year !== undefined && e.refs.period && (
                          <>
                            {' '}
                            ·{' '}
                            <a href={to.ranking(e.refs.clusterId, e.refs.year, e.refs.period)}>
                              xếp hạng {periodLabel(e.refs.period)}/{e.refs.year}
                            </a>
                          </>
                        )}
                      </div>
                      {e.reason && <div class="reason">Lý do: {e.reason}</div>}
                    </div>
                  </li>
                ))}
              </ol>
            )}
            <nav aria-label="Trang lịch sử" class="pager">
              {after > 0 && <a href={to.unit(unitId, { type })}>« Trang đầu</a>}
              {page.nextAfter !== null && (
                <a href={to.unit(unitId, { type, after: page.nextAfter })} rel="next">
                  Trang sau »
                </a>
              )}
            </nav>
          </>
        )}
      </Load>
    </>
  );
}
