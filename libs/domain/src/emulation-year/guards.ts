import { actsForUnit, isOrganizerOf, type Actor } from '../actor.js';
import { forbidden, notFound, rule } from '../errors.js';
export { requirePeriodCode } from '../periods.js';
import type { EmulationYearCommand, EmulationYearContext } from './emulation-year.commands.js';
import type { EmulationYearState } from './emulation-year.state.js';

export type ClusterInfo = NonNullable<EmulationYearContext['cluster']>;

/** The cluster must exist (loaded by the handler); 404 otherwise. */
export function requireCluster(command: EmulationYearCommand, context: EmulationYearContext): ClusterInfo {
  if (!context.cluster)
    throw notFound('CLUSTER_NOT_FOUND', `cluster ${command.data.clusterId} does not exist`, 'clusterId');
  return context.cluster;
}

/** Nothing is written to the year of a dissolved cluster. Checked after authorization. */
export function requireActive(cluster: ClusterInfo): void {
  if (cluster.status !== 'active') throw rule('CLUSTER_DISSOLVED', 'the cluster is dissolved');
}

export function requireOrganizer(actor: Actor, cluster: ClusterInfo): void {
  if (!isOrganizerOf(actor, cluster.organizerUnitId))
    throw forbidden('only the organizer of this cluster may do this');
}

/** The chair unit of this cluster-year, while it is a member, acting through its own officer. */
export function isChair(actor: Actor, state: EmulationYearState): boolean {
  return state.chair !== undefined && state.members[state.chair] === true && actsForUnit(actor, state.chair);
}

/** The vice-chair unit of this cluster-year, while it is a member, acting through its own officer. */
export function isViceChair(actor: Actor, state: EmulationYearState): boolean {
  return (
    state.viceChair !== undefined &&
    state.members[state.viceChair] === true &&
    actsForUnit(actor, state.viceChair)
  );
}

export function requireForUnit(actor: Actor, unitId: string): void {
  if (!actsForUnit(actor, unitId)) throw forbidden(`only an officer of unit ${unitId} may do this for it`);
}

/** The business date the top-level decider set on the command (given or the recording date). */
export const actDate = (command: EmulationYearCommand): string => command.data.effectiveDate!;

export function requireMember(state: EmulationYearState, unitId: string, field = 'unitId'): void {
  if (state.members[unitId] !== true)
    throw rule('NOT_A_MEMBER', `unit ${unitId} is not a member this year`, field);
}
