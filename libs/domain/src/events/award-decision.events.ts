import type { ComplaintEvent } from './complaint.events.js';
import type { Dated, TypedEvent } from './event.js';

export type AwardRecipient =
  | { kind: 'collective'; unitId: string }
  | {
      kind: 'individual';
      fullName: string;
      rankTitle?: string;
      position?: string;
      unitId: string;
      /** The person's id (the id a person registry will use): lets discipline facts bar the award. */
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
  /** The approved item of a forwarded proposal this award carries out (absent on decisions recorded before proposals). */
  proposalItem?: { proposalId: string; itemId: string };
  /** Khen thưởng đột xuất: an award without a proposal, with its reason. */
  adHoc?: { reason: string };
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

/** Law 06/2022/QH15 ch. VII: an award obtained by false records or a wrong appraisal is revoked. */
export interface AwardRevokedData extends Dated {
  awardId: string;
  reason: string;
  /** Reference (number) of the revoking decision. */
  decisionRef: string;
}

export type AwardDecisionEvent =
  | TypedEvent<'AwardDecisionIssued', AwardDecisionIssuedData>
  | TypedEvent<'AwardRevoked', AwardRevokedData>
  | ComplaintEvent;

export const AWARD_DECISION_EVENT_TYPES = ['AwardDecisionIssued', 'AwardRevoked'] as const;
