import { isAdmin, isOrganizerOf } from '../actor.js';
import type { Decider } from '../decider.js';
import { conflict, forbidden, notFound, rule } from '../errors.js';
import type { ClusterEvent } from '../events/cluster.events.js';
import { requireActDate, requireNotBefore } from '../business-date.js';
import { requireId, requirePositiveInteger, requireReason, requireText } from '../validation.js';
import type { ClusterCommand, ClusterContext } from './cluster.commands.js';
import { evolveCluster, initialClusterState, type ClusterState } from './cluster.state.js';

/**
 * Clusters (Cụm thi đua) are formed by an administrator for an organizer unit (Law 06/2022/QH15 art. 16:
 * clusters are organised by the emulation councils); the organizer may rename or dissolve its own.
 */
export function decideCluster(
  command: ClusterCommand,
  state: ClusterState,
  context: ClusterContext,
): ClusterEvent[] {
  const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
  return decideDated(command, state, context, effectiveDate).map((e) => ({
    ...e,
    data: { ...e.data, effectiveDate },
  })) as ClusterEvent[];
}

function decideDated(
  command: ClusterCommand,
  state: ClusterState,
  context: ClusterContext,
  effectiveDate: string,
): ClusterEvent[] {
  const clusterId = requireId(command.data.clusterId, 'clusterId');
  if (command.type === 'FormCluster') {
    if (!isAdmin(command.actor)) throw forbidden('only an administrator forms clusters');
    if (state.status !== 'none')
      throw conflict('CLUSTER_ALREADY_FORMED', `cluster ${clusterId} exists`, 'clusterId');
    const organizerUnitId = requireId(command.data.organizerUnitId, 'organizerUnitId');
    if (context.organizerStatus !== 'active')
      throw rule(
        'ORGANIZER_NOT_ACTIVE',
        `organizer unit ${organizerUnitId} is not an active unit`,
        'organizerUnitId',
      );
    const blocId = command.data.blocId === undefined ? undefined : requireId(command.data.blocId, 'blocId');
    if (blocId !== undefined) {
      if (!context.bloc) throw notFound('BLOC_NOT_FOUND', `bloc ${blocId} does not exist`, 'blocId');
      if (context.bloc.organizerUnitId !== organizerUnitId)
        throw rule(
          'BLOC_OF_ANOTHER_ORGANIZER',
          `bloc ${blocId} groups clusters of another organizer`,
          'blocId',
        );
    }
    return [
      {
        type: 'ClusterFormed',
        data: {
          clusterId,
          organizerUnitId,
          number: requirePositiveInteger(command.data.number, 'number'),
          name: requireText(command.data.name, 'name', 300),
          ...(blocId !== undefined && { blocId }),
        },
      },
    ];
  }
  if (state.status === 'none')
    throw notFound('CLUSTER_NOT_FOUND', `cluster ${clusterId} does not exist`, 'clusterId');
  if (!isAdmin(command.actor) && !isOrganizerOf(command.actor, state.organizerUnitId))
    throw forbidden('only the organizer of the cluster or an administrator may do this');
  if (state.status === 'dissolved')
    throw rule('CLUSTER_DISSOLVED', `cluster ${clusterId} is dissolved`, 'clusterId');
  requireNotBefore(effectiveDate, state.formedOn, `the formation of cluster ${clusterId}`);
  switch (command.type) {
    case 'RenameCluster': {
      const name = requireText(command.data.name, 'name', 300);
      const number =
        command.data.number === undefined
          ? state.number!
          : requirePositiveInteger(command.data.number, 'number');
      if (name === state.name && number === state.number) throw rule('NO_CHANGE', 'nothing changes', 'name');
      return [
        {
          type: 'ClusterRenamed',
          data: { clusterId, name, number, previousName: state.name!, previousNumber: state.number! },
        },
      ];
    }
    case 'DissolveCluster':
      return [{ type: 'ClusterDissolved', data: { clusterId, reason: requireReason(command.data.reason) } }];
  }
}

export const clusterDecider: Decider<ClusterCommand, ClusterState, ClusterEvent, ClusterContext> = {
  initialState: initialClusterState,
  evolve: evolveCluster,
  decide: decideCluster,
};
