import { useLocation } from 'preact-iso';
import { useMemo, useState } from 'preact/hooks';
import type { ChartConfiguration } from 'chart.js';
import type { Schemas } from '@thidua/api-client';
import { api, must } from '../api';
import { ChartView, COLORS, wrapLabel } from '../components/chart';
import { Load } from '../components/common';
import { ReportedFigures } from '../components/reported-figures';
import { num } from '../format';
import { to, type TotalsQuery } from '../routes';
import { useLoad, useTitle } from '../use-load';
import { TableFrame } from '../components/table-frame';

type Totals = Schemas['TotalsDoc'];
type Scope = 'to-chuc' | 'cum' | 'don-vi';
const SCOPES: Record<Scope, string> = {
  'to-chuc': 'Cơ quan tổ chức',
  cum: 'Cụm thi đua',
  'don-vi': 'Đơn vị',
};

/** Everything the pickers offer: organizers, clusters and units with their names, and the latest year. */
async function directory(signal: AbortSignal) {
  const [organizers, clusters, units] = await Promise.all([
    must(api.GET('/organizers', { signal })),
    must(api.GET('/clusters', { signal })),
    must(api.GET('/units', { signal })),
  ]);
  const names = new Map<string, string>();
  for (const u of units.units) names.set(u.unitId, u.name ?? u.unitId);
  for (const c of clusters.clusters) names.set(c.clusterId, c.name ?? c.clusterId);
  const options: Record<Scope, Array<{ id: string; name: string }>> = {
    'to-chuc': organizers.organizers.map((o) => ({ id: o.unitId, name: o.name ?? o.unitId })),
    cum: clusters.clusters.map((c) => ({ id: c.clusterId, name: c.name ?? c.clusterId })),
    'don-vi': units.units.map((u) => ({ id: u.unitId, name: u.name ?? u.unitId })),
  };
  const latestYear = Math.max(0, ...clusters.clusters.flatMap((c) => c.years));
  return { names, options, latestYear };
}

/** Yearly totals of awards (lượt), by award and tập thể / cá nhân, and pledges registered against conferred. */
export function TotalsPage() {
  const { query, route } = useLocation();
  const scope = (['cum', 'to-chuc', 'don-vi'] as Scope[]).find((s) => query[s]);
  const id = scope && query[scope];
  const year = Number(query.nam) || undefined;
  const dir = useLoad(directory, []);
  const totals = useLoad(
    (signal) =>
      scope && id && year
        ? must(
            api.GET('/totals/{year}', {
              params: {
                path: { year },
                query:
                  scope === 'cum' ? { cluster: id } : scope === 'to-chuc' ? { organizer: id } : { unit: id },
              },
              signal,
            }),
          )
        : Promise.resolve(undefined),
    [scope, id, year],
  );
  const [formScope, setFormScope] = useState<Scope>(scope ?? 'cum');
  const [formId, setFormId] = useState(id ?? '');
  const [formYear, setFormYear] = useState(year ? String(year) : '');
  const scopeName = id ? (dir.data?.names.get(id) ?? id) : '';
  useTitle(scope && year ? `Tổng hợp khen thưởng ${scopeName} năm ${year}` : 'Tổng hợp khen thưởng');
  const submit = (event: Event) => {
    event.preventDefault();
    const chosenYear = Number(formYear) || dir.data?.latestYear;
    if (!formId || !chosenYear) return;
    route(to.totals({ nam: chosenYear, [formScope]: formId } as TotalsQuery));
  };
  return (
    <>
      <h1>Tổng hợp khen thưởng</h1>
      <Load state={dir}>
        {(d) => (
          <form class="inline" onSubmit={submit}>
            <label>
              Năm{' '}
              <input
                type="number"
                name="year"
                min={1990}
                max={2100}
                placeholder={String(d.latestYear || '')}
                value={formYear}
                onInput={(e) => setFormYear((e.target as HTMLInputElement).value)}
              />
            </label>
            <label>
              Phạm vi{' '}
              <select
                name="scope"
                value={formScope}
                onChange={(e) => {
                  setFormScope((e.target as HTMLSelectElement).value as Scope);
                  setFormId('');
                }}
              >
                {(Object.keys(SCOPES) as Scope[]).map((s) => (
                  <option key={s} value={s}>
                    {SCOPES[s]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {SCOPES[formScope]}{' '}
              <select
                name="id"
                value={formId}
                onChange={(e) => setFormId((e.target as HTMLSelectElement).value)}
              >
                <option value="">— chọn —</option>
                {d.options[formScope].map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">Xem</button>
          </form>
        )}
      </Load>
      {scope && id && year ? (
        <Load state={totals}>
          {(t) => t && <TotalsView totals={t} title={`${scopeName} – năm ${year}`} names={dir.data?.names} />}
        </Load>
      ) : (
        <p class="muted">Chọn năm và phạm vi (một Cơ quan tổ chức, một Cụm thi đua hoặc một đơn vị).</p>
      )}
    </>
  );
}

function TotalsView({
  totals: t,
  title,
  names,
}: {
  totals: Totals;
  title: string;
  names?: Map<string, string>;
}) {
  const name = (id: string) => names?.get(id) ?? id;
  const byAward = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: t.awards.map((a) => wrapLabel(a.name)),
        datasets: [
          { label: 'Tập thể', data: t.awards.map((a) => a.collective), backgroundColor: COLORS.collective },
          { label: 'Cá nhân', data: t.awards.map((a) => a.individual), backgroundColor: COLORS.individual },
        ],
      },
      options: { indexAxis: 'y', scales: { x: { stacked: true }, y: { stacked: true } } },
    }),
    [t],
  );
  const split = useMemo<ChartConfiguration>(
    () => ({
      type: 'doughnut',
      data: {
        labels: ['Tập thể', 'Cá nhân'],
        datasets: [
          { data: [t.collective, t.individual], backgroundColor: [COLORS.collective, COLORS.individual] },
        ],
      },
    }),
    [t],
  );
  const pledges = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: t.pledges.map((p) => wrapLabel(name(p.unitId), 20)),
        datasets: [
          {
            label: 'Danh hiệu đăng ký',
            data: t.pledges.map((p) => p.registered.length),
            backgroundColor: COLORS.registered,
          },
          {
            label: 'Đã được tặng',
            data: t.pledges.map((p) => p.conferred.length),
            backgroundColor: COLORS.conferred,
          },
        ],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }),
    [t, names],
  );
  return (
    <>
      <h2>{title}</h2>
      <p class="headline" data-total={t.total}>
        <strong>{num(t.total)} lượt</strong> khen thưởng: {num(t.collective)} tập thể, {num(t.individual)} cá
        nhân.
      </p>
      {(t.scope === 'cluster' || t.scope === 'unit') && (
        <p>
          <a
            href={to.awards({
              nam: t.year,
              ...(t.scope === 'cluster' ? { cum: t.scopeId } : { 'don-vi': t.scopeId }),
            })}
          >
            Xem từng khen thưởng (người nhận, quyết định, tình trạng, sự kiện gốc)
          </a>
        </p>
      )}
      {t.reported ? (
        <ReportedFigures reported={t.reported} recorded={t} />
      ) : (
        t.scope !== 'unit' && (
          <p class="muted">Chưa ghi nhận số liệu báo cáo nào của phạm vi này để đối chiếu.</p>
        )
      )}
      {t.awards.length === 0 ? (
        <p>Chưa có khen thưởng nào được ghi nhận.</p>
      ) : (
        <div class="charts">
          <figure>
            <figcaption>Theo hình thức khen thưởng</figcaption>
            <ChartView
              config={byAward}
              label={`Biểu đồ cột: số lượt theo hình thức khen thưởng, tập thể và cá nhân (bảng số liệu bên dưới)`}
              height={Math.max(220, 64 * t.awards.length)}
            />
          </figure>
          <figure>
            <figcaption>Tập thể và cá nhân</figcaption>
            <ChartView
              config={split}
              label={`Biểu đồ tròn: ${t.collective} lượt tập thể, ${t.individual} lượt cá nhân`}
            />
          </figure>
        </div>
      )}
      {t.awards.length > 0 && (
        <TableFrame>
          <table class="grid">
            <caption>Số lượt theo hình thức khen thưởng</caption>
            <thead>
              <tr>
                <th scope="col">Hình thức khen thưởng</th>
                <th scope="col" class="num">
                  Tập thể
                </th>
                <th scope="col" class="num">
                  Cá nhân
                </th>
                <th scope="col" class="num">
                  Tổng (lượt)
                </th>
              </tr>
            </thead>
            <tbody>
              {t.awards.map((a) => (
                <tr key={a.code}>
                  <th scope="row">{a.name}</th>
                  <td class="num">{num(a.collective)}</td>
                  <td class="num">{num(a.individual)}</td>
                  <td class="num">{num(a.total)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Cộng</th>
                <td class="num">{num(t.collective)}</td>
                <td class="num">{num(t.individual)}</td>
                <td class="num">{num(t.total)}</td>
              </tr>
            </tfoot>
          </table>
        </TableFrame>
      )}
      {t.flags.length > 0 && (
        <>
          <h3>Cờ thi đua</h3>
          <ul>
            {t.flags.map((f) => (
              <li key={f.awardId}>
                {name(f.unitId)} · {t.awards.find((a) => a.code === f.code)?.name ?? f.code}
                {f.overridden && ' · ngoài chỉ tiêu (đặc cách, có lý do ghi trong quyết định)'} ·{' '}
                <a href={to.unit(f.unitId, { type: 'AwardDecisionIssued' })}>quyết định khen thưởng</a>
                {t.clusterId && (
                  <>
                    {' '}
                    · <a href={to.ranking(t.clusterId, t.year, 'Y')}>căn cứ: xếp hạng cả năm của Cụm</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Giao ước thi đua: đăng ký và kết quả</h3>
      {t.pledges.length === 0 ? (
        <p>Không có giao ước thi đua nào trong phạm vi này.</p>
      ) : (
        <>
          <p>
            {t.pledgeSummary.pledges} giao ước; {t.pledgeSummary.registered} danh hiệu đăng ký,{' '}
            {t.pledgeSummary.conferred} đã được tặng; {t.pledgeSummary.fulfilled} giao ước hoàn thành.
          </p>
          {t.pledgeSummary.registered === 0 ? (
            <p>Các giao ước trong phạm vi này không đăng ký danh hiệu nào, nên không có gì để đối chiếu.</p>
          ) : (
            <figure>
              <figcaption>Danh hiệu đăng ký và đã được tặng, theo đơn vị</figcaption>
              <ChartView
                config={pledges}
                label="Biểu đồ cột: danh hiệu đăng ký và đã được tặng của từng đơn vị (bảng bên dưới)"
              />
            </figure>
          )}
          <TableFrame>
            <table class="grid">
              <caption>Giao ước theo đơn vị</caption>
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Danh hiệu đăng ký</th>
                  <th scope="col">Đã được tặng</th>
                  <th scope="col">Hoàn thành</th>
                </tr>
              </thead>
              <tbody>
                {t.pledges.map((p) => (
                  <tr key={`${p.clusterId}:${p.unitId}`}>
                    <th scope="row" class="name">
                      {name(p.unitId)}
                    </th>
                    <td>{p.registered.join(', ') || '—'}</td>
                    <td>{p.conferred.join(', ') || '—'}</td>
                    <td>
                      {p.registered.length === 0 ? 'Không đăng ký danh hiệu' : p.fulfilled ? 'Có' : 'Chưa'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
        </>
      )}
    </>
  );
}
