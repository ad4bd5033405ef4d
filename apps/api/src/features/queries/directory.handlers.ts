import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { findAward } from '@thidua/domain';
import {
  CLUSTER_YEARS,
  type ClusterDoc,
  CLUSTERS,
  type ClusterYearDoc,
  clusterYearId,
  DIRECTORY_PROJECTION,
  type PledgeDoc,
  PLEDGES,
  TOTALS,
  type TotalsDoc,
  totalsDocId,
  YEARLY_TOTALS_PROJECTION,
} from '@thidua/projections';
import { clusterNotFound, clusterYearNotFound } from './cluster-year-events.js';
import {
  GetClusterYearQuery,
  GetPledgesQuery,
  ListClustersQuery,
  type ClusterList,
  type PledgeList,
} from './directory.queries.js';
import { ReadModels } from '../../common/read-models.js';
import type { PledgeFulfilmentView } from './directory.queries.js';

const collator = new Intl.Collator('vi');
const byName = (a: ClusterDoc, b: ClusterDoc): number =>
  collator.compare(a.name ?? '', b.name ?? '') ||
  (a.number ?? 0) - (b.number ?? 0) ||
  cmp(a.clusterId, b.clusterId);
const byNumber = (a: ClusterDoc, b: ClusterDoc): number =>
  (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER) || byName(a, b);
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The cluster-year document, or 404 naming what is unknown (the cluster, or only this year of it). */
export async function clusterYearOr404(
  reads: ReadModels,
  clusterId: string,
  year: number,
): Promise<ClusterYearDoc> {
  const doc = await reads.get<ClusterYearDoc>(
    DIRECTORY_PROJECTION,
    CLUSTER_YEARS,
    clusterYearId(clusterId, year),
  );
  if (doc) return doc;
  const cluster = await reads.get<ClusterDoc>(DIRECTORY_PROJECTION, CLUSTERS, clusterId);
  throw cluster ? clusterYearNotFound(clusterId, year) : clusterNotFound(clusterId);
}

@QueryHandler(ListClustersQuery)
export class ListClustersHandler implements IQueryHandler<ListClustersQuery> {
  constructor(private readonly reads: ReadModels) {}

  async execute(query: ListClustersQuery): Promise<ClusterList> {
    const clusters = await this.reads.find<ClusterDoc>(DIRECTORY_PROJECTION, CLUSTERS, {
      where: {
        ...(query.organizer !== undefined && { organizerUnitId: query.organizer }),
        ...(query.bloc !== undefined && { blocId: query.bloc }),
      },
    });
    return { clusters: clusters.sort(query.sort === 'number' ? byNumber : byName) };
  }
}

@QueryHandler(GetClusterYearQuery)
export class GetClusterYearHandler implements IQueryHandler<GetClusterYearQuery> {
  constructor(private readonly reads: ReadModels) {}

  execute(query: GetClusterYearQuery): Promise<ClusterYearDoc> {
    return clusterYearOr404(this.reads, query.clusterId, query.year);
  }
}

@QueryHandler(GetPledgesQuery)
export class GetPledgesHandler implements IQueryHandler<GetPledgesQuery> {
  constructor(private readonly reads: ReadModels) {}

  async execute(query: GetPledgesQuery): Promise<PledgeList> {
    const year = await clusterYearOr404(this.reads, query.clusterId, query.year);
    const docs = await this.reads.find<PledgeDoc>(DIRECTORY_PROJECTION, PLEDGES, {
      where: { clusterId: query.clusterId, year: query.year },
    });
    const order = new Map(year.members.map((m, i) => [m.unitId, i]));
    const names = new Map(year.members.map((m) => [m.unitId, m.name]));
    const rank = (unitId: string): number => order.get(unitId) ?? Number.MAX_SAFE_INTEGER;
    docs.sort((a, b) => rank(a.unitId) - rank(b.unitId) || cmp(a.unitId, b.unitId));
    const signed = new Set(docs.map((d) => d.unitId));
    const totals = await this.reads.get<TotalsDoc>(
      YEARLY_TOTALS_PROJECTION,
      TOTALS,
      totalsDocId('cluster', query.clusterId, query.year),
    );
    const conferredOn = new Map((totals?.pledges ?? []).map((p) => [p.unitId, new Set(p.conferred)]));
    const decided =
      year.organizerUnitId !== null && (await awardsRecorded(this.reads, year.organizerUnitId, query.year));
    return {
      clusterId: query.clusterId,
      year: query.year,
      pledges: docs.map((doc) => ({
        ...doc,
        unitName: names.get(doc.unitId) ?? null,
        titles: doc.titles.map((code) => ({ code, name: findAward(code)?.name ?? null })),
        fulfilment: fulfilment(doc.titles, decided, conferredOn.get(doc.unitId)),
      })),
      notSigned: year.members.filter((m) => !m.withdrawn && !signed.has(m.unitId)).map((m) => m.unitId),
      position: year.position,
    };
  }
}

/** Whether any award of the year is counted for the organizer (else no fulfilment can be judged yet). */
export async function awardsRecorded(
  reads: ReadModels,
  organizerUnitId: string,
  year: number,
): Promise<boolean> {
  const doc = await reads.get<TotalsDoc>(
    YEARLY_TOTALS_PROJECTION,
    TOTALS,
    totalsDocId('organizer', organizerUnitId, year),
  );
  return (doc?.total ?? 0) > 0;
}

function fulfilment(
  registered: string[],
  decided: boolean,
  conferred: ReadonlySet<string> = new Set(),
): PledgeFulfilmentView {
  const titles = registered.map((code) => ({ code, conferred: conferred.has(code) }));
  const count = titles.filter((t) => t.conferred).length;
  const status = !decided
    ? 'no-decision-yet'
    : count === 0
      ? 'not-fulfilled'
      : count === titles.length
        ? 'fulfilled'
        : 'partly-fulfilled';
  return { status, titles };
}
