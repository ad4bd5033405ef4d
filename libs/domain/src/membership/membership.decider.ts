import { isAdmin, isOrganizerOf } from '../actor.js';
import type { Decider } from '../decider.js';
import { conflict, forbidden, notFound, rule } from '../errors.js';
import type { MembershipEvent } from '../events/membership.events.js';
import { optionalText, requireId, requireIsoTime, requireYear } from '../validation.js';
import type { MembershipCommand, MembershipContext } from './membership.commands.js';
import { evolveMembership, initialMembershipState, type MembershipState } from './membership.state.js';

/**
 * DESIGN.md §4: a unit is in at most one cluster of the same organizer per year. The registry stream is
 * appended with an expected revision, so two concurrent admissions of one unit cannot both reserve it.
 */
export function decideMembership(
  command: MembershipCommand,
  state: MembershipState,
  context: MembershipContext,
): MembershipEvent[] {
  requireIsoTime(command.at);
  const { organizerUnitId } = command.data;
  requireId(organizerUnitId, 'organizerUnitId');
  requireYear(command.data.year);
  const unitId = requireId(command.data.unitId, 'unitId');
  const clusterId = requireId(command.data.clusterId, 'clusterId');
  if (!context.cluster)
    throw notFound('CLUSTER_NOT_FOUND', `cluster ${clusterId} does not exist`, 'clusterId');
  if (context.cluster.organizerUnitId !== organizerUnitId)
    throw rule('WRONG_ORGANIZER', `cluster ${clusterId} is not organized by ${organizerUnitId}`, 'clusterId');
  if (!isAdmin(command.actor) && !isOrganizerOf(command.actor, organizerUnitId))
    throw forbidden('only the organizer of the cluster manages its membership');
  const holder = state.reservations[unitId];
  switch (command.type) {
    case 'ReserveMembership':
      if (context.cluster.status !== 'active')
        throw rule('CLUSTER_DISSOLVED', `cluster ${clusterId} is dissolved`, 'clusterId');
      if (holder === clusterId)
        throw conflict('ALREADY_RESERVED', `unit ${unitId} is already reserved for ${clusterId}`, 'unitId');
      // A dissolved cluster releases its members: the unit may join another cluster the same year.
      if (holder !== undefined && context.holderStatus === 'dissolved')
        return [
          { type: 'MembershipReleased', data: { unitId, clusterId: holder, cause: 'cluster-dissolved' } },
          { type: 'MembershipReserved', data: { unitId, clusterId } },
        ];
      if (holder !== undefined)
        throw rule(
          'ALREADY_IN_ANOTHER_CLUSTER',
          `unit ${unitId} is already in cluster ${holder} of this organizer this year`,
          'unitId',
        );
      return [{ type: 'MembershipReserved', data: { unitId, clusterId } }];
    case 'ReleaseMembership': {
      if (holder !== clusterId)
        throw rule('NOT_RESERVED', `unit ${unitId} is not reserved for cluster ${clusterId}`, 'unitId');
      if (command.data.cause !== 'admission-failed' && command.data.cause !== 'withdrawn')
        throw rule('INVALID_CAUSE', 'cause must be admission-failed or withdrawn', 'cause');
      const reason = optionalText(command.data.reason, 'reason', 1000);
      return [
        {
          type: 'MembershipReleased',
          data: { unitId, clusterId, cause: command.data.cause, ...(reason !== undefined && { reason }) },
        },
      ];
    }
  }
}

export const membershipDecider: Decider<
  MembershipCommand,
  MembershipState,
  MembershipEvent,
  MembershipContext
> = {
  initialState: initialMembershipState,
  evolve: evolveMembership,
  decide: decideMembership,
};
