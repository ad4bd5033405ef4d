import type { PeriodCode } from '../periods.js';
import type { Dated, TypedEvent } from './event.js';

/**
 * What a complaint (khiếu nại) is about. In a cluster-year stream: a score entry, a period's ranking, a
 * unit's classification, an election, or a proposal for an award made on the year's ranking (named by
 * its reference: proposals are not recorded yet). In an award-decision stream: the decision, or one award.
 */
export type ComplaintTarget =
  | { kind: 'score-entry'; entryId: string }
  | { kind: 'ranking'; period: PeriodCode }
  | { kind: 'classification'; period: PeriodCode; unitId: string }
  | { kind: 'election'; electionId: string }
  | { kind: 'proposal'; proposalRef: string; unitId: string }
  | { kind: 'award-decision'; awardId?: string };

/** Who complains: an affected unit, or a person of a unit (by person id, as for discipline). */
export type ComplaintFiler =
  { kind: 'unit'; unitId: string } | { kind: 'person'; personId: string; unitId: string };

/** Who resolves it: a unit (its head; e.g. the organizer of the cluster) or a conferring authority level. */
export type ComplaintAuthority = { kind: 'unit'; unitId: string } | { kind: 'authority'; code: string };

export interface ComplaintFiledData {
  complaintId: string;
  target: ComplaintTarget;
  filer: ComplaintFiler;
  content: string;
  /** The business date: the day the complaint was received. */
  receivedOn: string;
  /** The date of the decision complained about (or of the act: the entry, the close, the count). */
  decisionOn: string;
  /** When the filer received or learned of it, if later (the 90 days count from it). */
  learnedOn?: string;
  /** The first-level resolution is due by this date. */
  dueOn: string;
  level: 1;
  authority: ComplaintAuthority;
  /** The period whose ranking it concerns (score entry, ranking, classification; a proposal: Y). */
  period?: PeriodCode;
}

export interface ComplaintResolvedData extends Dated {
  complaintId: string;
  level: 1 | 2;
  outcome: 'upheld' | 'partly-upheld' | 'rejected';
  reason: string;
  /** Number of the resolution decision (quyết định giải quyết khiếu nại). */
  decisionRef: string;
  period?: PeriodCode;
}

/** The second level: the complaint goes to the superior of the first-level authority. */
export interface ComplaintEscalatedData {
  complaintId: string;
  level: 2;
  authority: ComplaintAuthority;
  /** The business date: the day the second-level complaint was received. */
  receivedOn: string;
  dueOn: string;
  reason: string;
  period?: PeriodCode;
}

export type ComplaintEvent =
  | TypedEvent<'ComplaintFiled', ComplaintFiledData>
  | TypedEvent<'ComplaintResolved', ComplaintResolvedData>
  | TypedEvent<'ComplaintEscalated', ComplaintEscalatedData>;

export const COMPLAINT_EVENT_TYPES = ['ComplaintFiled', 'ComplaintResolved', 'ComplaintEscalated'] as const;
