import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClusterYearChange } from '@thidua/api-client';
import { api, must } from '../api';
import { Breadcrumbs, Load } from '../components/common';
import { RankingFacts } from '../components/ranking-facts';
import { RankingTable, type Row } from '../components/ranking-table';
import { time } from '../format';
import { eventTypeLabel, periodLabel, PERIODS, type PeriodCode } from '../labels';
import { followChanges, type LiveState } from '../live';
import { to } from '../routes';
import { useLoad, useTitle } from '../use-load';
import { periodCrumbs, usePlacement } from '../loads';

const LIVE: Record<LiveState, string> = {
  connecting: 'Đang kết nối cập nhật trực tiếp…',
  open: 'Đang theo dõi trực tiếp: bảng tự cập nhật khi có điểm mới',
  closed: 'Mất kết nối cập nhật trực tiếp (tải lại trang để thử lại)',
};

/**
 * The ranking of a cluster-year-period, updated by itself: each change of the cluster-year that names this
 * period (or the whole year) makes it read the ranking again with `?minPosition=` that change's position.
 */
export function RankingPage({
  clusterId,
  year,
  period,
}: {
  clusterId: string;
  year: string;
  period: string;
}) {
  const y = Number(year);
  const p = period as PeriodCode;
  const [minPosition, setMinPosition] = useState<number>();
  const [live, setLive] = useState<LiveState>('connecting');
  const [lastChange, setLastChange] = useState<ClusterYearChange & { seenAt: string }>();
  const [flashed, setFlashed] = useState<Set<string>>(new Set());
  const previous = useRef<Row[] | undefined>(undefined);

  const yearDoc = useLoad(
    (signal) =>
      must(
        api.GET('/clusters/{clusterId}/years/{year}', { params: { path: { clusterId, year: y } }, signal }),
      ),
    [clusterId, y],
  );
  const ranking = useLoad(
    (signal) =>
      must(
        api.GET('/clusters/{clusterId}/years/{year}/rankings/{period}', {
          params: {
            path: { clusterId, year: y, period: p },
            query: minPosition === undefined ? {} : { minPosition },
          },
          signal,
        }),
      ),
    [clusterId, y, p, minPosition],
    // A live update keeps the table on screen while the next version is read.
    { keep: true },
  );

  useEffect(
    () =>
      followChanges(clusterId, y, {
        change: (change) => {
          if (change.period !== null && change.period !== p) return;
          setLastChange({ ...change, seenAt: new Date().toISOString() });
          setMinPosition(change.position);
        },
        state: setLive,
      }),
    [clusterId, y, p],
  );

  // Rows whose total or rank a live update changed are highlighted.
  useEffect(() => {
    const rows = ranking.data?.rows;
    if (!rows) return;
    const before = new Map(previous.current?.map((r) => [r.unitId, r]));
    if (previous.current)
      setFlashed(
        new Set(
          rows
            .filter((r) => before.get(r.unitId)?.total !== r.total || before.get(r.unitId)?.rank !== r.rank)
            .map((r) => r.unitId),
        ),
      );
    previous.current = rows;
  }, [ranking.data]);

  // Equal totals: how each was placed (a tie-break, a shared rank), read from explain at this version.
  const placed = usePlacement(clusterId, y, p, ranking.data);

  const name = yearDoc.data?.name ?? clusterId;
  const title = `${name} – ${periodLabel(p)}/${year}`;
  useTitle(`Xếp hạng ${title}`);
  return (
    <>
      <Breadcrumbs items={periodCrumbs(clusterId, name, y, p)} />
      <h1>Bảng xếp hạng {title}</h1>
      {yearDoc.data && (
        <nav aria-label="Các kỳ" class="tabs">
          {PERIODS.filter((q) => yearDoc.data!.periods[q]).map((q) => (
            <a key={q} href={to.ranking(clusterId, y, q)} aria-current={q === p ? 'page' : undefined}>
              {periodLabel(q)}
            </a>
          ))}
        </nav>
      )}
      <p class={`live ${live}`}>
        <span class="dot" aria-hidden="true" /> {LIVE[live]}
      </p>
      <p class="sr-only" aria-live="polite" role="status">
        {lastChange &&
          `Bảng đã cập nhật theo sự kiện #${lastChange.position} (${eventTypeLabel(lastChange.type)}).`}
      </p>
      <Load state={ranking}>
        {(r) => (
          <>
            <RankingFacts ranking={r} />
            <RankingTable
              rows={placed?.rows ?? r.rows}
              title={placed?.title}
              caption={`Xếp hạng ${periodLabel(p)}/${year}: chọn một đơn vị để xem giải trình điểm`}
              explainHref={(u) => to.explain(clusterId, y, p, u)}
              flashed={flashed}
            />
            {lastChange && (
              <p class="muted small">
                Cập nhật lần cuối theo sự kiện #{lastChange.position} ({eventTypeLabel(lastChange.type)}) lúc{' '}
                {time(lastChange.seenAt)}.
              </p>
            )}
            <p>
              <a class="button" href={to.compare(clusterId, y, p)}>
                Đối chiếu: tại một thời điểm, hoặc giả định thay đổi điểm
              </a>
            </p>
          </>
        )}
      </Load>
    </>
  );
}
