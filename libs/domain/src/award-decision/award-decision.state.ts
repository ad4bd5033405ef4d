import type { AwardDecisionEvent, AwardRecipient } from '../events/award-decision.events.js';

export interface AwardSummary {
  code: string;
  recipient: AwardRecipient;
  year: number;
  revoked: boolean;
}

export interface AwardDecisionState {
  issued: boolean;
  number?: string;
  authority?: string;
  /** The decision's date (its business date). */
  date?: string;
  awards: Readonly<Record<string, AwardSummary>>;
}

export const initialAwardDecisionState: AwardDecisionState = { issued: false, awards: {} };

export function evolveAwardDecision(
  state: AwardDecisionState,
  event: AwardDecisionEvent,
): AwardDecisionState {
  switch (event.type) {
    case 'AwardDecisionIssued':
      return {
        issued: true,
        number: event.data.number,
        authority: event.data.authority,
        date: event.data.date,
        awards: Object.fromEntries(
          event.data.awards.map((a) => [
            a.awardId,
            { code: a.code, recipient: a.recipient, year: a.year, revoked: false },
          ]),
        ),
      };
    case 'AwardRevoked': {
      const award = state.awards[event.data.awardId];
      if (!award) return state;
      return { ...state, awards: { ...state.awards, [event.data.awardId]: { ...award, revoked: true } } };
    }
    default:
      return state;
  }
}
