import type { ComplaintEvent } from './complaint.events.js';
import type { Dated, TypedEvent } from './event.js';
import type { PrerequisiteBasis } from './person.events.js';

export type AwardRecipient =
  | { kind: 'collective'; unitId: string }
  | {
      kind: 'individual';
      /** Free-text personal fields of awards recorded before the person registry (issue 12); new ones name `personId`. */
      fullName?: string;
      rankTitle?: string;
      position?: string;
      /** The person's unit when the award was decided. */
      unitId: string;
      /** The person in the registry (`person-{personId}`); required on every new individual award. */
      personId?: string;
    };

export interface AwardItem {
  awardId: string;
  /** Catalog code. */
  code: string;
  recipient: AwardRecipient;
  year: number;
  citation: string;
  /** A cluster flag outside the organizer's quota, recorded knowingly by the organizer. */
  override?: { reason: string };
  /** The achievement rewarded (e.g. a report's reference): one achievement is rewarded once. */
  achievementRef?: string;
  /** The titles a prerequisite was met with (issue 12), when the award has one. */
  basis?: PrerequisiteBasis[];
  /** The approved item of a forwarded proposal this award carries out (absent on decisions recorded before proposals). */
  proposalItem?: { proposalId: string; itemId: string };
  /** Khen thưởng đột xuất: an award without a proposal, with its reason. */
  adHoc?: { reason: string };
  /** A cluster flag: the standing it was conferred on (absent on flags recorded before issue 12). */
  flagBasis?: FlagBasis;
}

/** Where a cluster flag stood when conferred: its cluster-year's final Y ranking and the quota. */
export interface FlagBasis {
  clusterId: string;
  year: number;
  /** The unit's rank (null: no row). */
  rank: number | null;
  /** sha256 of the ranking's digest input, and the log position it was read up to. */
  rankingDigest: string;
  rankingPosition: number;
  quota: number;
  /** Flags of the code already conferred in the cluster-year (they count against the quota). */
  conferredBefore: number;
  /** How the flag got past what the ranking alone allows: an override, or a title review vote. */
  decidedBy?: 'override' | 'vote';
}

/** The organizer confirms a flag whose basis no longer holds (a later upheld dispute moved the unit). */
export interface FlagBasisConfirmedData extends Dated {
  awardId: string;
  reason: string;
}

export interface AwardDecisionIssuedData {
  decisionId: string;
  /** The decision's number as printed, e.g. "1234/QĐ-BCA". */
  number: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Authority level code (AUTHORITY_LEVELS). */
  authority: string;
  awards: AwardItem[];
}

/**
 * The legal grounds of a revocation (Law 06/2022/QH15 ch. VII): a falsely declared achievement, a forged
 * dossier, an appraisal or proposal contrary to the rules, a later finding that the standard was not met.
 */
export const REVOCATION_GROUNDS = [
  'false-declaration',
  'forged-dossier',
  'appraisal-contrary-to-rules',
  'later-violation-finding',
] as const;
export type RevocationGround = (typeof REVOCATION_GROUNDS)[number];

/** Law 06/2022/QH15 ch. VII: an award obtained by false records or a wrong appraisal is revoked. */
export interface AwardRevokedData extends Dated {
  awardId: string;
  reason: string;
  /** Reference (number) of the revoking decision; its date is `effectiveDate`. */
  decisionRef: string;
  /** Issue 12 (absent on revocations recorded before): the legal ground. */
  ground?: RevocationGround;
  /** Issue 12: the revoking authority level — the conferrer or one above it. */
  authority?: string;
  /** Issue 12: what is recovered: the insignia (hiện vật) and the money (tiền thưởng, đồng). */
  recovery?: { insignia: boolean; moneyVnd: number };
}

/**
 * The decision was never recorded and never will be: a request claimed places for it (a person's title, a
 * proposal item, a flag's place, a 15 % place) and stopped before writing it — a killed process. The claim
 * reconciler writes this into the decision's empty stream (expected: no stream) before releasing the claims,
 * so the request, were it still running, can no longer record the decision on claims it no longer holds.
 */
export interface AwardDecisionAbandonedData {
  decisionId: string;
  reason: string;
}

export type AwardDecisionEvent =
  | TypedEvent<'AwardDecisionIssued', AwardDecisionIssuedData>
  | TypedEvent<'AwardDecisionAbandoned', AwardDecisionAbandonedData>
  | TypedEvent<'AwardRevoked', AwardRevokedData>
  | TypedEvent<'FlagBasisConfirmed', FlagBasisConfirmedData>
  | ComplaintEvent;

export const AWARD_DECISION_EVENT_TYPES = [
  'AwardDecisionIssued',
  'AwardDecisionAbandoned',
  'AwardRevoked',
  'FlagBasisConfirmed',
] as const;
