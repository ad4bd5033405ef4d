import { api, must } from './api';
import type { Crumb } from './components/common';
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
