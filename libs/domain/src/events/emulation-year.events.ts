import type { Integer } from '../integer.js';
import type { PeriodCode } from '../periods.js';
import type { ClassificationThreshold, Criterion, TieBreak } from '../scheme/scheme.js';
import type { TypedEvent } from './event.js';

export type Assessment = 'self' | 'cluster';
export type ChairRole = 'chair' | 'vice-chair';

export interface UnitAdmittedData {
  unitId: string;
}
export interface UnitWithdrawnData {
  unitId: string;
  reason: string;
}
/** Chair (Cụm trưởng) or vice-chair (Cụm phó) of this cluster-year: set by the organizer or taken from last year's election. */
export interface ChairAssignedData {
  unitId: string;
  role: ChairRole;
  source: 'organizer' | 'election';
  /** When source is 'election': the election of the previous year's stream that elected the unit. */
  electionId?: string;
}
/** The organizer's election policy for this cluster-year; default (no event) forbids consecutive terms. */
export interface ChairPolicySetData {
  forbidConsecutiveTerms: boolean;
}
export interface ScoringSchemePublishedData {
  version: number;
  criteria: Criterion[];
  thresholds: ClassificationThreshold[];
  tieBreaks: TieBreak[];
}
export interface ScoringSchemeAmendedData extends ScoringSchemePublishedData {
  reason: string;
}
export interface PledgeTarget {
  text: string;
  /** e.g. 77 (chỉ tiêu công tác). */
  count?: Integer;
}
export interface PledgeSignedData {
  unitId: string;
  version: number;
  /** Catalog codes of the registered collective titles (đăng ký danh hiệu). */
  titles: string[];
  targets: PledgeTarget[];
  /** Nội dung công tác lớn, trọng tâm: each unit registers KEY_TASKS_PER_PLEDGE. */
  keyTasks: string[];
}
export interface PledgeAmendedData extends PledgeSignedData {
  reason: string;
}
export interface PeriodOpenedData {
  period: PeriodCode;
}
/** Seals the period's ranking: the digest of `rankingForDigest`, computed by the handler with the evaluator. */
export interface PeriodClosedData {
  period: PeriodCode;
  rankingDigest: string;
  schemeVersion: number;
}
export interface PeriodReopenedData {
  period: PeriodCode;
  reason: string;
  previousDigest: string;
}
export interface ScoreRecordedData {
  entryId: string;
  unitId: string;
  period: PeriodCode;
  criterion: string;
  assessment: Assessment;
  points: number;
  schemeVersion: number;
  evidence?: string;
}
export interface ScoreCorrectedData {
  entryId: string;
  unitId: string;
  period: PeriodCode;
  criterion: string;
  assessment: Assessment;
  previousPoints: number;
  points: number;
  reason: string;
  /** Set when the correction is the outcome of an upheld dispute. */
  disputeId?: string;
}
export interface ScoreWithdrawnData {
  entryId: string;
  unitId: string;
  period: PeriodCode;
  criterion: string;
  assessment: Assessment;
  reason: string;
  disputeId?: string;
}
export interface DisputeFiledData {
  disputeId: string;
  entryId: string;
  unitId: string;
  period: PeriodCode;
  criterion: string;
  reason: string;
  proposedPoints?: number;
}
export interface DisputeResolvedData {
  disputeId: string;
  entryId: string;
  unitId: string;
  period: PeriodCode;
  outcome: 'upheld' | 'rejected';
  reason: string;
  /** Who resolved it: the organizer or the chair unit. */
  resolvedAs: 'organizer' | 'chair';
  correctedPoints?: number;
  withdrawEntry?: boolean;
}
export interface ElectionOpenedData {
  electionId: string;
  role: ChairRole;
  /** The year the elected unit will serve: the stream's year + 1. */
  forYear: number;
  round: number;
  candidates: string[];
}
export interface BallotCastData {
  electionId: string;
  voterUnitId: string;
  candidateUnitId: string;
}
export type ElectionOutcome = 'elected' | 'tie' | 'no-majority' | 'no-quorum';
export interface ElectionClosedData {
  electionId: string;
  role: ChairRole;
  forYear: number;
  outcome: ElectionOutcome;
  /** Every candidate with its votes, most votes first, then by unit id. */
  tally: Array<{ unitId: string; votes: number }>;
  /** Ballots counted (cast by units that are members at closing). */
  ballots: number;
  /** Member units at closing: the quorum is more than half of them. */
  members: number;
  electedUnitId?: string;
}
export interface ChairElectedData {
  electionId: string;
  role: ChairRole;
  year: number;
  unitId: string;
}

export type EmulationYearEvent =
  | TypedEvent<'UnitAdmitted', UnitAdmittedData>
  | TypedEvent<'UnitWithdrawn', UnitWithdrawnData>
  | TypedEvent<'ChairAssigned', ChairAssignedData>
  | TypedEvent<'ChairPolicySet', ChairPolicySetData>
  | TypedEvent<'ScoringSchemePublished', ScoringSchemePublishedData>
  | TypedEvent<'ScoringSchemeAmended', ScoringSchemeAmendedData>
  | TypedEvent<'PledgeSigned', PledgeSignedData>
  | TypedEvent<'PledgeAmended', PledgeAmendedData>
  | TypedEvent<'PeriodOpened', PeriodOpenedData>
  | TypedEvent<'PeriodClosed', PeriodClosedData>
  | TypedEvent<'PeriodReopened', PeriodReopenedData>
  | TypedEvent<'ScoreRecorded', ScoreRecordedData>
  | TypedEvent<'ScoreCorrected', ScoreCorrectedData>
  | TypedEvent<'ScoreWithdrawn', ScoreWithdrawnData>
  | TypedEvent<'DisputeFiled', DisputeFiledData>
  | TypedEvent<'DisputeResolved', DisputeResolvedData>
  | TypedEvent<'ElectionOpened', ElectionOpenedData>
  | TypedEvent<'BallotCast', BallotCastData>
  | TypedEvent<'ElectionClosed', ElectionClosedData>
  | TypedEvent<'ChairElected', ChairElectedData>;

export const EMULATION_YEAR_EVENT_TYPES = [
  'UnitAdmitted',
  'UnitWithdrawn',
  'ChairAssigned',
  'ChairPolicySet',
  'ScoringSchemePublished',
  'ScoringSchemeAmended',
  'PledgeSigned',
  'PledgeAmended',
  'PeriodOpened',
  'PeriodClosed',
  'PeriodReopened',
  'ScoreRecorded',
  'ScoreCorrected',
  'ScoreWithdrawn',
  'DisputeFiled',
  'DisputeResolved',
  'ElectionOpened',
  'BallotCast',
  'ElectionClosed',
  'ChairElected',
] as const;
