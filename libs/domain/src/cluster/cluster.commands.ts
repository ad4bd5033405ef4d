import type { Command } from '../actor.js';
import { clusterStream } from '../streams.js';
import type { UnitStatus } from '../unit/unit.commands.js';

export type FormCluster = Command<
  'FormCluster',
  { clusterId: string; organizerUnitId: string; number: number; name: string }
>;
export type RenameCluster = Command<'RenameCluster', { clusterId: string; name: string; number?: number }>;
export type DissolveCluster = Command<'DissolveCluster', { clusterId: string; reason: string }>;

export type ClusterCommand = FormCluster | RenameCluster | DissolveCluster;

/** FormCluster: the handler loads the organizer unit's status from its unit stream. */
export interface ClusterContext {
  organizerStatus?: UnitStatus;
}

export const clusterStreamOf = (command: ClusterCommand): string => clusterStream(command.data.clusterId);
