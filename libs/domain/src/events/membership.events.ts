import type { TypedEvent } from './event.js';

/** Registry stream `membership-{organizer}-{year}`: a unit reserved for one cluster of the organizer. */
export interface MembershipReservedData {
  unitId: string;
  clusterId: string;
}
/**
 * Compensation: the admission failed, or the unit was withdrawn from the cluster; or the cluster was
 * dissolved, which releases its members (recorded when one of them is reserved for another cluster).
 */
export interface MembershipReleasedData {
  unitId: string;
  clusterId: string;
  cause: 'admission-failed' | 'withdrawn' | 'cluster-dissolved';
  reason?: string;
}

export type MembershipEvent =
  | TypedEvent<'MembershipReserved', MembershipReservedData>
  | TypedEvent<'MembershipReleased', MembershipReleasedData>;

export const MEMBERSHIP_EVENT_TYPES = ['MembershipReserved', 'MembershipReleased'] as const;
