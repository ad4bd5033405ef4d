import type { Command } from '../actor.js';
import { membershipStream } from '../streams.js';

/** Step 1 of an admission: reserve the unit for this cluster in the organizer's yearly registry. */
export type ReserveMembership = Command<
  'ReserveMembership',
  { organizerUnitId: string; year: number; unitId: string; clusterId: string }
>;
/** Compensation after a failed admission, or after a withdrawal. */
export type ReleaseMembership = Command<
  'ReleaseMembership',
  {
    organizerUnitId: string;
    year: number;
    unitId: string;
    clusterId: string;
    cause: 'admission-failed' | 'withdrawn';
    reason?: string;
  }
>;

export type MembershipCommand = ReserveMembership | ReleaseMembership;

/** The cluster named in the command, as loaded by the handler from its stream. */
export interface MembershipContext {
  cluster?: { organizerUnitId: string; status: 'active' | 'dissolved' };
  /** ReserveMembership: the status of the cluster that holds the unit now, if another one does. */
  holderStatus?: 'active' | 'dissolved';
}

export const membershipStreamOf = (command: MembershipCommand): string =>
  membershipStream(command.data.organizerUnitId, command.data.year);
