import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { readUnitHistory, UNIT_HISTORY_PROJECTION, type UnitHistoryPage } from '@thidua/projections';
import { ReadModels } from '../../common/read-models.js';

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

  execute({ unitId, after, limit }: GetUnitHistoryQuery): Promise<UnitHistoryPage> {
    return readUnitHistory(
      this.reads.store,
      this.reads.target(UNIT_HISTORY_PROJECTION),
      unitId,
      after,
      limit,
    );
  }
}
