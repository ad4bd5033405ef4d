import { actsForUnit, isAdmin, type Actor } from '../actor.js';
import { requireActDate, requireNotBefore } from '../business-date.js';
import { defaultCatalog } from '../catalog/catalog.js';
import type { Decider } from '../decider.js';
import { conflict, forbidden, notFound, rule } from '../errors.js';
import type {
  ProposalDocument,
  ProposalEvent,
  ProposalItem,
  ProposedRecipient,
} from '../events/proposal.events.js';
import {
  requireArray,
  requireDate,
  requireId,
  requireIsoTime,
  requireReason,
  requireText,
  requireUnique,
  requireYear,
} from '../validation.js';
import { councilApproves, proposalRuleOf } from './council-rules.js';
import type { ProposalCommand, ProposalContext } from './proposal.commands.js';
import { evolveProposal, initialProposalState, type ProposalState } from './proposal.state.js';
import { workingDaysBetween } from './working-days.js';
import { decideItemClaims } from './item-claims.js';

const SHA256 = /^[0-9a-f]{64}$/;

export function requireDigest(value: unknown, field: string): string {
  if (typeof value !== 'string' || !SHA256.test(value))
    throw rule('INVALID_DIGEST', `${field} must be a lowercase hex sha256`, field);
  return value;
}

/** The receiving level's emulation office records the notice, the council and the outcome. */
function requireOffice(actor: Actor): void {
  if (!isAdmin(actor) && actor.role !== 'organizer')
    throw forbidden(
      "only the emulation office (an administrator or an organizer) records a proposal's review",
    );
}

function validateRecipient(raw: unknown, f: string): ProposedRecipient {
  const r = raw as Partial<Record<string, unknown>> | undefined;
  if (r?.kind === 'collective') return { kind: 'collective', unitId: requireId(r.unitId, `${f}.unitId`) };
  if (r?.kind === 'individual')
    return {
      kind: 'individual',
      personId: requireId(r.personId, `${f}.personId`),
      unitId: requireId(r.unitId, `${f}.unitId`),
    };
  throw rule('INVALID_RECIPIENT', `${f}.kind must be collective or individual`, `${f}.kind`);
}

function requireCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw rule('INVALID_VOTES', `${field} must be a whole number, 0 or more`, field);
  return value;
}

function requireIds(value: unknown, field: string, min: number): string[] {
  const ids = requireArray(value, field, min, 200).map((v, i) => requireId(v, `${field}[${i}]`));
  requireUnique(ids, field, 'DUPLICATE_VALUE');
  return ids;
}

function decideSubmit(
  c: Extract<ProposalCommand, { type: 'SubmitProposal' }>,
  state: ProposalState,
  ctx: ProposalContext,
  proposalId: string,
): ProposalEvent[] {
  if (state.submitted) throw conflict('PROPOSAL_EXISTS', `proposal ${proposalId} exists`, 'proposalId');
  const proposerUnitId = requireId(c.data.proposerUnitId, 'proposerUnitId');
  if (!isAdmin(c.actor) && !actsForUnit(c.actor, proposerUnitId))
    throw forbidden('a proposal is submitted by the proposer unit (its officer or its organizer)');
  const catalog = ctx.catalog ?? defaultCatalog;
  const authority = c.data.authority;
  if (typeof authority !== 'string' || !catalog.findAuthority(authority))
    throw rule('UNKNOWN_AUTHORITY', `authority '${String(authority)}' is not a known level`, 'authority');
  const items = requireArray(c.data.items, 'items', 1, 5000).map((raw, i): ProposalItem => {
    const a = raw as Partial<ProposalItem>;
    const f = `items[${i}]`;
    const entry = typeof a.code === 'string' ? catalog.find(a.code) : undefined;
    if (!entry) throw rule('UNKNOWN_AWARD', `${f}.code is not in the catalog`, `${f}.code`);
    if (!catalog.canConfer(entry.code, authority))
      throw rule('AUTHORITY_NOT_ALLOWED', `${authority} may not confer ${entry.name}`, `${f}.code`);
    const recipient = validateRecipient(a.recipient, `${f}.recipient`);
    if (!entry.recipientKinds.includes(recipient.kind))
      throw rule(
        'RECIPIENT_KIND_NOT_ALLOWED',
        `${entry.name} is not conferred on a ${recipient.kind}`,
        `${f}.recipient`,
      );
    return {
      itemId: requireId(a.itemId, `${f}.itemId`),
      code: entry.code,
      recipient,
      year: requireYear(a.year, `${f}.year`),
      achievement: requireText(a.achievement, `${f}.achievement`, 2000),
    };
  });
  requireUnique(
    items.map((i) => i.itemId),
    'items',
    'DUPLICATE_ITEM_ID',
  );
  const documents = requireArray(c.data.documents, 'documents', 1, 50).map((raw, i): ProposalDocument => {
    const d = raw as Partial<ProposalDocument>;
    const f = `documents[${i}]`;
    return {
      kind: requireText(d.kind, `${f}.kind`, 100),
      reference: requireText(d.reference, `${f}.reference`, 300),
      sha256: requireDigest(d.sha256, `${f}.sha256`),
    };
  });
  const effectiveDate = requireActDate(c.data.effectiveDate, c.at);
  return [
    {
      type: 'ProposalSubmitted',
      data: { proposalId, proposerUnitId, authority, items, documents, effectiveDate },
    },
  ];
}

/** The longest notice any item of the proposal needs (0: none needs one). */
function noticeNeeded(state: ProposalState, ctx: ProposalContext): number {
  return Math.max(
    0,
    ...Object.values(state.items).map((i) => proposalRuleOf(i.code, ctx.rules).publicNoticeWorkingDays),
  );
}

export function decideProposal(
  command: ProposalCommand,
  state: ProposalState,
  context: ProposalContext = {},
): ProposalEvent[] {
  requireIsoTime(command.at);
  const proposalId = requireId(command.data.proposalId, 'proposalId');
  if (command.type === 'SubmitProposal') return decideSubmit(command, state, context, proposalId);
  if (command.type === 'ClaimProposalItems' || command.type === 'ReleaseProposalItemClaims')
    return decideItemClaims(command, state, proposalId);
  requireOffice(command.actor);
  if (!state.submitted)
    throw notFound('PROPOSAL_NOT_FOUND', `proposal ${proposalId} does not exist`, 'proposalId');
  if (state.status !== 'open')
    throw conflict('PROPOSAL_CLOSED', `proposal ${proposalId} was ${state.status}`, 'proposalId');
  switch (command.type) {
    case 'PublishProposal': {
      if (state.notice) throw conflict('ALREADY_PUBLISHED', `proposal ${proposalId} is published`, 'from');
      const from = requireActDate(requireDate(command.data.from, 'from'), command.at, 'from');
      requireNotBefore(from, state.submittedOn, 'the submission', 'from');
      const to = requireDate(command.data.to, 'to');
      if (to < from) throw rule('NOTICE_ENDS_BEFORE_START', `to ${to} is before from ${from}`, 'to');
      const workingDays = workingDaysBetween(from, to, context.holidays);
      const needed = noticeNeeded(state, context);
      if (workingDays < needed)
        throw rule(
          'NOTICE_TOO_SHORT',
          `the notice runs ${workingDays} working days; its items need at least ${needed} (NĐ 98/2023/NĐ-CP art. 46.2)`,
          'to',
        );
      const where = requireText(command.data.where, 'where', 300);
      return [{ type: 'ProposalPublished', data: { from, to, workingDays, where, effectiveDate: from } }];
    }
    case 'ReceiveProposalComment': {
      if (!state.notice)
        throw rule(
          'NOT_PUBLISHED',
          `proposal ${proposalId} has not been published for comments`,
          'proposalId',
        );
      const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
      requireNotBefore(effectiveDate, state.notice.from, 'the start of the notice');
      const commentId = requireId(command.data.commentId, 'commentId');
      if (state.comments.includes(commentId))
        throw conflict('COMMENT_ID_TAKEN', `comment ${commentId} exists`, 'commentId');
      const fromUnitId =
        command.data.fromUnitId === undefined ? undefined : requireId(command.data.fromUnitId, 'fromUnitId');
      return [
        {
          type: 'ProposalCommentReceived',
          data: {
            commentId,
            content: requireText(command.data.content, 'content', 2000),
            ...(fromUnitId !== undefined && { fromUnitId }),
            effectiveDate,
          },
        },
      ];
    }
    case 'HoldCouncilMeeting': {
      const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
      requireNotBefore(effectiveDate, state.submittedOn, 'the submission');
      const needed = noticeNeeded(state, context);
      // The list is published for the whole notice before the council meets.
      if (needed > 0 && (!state.notice || effectiveDate <= state.notice.to))
        throw rule(
          'NOTICE_NOT_ENDED',
          state.notice
            ? `the public notice runs until ${state.notice.to}: the council meets after it`
            : `its items need a public notice of ${needed} working days before the council meets`,
          'effectiveDate',
        );
      const meetingId = requireId(command.data.meetingId, 'meetingId');
      if (state.meetings[meetingId])
        throw conflict('MEETING_ID_TAKEN', `meeting ${meetingId} exists`, 'meetingId');
      const members = requireIds(command.data.members, 'members', 1);
      const present = requireIds(command.data.present, 'present', 0);
      present.forEach((p, i) => {
        if (!members.includes(p))
          throw rule('NOT_A_COUNCIL_MEMBER', `${p} is not a member of the council`, `present[${i}]`);
      });
      const m = command.data.minutes as Partial<{ reference: string; sha256: string }> | undefined;
      const minutes = {
        reference: requireText(m?.reference, 'minutes.reference', 300),
        sha256: requireDigest(m?.sha256, 'minutes.sha256'),
      };
      return [{ type: 'CouncilMeetingHeld', data: { meetingId, members, present, minutes, effectiveDate } }];
    }
    case 'RecordCouncilVote': {
      const meetingId = requireId(command.data.meetingId, 'meetingId');
      const meeting = state.meetings[meetingId];
      if (!meeting) throw notFound('MEETING_NOT_FOUND', `meeting ${meetingId} was not held`, 'meetingId');
      const itemId = requireId(command.data.itemId, 'itemId');
      const item = state.items[itemId];
      if (!item)
        throw notFound('ITEM_NOT_FOUND', `item ${itemId} is not in proposal ${proposalId}`, 'itemId');
      if (item.approved !== undefined)
        throw conflict('ITEM_ALREADY_VOTED', `the council has voted on item ${itemId}`, 'itemId');
      const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
      requireNotBefore(effectiveDate, meeting.on, 'the meeting');
      const yes = requireCount(command.data.yes, 'yes');
      const no = requireCount(command.data.no, 'no');
      if (yes + no > meeting.present)
        throw rule('VOTES_EXCEED_PRESENT', `${yes + no} votes but ${meeting.present} members present`, 'yes');
      if (typeof command.data.secret !== 'boolean')
        throw rule('INVALID_SECRET', 'secret must be true or false', 'secret');
      const r = proposalRuleOf(item.code, context.rules);
      if (r.secretBallot && !command.data.secret)
        throw rule(
          'SECRET_BALLOT_REQUIRED',
          `${item.code} is voted by secret ballot (NĐ 91/2017 art. 45.8)`,
          'secret',
        );
      return [
        {
          type: 'CouncilVoteRecorded',
          data: {
            meetingId,
            itemId,
            yes,
            no,
            members: meeting.members,
            present: meeting.present,
            secret: command.data.secret,
            threshold: r.council,
            approved: councilApproves(r.council, yes, meeting.members),
            effectiveDate,
          },
        },
      ];
    }
    case 'ForwardProposal': {
      const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
      requireNotBefore(effectiveDate, state.submittedOn, 'the submission');
      const unvoted = Object.entries(state.items).filter(([, i]) => i.approved === undefined);
      if (unvoted.length > 0)
        throw rule(
          'ITEMS_NOT_VOTED',
          `the council has not voted on ${unvoted.map(([id]) => id).join(', ')}`,
          'proposalId',
        );
      const approvedItems = Object.entries(state.items)
        .filter(([, i]) => i.approved === true)
        .map(([id]) => id);
      if (approvedItems.length === 0)
        throw rule(
          'NOTHING_APPROVED',
          'the council approved no item: the proposal is returned',
          'proposalId',
        );
      const reference = requireText(command.data.reference, 'reference', 100);
      return [{ type: 'ProposalForwarded', data: { approvedItems, reference, effectiveDate } }];
    }
    case 'ReturnProposal': {
      const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
      requireNotBefore(effectiveDate, state.submittedOn, 'the submission');
      return [
        { type: 'ProposalReturned', data: { reason: requireReason(command.data.reason), effectiveDate } },
      ];
    }
  }
}

export const proposalDecider: Decider<ProposalCommand, ProposalState, ProposalEvent, ProposalContext> = {
  initialState: initialProposalState,
  evolve: evolveProposal,
  decide: decideProposal,
};
