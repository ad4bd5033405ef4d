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
 *
 * Sub-units (version 2): an award to a sub-collective (a Phòng of a Cục, a Đội of a Phòng) or to one of its
 * people lands on that sub-unit's own document, and counts for the clusters (and organizers) holding the
 * sub-unit or any unit above it (UnitRegistered's parent): a member's tally is its own awards and its
 * sub-units' (`subtrees/{unitId}:{year}`). A unit and one of its sub-units in clusters of the same
 * organizer in one year would count the sub-unit's awards twice (the seeds have no such case).
 *
 * Khen thưởng and biểu dương apart (version 2): `rewards` counts every award but commendations (catalog
 * kind `commendation`: biểu dương), `commendations` counts those; `total` stays every lượt. `quarters`
 * gives both per quarter of the decision's date (`YYYY-Qn`; an award of Y decided in Y+1 falls in Y+1's
 * quarter), and each award row has its own `quarters`.
 */
export const YEARLY_TOTALS_PROJECTION = 'yearly-totals';
export const TOTALS = 'totals';
/** Per award: what a revocation must subtract (`awards/{awardId}`). */
export const TOTALS_AWARDS = 'awards';
/** Per cluster: its organizer (`clusters/{clusterId}`). */
export const TOTALS_CLUSTERS = 'clusters';
/** Per unit: its parent (`units/{unitId}`), to count a sub-unit's awards for the clusters above it. */
export const TOTALS_UNITS = 'units';
/** Per unit and year: its awards and its sub-units' (`subtrees/{unitId}:{year}`, a unit-scope TotalsDoc). */
export const TOTALS_SUBTREES = 'subtrees';

export type TotalsScope = 'organizer' | 'cluster' | 'unit';

export const totalsDocId = (scope: TotalsScope, scopeId: string, year: number): string =>
  `${scope}:${scopeId}:${year}`;

/** Collective and individual award instances (lượt). */
export interface Counts {
  collective: Integer;
  individual: Integer;
  total: Integer;
}

/** Awards of one catalog code. */
export interface AwardCount {
  /** Per quarter of the decision's date (`YYYY-Qn`). */
  quarters: Record<string, { collective: Integer; individual: Integer }>;
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
  /** Khen thưởng: every award but commendations. */
  rewards: Counts;
  /** Biểu dương (catalog kind `commendation`), counted apart. */
  commendations: Counts;
  /** Per quarter of the decisions' dates (`YYYY-Qn`): khen thưởng and biểu dương. */
  quarters: Record<string, { rewards: Counts; commendations: Counts }>;
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
  /** `YYYY-Qn` of the decision's date. */
  quarter: string;
  position: number;
}

/** `clusters/{clusterId}`. */
export interface TotalsClusterDoc {
  clusterId: string;
  organizerUnitId: string;
  position: number;
}

/** `units/{unitId}`. */
export interface TotalsUnitDoc {
  unitId: string;
  parentUnitId: string | null;
  position: number;
}

/** The quarter of a date, `YYYY-Qn`. */
export const quarterOf = (date: string): string =>
  `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
