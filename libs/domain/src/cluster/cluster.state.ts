import type { ClusterEvent } from '../events/cluster.events.js';

export interface ClusterState {
  status: 'none' | 'active' | 'dissolved';
  clusterId?: string;
  organizerUnitId?: string;
  number?: number;
  name?: string;
}

export const initialClusterState: ClusterState = { status: 'none' };

export function evolveCluster(state: ClusterState, event: ClusterEvent): ClusterState {
  switch (event.type) {
    case 'ClusterFormed':
      return { status: 'active', ...event.data };
    case 'ClusterRenamed':
      return { ...state, name: event.data.name, number: event.data.number };
    case 'ClusterDissolved':
      return { ...state, status: 'dissolved' };
    default:
      return state;
  }
}
