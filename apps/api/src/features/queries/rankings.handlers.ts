import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  DomainError,
  emulationStream,
  explainRanking,
  rankYearFold,
  whatIfYearFold,
  type EvaluateOptions,
  type PeriodCode,
  type PlacedRanking,
  type Ranking,
  type WhatIfResult,
} from '@thidua/domain';
import type { StoredEvent } from '@thidua/event-store';
import {
  RANKINGS_COLLECTION,
  RANKINGS_PROJECTION,
  rankingDocId,
  rankingDocument,
  withUnitNames,
  type ExplainedRankingDocument,
  type RankingDocument,
  type UnitNames,
} from '@thidua/projections';
import { ApiError } from '../../common/api-error.js';
import type { StoredJson } from '../../openapi/stored-json.js';
import { asOfOptions } from './as-of.js';
import { ClusterYearEvents } from './cluster-year-events.js';
import { clusterYearOr404 } from './directory.handlers.js';
import { YearLogs } from './year-logs.js';
import { ReadModels } from '../../common/read-models.js';
import { RankingIntegrity } from '../../integrity/ranking-integrity.js';
import {
  ExplainRankingQuery,
  GetRankingQuery,
  WhatIfQuery,
  type AsOfParams,
  type NamedRanking,
  type WhatIfAnswer,
} from './rankings.queries.js';
import { UnitNameReader } from './unit-names.js';

interface PeriodRef {
  clusterId: string;
  year: number;
  period: PeriodCode;
}

/** A period with no ranking: never opened, or not yet opened at the as-of point (what a plain read says). */
const periodNotOpened = (ref: PeriodRef): ApiError =>
  new ApiError(
    404,
    'PERIOD_NOT_OPENED',
    `period ${ref.period} of ${ref.clusterId} ${ref.year} has not been opened: it has no ranking`,
    'period',
  );

/**
 * The cluster-year's events for the evaluator and the options of `?asOf=` (422 beyond the log's head) and
 * `?asOfEffective=`.
 */
async function eventsAsOf(
  stream: ClusterYearEvents,
  ref: PeriodRef,
  asOf: AsOfParams,
): Promise<{ options: EvaluateOptions; streamId: string; events: readonly StoredEvent[] }> {
  const options = asOfOptions(asOf.asOf, asOf.asOfEffective);
  if (options.upToPosition !== undefined) {
    const head = await stream.headPosition();
    if (options.upToPosition > head) {
      throw new ApiError(
        422,
        'AS_OF_BEYOND_HEAD',
        `asOf ${options.upToPosition} is beyond the log's head (position ${head})`,
        'asOf',
        {},
        { head },
      );
    }
  }
  const { streamId, events } = await stream.read(ref.clusterId, ref.year, options.upToPosition);
  return { options, streamId, events };
}

/** 404 PERIOD_NOT_OPENED for a ranking of a period not opened, as the plain read answers. */
function opened<R extends Pick<Ranking, 'status'>>(ranking: R, ref: PeriodRef): R {
  if (ranking.status === 'not-opened') throw periodNotOpened(ref);
  return ranking;
}

@QueryHandler(GetRankingQuery)
export class GetRankingHandler implements IQueryHandler<GetRankingQuery> {
  constructor(
    private readonly reads: ReadModels,
    private readonly stream: ClusterYearEvents,
    private readonly units: UnitNameReader,
    private readonly integrity: RankingIntegrity,
    private readonly logs: YearLogs,
  ) {}

  async execute({ ref, asOf }: GetRankingQuery): Promise<RankingDocument | StoredJson<RankingDocument>> {
    if (asOf.asOf !== undefined || asOf.asOfEffective !== undefined) {
      const { options, streamId, events } = await eventsAsOf(this.stream, ref, asOf);
      // By position, recording time or business date: the year log's fold (the same bytes as evaluateRanking).
      const ranking = opened(
        rankYearFold(this.logs.foldAsOf(streamId, events, ref.period, options), ref.period),
        ref,
      );
      return rankingDocument(ranking, streamId, await this.units.namesOf(ranking.rows.map((r) => r.unitId)));
    }
    const doc = await this.reads.getText(
      RANKINGS_PROJECTION,
      RANKINGS_COLLECTION,
      rankingDocId(ref.clusterId, ref.year, ref.period),
    );
    if (doc !== null)
      return this.integrity.mark(
        emulationStream(ref.clusterId, ref.year),
        doc as StoredJson<RankingDocument>,
      );
    await clusterYearOr404(this.reads, ref.clusterId, ref.year);
    throw periodNotOpened(ref);
  }
}

@QueryHandler(ExplainRankingQuery)
export class ExplainRankingHandler implements IQueryHandler<ExplainRankingQuery> {
  constructor(
    private readonly stream: ClusterYearEvents,
    private readonly units: UnitNameReader,
  ) {}

  async execute({ ref, asOf }: ExplainRankingQuery): Promise<ExplainedRankingDocument> {
    const { options, streamId, events } = await eventsAsOf(this.stream, ref, asOf);
    const ranking = opened(explainRanking(events, ref.period, options), ref);
    return rankingDocument(ranking, streamId, await this.units.namesOf(ranking.rows.map((r) => r.unitId)));
  }
}

@QueryHandler(WhatIfQuery)
export class WhatIfHandler implements IQueryHandler<WhatIfQuery> {
  constructor(
    private readonly stream: ClusterYearEvents,
    private readonly units: UnitNameReader,
    private readonly logs: YearLogs,
  ) {}

  async execute(query: WhatIfQuery): Promise<WhatIfAnswer> {
    const { options, streamId, events } = await eventsAsOf(this.stream, query.ref, query.asOf);
    const { period } = query.ref;
    const what = { overrides: query.overrides, exclude: query.exclude };
    let result: WhatIfResult;
    try {
      result = whatIfYearFold(this.logs.foldAsOf(streamId, events, period, options), period, what);
    } catch (error) {
      throw error instanceof DomainError ? bodyError(error) : error;
    }
    opened(result.actual, query.ref);
    const names = await this.units.namesOf(result.actual.rows.map((r) => r.unitId));
    return {
      actual: named(result.actual, names),
      hypothetical: named(result.hypothetical, names),
      diff: result.diff.map(({ unitId, ...rest }) => ({ unitId, unitName: names(unitId), ...rest })),
    };
  }
}

const named = (ranking: PlacedRanking, names: UnitNames): NamedRanking => ({
  ...ranking,
  rows: withUnitNames(ranking.rows, names),
});

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
