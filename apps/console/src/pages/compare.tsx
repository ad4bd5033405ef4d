import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import type { Schemas } from '@thidua/api-client';
import { api, must } from '../api';
import { Breadcrumbs, Hash, Load, Problem } from '../components/common';
import { Differences, unitChanges } from '../components/differences';
import { RankingFacts } from '../components/ranking-facts';
import { RankingTable } from '../components/ranking-table';
import { day, num, time } from '../format';
import { assessmentLabel, periodLabel, type PeriodCode } from '../labels';
import { useLoad, useTitle } from '../use-load';
import { criterionTitles, periodCrumbs, useClusterName, useExplained } from '../loads';
import { TableFrame } from '../components/table-frame';

type Explained = Schemas['ExplainedRankingDocument'];

/**
 * Beside the actual ranking: the ranking as it stood at a position of the log or a moment (`?asOf=`), and
 * the ranking as it would stand with entries changed or dropped (what-if); the differences highlighted.
 */
export function ComparePage(props: { clusterId: string; year: string; period: string }) {
  const { clusterId } = props;
  const y = Number(props.year);
  const p = props.period as PeriodCode;
  const clusterName = useClusterName(clusterId);
  useTitle(`Đối chiếu ${clusterName} – ${periodLabel(p)}/${y}`);
  const current = useExplained(clusterId, y, p);
  return (
    <>
      <Breadcrumbs items={periodCrumbs(clusterId, clusterName, y, p, 'Đối chiếu')} />
      <h1>
        Đối chiếu bảng xếp hạng {periodLabel(p)}/{y}
      </h1>
      <Load state={current}>
        {(actual) => {
          const title = criterionTitles(actual);
          return (
            <>
              <AsOf clusterId={clusterId} year={y} period={p} actual={actual} title={title} />
              <WhatIf clusterId={clusterId} year={y} period={p} actual={actual} title={title} />
            </>
          );
        }}
      </Load>
    </>
  );
}

interface SectionProps {
  clusterId: string;
  year: number;
  period: PeriodCode;
  actual: Explained;
  title(code: string): string;
}

type AsOfKind = 'position' | 'time' | 'effective';

/**
 * As of a position (a number) or a moment of recording (a date and time, sent as ISO-8601): `?asOf=`; or as
 * of a business date (`?asOfEffective=YYYY-MM-DD`: what had been scored, decided, complained about by that
 * day, however late it was recorded).
 */
function AsOf({ clusterId, year, period, actual, title }: SectionProps) {
  const { query, path, route } = useLocation();
  const { asOf, asOfEffective } = query;
  const [kind, setKind] = useState<AsOfKind>(
    asOfEffective !== undefined ? 'effective' : asOf && !/^\d+$/.test(asOf) ? 'time' : 'position',
  );
  const [position, setPosition] = useState(asOf && /^\d+$/.test(asOf) ? asOf : String(actual.position - 1));
  const [moment, setMoment] = useState('');
  const [date, setDate] = useState(asOfEffective ?? '');
  const asked = asOf !== undefined || asOfEffective !== undefined;
  const past = useLoad(
    (signal) =>
      !asked
        ? Promise.resolve(undefined)
        : must(
            // Explain: its rows say which tie-break parted equal totals (the plain ranking's do not).
            api.GET('/clusters/{clusterId}/years/{year}/rankings/{period}/explain', {
              params: {
                path: { clusterId, year, period },
                query: {
                  ...(asOf !== undefined && { asOf }),
                  ...(asOfEffective !== undefined && { asOfEffective }),
                },
              },
              signal,
            }),
          ),
    [clusterId, year, period, asOf, asOfEffective],
  );
  const submit = (event: Event) => {
    event.preventDefault();
    if (kind === 'effective') {
      if (date) route(`${path}?asOfEffective=${encodeURIComponent(date)}`);
      return;
    }
    const value = kind === 'position' ? position.trim() : moment && new Date(moment).toISOString();
    if (value) route(`${path}?asOf=${encodeURIComponent(value)}`);
  };
  const label = [
    asOf === undefined ? '' : /^\d+$/.test(asOf) ? `tại sự kiện #${asOf}` : `lúc ghi sổ ${time(asOf)}`,
    asOfEffective === undefined ? '' : `theo ngày hiệu lực ${day(asOfEffective)}`,
  ]
    .filter(Boolean)
    .join(', ');
  const choice = (value: AsOfKind, text: string) => (
    <label>
      <input type="radio" name="kind" checked={kind === value} onChange={() => setKind(value)} /> {text}
    </label>
  );
  return (
    <section class="card" aria-labelledby="as-of">
      <h2 id="as-of">Tại một thời điểm (as-of)</h2>
      <form onSubmit={submit} class="inline">
        <fieldset>
          <legend>Xem bảng xếp hạng như tại</legend>
          {choice('position', 'vị trí trong sổ (số thứ tự sự kiện)')}
          {choice('time', 'thời điểm ghi sổ')}
          {choice('effective', 'ngày hiệu lực (ngày của việc: chấm, họp, quyết định)')}
        </fieldset>
        {kind === 'position' && (
          <label>
            Vị trí trong sổ
            <input
              type="number"
              name="position"
              min={0}
              value={position}
              onInput={(e) => setPosition((e.target as HTMLInputElement).value)}
            />
          </label>
        )}
        {kind === 'time' && (
          <label>
            Ngày giờ
            <input
              type="datetime-local"
              name="moment"
              step={1}
              value={moment}
              onInput={(e) => setMoment((e.target as HTMLInputElement).value)}
            />
          </label>
        )}
        {kind === 'effective' && (
          <label>
            Ngày hiệu lực
            <input
              type="date"
              name="effective"
              value={date}
              onInput={(e) => setDate((e.target as HTMLInputElement).value)}
            />
          </label>
        )}
        <button type="submit">Xem</button>
      </form>
      <p class="muted small">Bảng hiện tại tính đến sự kiện #{actual.position}.</p>
      {asked && (
        <Load state={past}>
          {(then) =>
            then && (
              <>
                <h3>Khác biệt {label} so với hiện tại</h3>
                <RankingFacts ranking={then} />
                <Differences
                  changes={unitChanges(actual.rows, then.rows)}
                  before={actual.rows}
                  after={then.rows}
                  beforeLabel="hiện tại"
                  afterLabel={label}
                  title={title}
                />
                <div class="side-by-side">
                  <RankingTable
                    rows={actual.rows}
                    caption={`Hiện tại (sự kiện #${actual.position})`}
                    title={title}
                    compact
                  />
                  <RankingTable
                    rows={then.rows}
                    caption={`Tại thời điểm: ${label}`}
                    title={title}
                    compareWith={actual.rows}
                    compareLabel="hiện tại"
                    compact
                  />
                </div>
              </>
            )
          }
        </Load>
      )}
    </section>
  );
}

type Answer = Schemas['WhatIfAnswer'];

/** Change the points of entries or drop them, and see the ranking that would result. */
function WhatIf({ clusterId, year, period, actual, title }: SectionProps) {
  const [points, setPoints] = useState<Record<string, string>>({});
  const [dropped, setDropped] = useState<Record<string, boolean>>({});
  const [all, setAll] = useState(false);
  const [answer, setAnswer] = useState<Answer>();
  const [error, setError] = useState<unknown>();
  const entries = actual.rows.flatMap((row) =>
    row.explain.flatMap((c) =>
      c.entries
        .filter((e) => e.status === 'active' && (all || e.used))
        .map((e) => ({ row, criterion: c, entry: e })),
    ),
  );
  const submit = async (event: Event) => {
    event.preventDefault();
    const overrides = Object.entries(points)
      .filter(([id, v]) => v.trim() !== '' && !dropped[id])
      .map(([entryId, v]) => ({ entryId, points: Number(v.replace(',', '.')) }));
    const exclude = Object.keys(dropped).filter((id) => dropped[id]);
    setError(undefined);
    try {
      setAnswer(
        await must(
          api.POST('/clusters/{clusterId}/years/{year}/rankings/{period}/what-if', {
            params: { path: { clusterId, year, period } },
            body: { overrides, exclude },
          }),
        ),
      );
    } catch (e) {
      setError(e);
      setAnswer(undefined);
    }
  };
  return (
    <section class="card" aria-labelledby="what-if">
      <h2 id="what-if">Giả định (what-if)</h2>
      <p>
        Nhập điểm khác cho một mục điểm, hoặc bỏ hẳn mục đó, rồi xem bảng xếp hạng khi ấy. Sổ không bị thay
        đổi.
      </p>
      <form onSubmit={submit}>
        <label class="check">
          <input
            type="checkbox"
            checked={all}
            onChange={(e) => setAll((e.target as HTMLInputElement).checked)}
          />{' '}
          Hiện cả các mục điểm không được tính (tự chấm khi đã có điểm Cụm chấm)
        </label>
        <TableFrame>
          <table class="grid">
            <caption>Các mục điểm của kỳ</caption>
            <thead>
              <tr>
                <th scope="col">Đơn vị</th>
                <th scope="col">Tiêu chí</th>
                <th scope="col">Nguồn</th>
                <th scope="col" class="num">
                  Điểm
                </th>
                <th scope="col">Điểm giả định</th>
                <th scope="col">Bỏ mục này</th>
              </tr>
            </thead>
            <tbody>
              {entries.map(({ row, criterion, entry }) => {
                const label = `${row.unitName ?? row.unitId}, ${criterion.title}`;
                return (
                  <tr key={entry.entryId} data-entry={entry.entryId}>
                    <th scope="row" class="name">
                      {row.unitName ?? row.unitId}
                    </th>
                    <td>{criterion.title}</td>
                    <td>
                      {assessmentLabel(entry.assessment)} <Hash value={entry.entryId} n={8} />
                    </td>
                    <td class="num">{num(entry.points)}</td>
                    <td>
                      <input
                        type="number"
                        step="0.01"
                        min={0}
                        max={criterion.maxPoints}
                        aria-label={`Điểm giả định: ${label}`}
                        value={points[entry.entryId] ?? ''}
                        disabled={dropped[entry.entryId]}
                        onInput={(e) =>
                          setPoints({ ...points, [entry.entryId]: (e.target as HTMLInputElement).value })
                        }
                      />
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Bỏ mục điểm: ${label}`}
                        checked={dropped[entry.entryId] ?? false}
                        onChange={(e) =>
                          setDropped({ ...dropped, [entry.entryId]: (e.target as HTMLInputElement).checked })
                        }
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableFrame>
        <button type="submit">Tính bảng xếp hạng giả định</button>
      </form>
      {error !== undefined && <Problem error={error} />}
      {answer && (
        <div aria-live="polite">
          <h3>Khác biệt của giả định so với thực tế</h3>
          <Differences
            changes={answer.diff}
            before={answer.actual.rows}
            after={answer.hypothetical.rows}
            beforeLabel="thực tế"
            afterLabel="giả định"
            title={title}
          />
          <div class="side-by-side">
            <RankingTable rows={answer.actual.rows} caption="Thực tế" title={title} compact />
            <RankingTable
              rows={answer.hypothetical.rows}
              caption="Giả định"
              title={title}
              compareWith={answer.actual.rows}
              compareLabel="thực tế"
              compact
            />
          </div>
        </div>
      )}
    </section>
  );
}
