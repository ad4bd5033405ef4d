import type { ClusterEvent } from '../events/cluster.events.js';

export interface ClusterState {
  status: 'none' | 'active' | 'dissolved';
  clusterId?: string;
  organizerUnitId?: string;
  number?: number;
  name?: string;
  blocId?: string;
  /** Business date of the formation. */
  formedOn?: string;
}

export const initialClusterState: ClusterState = { status: 'none' };

export function evolveCluster(state: ClusterState, event: ClusterEvent): ClusterState {
  switch (event.type) {
    case 'ClusterFormed': {
      const { effectiveDate, ...data } = event.data;
      return { status: 'active', ...data, ...(effectiveDate !== undefined && { formedOn: effectiveDate }) };
    }
    case 'ClusterRenamed':
      return { ...state, name: event.data.name, number: event.data.number };
    case 'ClusterDissolved':
      return { ...state, status: 'dissolved' };
    default:
      return state;
  }
}
