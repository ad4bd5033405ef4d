import type { Command } from '../actor.js';
import type { Catalog } from '../catalog/catalog.js';
import type { DisciplineState } from '../discipline/discipline.state.js';
import type { AwardItem } from '../events/award-decision.events.js';
import type { ComplaintPolicy } from '../complaints/complaint-policy.js';
import type { ComplaintFiler } from '../events/complaint.events.js';
import type { DisciplineSubject } from '../events/discipline.events.js';
import { awardDecisionStream } from '../streams.js';
import type { PeopleContext } from './decide-prerequisites.js';
import type { ProposalState } from '../proposal/proposal.state.js';
import type { HeldRecipient } from './decide-proposal-link.js';

export type IssueAwardDecision = Command<
  'IssueAwardDecision',
  { decisionId: string; number: string; date: string; authority: string; awards: AwardItem[] }
>;
export type RevokeAward = Command<
  'RevokeAward',
  {
    decisionId: string;
    awardId: string;
    reason: string;
    decisionRef: string;
    ground: string;
    authority: string;
    recovery: { insignia: boolean; moneyVnd: number };
    effectiveDate?: string;
  }
>;

/** Khiếu nại about the decision (or one of its awards), resolved by its authority, then the next one up. */
export type FileDecisionComplaint = Command<
  'FileComplaint',
  {
    decisionId: string;
    complaintId: string;
    awardId?: string;
    filer: ComplaintFiler;
    content: string;
    receivedOn?: string;
    learnedOn?: string;
  }
>;
export type ResolveDecisionComplaint = Command<
  'ResolveComplaint',
  {
    decisionId: string;
    complaintId: string;
    outcome: string;
    reason: string;
    decisionRef: string;
    effectiveDate?: string;
  }
>;
export type EscalateDecisionComplaint = Command<
  'EscalateComplaint',
  { decisionId: string; complaintId: string; reason: string; receivedOn?: string }
>;

/** The organizer of the flag's cluster confirms a flag whose basis no longer holds, with a reason. */
export type ConfirmFlagBasis = Command<
  'ConfirmFlagBasis',
  { decisionId: string; awardId: string; reason: string; effectiveDate?: string }
>;

/** The claim reconciler (an administrator's act, by the system): the decision of abandoned claims is never recorded. */
export type AbandonAwardDecision = Command<'AbandonAwardDecision', { decisionId: string; reason: string }>;

export type AwardDecisionCommand =
  | IssueAwardDecision
  | AbandonAwardDecision
  | RevokeAward
  | ConfirmFlagBasis
  | FileDecisionComplaint
  | ResolveDecisionComplaint
  | EscalateDecisionComplaint;

/**
 * A collective's standing in its cluster's final ranking (period Y, closed or revised) of a year, as
 * loaded by the handler for cluster-flag awards. `rank` is null when the unit has no row.
 */
export interface ClusterStanding {
  unitId: string;
  year: number;
  clusterId: string;
  organizerUnitId: string;
  rank: number | null;
  /** True when the Y period of that cluster-year is closed (or revised after closing). */
  final: boolean;
  /** True while a complaint on that Y ranking (or on a proposal made on it) is open. */
  disputed?: boolean;
  /** How many leading units the organizer allows a flag; default 1. */
  quota?: number;
  /** The organizer's recorded quota per flag code for this cluster-year (wins over `quota`). */
  quotaByCode?: Readonly<Record<string, number>>;
  /** Flags conferred this year in the cluster-year, by code (not revoked): they count against the quota. */
  conferred?: ReadonlyArray<{ unitId: string; code: string; awardId?: string }>;
  /** Rows ranked better than the unit, and the units sharing its rank (a tie at the boundary). */
  rowsAbove?: number;
  tiedWith?: readonly string[];
  /** The ranking's digest and the position it was read up to: stored as the flag's basis. */
  rankingDigest?: string;
  rankingPosition?: number;
  /** Units a title review vote of the year's tổng kết chose for this flag code (decides a tie or a dispute). */
  chosenByVote?: ReadonlyArray<{ unitId: string; code: string }>;
}

export interface AwardDecisionContext extends PeopleContext {
  /** Standings for every collective recipient of a cluster flag in the decision. */
  clusterStandings?: ReadonlyArray<ClusterStanding>;
  catalog?: Catalog;
  /** Complaint time limits (default: Luật Khiếu nại 2011). */
  complaintPolicy?: ComplaintPolicy;
  /** The discipline facts of every recipient unit and person (by person id) of the decision. */
  discipline?: ReadonlyArray<{ subject: DisciplineSubject; state: DisciplineState }>;
  /** The proposals the decision's items name (by proposal id), folded. */
  proposals?: Readonly<Record<string, ProposalState>>;
  /** For an organizer recording: the (unit, year) recipients its clusters hold (the unit or a unit above it). */
  heldBy?: ReadonlyArray<HeldRecipient>;
  /** Units holding Cờ thi đua của Bộ Công an (not revoked) per year: the standard Cờ thi đua của Chính phủ needs. */
  ministryFlagHolders?: ReadonlyArray<{ unitId: string; year: number; awardId?: string }>;
  /** ConfirmFlagBasis: the organizer of the flag's cluster, and whether its basis still holds today. */
  flagCluster?: { organizerUnitId: string; basisHolds: boolean };
}

export const awardDecisionStreamOf = (command: AwardDecisionCommand): string =>
  awardDecisionStream(command.data.decisionId);
