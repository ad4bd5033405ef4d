import type { PeriodCode, Role } from '../../../libs/domain/src/index.js';

/**
 * The read-model contract of the `unit-history` projection (DESIGN.md §5): per unit, every event that
 * touched it, in log order, with who, when, where in the log, its hash and a Vietnamese summary.
 * Every document records `position`: the event that last changed it.
 */
export const UNIT_HISTORY_PROJECTION = 'unit-history';
/** One document per (unit, event): `entries/{unitId}:{position}`. */
export const ENTRIES = 'entries';
/** One head per unit: `units/{unitId}` (name, entry count, page boundaries). */
export const HISTORY_UNITS = 'units';
/** Lookups the summaries need (names as they stood at the time of each event). */
export const HISTORY_CLUSTERS = 'clusters';
export const HISTORY_SCHEMES = 'schemes';
export const HISTORY_ELECTIONS = 'elections';
export const HISTORY_AWARDS = 'awards';

/**
 * Entries are grouped in pages of PAGE_SIZE by order of arrival (field `page`), so that reading after
 * any position is one indexed query per page (`where unitId, page`), whatever the depth.
 */
export const PAGE_SIZE = 100;

export const entryId = (unitId: string, position: number): string => `${unitId}:${position}`;
export const schemeDocId = (clusterId: string, year: number): string => `${clusterId}:${year}`;
export const electionDocId = (clusterId: string, year: number, electionId: string): string =>
  `${clusterId}:${year}:${electionId}`;

/** What an entry is about, for filtering and links (only the fields that apply). */
export interface EntryRefs {
  clusterId?: string;
  year?: number;
  period?: PeriodCode;
  criterion?: string;
  entryId?: string;
  disputeId?: string;
  electionId?: string;
  decisionId?: string;
  awardIds?: string[];
  organizerUnitId?: string;
}

/** `entries/{unitId}:{position}`: one event as it concerns one unit. */
export interface HistoryEntryDoc {
  unitId: string;
  /** Page of PAGE_SIZE entries, by order of arrival (0 first). */
  page: number;
  /** Global position of the event (the order of the history). */
  position: number;
  eventId: string;
  type: string;
  streamId: string;
  revision: number;
  /** The event's hash in its stream's chain (tamper evidence: check it with GET /audit/streams/{s}). */
  hash: string;
  occurredAt: string;
  actor: { id: string; role: Role; unitId?: string };
  /** The reason the command carried, when it had one. */
  reason?: string;
  /** Vietnamese, e.g. "Được kết nạp vào Cụm thi đua số 2 năm 2021". */
  summary: string;
  refs: EntryRefs;
}

/** `units/{unitId}`: the head of a unit's history. */
export interface HistoryUnitDoc {
  unitId: string;
  /** As last registered or renamed (null until seen). */
  name: string | null;
  /** Number of entries. */
  entries: number;
  /** Position of the first entry of each page: page p holds the entries from pages[p] on. */
  pages: number[];
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

/** `awards/{awardId}`: what a revocation needs to find and name the award. */
export interface HistoryAwardDoc {
  awardId: string;
  decisionId: string;
  number: string;
  code: string;
  kind: 'collective' | 'individual';
  fullName?: string;
  unitId: string;
  year: number;
  position: number;
}
