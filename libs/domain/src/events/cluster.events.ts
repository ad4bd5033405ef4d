import type { Dated, TypedEvent } from './event.js';

export interface ClusterFormedData extends Dated {
  clusterId: string;
  organizerUnitId: string;
  /** Numbered inside its bloc (khối): numbers repeat across blocs. */
  number: number;
  name: string;
  /** The bloc (khối) of the organizer it belongs to, if any. */
  blocId?: string;
}
export interface ClusterRenamedData extends Dated {
  clusterId: string;
  name: string;
  number: number;
  previousName: string;
  previousNumber: number;
}
export interface ClusterDissolvedData extends Dated {
  clusterId: string;
  reason: string;
}

export type ClusterEvent =
  | TypedEvent<'ClusterFormed', ClusterFormedData>
  | TypedEvent<'ClusterRenamed', ClusterRenamedData>
  | TypedEvent<'ClusterDissolved', ClusterDissolvedData>;

export const CLUSTER_EVENT_TYPES = ['ClusterFormed', 'ClusterRenamed', 'ClusterDissolved'] as const;
