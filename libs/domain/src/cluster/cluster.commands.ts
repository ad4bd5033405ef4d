import type { Command } from '../actor.js';
import { clusterStream } from '../streams.js';
import type { UnitStatus } from '../unit/unit.commands.js';

/** Every cluster command may give the act's business date (default: the date it is recorded on). */
interface Dated {
  effectiveDate?: string;
}
export type FormCluster = Command<
  'FormCluster',
  Dated & { clusterId: string; organizerUnitId: string; number: number; name: string; blocId?: string }
>;
export type RenameCluster = Command<
  'RenameCluster',
  Dated & { clusterId: string; name: string; number?: number }
>;
export type DissolveCluster = Command<'DissolveCluster', Dated & { clusterId: string; reason: string }>;

export type ClusterCommand = FormCluster | RenameCluster | DissolveCluster;

/** FormCluster: the handler loads the organizer unit's status from its unit stream. */
export interface ClusterContext {
  organizerStatus?: UnitStatus;
  /** FormCluster with a bloc: the bloc as formed (undefined when no such bloc). */
  bloc?: { organizerUnitId: string };
}

export const clusterStreamOf = (command: ClusterCommand): string => clusterStream(command.data.clusterId);
