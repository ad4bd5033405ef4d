import { api, must } from '../api';
import { Breadcrumbs, Hash, Load } from '../components/common';
import { day, time } from '../format';
import { periodLabel, PERIODS, statusLabel } from '../labels';
import { to } from '../routes';
import { useLoad, useTitle } from '../use-load';
import { TableFrame } from '../components/table-frame';

/** A cluster-year: its periods (to the rankings), its members, chair and scheme. */
export function YearPage({ clusterId, year }: { clusterId: string; year: string }) {
  const y = Number(year);
  const doc = useLoad(
    (signal) =>
      must(
        api.GET('/clusters/{clusterId}/years/{year}', { params: { path: { clusterId, year: y } }, signal }),
      ),
    [clusterId, y],
  );
  const name = doc.data?.name ?? clusterId;
  useTitle(`${name} – năm ${year}`);
  return (
    <Load state={doc}>
      {(d) => (
        <>
          <Breadcrumbs
            items={[
              { label: 'Cụm thi đua', href: to.home() },
              { label: name, href: to.cluster(clusterId) },
              { label: `Năm ${year}` },
            ]}
          />
          <h1>
            {name} – năm {year}
          </h1>
          <h2>Kỳ chấm điểm</h2>
          <TableFrame>
            <table class="grid">
              <caption class="sr-only">Các kỳ chấm điểm năm {year}</caption>
              <thead>
                <tr>
                  <th scope="col">Kỳ</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Ngày hiệu lực</th>
                  <th scope="col">Ghi sổ lúc</th>
                  <th scope="col">Mã niêm phong</th>
                </tr>
              </thead>
              <tbody>
                {PERIODS.map((p) => {
                  const s = d.periods[p];
                  return (
                    <tr key={p}>
                      <th scope="row">
                        {s ? <a href={to.ranking(clusterId, y, p)}>{periodLabel(p)}</a> : periodLabel(p)}
                      </th>
                      <td>{s ? statusLabel(s.status) : 'Chưa mở'}</td>
                      <td>{s ? day(s.on) : '—'}</td>
                      <td class="muted">{s ? time(s.at) : '—'}</td>
                      <td>{s?.rankingDigest ? <Hash value={s.rankingDigest} /> : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableFrame>
          <h2>Thành viên ({d.members.filter((m) => !m.withdrawn).length})</h2>
          <ul class="members">
            {d.members.map((m) => (
              <li key={m.unitId}>
                <a href={to.unit(m.unitId)}>{m.name ?? m.unitId}</a>
                {d.chair?.unitId === m.unitId && <span class="badge info">Cụm trưởng</span>}
                {d.viceChair?.unitId === m.unitId && <span class="badge info">Cụm phó</span>}
                {m.withdrawn && <span class="muted"> · đã rút: {m.withdrawn.reason}</span>}
              </li>
            ))}
          </ul>
          <dl class="facts">
            <dt>Thang điểm</dt>
            <dd>
              {d.scheme
                ? `phiên bản ${d.scheme.version} (ban hành ngày ${day(d.scheme.publishedOn)}, ghi sổ ${time(d.scheme.publishedAt)})`
                : 'chưa ban hành'}
            </dd>
            <dt>Bầu cho năm {y + 1}</dt>
            <dd>
              {d.electedForNextYear.chair
                ? `Cụm trưởng: ${d.electedForNextYear.chair.name ?? d.electedForNextYear.chair.unitId}`
                : 'chưa bầu Cụm trưởng'}
              {d.electedForNextYear['vice-chair']
                ? ` · Cụm phó: ${d.electedForNextYear['vice-chair'].name ?? d.electedForNextYear['vice-chair'].unitId}`
                : ''}
            </dd>
            <dt>Giao ước thi đua</dt>
            <dd>{d.pledgedUnits.length} đơn vị đã ký</dd>
          </dl>
          <p>
            <a href={to.totals({ nam: y, cum: clusterId })}>Tổng hợp khen thưởng của Cụm năm {y}</a> ·{' '}
            <a href={to.awards({ nam: y, cum: clusterId })}>Danh sách khen thưởng năm {y}</a>
          </p>
        </>
      )}
    </Load>
  );
}
