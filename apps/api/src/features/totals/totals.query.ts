import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  CLUSTERS,
  DIRECTORY_PROJECTION,
  emptyTotals,
  TOTALS,
  TOTALS_SUBTREES,
  type TotalsDoc,
  totalsDocId,
  type TotalsScope,
  YEARLY_TOTALS_PROJECTION,
  REPORTED,
  REPORTED_FIGURES_PROJECTION,
  reportedDocId,
  type ReportedFiguresDoc,
} from '@thidua/projections';
import { compareReported, type TotalsAnswer } from './reported-comparison.js';
import { ReadModels } from '../../common/read-models.js';
import { clusterNotFound } from '../queries/cluster-year-events.js';
import { organizedBy, organizerNotFound, registeredUnit } from '../queries/units-organizers.handlers.js';

export class GetTotalsQuery extends Query<TotalsAnswer> {
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

/**
 * The totals document; nothing counted yet answers the same shape with zeros and position 0. An organizer,
 * cluster or unit the directory does not know answers 404 (naming the query parameter), not zeros.
 */
@QueryHandler(GetTotalsQuery)
export class GetTotalsHandler implements IQueryHandler<GetTotalsQuery> {
  constructor(private readonly reads: ReadModels) {}

  async execute(query: GetTotalsQuery): Promise<TotalsAnswer> {
    const { scope, scopeId, year } = query;
    const reported =
      scope === 'unit'
        ? null
        : await this.reads.get<ReportedFiguresDoc>(
            REPORTED_FIGURES_PROJECTION,
            REPORTED,
            reportedDocId(scope, scopeId, year),
          );
    return compareReported(await this.recorded(query), reported);
  }

  private async recorded({ scope, scopeId, year, subUnits }: GetTotalsQuery): Promise<TotalsDoc> {
    const doc = await this.reads.get<TotalsDoc>(
      YEARLY_TOTALS_PROJECTION,
      scope === 'unit' && subUnits ? TOTALS_SUBTREES : TOTALS,
      totalsDocId(scope, scopeId, year),
    );
    if (doc) return doc;
    await this.known(scope, scopeId);
    return emptyTotals(scope, scopeId, year, {
      ...(scope === 'organizer' && { organizerUnitId: scopeId }),
      ...(scope === 'cluster' && { clusterId: scopeId }),
    });
  }

  private async known(scope: TotalsScope, id: string): Promise<void> {
    if (scope === 'unit') await registeredUnit(this.reads, id, 'unit');
    else if (scope === 'cluster') {
      if (!(await this.reads.get(DIRECTORY_PROJECTION, CLUSTERS, id))) throw clusterNotFound(id, 'cluster');
    } else if ((await organizedBy(this.reads, id)).length === 0) throw organizerNotFound(id, 'organizer');
  }
}
