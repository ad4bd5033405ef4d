import type { Integer } from '@thidua/domain';
/**
 * The read-model contract of the `yearly-totals` projection (DESIGN.md §5): per organizer, cluster and
 * unit × year, the awards counted by catalog code × collective/individual, the number of award
 * instances (lượt), the cluster flags, and pledge fulfilment. Revoked awards are not counted (they stay
 * in the unit's history). Every document records `position`: the event that last changed it.
 *
 * Attribution (who an award counts for): an award of year Y goes to the unit of its recipient (the
 * unit itself, or the individual's unit) and to every cluster that has that unit as a member in Y —
 * admitted (UnitAdmitted) and not withdrawn (UnitWithdrawn) in `emulation-{cluster}-{Y}` — and to that
 * cluster's organizer. A unit is in at most one cluster per organizer per year, so an organizer counts
 * an award once; a unit in clusters of two organizers counts for both. Membership recorded after the
 * award, or a withdrawal, moves the unit's whole tally of Y in or out (order of events does not matter).
 * Pledge fulfilment stays with the cluster-year where the pledge was signed.
 */
export const YEARLY_TOTALS_PROJECTION = 'yearly-totals';
export const TOTALS = 'totals';
/** Per award: what a revocation must subtract (`awards/{awardId}`). */
export const TOTALS_AWARDS = 'awards';
/** Per cluster: its organizer (`clusters/{clusterId}`). */
export const TOTALS_CLUSTERS = 'clusters';

export type TotalsScope = 'organizer' | 'cluster' | 'unit';

export const totalsDocId = (scope: TotalsScope, scopeId: string, year: number): string =>
  `${scope}:${scopeId}:${year}`;

/** Awards of one catalog code. */
export interface AwardCount {
  code: string;
  /** Vietnamese catalog name, e.g. "Huân chương Bảo vệ Tổ quốc hạng Ba". */
  name: string;
  collective: Integer;
  individual: Integer;
  /** collective + individual (lượt). */
  total: Integer;
}

/** A cluster-leading flag (Cờ thi đua) conferred on a unit. */
export interface FlagAward {
  awardId: string;
  code: string;
  unitId: string;
  /** Conferred outside the quota by the organizer's recorded override. */
  overridden: boolean;
}

/** One pledge (giao ước thi đua): titles registered, and which of them were conferred (not revoked). */
export interface PledgeFulfilment {
  clusterId: string;
  unitId: string;
  registered: string[];
  conferred: string[];
  /** Every registered title conferred (false when none was registered). */
  fulfilled: boolean;
}

export interface PledgeSummary {
  pledges: Integer;
  registered: Integer;
  conferred: Integer;
  fulfilled: Integer;
}

/** `totals/{scope}:{scopeId}:{year}`. */
export interface TotalsDoc {
  scope: TotalsScope;
  /** The organizer unit, cluster or unit id. */
  scopeId: string;
  year: Integer;
  /** Organizer scope: itself; cluster scope: its organizer; unit scope: null. */
  organizerUnitId: string | null;
  /** Cluster scope: itself; otherwise null. */
  clusterId: string | null;
  /** Units whose awards are counted here (cluster, organizer), sorted; unit scope: the unit. */
  units: string[];
  /** Unit scope: the clusters holding the unit in this year. */
  memberships: Array<{ clusterId: string; organizerUnitId: string }>;
  /** By catalog code, most eminent first; codes with nothing counted are left out. */
  awards: AwardCount[];
  collective: Integer;
  individual: Integer;
  /** Award instances (lượt): collective + individual. */
  total: Integer;
  flags: FlagAward[];
  pledges: PledgeFulfilment[];
  pledgeSummary: PledgeSummary;
  position: Integer;
}

/** `awards/{awardId}`. */
export interface TotalsAwardDoc {
  awardId: string;
  decisionId: string;
  code: string;
  kind: 'collective' | 'individual';
  unitId: string;
  year: number;
  flag: boolean;
  overridden: boolean;
  revoked: boolean;
  position: number;
}

/** `clusters/{clusterId}`. */
export interface TotalsClusterDoc {
  clusterId: string;
  organizerUnitId: string;
  position: number;
}
