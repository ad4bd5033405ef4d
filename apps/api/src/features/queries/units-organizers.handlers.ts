import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLUSTERS, type ClusterDoc, DIRECTORY_PROJECTION, UNITS, type UnitDoc } from '@thidua/projections';
import { ApiError } from '../../common/api-error.js';
import { ReadModels } from '../../common/read-models.js';
import { clusterNotFound } from './cluster-year-events.js';
import {
  GetClusterQuery,
  GetOrganizerQuery,
  GetUnitQuery,
  ListOrganizersQuery,
  ListUnitsQuery,
  type Organizer,
  type OrganizerList,
  type UnitList,
} from './directory.queries.js';

const collator = new Intl.Collator('vi');
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** By name with the Vietnamese collator, unnamed last, then by id. */
const byName =
  <T extends { name: string | null }>(id: (t: T) => string) =>
  (a: T, b: T): number =>
    a.name === null || b.name === null
      ? (a.name === null ? 1 : 0) - (b.name === null ? 1 : 0) || cmp(id(a), id(b))
      : collator.compare(a.name, b.name) || cmp(id(a), id(b));
const byNumber = (a: ClusterDoc, b: ClusterDoc): number =>
  (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER) ||
  byName<ClusterDoc>((c) => c.clusterId)(a, b);

export const unitNotFound = (unitId: string, field = 'unitId'): ApiError =>
  new ApiError(404, 'UNIT_NOT_FOUND', `unit ${unitId} does not exist`, field);
export const organizerNotFound = (unitId: string, field = 'unitId'): ApiError =>
  new ApiError(404, 'ORGANIZER_NOT_FOUND', `unit ${unitId} organizes no emulation cluster`, field);

@QueryHandler(GetClusterQuery)
export class GetClusterHandler implements IQueryHandler<GetClusterQuery> {
  constructor(private readonly reads: ReadModels) {}

  async execute({ clusterId }: GetClusterQuery): Promise<ClusterDoc> {
    const doc = await this.reads.get<ClusterDoc>(DIRECTORY_PROJECTION, CLUSTERS, clusterId);
    if (!doc) throw clusterNotFound(clusterId);
    return doc;
  }
}

@QueryHandler(ListUnitsQuery)
export class ListUnitsHandler implements IQueryHandler<ListUnitsQuery> {
  constructor(private readonly reads: ReadModels) {}

  async execute({ parentUnitId }: ListUnitsQuery): Promise<UnitList> {
    const units = await this.reads.find<UnitDoc>(
      DIRECTORY_PROJECTION,
      UNITS,
      parentUnitId === undefined ? {} : { where: { parentUnitId } },
    );
    // A unit only named by a cluster-year (never registered) has no name, kind or parent: not listed.
    return { units: units.filter((u) => u.status !== 'unknown').sort(byName<UnitDoc>((u) => u.unitId)) };
  }
}

@QueryHandler(GetUnitQuery)
export class GetUnitHandler implements IQueryHandler<GetUnitQuery> {
  constructor(private readonly reads: ReadModels) {}

  execute({ unitId }: GetUnitQuery): Promise<UnitDoc> {
    return registeredUnit(this.reads, unitId);
  }
}

@QueryHandler(ListOrganizersQuery)
export class ListOrganizersHandler implements IQueryHandler<ListOrganizersQuery> {
  constructor(private readonly reads: ReadModels) {}

  async execute(): Promise<OrganizerList> {
    const clusters = await this.reads.find<ClusterDoc>(DIRECTORY_PROJECTION, CLUSTERS);
    const ids = [
      ...new Set(clusters.flatMap((c) => (c.organizerUnitId === null ? [] : [c.organizerUnitId]))),
    ];
    const organizers = await Promise.all(ids.map((id) => organizer(this.reads, id, clusters)));
    return { organizers: organizers.sort(byName<Organizer>((o) => o.unitId)) };
  }
}

@QueryHandler(GetOrganizerQuery)
export class GetOrganizerHandler implements IQueryHandler<GetOrganizerQuery> {
  constructor(private readonly reads: ReadModels) {}

  async execute({ unitId }: GetOrganizerQuery): Promise<Organizer> {
    const clusters = await organizedBy(this.reads, unitId);
    if (clusters.length === 0) throw organizerNotFound(unitId);
    return organizer(this.reads, unitId, clusters);
  }
}

/** The unit's directory document, or 404 UNIT_NOT_FOUND when it was never registered. */
export async function registeredUnit(reads: ReadModels, unitId: string, field = 'unitId'): Promise<UnitDoc> {
  const doc = await reads.get<UnitDoc>(DIRECTORY_PROJECTION, UNITS, unitId);
  if (!doc || doc.status === 'unknown') throw unitNotFound(unitId, field);
  return doc;
}

/** The clusters a unit organizes (none: it is not an organizer). */
export function organizedBy(reads: ReadModels, unitId: string): Promise<ClusterDoc[]> {
  return reads.find<ClusterDoc>(DIRECTORY_PROJECTION, CLUSTERS, { where: { organizerUnitId: unitId } });
}

async function organizer(reads: ReadModels, unitId: string, clusters: ClusterDoc[]): Promise<Organizer> {
  const unit = await reads.get<UnitDoc>(DIRECTORY_PROJECTION, UNITS, unitId);
  return {
    unitId,
    name: unit?.name ?? null,
    kind: unit?.kind ?? null,
    status: unit?.status ?? 'unknown',
    clusters: clusters.filter((c) => c.organizerUnitId === unitId).sort(byNumber),
  };
}
