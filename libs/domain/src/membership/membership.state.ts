import type { MembershipEvent } from '../events/membership.events.js';

/** unitId → clusterId: which cluster of this organizer holds the unit this year. */
export interface MembershipState {
  reservations: Readonly<Record<string, string>>;
}

export const initialMembershipState: MembershipState = { reservations: {} };

export function evolveMembership(state: MembershipState, event: MembershipEvent): MembershipState {
  switch (event.type) {
    case 'MembershipReserved':
      return { reservations: { ...state.reservations, [event.data.unitId]: event.data.clusterId } };
    case 'MembershipReleased': {
      const { [event.data.unitId]: _released, ...rest } = state.reservations;
      return { reservations: rest };
    }
    default:
      return state;
  }
}
