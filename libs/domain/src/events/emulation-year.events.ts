import type { Integer } from '../integer.js';
import type { PeriodCode } from '../periods.js';
import type { ClassificationThreshold, Criterion, KnockOut, TieBreak } from '../scheme/scheme.js';
import { COMPLAINT_EVENT_TYPES, type ComplaintEvent } from './complaint.events.js';
import type { Dated, TypedEvent } from './event.js';

/**
 * Who assessed a score: `self` the unit itself, `cluster` the cluster's verified score (chair, vice-chair,
 * organizer or the assigned inspecting unit), `appraisal` the organizer's emulation office (thẩm định),
 * which outranks both.
 */
export type Assessment = 'self' | 'cluster' | 'appraisal';
export type ChairRole = 'chair' | 'vice-chair';

export interface UnitAdmittedData extends Dated {
  unitId: string;
}
export interface UnitWithdrawnData extends Dated {
  unitId: string;
  reason: string;
}
/** Chair (Cụm trưởng) or vice-chair (Cụm phó) of this cluster-year: set by the organizer or taken from last year's election. */
export interface ChairAssignedData extends Dated {
  unitId: string;
  role: ChairRole;
  source: 'organizer' | 'election';
  /** When source is 'election': the election of the previous year's stream that elected the unit. */
  electionId?: string;
}
/** The organizer's election policy for this cluster-year; default (no event) forbids consecutive terms. */
export interface ChairPolicySetData extends Dated {
  forbidConsecutiveTerms: boolean;
}
export interface ScoringSchemePublishedData extends Dated {
  version: number;
  criteria: Criterion[];
  thresholds: ClassificationThreshold[];
  tieBreaks: TieBreak[];
  /** Knock-out conditions a finding may raise (absent: none). */
  knockOuts?: KnockOut[];
  /**
   * Only on schemes recorded before the rule (schema version 1, set by the upcast): rows with missing
   * criteria were classified. Every later scheme leaves such a row unclassified ("chưa đủ điểm").
   */
  classifyIncomplete?: boolean;
}
export interface ScoringSchemeAmendedData extends ScoringSchemePublishedData {
  reason: string;
}
export interface PledgeTarget {
  text: string;
  /** e.g. 77 (chỉ tiêu công tác). */
  count?: Integer;
}
export interface PledgeSignedData extends Dated {
  unitId: string;
  version: number;
  /** Catalog codes of the registered collective titles (đăng ký danh hiệu). */
  titles: string[];
  targets: PledgeTarget[];
  /** Nội dung công tác lớn, trọng tâm: as many as the cluster's pledge rules ask (Cụm 7: 3). */
  keyTasks: string[];
}
export interface PledgeAmendedData extends PledgeSignedData {
  reason: string;
}
/** The cluster-year's pledge rules: how many key tasks (null: any), whether a title must be registered. */
export interface PledgeRulesSetData extends Dated {
  keyTasks: number | null;
  titleRequired: boolean;
}
/** Conference kinds: signing (ký kết), review meeting (giao ban), mid-year (sơ kết), year-end (tổng kết). */
export type ConferenceKind = 'ký kết' | 'giao ban' | 'sơ kết' | 'tổng kết';
export const CONFERENCE_KINDS: readonly ConferenceKind[] = ['ký kết', 'giao ban', 'sơ kết', 'tổng kết'];
/**
 * A conference (hội nghị) of the cluster-year, as issue 12 specifies it: kind, date (its business date),
 * place, the presiding unit, and the minutes by reference and sha256 of the document.
 */
export interface ConferenceHeldData {
  conferenceId: string;
  kind: ConferenceKind;
  date: string;
  place: string;
  presidingUnitId: string;
  minutes: { reference: string; sha256: string };
}
/**
 * Bình xét, suy tôn at the tổng kết conference: the units to propose for a title, voted among candidates
 * taken from the final Y ranking. The counting committee's tally and each voting unit's receipt (`voters`,
 * once each) are recorded; a secret vote records nothing of who chose whom (an open one neither: the tally
 * is the minutes'). `chosen`: the `seats` units with most votes; a tie at the last seat chooses none of the
 * tied (`outcome: tie`, a new review decides). A chosen unit ranked below a candidate not chosen carries its
 * reason in `reasons`.
 */
export interface TitleReviewHeldData extends Dated {
  reviewId: string;
  conferenceId: string;
  code: string;
  seats: number;
  secret: boolean;
  candidates: Array<{ unitId: string; rank: number | null }>;
  voters: string[];
  tally: Array<{ unitId: string; votes: number }>;
  invalid: number;
  outcome: 'chosen' | 'tie';
  chosen: string[];
  reasons: Record<string, string>;
}
/** The cluster's plan for the year (kế hoạch triển khai phong trào thi đua). */
export interface PlanIssuedData extends Dated {
  planId: string;
  title: string;
  reference: string;
}
export interface PeriodOpenedData extends Dated {
  period: PeriodCode;
}
/** Seals the period's ranking: the digest of `rankingForDigest`, computed by the handler with the evaluator. */
export interface PeriodClosedData extends Dated {
  period: PeriodCode;
  rankingDigest: string;
  schemeVersion: number;
  /** Closed with rows missing criteria: the organizer's reasoned acceptance and the units concerned. */
  acceptedIncomplete?: { reason: string; unitIds: string[] };
}
export interface PeriodReopenedData extends Dated {
  period: PeriodCode;
  reason: string;
  previousDigest: string;
}
export interface ScoreRecordedData extends Dated {
  entryId: string;
  unitId: string;
  period: PeriodCode;
  criterion: string;
  assessment: Assessment;
  points: number;
  schemeVersion: number;
  evidence?: string;
}
export interface ScoreCorrectedData extends Dated {
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
export interface ScoreWithdrawnData extends Dated {
  entryId: string;
  unitId: string;
  period: PeriodCode;
  criterion: string;
  assessment: Assessment;
  reason: string;
  disputeId?: string;
}
export interface DisputeFiledData extends Dated {
  disputeId: string;
  entryId: string;
  unitId: string;
  period: PeriodCode;
  criterion: string;
  reason: string;
  proposedPoints?: number;
}
export interface DisputeResolvedData extends Dated {
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
/** Kiểm tra chéo: while assigned, only the inspector unit records the inspected unit's cluster scores of the period. */
export interface InspectionAssignedData extends Dated {
  period: PeriodCode;
  inspectedUnitId: string;
  inspectorUnitId: string;
  /** The assignment it replaces. */
  previousInspectorUnitId?: string;
  reason?: string;
}
/** A finding that raises a knock-out condition of the scheme for a unit in a period, with its evidence. */
export interface FindingRecordedData extends Dated {
  findingId: string;
  unitId: string;
  period: PeriodCode;
  knockOut: string;
  evidence: string;
}
export interface FindingClearedData extends Dated {
  findingId: string;
  unitId: string;
  period: PeriodCode;
  reason: string;
}
export interface ElectionOpenedData extends Dated {
  electionId: string;
  role: ChairRole;
  /** The year the elected unit will serve: the stream's year + 1. */
  forYear: number;
  round: number;
  candidates: string[];
  /** A secret ballot: the log keeps a receipt per voter and the count, never who voted for whom. */
  secret?: true;
  /** A run-off: the round whose leaders it decides by plurality (absent: a first round, absolute majority). */
  runOffOf?: string;
}
export interface BallotCastData extends Dated {
  electionId: string;
  voterUnitId: string;
  candidateUnitId: string;
}
/**
 * A member unit's ballot in a secret election: the receipt that it voted (the event itself: its id is in the
 * command's answer), never for whom — the paper ballot goes to the counting committee, not to the log.
 */
export interface SecretBallotCastData extends Dated {
  electionId: string;
  voterUnitId: string;
}
export type ElectionOutcome = 'elected' | 'tie' | 'no-majority' | 'no-quorum';
/** How the round elects: a first round by absolute majority of the ballots cast, a run-off by plurality. */
export type ElectionRule = 'absolute-majority' | 'plurality';
export interface ElectionClosedData extends Dated {
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
  /** Absent on rounds closed before run-offs existed (they were decided by absolute majority). */
  rule?: ElectionRule;
  /** Nobody elected: the units the next round (a run-off) is between. */
  runOffCandidates?: string[];
  /** A secret round: the count is the counting committee's (kiểm phiếu); `invalid` ballots are among `ballots`. */
  secret?: true;
  invalid?: number;
}
export interface ChairElectedData extends Dated {
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
  | TypedEvent<'SecretBallotCast', SecretBallotCastData>
  | TypedEvent<'ElectionClosed', ElectionClosedData>
  | TypedEvent<'ChairElected', ChairElectedData>
  | TypedEvent<'InspectionAssigned', InspectionAssignedData>
  | TypedEvent<'FindingRecorded', FindingRecordedData>
  | TypedEvent<'FindingCleared', FindingClearedData>
  | TypedEvent<'PledgeRulesSet', PledgeRulesSetData>
  | TypedEvent<'ConferenceHeld', ConferenceHeldData>
  | TypedEvent<'PlanIssued', PlanIssuedData>
  | TypedEvent<'TitleReviewHeld', TitleReviewHeldData>
  | ComplaintEvent;

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
  'SecretBallotCast',
  'ElectionClosed',
  'ChairElected',
  'InspectionAssigned',
  'FindingRecorded',
  'FindingCleared',
  'PledgeRulesSet',
  'ConferenceHeld',
  'PlanIssued',
  'TitleReviewHeld',
  ...COMPLAINT_EVENT_TYPES,
] as const;
