import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { readUnitHistory, UNIT_HISTORY_PROJECTION, type UnitHistoryPage } from '@thidua/projections';
import { ReadModels } from '../../common/read-models.js';
import { unitNotFound } from '../queries/units-organizers.handlers.js';

export class GetUnitHistoryQuery extends Query<UnitHistoryPage> {
  constructor(
    readonly unitId: string,
    readonly after: number,
    readonly limit: number,
  ) {
    super();
  }
}

@QueryHandler(GetUnitHistoryQuery)
export class GetUnitHistoryHandler implements IQueryHandler<GetUnitHistoryQuery> {
  constructor(private readonly reads: ReadModels) {}

  /** 404 UNIT_NOT_FOUND for a unit no event touched (the projection keeps no head for it). */
  async execute({ unitId, after, limit }: GetUnitHistoryQuery): Promise<UnitHistoryPage> {
    const target = this.reads.target(UNIT_HISTORY_PROJECTION);
    const page = await readUnitHistory(this.reads.store, target, unitId, after, limit);
    if (page.total === 0) throw unitNotFound(unitId);
    return page;
  }
}
