import { Query } from '@nestjs/cqrs';
import type { Integer } from '@thidua/domain';
import type { ClusterDoc, ClusterYearDoc, PledgeDoc, UnitDoc } from '@thidua/projections';

export interface ClusterList {
  clusters: ClusterDoc[];
}

export interface UnitList {
  /** Sorted by name with the Vietnamese collator (unnamed last), then by id. */
  units: UnitDoc[];
}

/** An organizer (đơn vị tổ chức): a unit that organizes emulation clusters, with its clusters. */
export interface Organizer {
  unitId: string;
  name: string | null;
  kind: string | null;
  status: UnitDoc['status'];
  /** Its clusters, by number then name. */
  clusters: ClusterDoc[];
}

export interface OrganizerList {
  /** Sorted by name with the Vietnamese collator. */
  organizers: Organizer[];
}

/**
 * How far a pledge was fulfilled: each registered title against the titles conferred on the unit
 * for that year by award decisions not revoked (from the yearly-totals projection); `no-decision-yet`
 * while no award of that year is recorded for the organizer at all (not "not fulfilled").
 */
export interface PledgeFulfilmentView {
  status: 'fulfilled' | 'partly-fulfilled' | 'not-fulfilled' | 'no-decision-yet';
  titles: Array<{ code: string; conferred: boolean }>;
}

export interface PledgeView extends Omit<PledgeDoc, 'titles'> {
  unitName: string | null;
  titles: Array<{ code: string; name: string | null }>;
  fulfilment: PledgeFulfilmentView;
}

export interface PledgeList {
  clusterId: string;
  year: Integer;
  /** In the order of the cluster-year's members (Vietnamese collation). */
  pledges: PledgeView[];
  /** Current members without a pledge. */
  notSigned: string[];
  position: Integer;
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

export class GetClusterQuery extends Query<ClusterDoc> {
  constructor(readonly clusterId: string) {
    super();
  }
}

export class ListUnitsQuery extends Query<UnitList> {
  constructor(readonly parentUnitId: string | undefined) {
    super();
  }
}

export class GetUnitQuery extends Query<UnitDoc> {
  constructor(readonly unitId: string) {
    super();
  }
}

export class ListOrganizersQuery extends Query<OrganizerList> {}

export class GetOrganizerQuery extends Query<Organizer> {
  constructor(readonly unitId: string) {
    super();
  }
}
