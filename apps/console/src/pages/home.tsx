import { api, must } from '../api';
import { Load } from '../components/common';
import { statusLabel } from '../labels';
import { to } from '../routes';
import { useLoad, useTitle } from '../use-load';

/** Organizers (Bộ Công an, a provincial police force…) and the clusters each runs. */
export function HomePage() {
  useTitle('Cụm thi đua');
  const organizers = useLoad((signal) => must(api.GET('/organizers', { signal })), []);
  return (
    <>
      <h1>Cơ quan tổ chức và Cụm thi đua</h1>
      <p class="lead">Chọn một Cụm thi đua, rồi năm và kỳ để xem bảng xếp hạng.</p>
      <Load state={organizers}>
        {({ organizers: list }) =>
          list.length === 0 ? (
            <p>Chưa có Cụm thi đua nào.</p>
          ) : (
            list.map((o) => (
              <section key={o.unitId} class="card" aria-labelledby={`org-${o.unitId}`}>
                <h2 id={`org-${o.unitId}`}>
                  <a href={to.unit(o.unitId)}>{o.name ?? o.unitId}</a>
                </h2>
                <ul class="clusters">
                  {o.clusters.map((c) => (
                    <li key={c.clusterId}>
                      <a href={to.cluster(c.clusterId)}>{c.name ?? c.clusterId}</a>
                      <span class="muted">
                        {' '}
                        · {c.years.length > 0 ? `năm ${c.years.join(', ')}` : 'chưa có năm thi đua'}
                        {c.status !== 'active' ? ` · ${statusLabel(c.status)}` : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            ))
          )
        }
      </Load>
    </>
  );
}
