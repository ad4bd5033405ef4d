import {
  applyDecorators,
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PERIODS, type PeriodCode } from '@thidua/domain';
import {
  DIRECTORY_PROJECTION,
  type ExplainedRankingDocument,
  type RankingDocument,
  RANKINGS_PROJECTION,
} from '@thidua/projections';
import type { FastifyReply } from 'fastify';
import { ANY_ROLE, Roles } from '../../auth/auth.decorators.js';
import { WaitForProjections } from '../../common/read-your-writes.js';
import { ApiErrors, ApiResult, type JsonBytes, type StoredJson } from '../../openapi/api-result.js';
import { jsonBytes } from '../../openapi/stored-json.js';
import { DEMO } from '../../openapi/demo-examples.js';
import { IdParam, PeriodParam, YearParam } from '../write/http-params.js';
import { AsOfQueryDto, WhatIfDto } from './queries.dto.js';
import { ExplainRankingQuery, GetRankingQuery, WhatIfQuery, type WhatIfAnswer } from './rankings.queries.js';

const ROUTE = ':clusterId/years/:year/rankings/:period';

const PeriodParams = () =>
  applyDecorators(
    ApiParam({
      name: 'clusterId',
      description: 'The emulation cluster (Cụm thi đua)',
      example: DEMO.clusterId,
    }),
    ApiParam({ name: 'year', type: 'integer', description: 'The emulation year', example: DEMO.year }),
    ApiParam({
      name: 'period',
      description: `The period: ${PERIODS.map((p) => `${p.code} ${p.label}`).join(', ')}`,
      schema: { type: 'string', enum: PERIODS.map((p) => p.code), example: DEMO.period },
    }),
    ApiErrors({
      400: 'VALIDATION_FAILED: field clusterId, year, period, asOf, asOfEffective or minPosition',
      404:
        'CLUSTER_NOT_FOUND (field clusterId), CLUSTER_YEAR_NOT_FOUND (field year), or PERIOD_NOT_OPENED (field ' +
        'period): the period was never opened, or not yet at the asOf point',
      422: "AS_OF_BEYOND_HEAD (field asOf): an asOf position past the log's head; the body gives `head`",
    }),
  );

const ROW_FIELDS =
  'Each row: unit, total (tổng điểm), per-group breakdown, bonus (điểm thưởng) and penalty (điểm trừ), rank ' +
  '(standard competition ranking 1,2,2,4 after the tie-breaks), classification (xếp loại), the source of each ' +
  "criterion's points (`appraisal`, the organizer's thẩm định, over `cluster`, the cluster's verified score, over " +
  "`self`, the unit's self-assessment), the missing criteria — a row missing criteria gets no classification " +
  '(`unclassified: "chưa đủ điểm"`) — and `cappedBy`, the recorded findings whose knock-out capped it. `finality` ' +
  'reads `disputed` while a complaint on the ranking, a classification or (Y) a proposal is open (`disputedBy`); ' +
  '`acceptedIncomplete` gives the reasoned acceptance a close with incomplete rows needed.';

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
      '`integrity-failure` when the digests differ with nothing that revised it, or when the log under the ' +
      'cluster-year failed its integrity check (then `integrityFailure` names the event): never served as final. ' +
      'Without asOf: the rankings projection document (404 PERIOD_NOT_OPENED, field period, for a period never ' +
      'opened). With asOf (position or recording time) or asOfEffective (business date, YYYY-MM-DD): computed now by ' +
      'the same evaluator over the events up to that point; an asOf before the period was opened answers what the ' +
      "plain read answers for a period never opened, and a position past the log's head answers 422 " +
      'AS_OF_BEYOND_HEAD with the head.',
  })
  @ApiResult('RankingDocument', 'The ranking: the evaluator Ranking plus streamId, finality, currentDigest')
  async getRanking(
    @Param('clusterId', new IdParam('clusterId')) clusterId: string,
    @Param('year', YearParam) year: number,
    @Param('period', PeriodParam) period: PeriodCode,
    @Query() query: AsOfQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StoredJson<RankingDocument> | JsonBytes<RankingDocument>> {
    const ranking = await this.queries.execute(new GetRankingQuery({ clusterId, year, period }, query));
    // An as-of ranking is computed now (≈ 170 KB for 64 units): encoded here, as the history page is.
    return typeof ranking === 'string' ? ranking : jsonBytes(reply, ranking);
  }

  @Get(`${ROUTE}/explain`)
  // Sent as its JSON's UTF-8 bytes: say it is JSON.
  @Header('content-type', 'application/json; charset=utf-8')
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
  @ApiResult('ExplainedRankingDocument', 'The ranking with every row explained down to its events')
  async explainRanking(
    @Param('clusterId', new IdParam('clusterId')) clusterId: string,
    @Param('year', YearParam) year: number,
    @Param('period', PeriodParam) period: PeriodCode,
    @Query() query: AsOfQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JsonBytes<ExplainedRankingDocument>> {
    return jsonBytes(
      reply,
      await this.queries.execute(new ExplainRankingQuery({ clusterId, year, period }, query)),
    );
  }

  @Post(`${ROUTE}/what-if`)
  @HttpCode(200)
  // Sent as its JSON's UTF-8 bytes (two rankings: ≈ 350 KB for 64 units): say it is JSON.
  @Header('content-type', 'application/json; charset=utf-8')
  @Roles('inspector', 'admin', 'organizer', 'viewer')
  @WaitForProjections(DIRECTORY_PROJECTION)
  @PeriodParams()
  @ApiOperation({
    summary:
      'What if (giả định): the ranking with entries overridden or excluded, and the diff to the actual one',
    description:
      'A query with a body: nothing is recorded. `overrides` count entries with other points, `exclude` drops ' +
      'entries; the answer has the actual ranking, the hypothetical one and, per unit whose total, rank or ' +
      'classification would change, the before and after. Every row of both rankings says how it was placed ' +
      'against the row above (`placedBy`, as in explain): a lower total, or the tie-break that parted equal totals. ' +
      'An entry that is not an entry of this period answers 422 ' +
      'ENTRY_NOT_FOUND naming the field (e.g. overrides.0.entryId); points out of the criterion range 422 too. ' +
      'Optionally ?asOf= (position or time) and/or ?asOfEffective= (business date) replay both.',
  })
  @ApiBody({
    type: WhatIfDto,
    description: 'Entries of the period to count with other points (overrides) or not at all (exclude)',
    examples: {
      correction: {
        summary: 'As if Cục Quản lý xuất nhập cảnh had not corrected its Quý II score',
        value: { overrides: [{ entryId: DEMO.whatIf.entryId, points: DEMO.whatIf.points }] },
      },
    },
  })
  @ApiResult('WhatIfAnswer', 'The actual ranking, the hypothetical one, and the units that differ')
  @ApiErrors({
    422:
      "ENTRY_NOT_FOUND (an entry that is not one of the period's), ENTRY_WITHDRAWN, OVERRIDE_CONFLICT, POINTS_* " +
      '(field names the body path, e.g. overrides.0.entryId); AS_OF_BEYOND_HEAD (field asOf)',
  })
  async whatIfRanking(
    @Param('clusterId', new IdParam('clusterId')) clusterId: string,
    @Param('year', YearParam) year: number,
    @Param('period', PeriodParam) period: PeriodCode,
    @Query() query: AsOfQueryDto,
    @Body() body: WhatIfDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JsonBytes<WhatIfAnswer>> {
    return jsonBytes(
      reply,
      await this.queries.execute(
        new WhatIfQuery({ clusterId, year, period }, query, body.overrides ?? [], body.exclude ?? []),
      ),
    );
  }
}
