import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  emptyTotals,
  TOTALS,
  type TotalsDoc,
  totalsDocId,
  type TotalsScope,
  YEARLY_TOTALS_PROJECTION,
} from '@thidua/projections';
import { ReadModels } from '../../common/read-models.js';

export class GetTotalsQuery extends Query<TotalsDoc> {
  constructor(
    readonly scope: TotalsScope,
    readonly scopeId: string,
    readonly year: number,
  ) {
    super();
  }
}

/** The totals document; nothing counted yet answers the same shape with zeros and position 0. */
@QueryHandler(GetTotalsQuery)
export class GetTotalsHandler implements IQueryHandler<GetTotalsQuery> {
  constructor(private readonly reads: ReadModels) {}

  async execute({ scope, scopeId, year }: GetTotalsQuery): Promise<TotalsDoc> {
    const doc = await this.reads.get<TotalsDoc>(
      YEARLY_TOTALS_PROJECTION,
      TOTALS,
      totalsDocId(scope, scopeId, year),
    );
    return (
      doc ??
      emptyTotals(scope, scopeId, year, {
        ...(scope === 'organizer' && { organizerUnitId: scopeId }),
        ...(scope === 'cluster' && { clusterId: scopeId }),
      })
    );
  }
}
