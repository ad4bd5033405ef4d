import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  emptyTotals,
  TOTALS,
  TOTALS_SUBTREES,
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
    /** Unit scope: the unit with every unit under it. */
    readonly subUnits = false,
  ) {
    super();
  }
}

/** The totals document; nothing counted yet answers the same shape with zeros and position 0. */
@QueryHandler(GetTotalsQuery)
export class GetTotalsHandler implements IQueryHandler<GetTotalsQuery> {
  constructor(private readonly reads: ReadModels) {}

  async execute({ scope, scopeId, year, subUnits }: GetTotalsQuery): Promise<TotalsDoc> {
    const doc = await this.reads.get<TotalsDoc>(
      YEARLY_TOTALS_PROJECTION,
      scope === 'unit' && subUnits ? TOTALS_SUBTREES : TOTALS,
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
