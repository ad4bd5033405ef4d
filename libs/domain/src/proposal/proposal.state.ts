import type { ProposalEvent, ProposedRecipient } from '../events/proposal.events.js';

export interface ProposalItemState {
  code: string;
  recipient: ProposedRecipient;
  year: number;
  /** The council's vote on it, once recorded. */
  approved?: boolean;
  /** The award carrying it out (claimed before its decision was written; released on failure or revocation). */
  carriedOutBy?: { decisionId: string; awardId: string };
}

export interface ProposalState {
  submitted: boolean;
  proposerUnitId?: string;
  authority?: string;
  submittedOn?: string;
  items: Readonly<Record<string, ProposalItemState>>;
  notice?: { from: string; to: string; workingDays: number };
  comments: readonly string[];
  meetings: Readonly<Record<string, { on?: string; members: number; present: number }>>;
  status: 'open' | 'forwarded' | 'returned';
  closedOn?: string;
}

export const initialProposalState: ProposalState = {
  submitted: false,
  items: {},
  comments: [],
  meetings: {},
  status: 'open',
};

const on = (date: string | undefined) => (date === undefined ? {} : { on: date });

export function evolveProposal(state: ProposalState, event: ProposalEvent): ProposalState {
  switch (event.type) {
    case 'ProposalSubmitted': {
      const d = event.data;
      return {
        ...state,
        submitted: true,
        proposerUnitId: d.proposerUnitId,
        authority: d.authority,
        ...(d.effectiveDate !== undefined && { submittedOn: d.effectiveDate }),
        items: Object.fromEntries(
          d.items.map((i) => [i.itemId, { code: i.code, recipient: i.recipient, year: i.year }]),
        ),
      };
    }
    case 'ProposalPublished':
      return {
        ...state,
        notice: { from: event.data.from, to: event.data.to, workingDays: event.data.workingDays },
      };
    case 'ProposalCommentReceived':
      return { ...state, comments: [...state.comments, event.data.commentId] };
    case 'CouncilMeetingHeld':
      return {
        ...state,
        meetings: {
          ...state.meetings,
          [event.data.meetingId]: {
            ...on(event.data.effectiveDate),
            members: event.data.members.length,
            present: event.data.present.length,
          },
        },
      };
    case 'CouncilVoteRecorded': {
      const item = state.items[event.data.itemId];
      if (!item) return state;
      return {
        ...state,
        items: { ...state.items, [event.data.itemId]: { ...item, approved: event.data.approved } },
      };
    }
    case 'ProposalForwarded':
      return {
        ...state,
        status: 'forwarded',
        ...(event.data.effectiveDate !== undefined && { closedOn: event.data.effectiveDate }),
      };
    case 'ProposalReturned':
      return {
        ...state,
        status: 'returned',
        ...(event.data.effectiveDate !== undefined && { closedOn: event.data.effectiveDate }),
      };
    case 'ProposalItemClaimed': {
      const item = state.items[event.data.itemId];
      if (!item) return state;
      const carriedOutBy = { decisionId: event.data.decisionId, awardId: event.data.awardId };
      return { ...state, items: { ...state.items, [event.data.itemId]: { ...item, carriedOutBy } } };
    }
    case 'ProposalItemClaimReleased': {
      const item = state.items[event.data.itemId];
      if (item?.carriedOutBy?.awardId !== event.data.awardId) return state;
      const { carriedOutBy: _released, ...rest } = item;
      return { ...state, items: { ...state.items, [event.data.itemId]: rest } };
    }
    default:
      return state;
  }
}
