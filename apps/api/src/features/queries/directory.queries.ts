import { Query } from '@nestjs/cqrs';
import type { ClusterDoc, ClusterYearDoc, PledgeDoc } from '@thidua/projections';

export interface ClusterList {
  clusters: ClusterDoc[];
}

/**
 * How far a pledge was fulfilled: each registered title against the titles conferred on the unit
 * for that year by award decisions not revoked (from the yearly-totals projection); `no-decision-yet`
 * while no award of that year is recorded for the organizer at all (not "not fulfilled").
 */
export interface PledgeFulfilment {
  status: 'fulfilled' | 'partly-fulfilled' | 'not-fulfilled' | 'no-decision-yet';
  titles: Array<{ code: string; conferred: boolean }>;
}

export interface PledgeView extends Omit<PledgeDoc, 'titles'> {
  unitName: string | null;
  titles: Array<{ code: string; name: string | null }>;
  fulfilment: PledgeFulfilment;
}

export interface PledgeList {
  clusterId: string;
  year: number;
  /** In the order of the cluster-year's members (Vietnamese collation). */
  pledges: PledgeView[];
  /** Current members without a pledge. */
  notSigned: string[];
  position: number;
}

export class ListClustersQuery extends Query<ClusterList> {
  constructor(
    readonly sort: 'name' | 'number',
    readonly organizer: string | undefined,
    readonly bloc?: string,
  ) {
    super();
  }
}

export class GetClusterYearQuery extends Query<ClusterYearDoc> {
  constructor(
    readonly clusterId: string,
    readonly year: number,
  ) {
    super();
  }
}

export class GetPledgesQuery extends Query<PledgeList> {
  constructor(
    readonly clusterId: string,
    readonly year: number,
  ) {
    super();
  }
}
