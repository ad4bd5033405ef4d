import { api, must } from '../api';
import { Breadcrumbs, Load } from '../components/common';
import { statusLabel } from '../labels';
import { day, time } from '../format';
import { to } from '../routes';
import { useLoad, useTitle } from '../use-load';

/** A cluster: its organizer, its status and its years. */
export function ClusterPage({ clusterId }: { clusterId: string }) {
  const cluster = useLoad(
    (signal) => must(api.GET('/clusters/{clusterId}', { params: { path: { clusterId } }, signal })),
    [clusterId],
  );
  useTitle(cluster.data?.name ?? clusterId);
  return (
    <Load state={cluster}>
      {(c) => (
        <>
          <Breadcrumbs items={[{ label: 'Cụm thi đua', href: to.home() }, { label: c.name ?? clusterId }]} />
          <h1>{c.name ?? clusterId}</h1>
          <dl class="facts">
            <dt>Cơ quan tổ chức</dt>
            <dd>{c.organizerUnitId ? <a href={to.unit(c.organizerUnitId)}>{c.organizerUnitId}</a> : '—'}</dd>
            <dt>Số hiệu</dt>
            <dd>{c.number ?? '—'}</dd>
            <dt>Trạng thái</dt>
            <dd>
              {statusLabel(c.status)}
              {c.formed ? ` · thành lập ngày ${day(c.formed.on)} (ghi sổ ${time(c.formed.at)})` : ''}
              {c.dissolved ? ` · giải thể ngày ${day(c.dissolved.on)}: ${c.dissolved.reason}` : ''}
            </dd>
          </dl>
          <h2>Các năm thi đua</h2>
          {c.years.length === 0 ? (
            <p>Chưa có năm thi đua nào.</p>
          ) : (
            <ul class="years">
              {c.years.map((y) => (
                <li key={y}>
                  <a href={to.year(clusterId, y)}>Năm {y}</a>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Load>
  );
}
