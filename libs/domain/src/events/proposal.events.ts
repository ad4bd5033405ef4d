import type { Dated, TypedEvent } from './event.js';

/** Who an item proposes: a collective (unit) or a person by person id (names stay in the person registry). */
export type ProposedRecipient =
  { kind: 'collective'; unitId: string } | { kind: 'individual'; personId: string; unitId: string };

export interface ProposalItem {
  itemId: string;
  /** Catalog code of the title or award proposed. */
  code: string;
  recipient: ProposedRecipient;
  year: number;
  /** The achievement (thành tích) the item rests on. */
  achievement: string;
}

/** A document of the dossier (tờ trình, báo cáo thành tích, biên bản họp…), by reference and sha256. */
export interface ProposalDocument {
  kind: string;
  reference: string;
  sha256: string;
}

/** Tờ trình đề nghị khen thưởng: a proposer unit asks an authority level for the items. */
export interface ProposalSubmittedData extends Dated {
  proposalId: string;
  proposerUnitId: string;
  /** The authority level asked to confer (AUTHORITY_LEVELS code). */
  authority: string;
  items: ProposalItem[];
  documents: ProposalDocument[];
}
/** Công khai: the list is published for comments from `from` to `to` (both included). */
export interface ProposalPublishedData extends Dated {
  from: string;
  to: string;
  /** Working days from `from` to `to`, counted by the domain (Mon–Fri less the recorded holidays). */
  workingDays: number;
  where: string;
}
/** A comment received during the notice (ý kiến góp ý). */
export interface ProposalCommentReceivedData extends Dated {
  commentId: string;
  content: string;
  /** The commenting unit when it is one (a person's comment names no one: personal data). */
  fromUnitId?: string;
}
/** The council (Hội đồng Thi đua – Khen thưởng) met: its members and those present, by person id. */
export interface CouncilMeetingHeldData extends Dated {
  meetingId: string;
  members: string[];
  present: string[];
  minutes: { reference: string; sha256: string };
}
/** How an item is approved: at least N % of all council members, or more than half of them. */
export type CouncilThreshold = { kind: 'at-least-percent'; percent: number } | { kind: 'majority' };
/** The council's vote on one item: yes and no of all members (a secret ballot records only the count). */
export interface CouncilVoteRecordedData extends Dated {
  meetingId: string;
  itemId: string;
  yes: number;
  no: number;
  members: number;
  present: number;
  secret: boolean;
  threshold: CouncilThreshold;
  approved: boolean;
}
/** Trình cấp trên: the approved items go on to the authority. */
export interface ProposalForwardedData extends Dated {
  approvedItems: string[];
  reference: string;
}
/** Trả lại: the proposal goes back to the proposer with the reason. */
export interface ProposalReturnedData extends Dated {
  reason: string;
}

/**
 * An award decision carries out an approved item: written by the award-decision handler in the proposal's
 * stream before the decision (expected revision), so two decisions cannot carry out the same item.
 */
export interface ProposalItemClaimedData {
  itemId: string;
  decisionId: string;
  awardId: string;
}

/** The claim no longer stands: its decision was not recorded, or the award was revoked. */
export interface ProposalItemClaimReleasedData {
  itemId: string;
  awardId: string;
  cause: 'decision-failed' | 'revoked';
}

export type ProposalEvent =
  | TypedEvent<'ProposalSubmitted', ProposalSubmittedData>
  | TypedEvent<'ProposalPublished', ProposalPublishedData>
  | TypedEvent<'ProposalCommentReceived', ProposalCommentReceivedData>
  | TypedEvent<'CouncilMeetingHeld', CouncilMeetingHeldData>
  | TypedEvent<'CouncilVoteRecorded', CouncilVoteRecordedData>
  | TypedEvent<'ProposalForwarded', ProposalForwardedData>
  | TypedEvent<'ProposalReturned', ProposalReturnedData>
  | TypedEvent<'ProposalItemClaimed', ProposalItemClaimedData>
  | TypedEvent<'ProposalItemClaimReleased', ProposalItemClaimReleasedData>;

export const PROPOSAL_EVENT_TYPES = [
  'ProposalSubmitted',
  'ProposalPublished',
  'ProposalCommentReceived',
  'CouncilMeetingHeld',
  'CouncilVoteRecorded',
  'ProposalForwarded',
  'ProposalReturned',
  'ProposalItemClaimed',
  'ProposalItemClaimReleased',
] as const;
