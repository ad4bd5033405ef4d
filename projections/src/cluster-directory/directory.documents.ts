import type { ChairRole, ConferenceHeldData, Integer, PeriodCode, PledgeTarget } from '@thidua/domain';

/**
 * The read-model contract of the `cluster-directory` projection (DESIGN.md §5). Every document records
 * `position`: the event that last changed it. Unit and cluster names are copied in and kept current
 * when a unit or cluster is renamed (null until the naming event has been seen).
 */
export const DIRECTORY_PROJECTION = 'cluster-directory';
export const CLUSTERS = 'clusters';
export const CLUSTER_YEARS = 'cluster-years';
export const UNITS = 'units';
export const PLEDGES = 'pledges';
export const BLOCS = 'blocs';

export const clusterYearId = (clusterId: string, year: number): string => `${clusterId}:${year}`;
export const pledgeId = (clusterId: string, year: number, unitId: string): string =>
  `${clusterId}:${year}:${unitId}`;

/** When and by which event something happened: recorded `at` (instant), dated `on` (business date). */
export interface Stamp {
  at: string;
  on: string | null;
  position: Integer;
}

/** `blocs/{blocId}`: a khối (bloc) of clusters of one organizer. */
export interface BlocDoc {
  blocId: string;
  name: string;
  organizerUnitId: string;
  formed: Stamp;
  position: Integer;
}

/** `clusters/{clusterId}`: a cluster (Cụm thi đua) as formed by its organizer. */
export interface ClusterDoc {
  clusterId: string;
  name: string | null;
  /** Numbered inside its bloc: two clusters of different blocs may share a number. */
  number: Integer | null;
  organizerUnitId: string | null;
  /** The khối (bloc) it belongs to, and its name (null: none). */
  blocId: string | null;
  blocName: string | null;
  status: 'active' | 'dissolved' | 'unknown';
  formed: Stamp | null;
  dissolved?: Stamp & { reason: string };
  /** Years that have a cluster-year document, ascending. */
  years: Integer[];
  position: Integer;
}

export interface MemberEntry {
  unitId: string;
  name: string | null;
  admittedAt: string;
  /** Business date of the admission. */
  admittedOn: string | null;
  admittedPosition: Integer;
  withdrawn?: Stamp & { reason: string };
}

export interface SeatHolder {
  unitId: string;
  name: string | null;
  source: 'organizer' | 'election';
  electionId?: string;
  at: string;
  on: string | null;
  position: Integer;
}

export interface PeriodTransition {
  event: 'opened' | 'closed' | 'reopened';
  at: string;
  on: string | null;
  position: Integer;
  /** closed: the sealed ranking digest; reopened: the digest it unsealed. */
  rankingDigest?: string;
  schemeVersion?: Integer;
  reason?: string;
}

export interface PeriodStatus {
  /** 'reopened' is open again after a close. */
  status: 'open' | 'closed' | 'reopened';
  at: string;
  on: string | null;
  position: Integer;
  /** While closed: the sealed digest and scheme version. */
  rankingDigest?: string;
  schemeVersion?: Integer;
  history: PeriodTransition[];
}

/** `cluster-years/{clusterId}:{year}`: the cluster-year (`emulation-{clusterId}-{year}`). */
export interface ClusterYearDoc {
  clusterId: string;
  year: Integer;
  streamId: string;
  name: string | null;
  number: Integer | null;
  organizerUnitId: string | null;
  blocId: string | null;
  blocName: string | null;
  clusterStatus: ClusterDoc['status'];
  /** Admitted units (withdrawn ones stay, marked), sorted by name with the Vietnamese collator. */
  members: MemberEntry[];
  /** Cụm trưởng and Cụm phó of this year (a withdrawn unit loses its seat). */
  chair: SeatHolder | null;
  viceChair: SeatHolder | null;
  forbidConsecutiveTerms: boolean;
  /** Units elected in this year for the next year. */
  electedForNextYear: Partial<Record<ChairRole, { unitId: string; name: string | null; electionId: string }>>;
  scheme: {
    version: Integer;
    publishedAt: string;
    publishedOn: string | null;
    position: Integer;
    versions: Integer[];
  } | null;
  periods: Partial<Record<PeriodCode, PeriodStatus>>;
  /** Units that signed a pledge (documents in `pledges`). */
  pledgedUnits: string[];
  /** Conferences (hội nghị) of the year, in log order. */
  conferences: Array<
    Omit<ConferenceHeldData, 'conferenceId'> & { conferenceId: string; at: string; position: Integer }
  >;
  /** Plans (kế hoạch) of the year, in log order. */
  plans: Array<{
    planId: string;
    title: string;
    reference: string;
    on: string | null;
    at: string;
    position: Integer;
  }>;
  /** The cluster's recorded pledge rules for the year (null: none, any number of key tasks, titles optional). */
  pledgeRules: { keyTasks: Integer | null; titleRequired: boolean } | null;
  position: Integer;
}

/** `units/{unitId}`: names for the directory, and where the unit appears so a rename reaches it. */
export interface UnitDoc {
  unitId: string;
  name: string | null;
  kind: string | null;
  parentUnitId: string | null;
  status: 'active' | 'merged' | 'dissolved' | 'unknown';
  /** Cluster-year ids naming this unit. */
  clusterYears: string[];
  position: Integer;
}

export interface PledgeAmendment {
  version: Integer;
  at: string;
  on: string | null;
  position: Integer;
  reason: string;
  actorId: string;
}

/** `pledges/{clusterId}:{year}:{unitId}`: a unit's pledge (giao ước thi đua) as it stands, with its amendments. */
export interface PledgeDoc {
  clusterId: string;
  year: Integer;
  unitId: string;
  version: Integer;
  /** Catalog codes of the registered titles (đăng ký danh hiệu). */
  titles: string[];
  targets: PledgeTarget[];
  keyTasks: string[];
  signed: Stamp & { actorId: string };
  amendments: PledgeAmendment[];
  position: Integer;
}
