import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  DomainError,
  emulationStream,
  evaluateRanking,
  explainRanking,
  whatIf,
  type WhatIfResult,
} from '@thidua/domain';
import {
  RANKINGS_COLLECTION,
  RANKINGS_PROJECTION,
  rankingDocId,
  rankingDocument,
  type ExplainedRankingDocument,
  type RankingDocument,
} from '@thidua/projections';
import { ApiError } from '../../common/api-error.js';
import { asOfOptions } from './as-of.js';
import { ClusterYearEvents } from './cluster-year-events.js';
import { clusterYearOr404 } from './directory.handlers.js';
import { ReadModels } from '../../common/read-models.js';
import { RankingIntegrity } from '../../integrity/ranking-integrity.js';
import { ExplainRankingQuery, GetRankingQuery, WhatIfQuery, type RankingJson } from './rankings.queries.js';

@QueryHandler(GetRankingQuery)
export class GetRankingHandler implements IQueryHandler<GetRankingQuery> {
  constructor(
    private readonly reads: ReadModels,
    private readonly stream: ClusterYearEvents,
    private readonly integrity: RankingIntegrity,
  ) {}

  async execute({ ref, asOf }: GetRankingQuery): Promise<RankingDocument | RankingJson> {
    if (asOf !== undefined) {
      const options = asOfOptions(asOf);
      const { streamId, events } = await this.stream.read(ref.clusterId, ref.year, options.upToPosition);
      return rankingDocument(evaluateRanking(events, ref.period, options), streamId);
    }
    const doc = await this.reads.getText(
      RANKINGS_PROJECTION,
      RANKINGS_COLLECTION,
      rankingDocId(ref.clusterId, ref.year, ref.period),
    );
    if (doc !== null)
      return this.integrity.mark<RankingDocument>(emulationStream(ref.clusterId, ref.year), doc);
    await clusterYearOr404(this.reads, ref.clusterId, ref.year);
    throw new ApiError(
      404,
      'PERIOD_NOT_OPENED',
      `period ${ref.period} of ${ref.clusterId} ${ref.year} has not been opened: it has no ranking`,
      'period',
    );
  }
}

@QueryHandler(ExplainRankingQuery)
export class ExplainRankingHandler implements IQueryHandler<ExplainRankingQuery> {
  constructor(private readonly stream: ClusterYearEvents) {}

  async execute({ ref, asOf }: ExplainRankingQuery): Promise<ExplainedRankingDocument> {
    const options = asOfOptions(asOf);
    const { streamId, events } = await this.stream.read(ref.clusterId, ref.year, options.upToPosition);
    return rankingDocument(explainRanking(events, ref.period, options), streamId);
  }
}

@QueryHandler(WhatIfQuery)
export class WhatIfHandler implements IQueryHandler<WhatIfQuery> {
  constructor(private readonly stream: ClusterYearEvents) {}

  async execute(query: WhatIfQuery): Promise<WhatIfResult> {
    const options = asOfOptions(query.asOf);
    const { events } = await this.stream.read(query.ref.clusterId, query.ref.year, options.upToPosition);
    try {
      return whatIf(events, query.ref.period, {
        ...options,
        overrides: query.overrides,
        exclude: query.exclude,
      });
    } catch (error) {
      throw error instanceof DomainError ? bodyError(error) : error;
    }
  }
}

/**
 * The evaluator names what-if input as `overrides[0].entryId`; the API names body fields as the
 * validation pipe does (`overrides.0.entryId`). An entry the period does not have is bad input
 * of this request, hence 422 rather than the evaluator's 404.
 */
function bodyError(error: DomainError): ApiError | DomainError {
  if (error.status !== 'unprocessable' && error.code !== 'ENTRY_NOT_FOUND') return error;
  const field = error.field?.replace(/\[(\d+)\]/g, '.$1');
  return new ApiError(422, error.code, error.message, field);
}
