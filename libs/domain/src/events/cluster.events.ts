import type { Dated, TypedEvent } from './event.js';

export interface ClusterFormedData extends Dated {
  clusterId: string;
  organizerUnitId: string;
  number: number;
  name: string;
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
