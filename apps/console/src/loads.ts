import { api, must } from './api';
import type { Crumb } from './components/common';
import { placedByTotals, type PlaceableRow } from './components/placement';
import { periodLabel, type PeriodCode } from './labels';
import { to } from './routes';
import { useLoad } from './use-load';

/** The cluster's name for a page's breadcrumbs (its id until it arrives, or if it cannot be read). */
export function useClusterName(clusterId: string): string {
  const cluster = useLoad(
    (signal) => must(api.GET('/clusters/{clusterId}', { params: { path: { clusterId } }, signal })),
    [clusterId],
  );
  return cluster.data?.name ?? clusterId;
}

/** The explained ranking of a period (explain and compare both start from it). */
export function useExplained(clusterId: string, year: number, period: PeriodCode) {
  return useLoad(
    (signal) =>
      must(
        api.GET('/clusters/{clusterId}/years/{year}/rankings/{period}/explain', {
          params: { path: { clusterId, year, period } },
          signal,
        }),
      ),
    [clusterId, year, period],
  );
}

/** A criterion's title by its code, as an explained ranking names it (the code where it does not). */
export function criterionTitles(explained: {
  rows: ReadonlyArray<{ explain: ReadonlyArray<{ code: string; title: string }> }>;
}): (code: string) => string {
  const titles = new Map(explained.rows.flatMap((r) => r.explain.map((c) => [c.code, c.title] as const)));
  return (code) => titles.get(code) ?? code;
}

/** Rows that say how they were placed, and the criteria's titles their notes name. */
export interface Placed {
  rows: PlaceableRow[];
  title(code: string): string;
}

/**
 * How the rows of a stored ranking were placed, where their totals do not say it (equal totals, or a
 * higher total barred from rank 1): the stored document's rows carry no `placedBy`, explain's rows do.
 * Explain is read at the ranking's own position, so it places the very version shown; nothing is read
 * while the totals alone order the rows.
 */
export function usePlacement(
  clusterId: string,
  year: number,
  period: PeriodCode,
  ranking: { position: number; rows: readonly PlaceableRow[] } | undefined,
): Placed | undefined {
  const position = ranking && !placedByTotals(ranking.rows) ? ranking.position : undefined;
  const explained = useLoad(
    (signal) =>
      position === undefined
        ? Promise.resolve(undefined)
        : must(
            api.GET('/clusters/{clusterId}/years/{year}/rankings/{period}/explain', {
              params: { path: { clusterId, year, period }, query: { asOf: String(position) } },
              signal,
            }),
          ),
    [clusterId, year, period, position],
  );
  const data = explained.data;
  if (position === undefined || data?.position !== position) return undefined;
  const placedBy = new Map(data.rows.map((r) => [r.unitId, r.placedBy]));
  return {
    rows: ranking!.rows.map((r) => ({ ...r, placedBy: placedBy.get(r.unitId) ?? null })),
    title: criterionTitles(data),
  };
}

/** Cụm thi đua › the cluster › the year › the period › `here` (the last is the page itself). */
export function periodCrumbs(
  clusterId: string,
  name: string,
  year: number,
  period: string,
  here?: string,
): Crumb[] {
  return [
    { label: 'Cụm thi đua', href: to.home() },
    { label: name, href: to.cluster(clusterId) },
    { label: `Năm ${year}`, href: to.year(clusterId, year) },
    { label: periodLabel(period), href: to.ranking(clusterId, year, period) },
    ...(here === undefined ? [] : [{ label: here }]),
  ];
}
