import type { StoredEvent } from '@thidua/event-store';
import type {
  BlocFormedData,
  ClusterDissolvedData,
  ClusterFormedData,
  ClusterRenamedData,
  UnitRegisteredData,
  UnitRenamedData,
} from '@thidua/domain';
import type { DocWork } from './doc-changes.js';
import { businessDateOf } from '@thidua/domain';
import {
  BLOCS,
  type BlocDoc,
  CLUSTER_YEARS,
  CLUSTERS,
  clusterYearId,
  UNITS,
  type ClusterDoc,
  type ClusterYearDoc,
  type UnitDoc,
} from './directory.documents.js';
import { applyUnitName, newUnitDoc } from './unit-names.js';

export function newClusterDoc(clusterId: string): ClusterDoc {
  return {
    clusterId,
    name: null,
    number: null,
    organizerUnitId: null,
    blocId: null,
    blocName: null,
    status: 'unknown',
    formed: null,
    years: [],
    position: 0,
  };
}

/** unit-{id}: UnitRegistered, UnitRenamed, UnitMerged, UnitDissolved. */
export async function evolveUnitStream(event: StoredEvent, work: DocWork, unitId: string): Promise<void> {
  const stored = await work.get<UnitDoc>(UNITS, unitId);
  if (!work.fresh(stored)) return;
  const unit = stored ?? newUnitDoc(unitId);
  const before = unit.name;
  switch (event.type) {
    case 'UnitRegistered': {
      const d = event.data as unknown as UnitRegisteredData;
      unit.name = d.name;
      unit.kind = d.kind;
      unit.parentUnitId = d.parentUnitId ?? null;
      unit.status = 'active';
      break;
    }
    case 'UnitRenamed':
      unit.name = (event.data as unknown as UnitRenamedData).name;
      break;
    case 'UnitMerged':
      unit.status = 'merged';
      break;
    case 'UnitDissolved':
      unit.status = 'dissolved';
      break;
    default:
      return;
  }
  work.put(UNITS, unitId, unit);
  if (unit.name === before) return;
  for (const id of unit.clusterYears) {
    const year = await work.get<ClusterYearDoc>(CLUSTER_YEARS, id);
    if (year && work.fresh(year) && applyUnitName(year, unitId, unit.name)) work.put(CLUSTER_YEARS, id, year);
  }
}

/** cluster-{id}: ClusterFormed, ClusterRenamed, ClusterDissolved; copied into every cluster-year of it. */
export async function evolveClusterStream(
  event: StoredEvent,
  work: DocWork,
  clusterId: string,
): Promise<void> {
  const stored = await work.get<ClusterDoc>(CLUSTERS, clusterId);
  if (!work.fresh(stored)) return;
  const cluster = stored ?? newClusterDoc(clusterId);
  const at = event.metadata.occurredAt;
  const on = businessDateOf(event);
  switch (event.type) {
    case 'ClusterFormed': {
      const d = event.data as unknown as ClusterFormedData;
      cluster.name = d.name;
      cluster.number = d.number;
      cluster.organizerUnitId = d.organizerUnitId;
      cluster.blocId = d.blocId ?? null;
      cluster.blocName =
        d.blocId === undefined ? null : ((await work.get<BlocDoc>(BLOCS, d.blocId))?.name ?? null);
      cluster.status = 'active';
      cluster.formed = { at, on, position: event.position };
      break;
    }
    case 'ClusterRenamed': {
      const d = event.data as unknown as ClusterRenamedData;
      cluster.name = d.name;
      cluster.number = d.number;
      break;
    }
    case 'ClusterDissolved':
      cluster.status = 'dissolved';
      cluster.dissolved = {
        at,
        on,
        position: event.position,
        reason: (event.data as unknown as ClusterDissolvedData).reason,
      };
      break;
    default:
      return;
  }
  work.put(CLUSTERS, clusterId, cluster);
  for (const year of cluster.years) {
    const id = clusterYearId(clusterId, year);
    const doc = await work.get<ClusterYearDoc>(CLUSTER_YEARS, id);
    if (!doc || !work.fresh(doc)) continue;
    copyCluster(doc, cluster);
    work.put(CLUSTER_YEARS, id, doc);
  }
}

/** bloc-{id}: BlocFormed (a cluster formed in it later copies its name). */
export async function evolveBlocStream(event: StoredEvent, work: DocWork, blocId: string): Promise<void> {
  if (event.type !== 'BlocFormed') return;
  const stored = await work.get<BlocDoc>(BLOCS, blocId);
  if (!work.fresh(stored)) return;
  const d = event.data as unknown as BlocFormedData;
  const doc: BlocDoc = {
    blocId,
    name: d.name,
    organizerUnitId: d.organizerUnitId,
    formed: { at: event.metadata.occurredAt, on: businessDateOf(event), position: event.position },
    position: 0,
  };
  work.put(BLOCS, blocId, doc);
}

export function copyCluster(doc: ClusterYearDoc, cluster: ClusterDoc): void {
  doc.name = cluster.name;
  doc.number = cluster.number;
  doc.organizerUnitId = cluster.organizerUnitId;
  doc.blocId = cluster.blocId;
  doc.blocName = cluster.blocName;
  doc.clusterStatus = cluster.status;
}
