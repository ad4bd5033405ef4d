import type { Integer } from '@thidua/domain';
import type { PeriodCode, Role } from '@thidua/domain';

/**
 * The read-model contract of the `unit-history` projection (DESIGN.md §5): per unit, every event that
 * touched it, in log order, with who, when, where in the log, its hash and a Vietnamese summary.
 * Every document records `position`: the event that last changed it. Which events concern a unit is
 * the event store's index (its `unit:{unitId}` tags): a page of history reads the events by position and
 * renders each entry then (unit-history.query.ts); this projection keeps only the lookups it needs.
 */
export const UNIT_HISTORY_PROJECTION = 'unit-history';
/**
 * Lookups the summaries need, each keeping every value it had with the position it was set at
 * (lookups.ts), so that an entry rendered later reads them as they stood at its event.
 */
export const HISTORY_NAMES = 'names';
export const HISTORY_CLUSTERS = 'clusters';
export const HISTORY_SCHEMES = 'schemes';
export const HISTORY_ELECTIONS = 'elections';
export const HISTORY_AWARDS = 'awards';
/** `complaints/{streamId}:{complaintId}`: the unit that complained (its resolution goes to its history). */
export const HISTORY_COMPLAINTS = 'complaints';
/** `proposals/{proposalId}`: the proposer and each item's code and unit (later steps name only the proposal). */
export const HISTORY_PROPOSALS = 'proposals';

export const schemeDocId = (clusterId: string, year: number): string => `${clusterId}:${year}`;
export const electionDocId = (clusterId: string, year: number, electionId: string): string =>
  `${clusterId}:${year}:${electionId}`;

/** What an entry is about, for filtering and links (only the fields that apply). */
export interface EntryRefs {
  clusterId?: string;
  year?: Integer;
  period?: PeriodCode;
  criterion?: string;
  entryId?: string;
  disputeId?: string;
  electionId?: string;
  decisionId?: string;
  awardIds?: string[];
  organizerUnitId?: string;
  proposalId?: string;
}

/** How one event concerns one unit (what the projection turns into an entry). */
export interface Touch {
  unitId: string;
  summary: string;
  refs: EntryRefs;
  /** The unit's name from this event on (registration, renaming). */
  name?: string;
}

/** One event as it concerns one unit: rendered from the event when a page is read. */
export interface HistoryEntryDoc {
  unitId: string;
  /** Global position of the event (the order of the history). */
  position: Integer;
  eventId: string;
  type: string;
  streamId: string;
  revision: Integer;
  /** The event's hash in its stream's chain (tamper evidence: check it with GET /audit/streams/{s}). */
  hash: string;
  /** When it was recorded (ISO instant). */
  occurredAt: string;
  /** The act's business date (YYYY-MM-DD): signed, held, scored, decided on; null for a registry step. */
  effectiveDate: string | null;
  actor: { id: string; role: Role; unitId?: string };
  /** The reason the command carried, when it had one. */
  reason?: string;
  /** Vietnamese, e.g. "Được kết nạp vào Cụm thi đua số 2 năm 2021". */
  summary: string;
  refs: EntryRefs;
}

/** `names/{unitId}`: the unit's name as registered or renamed. */
export interface HistoryNameDoc {
  unitId: string;
  name: string;
  position: number;
}

/** `clusters/{clusterId}`. */
export interface HistoryClusterDoc {
  clusterId: string;
  number: number;
  name: string;
  organizerUnitId: string;
  position: number;
}

/** `schemes/{clusterId}:{year}`: criterion titles of the scheme in force. */
export interface HistorySchemeDoc {
  clusterId: string;
  year: number;
  version: number;
  titles: Record<string, string>;
  position: number;
}

/** `elections/{clusterId}:{year}:{electionId}`. */
export interface HistoryElectionDoc {
  electionId: string;
  role: 'chair' | 'vice-chair';
  forYear: number;
  round: number;
  position: number;
}

/** `complaints/{streamId}:{complaintId}`. */
export interface HistoryComplaintDoc {
  complaintId: string;
  filerUnitId: string;
  position: number;
}

/** `awards/{awardId}`: what a revocation needs to find and name the award. */
export interface HistoryAwardDoc {
  awardId: string;
  decisionId: string;
  number: string;
  code: string;
  kind: 'collective' | 'individual';
  fullName?: string;
  /** The person of the registry (issue 12), named by id only. */
  personId?: string;
  unitId: string;
  year: number;
  position: number;
}

/** A proposal as the history's later summaries need it. */
export interface HistoryProposalDoc {
  proposerUnitId: string;
  items: Record<string, { code: string; unitId: string }>;
  position: Integer;
}
