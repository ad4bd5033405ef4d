import { applyDecorators, Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { PERIODS, type PeriodCode, type WhatIfResult } from '@thidua/domain';
import {
  DIRECTORY_PROJECTION,
  type ExplainedRankingDocument,
  type RankingDocument,
  RANKINGS_PROJECTION,
} from '@thidua/projections';
import { ANY_ROLE, Roles } from '../../auth/auth.decorators.js';
import { WaitForProjections } from '../../common/read-your-writes.js';
import { IdParam, PeriodParam, YearParam } from '../write/http-params.js';
import { AsOfQueryDto, WhatIfDto } from './queries.dto.js';
import { ExplainRankingQuery, GetRankingQuery, WhatIfQuery, type RankingJson } from './rankings.queries.js';

const ROUTE = ':clusterId/years/:year/rankings/:period';

const PeriodParams = () =>
  applyDecorators(
    ApiParam({ name: 'clusterId', description: 'The emulation cluster (Cụm thi đua)', example: 'bca-cum-2' }),
    ApiParam({ name: 'year', type: Number, description: 'The emulation year', example: 2021 }),
    ApiParam({
      name: 'period',
      enum: PERIODS.map((p) => p.code),
      description: `The period: ${PERIODS.map((p) => `${p.code} ${p.label}`).join(', ')}`,
    }),
    ApiBadRequestResponse({
      description: 'VALIDATION_FAILED: field clusterId, year, period, asOf, asOfEffective or minPosition',
    }),
    ApiNotFoundResponse({
      description: 'CLUSTER_NOT_FOUND (field clusterId) or CLUSTER_YEAR_NOT_FOUND (field year)',
    }),
  );

const ROW_FIELDS =
  'Each row: unit, total (tổng điểm), per-group breakdown, bonus (điểm thưởng) and penalty (điểm trừ), rank ' +
  '(standard competition ranking 1,2,2,4 after the tie-breaks), classification (xếp loại), the source of each ' +
  "criterion's points (`cluster`, the cluster's verified score, over `self`, the unit's self-assessment) and the " +
  'missing criteria.';

/** Bảng xếp hạng: rankings of a cluster-year period, their explanation (giải trình) and what-if replays. */
@ApiTags('rankings')
@Controller('clusters')
export class RankingsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(ROUTE)
  // The stored document leaves as its JSON text: say it is JSON (Fastify would call a string text/plain).
  @Header('content-type', 'application/json; charset=utf-8')
  @Roles(...ANY_ROLE)
  @WaitForProjections(RANKINGS_PROJECTION, DIRECTORY_PROJECTION)
  @PeriodParams()
  @ApiOperation({
    summary:
      'The ranking (bảng xếp hạng, xếp loại) of a period; ?asOf= replays it at a position or time, ?asOfEffective= at a business date',
    description:
      'The ranking (bảng xếp hạng) of one period of a cluster-year (Cụm thi đua × năm). ' +
      `${ROW_FIELDS} \`finality\` is provisional (tạm tính) while the period is open, final once closed (the sealed ` +
      '`sealedDigest` of PeriodClosed equals `currentDigest`), and revised when an upheld dispute (khiếu nại) changed ' +
      'it after the close: then `sealedDigest` and `currentDigest` differ and `revisedBy` names the events. ' +
      'Without asOf: the rankings projection document (404 PERIOD_NOT_OPENED, field period, for a period never ' +
      'opened). With asOf (position or recording time) or asOfEffective (business date, YYYY-MM-DD): computed now by ' +
      'the same evaluator over the events up to that point.',
  })
  @ApiOkResponse({
    description: 'RankingDocument: the evaluator Ranking plus streamId, finality, currentDigest',
  })
  ranking(
    @Param('clusterId', new IdParam('clusterId')) clusterId: string,
    @Param('year', YearParam) year: number,
    @Param('period', PeriodParam) period: PeriodCode,
    @Query() query: AsOfQueryDto,
  ): Promise<RankingDocument | RankingJson> {
    return this.queries.execute(new GetRankingQuery({ clusterId, year, period }, query));
  }

  @Get(`${ROUTE}/explain`)
  @Roles(...ANY_ROLE)
  @WaitForProjections(DIRECTORY_PROJECTION)
  @PeriodParams()
  @ApiOperation({
    summary: "Explain a ranking (giải trình): every row's points traced to the events that gave them",
    description:
      `${ROW_FIELDS} Per row and criterion, every entry of either assessment with its status (active, withdrawn, ` +
      'ignored) and its chain: recorded, corrected (điều chỉnh), withdrawn, dispute filed and resolved — each link ' +
      "with the event's id, global position, stream revision, actor (who entered it), the time it was recorded (`at`) " +
      'and the business date of the act (`effectiveDate`), points and reason. Computed at query time from the event ' +
      'log (optionally ?asOf= and/or ?asOfEffective=).',
  })
  @ApiOkResponse({ description: 'ExplainedRankingDocument' })
  explain(
    @Param('clusterId', new IdParam('clusterId')) clusterId: string,
    @Param('year', YearParam) year: number,
    @Param('period', PeriodParam) period: PeriodCode,
    @Query() query: AsOfQueryDto,
  ): Promise<ExplainedRankingDocument> {
    return this.queries.execute(new ExplainRankingQuery({ clusterId, year, period }, query));
  }

  @Post(`${ROUTE}/what-if`)
  @HttpCode(200)
  @Roles('inspector', 'admin', 'organizer', 'viewer')
  @WaitForProjections(DIRECTORY_PROJECTION)
  @PeriodParams()
  @ApiOperation({
    summary:
      'What if (giả định): the ranking with entries overridden or excluded, and the diff to the actual one',
    description:
      'A query with a body: nothing is recorded. `overrides` count entries with other points, `exclude` drops ' +
      'entries; the answer has the actual ranking, the hypothetical one and, per unit whose total, rank or ' +
      'classification would change, the before and after. An entry that is not an entry of this period answers 422 ' +
      'ENTRY_NOT_FOUND naming the field (e.g. overrides.0.entryId); points out of the criterion range 422 too. ' +
      'Optionally ?asOf= (position or time) and/or ?asOfEffective= (business date) replay both.',
  })
  @ApiOkResponse({ description: 'WhatIfResult { actual, hypothetical, diff }' })
  @ApiUnprocessableEntityResponse({
    description: 'ENTRY_NOT_FOUND, ENTRY_WITHDRAWN, OVERRIDE_CONFLICT, POINTS_*',
  })
  whatIf(
    @Param('clusterId', new IdParam('clusterId')) clusterId: string,
    @Param('year', YearParam) year: number,
    @Param('period', PeriodParam) period: PeriodCode,
    @Query() query: AsOfQueryDto,
    @Body() body: WhatIfDto,
  ): Promise<WhatIfResult> {
    return this.queries.execute(
      new WhatIfQuery({ clusterId, year, period }, query, body.overrides ?? [], body.exclude ?? []),
    );
  }
}
