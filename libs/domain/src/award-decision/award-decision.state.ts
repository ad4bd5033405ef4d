import { evolveComplaints, type Complaints } from '../complaints/complaints.js';
import type { AwardDecisionEvent, AwardRecipient } from '../events/award-decision.events.js';

export interface AwardSummary {
  code: string;
  recipient: AwardRecipient;
  year: number;
  revoked: boolean;
  /** A cluster flag's cluster (from its basis), and the confirmations of a basis that no longer held. */
  flagClusterId?: string;
  basisConfirmations?: number;
  /** The proposal item it carries out (released in the proposal's stream on revocation). */
  proposalItem?: { proposalId: string; itemId: string };
}

export interface AwardDecisionState {
  issued: boolean;
  number?: string;
  authority?: string;
  /** The decision's date (its business date). */
  date?: string;
  complaints: Complaints;
  awards: Readonly<Record<string, AwardSummary>>;
  /** The reconciler released the claims of a request that never recorded this decision: it never will. */
  abandoned?: true;
}

export const initialAwardDecisionState: AwardDecisionState = { issued: false, awards: {}, complaints: {} };

export function evolveAwardDecision(
  state: AwardDecisionState,
  event: AwardDecisionEvent,
): AwardDecisionState {
  switch (event.type) {
    case 'AwardDecisionIssued':
      return {
        ...state,
        issued: true,
        number: event.data.number,
        authority: event.data.authority,
        date: event.data.date,
        awards: Object.fromEntries(
          event.data.awards.map((a) => [
            a.awardId,
            {
              code: a.code,
              recipient: a.recipient,
              year: a.year,
              revoked: false,
              ...(a.flagBasis && { flagClusterId: a.flagBasis.clusterId }),
              ...(a.proposalItem && { proposalItem: a.proposalItem }),
            },
          ]),
        ),
      };
    case 'AwardDecisionAbandoned':
      return { ...state, abandoned: true };
    case 'AwardRevoked': {
      const award = state.awards[event.data.awardId];
      if (!award) return state;
      return { ...state, awards: { ...state.awards, [event.data.awardId]: { ...award, revoked: true } } };
    }
    case 'FlagBasisConfirmed': {
      const award = state.awards[event.data.awardId];
      if (!award) return state;
      const basisConfirmations = (award.basisConfirmations ?? 0) + 1;
      return {
        ...state,
        awards: { ...state.awards, [event.data.awardId]: { ...award, basisConfirmations } },
      };
    }
    case 'ComplaintFiled':
    case 'ComplaintResolved':
    case 'ComplaintEscalated':
      return { ...state, complaints: evolveComplaints(state.complaints, event) };
    default:
      return state;
  }
}
