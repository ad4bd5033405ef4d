import type { Command } from '../actor.js';
import type { EmulationWindow } from '../business-date.js';
import type { ComplaintPolicy } from '../complaints/complaint-policy.js';
import type { ComplaintFiler, ComplaintTarget } from '../events/complaint.events.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Assessment, ChairRole, PledgeTarget } from '../events/emulation-year.events.js';
import type { PeriodCode } from '../periods.js';
import type { ScoringSchemeContent } from '../scheme/scheme.js';
import { emulationStream } from '../streams.js';
import type { UnitStatus } from '../unit/unit.commands.js';

/**
 * Every cluster-year command names its stream (`emulation-{clusterId}-{year}`) and may give the act's
 * business date (default: the date it is recorded on).
 */
interface Year {
  clusterId: string;
  year: number;
  effectiveDate?: string;
}

export type AdmitUnit = Command<'AdmitUnit', Year & { unitId: string }>;
export type WithdrawUnit = Command<'WithdrawUnit', Year & { unitId: string; reason: string }>;
/** The organizer sets the chair/vice-chair (source 'organizer'), or the result of last year's election is taken up (source 'election'). */
export type AssignChair = Command<
  'AssignChair',
  Year & { unitId: string; role: ChairRole; source: 'organizer' | 'election'; electionId?: string }
>;
export type SetChairPolicy = Command<'SetChairPolicy', Year & { forbidConsecutiveTerms: boolean }>;
export type PublishScoringScheme = Command<'PublishScoringScheme', Year & ScoringSchemeContent>;
export type AmendScoringScheme = Command<
  'AmendScoringScheme',
  Year & ScoringSchemeContent & { reason: string }
>;
export interface PledgeContent {
  unitId: string;
  titles: string[];
  targets: PledgeTarget[];
  keyTasks: string[];
}
export type SignPledge = Command<'SignPledge', Year & PledgeContent>;
export type AmendPledge = Command<'AmendPledge', Year & PledgeContent & { reason: string }>;
export type SetPledgeRules = Command<
  'SetPledgeRules',
  Year & { keyTasks: number | null; titleRequired: boolean }
>;
export type OpenPeriod = Command<'OpenPeriod', Year & { period: PeriodCode }>;
/** `date` is the conference's business date (no effectiveDate). */
export type HoldConference = Command<
  'HoldConference',
  Year & {
    conferenceId: string;
    kind: string;
    date: string;
    place: string;
    presidingUnitId: string;
    minutes: { reference: string; sha256: string };
  }
>;
export type IssuePlan = Command<'IssuePlan', Year & { planId: string; title: string; reference: string }>;
/** The title review (bình xét) of a tổng kết conference, as its counting committee's minutes record it. */
export type RecordTitleReview = Command<
  'RecordTitleReview',
  Year & {
    reviewId: string;
    conferenceId: string;
    code: string;
    seats: number;
    secret: boolean;
    candidates: string[];
    voters: string[];
    tally: Array<{ unitId: string; votes: number }>;
    invalid?: number;
    reasons?: Record<string, string>;
  }
>;
/** `rankingDigest`: hex sha256 of canonicalJson(rankingForDigest(evaluateRanking(events, period))), computed by the handler. */
export type ClosePeriod = Command<
  'ClosePeriod',
  Year & { period: PeriodCode; rankingDigest: string; acceptIncomplete?: { reason: string } }
>;
export type ReopenPeriod = Command<'ReopenPeriod', Year & { period: PeriodCode; reason: string }>;
export type RecordScore = Command<
  'RecordScore',
  Year & {
    entryId: string;
    unitId: string;
    period: PeriodCode;
    criterion: string;
    points: number;
    assessment: Assessment;
    evidence?: string;
  }
>;
export type CorrectScore = Command<
  'CorrectScore',
  Year & { entryId: string; points: number; reason: string }
>;
export type WithdrawScore = Command<'WithdrawScore', Year & { entryId: string; reason: string }>;
export type FileDispute = Command<
  'FileDispute',
  Year & { disputeId: string; entryId: string; reason: string; proposedPoints?: number }
>;
/** Upheld needs exactly one of `correctedPoints` or `withdrawEntry: true`; rejected needs neither. */
export type ResolveDispute = Command<
  'ResolveDispute',
  Year & {
    disputeId: string;
    outcome: 'upheld' | 'rejected';
    reason: string;
    correctedPoints?: number;
    withdrawEntry?: boolean;
  }
>;
export type OpenElection = Command<
  'OpenElection',
  /** candidates: required for a first round; a run-off takes the previous round's leaders (given: must match). */
  Year & { electionId: string; role: ChairRole; candidates?: string[]; secret?: boolean }
>;
/** A secret election takes no candidate (whom the unit chose stays on paper). */
export type CastBallot = Command<
  'CastBallot',
  Year & { electionId: string; voterUnitId: string; candidateUnitId?: string }
>;
/** The counting committee's result (kiểm phiếu) of a secret round: votes per candidate and invalid ballots. */
export interface SecretCount {
  tally: Array<{ unitId: string; votes: number }>;
  invalid?: number;
}
export type CloseElection = Command<'CloseElection', Year & { electionId: string; count?: SecretCount }>;
export type AssignInspection = Command<
  'AssignInspection',
  Year & { period: PeriodCode; inspectedUnitId: string; inspectorUnitId: string; reason?: string }
>;
export type RecordFinding = Command<
  'RecordFinding',
  Year & { findingId: string; unitId: string; period: PeriodCode; knockOut: string; evidence: string }
>;
export type ClearFinding = Command<'ClearFinding', Year & { findingId: string; reason: string }>;
/** Khiếu nại: `receivedOn` is its business date (default: the day it is recorded); not limited by the window. */
export type FileComplaint = Command<
  'FileComplaint',
  Year & {
    complaintId: string;
    target: ComplaintTarget;
    filer: ComplaintFiler;
    content: string;
    receivedOn?: string;
    learnedOn?: string;
    /** A proposal's date (proposals are not recorded yet); the other targets give their own. */
    decisionOn?: string;
  }
>;
export type ResolveComplaint = Command<
  'ResolveComplaint',
  Year & { complaintId: string; outcome: string; reason: string; decisionRef: string }
>;
export type EscalateComplaint = Command<
  'EscalateComplaint',
  Year & { complaintId: string; reason: string; receivedOn?: string }
>;

export type EmulationYearCommand =
  | AdmitUnit
  | WithdrawUnit
  | AssignChair
  | SetChairPolicy
  | PublishScoringScheme
  | AmendScoringScheme
  | SignPledge
  | AmendPledge
  | SetPledgeRules
  | HoldConference
  | IssuePlan
  | RecordTitleReview
  | OpenPeriod
  | ClosePeriod
  | ReopenPeriod
  | RecordScore
  | CorrectScore
  | WithdrawScore
  | FileDispute
  | ResolveDispute
  | OpenElection
  | CastBallot
  | CloseElection
  | AssignInspection
  | RecordFinding
  | ClearFinding
  | FileComplaint
  | ResolveComplaint
  | EscalateComplaint;

/** A chair/vice-chair elected in the previous year's stream (its ChairElected event). */
export interface ElectedInPreviousYear {
  electionId: string;
  role: ChairRole;
  unitId: string;
}

/**
 * What the handler loads from other streams before deciding. `cluster` is required for every command
 * (the organizer is the authority for most of them).
 */
export interface EmulationYearContext {
  cluster?: { organizerUnitId: string; status: 'active' | 'dissolved' };
  /** RecordTitleReview: the final Y ranking of the cluster-year (rank of each row), from the evaluator. */
  finalRanking?: { final: boolean; rows: ReadonlyArray<{ unitId: string; rank: number }> };
  /** The organizer's recorded emulation window for the year (none recorded: no window limit). */
  window?: EmulationWindow;
  /** AdmitUnit: the unit's status from its unit stream. */
  unitStatus?: UnitStatus;
  /** AdmitUnit: the cluster the membership registry holds the unit for (the reservation step just done). */
  reservedClusterId?: string;
  /** AssignChair with source 'election': ChairElected events of the previous year's stream. */
  electedInPreviousYear?: ReadonlyArray<ElectedInPreviousYear>;
  /** SignPledge/AmendPledge: an administrator-corrected catalog; the default catalog otherwise. */
  catalog?: Catalog;
  /**
   * ClosePeriod: the units whose rows of the ranking being sealed miss criteria and so get no
   * classification, computed by the handler with the evaluator over the events decided on.
   */
  incompleteUnits?: ReadonlyArray<string>;
  /** EscalateComplaint: the parent of the organizer unit (the second-level authority), if any. */
  organizerParentUnitId?: string;
  /** Complaint time limits (default: Luật Khiếu nại 2011). */
  complaintPolicy?: ComplaintPolicy;
}

export const emulationStreamOf = (command: EmulationYearCommand): string =>
  emulationStream(command.data.clusterId, command.data.year);
