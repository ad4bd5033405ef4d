import type { StoredEvent } from '@thidua/event-store';
import type { DocChange } from '@thidua/read-store';
import { BLOC_EVENT_TYPES, CLUSTER_EVENT_TYPES, parseStreamId, UNIT_EVENT_TYPES } from '@thidua/domain';
import type { ProjectionDefinition, ProjectionView } from '../projection.js';
import { DocWork } from './doc-changes.js';
import {
  BLOCS,
  CLUSTER_YEARS,
  CLUSTERS,
  DIRECTORY_PROJECTION,
  PLEDGES,
  UNITS,
} from './directory.documents.js';
import { CLUSTER_YEAR_TYPES, evolveClusterYear } from './evolve-cluster-year.js';
import { evolveBlocStream, evolveClusterStream, evolveUnitStream } from './evolve-units-and-clusters.js';

/** 2: business dates (`on`) beside recording times (`at`). */
export const CLUSTER_DIRECTORY_VERSION = 2;

/**
 * `cluster-directory`: clusters, cluster-years (members, chair, vice-chair, scheme version, period
 * statuses), pledges, and the unit names they show (see directory.documents.ts for the shapes).
 */
export function clusterDirectoryProjection(): ProjectionDefinition {
  return {
    name: DIRECTORY_PROJECTION,
    version: CLUSTER_DIRECTORY_VERSION,
    handles: [...UNIT_EVENT_TYPES, ...CLUSTER_EVENT_TYPES, ...CLUSTER_YEAR_TYPES, ...BLOC_EVENT_TYPES],
    collections: [CLUSTERS, CLUSTER_YEARS, UNITS, PLEDGES, BLOCS],
    indexes: [
      { collection: CLUSTER_YEARS, fields: ['clusterId', 'year'] },
      { collection: PLEDGES, fields: ['clusterId', 'year'] },
      { collection: CLUSTERS, fields: ['organizerUnitId'] },
      { collection: CLUSTERS, fields: ['blocId'] },
    ],
    async evolve(event: StoredEvent, view: ProjectionView): Promise<DocChange[]> {
      const work = new DocWork(view, event.position);
      const stream = parseStreamId(event.streamId);
      switch (stream?.category) {
        case 'unit':
          await evolveUnitStream(event, work, stream.unitId);
          break;
        case 'cluster':
          await evolveClusterStream(event, work, stream.clusterId);
          break;
        case 'emulation':
          await evolveClusterYear(event, work, stream.clusterId, stream.year);
          break;
        case 'bloc':
          await evolveBlocStream(event, work, stream.blocId);
          break;
        default:
          throw new Error(`${event.type} #${event.position} is in an unexpected stream ${event.streamId}`);
      }
      return work.changes();
    },
  };
}
