import type { Command } from '../actor.js';
import type { Catalog } from '../catalog/catalog.js';
import type { ProposalDocument, ProposalItem } from '../events/proposal.events.js';
import { proposalStream } from '../streams.js';
import type { ProposalRule } from './council-rules.js';

type P<T extends string, D> = Command<T, D & { proposalId: string; effectiveDate?: string }>;

export type SubmitProposal = P<
  'SubmitProposal',
  { proposerUnitId: string; authority: string; items: ProposalItem[]; documents: ProposalDocument[] }
>;
export type PublishProposal = P<'PublishProposal', { from: string; to: string; where: string }>;
export type ReceiveProposalComment = P<
  'ReceiveProposalComment',
  { commentId: string; content: string; fromUnitId?: string }
>;
export type HoldCouncilMeeting = P<
  'HoldCouncilMeeting',
  { meetingId: string; members: string[]; present: string[]; minutes: { reference: string; sha256: string } }
>;
export type RecordCouncilVote = P<
  'RecordCouncilVote',
  { meetingId: string; itemId: string; yes: number; no: number; secret: boolean }
>;
export type ForwardProposal = P<'ForwardProposal', { reference: string }>;
export type ReturnProposal = P<'ReturnProposal', { reason: string }>;

/** The award-decision handler claims the items its decision carries out (before writing the decision). */
export type ClaimProposalItems = P<
  'ClaimProposalItems',
  { decisionId: string; claims: Array<{ itemId: string; awardId: string; field: string }> }
>;
export type ReleaseProposalItemClaims = P<
  'ReleaseProposalItemClaims',
  { awardIds: string[]; cause: 'decision-failed' | 'revoked' }
>;

export type ProposalCommand =
  | SubmitProposal
  | PublishProposal
  | ReceiveProposalComment
  | HoldCouncilMeeting
  | RecordCouncilVote
  | ForwardProposal
  | ReturnProposal
  | ClaimProposalItems
  | ReleaseProposalItemClaims;

export interface ProposalContext {
  catalog?: Catalog;
  /** The procedure's catalog data (default PROPOSAL_RULES). */
  rules?: Readonly<Record<string, Partial<ProposalRule>>>;
  /** Holidays beyond the fixed ones (Tết, Giỗ Tổ, compensatory days) that fall in a notice. */
  holidays?: readonly string[];
}

export const proposalStreamOf = (command: ProposalCommand): string => proposalStream(command.data.proposalId);
