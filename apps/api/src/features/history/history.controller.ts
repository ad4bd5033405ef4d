import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { pageBytes, UNIT_HISTORY_PROJECTION, type UnitHistoryPage } from '@thidua/projections';
import type { FastifyReply } from 'fastify';
import { ANY_ROLE, Roles } from '../../auth/auth.decorators.js';
import { WaitForProjections } from '../../common/read-your-writes.js';
import { replyBuffers } from '../../common/reusable-buffers.js';
import { ApiErrors, ApiResult } from '../../openapi/api-result.js';
import type { JsonBytes } from '../../openapi/stored-json.js';
import { DEMO } from '../../openapi/demo-examples.js';
import { IdParam } from '../write/http-params.js';
import { DEFAULT_HISTORY_LIMIT, UnitHistoryQueryDto } from './history.dto.js';
import { GetUnitHistoryQuery } from './history.query.js';

/** Lịch sử đơn vị: a unit's audited timeline (projection unit-history). */
@ApiTags('history')
@Controller('units')
export class HistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':unitId/history')
  // The page leaves as its JSON's UTF-8 bytes: say it is JSON (Fastify would call a Buffer octet-stream).
  @Header('content-type', 'application/json; charset=utf-8')
  @Roles(...ANY_ROLE)
  @WaitForProjections(UNIT_HISTORY_PROJECTION)
  @ApiParam({ name: 'unitId', description: 'The unit (đơn vị)', example: DEMO.unitId })
  @ApiOperation({
    summary: "A unit's history: every event that touched it, oldest first, paginated by position",
    description:
      'Registration and renaming, membership (registry, admission, withdrawal), pledges, scores with their ' +
      'corrections and withdrawals, disputes, chair seats, elections and ballots, awards and revocations — each ' +
      'with the actor, time, stream, revision, global position, the event hash (check it with GET ' +
      '/audit/streams/{s}) and a Vietnamese summary. Page with `?after=` (the previous page’s `nextAfter`) and ' +
      '`?limit=`; `?type=` keeps only entries of the event types it names. A unit no event ever touched answers 404 UNIT_NOT_FOUND.',
  })
  @ApiResult('UnitHistoryPage', 'A page of the unit’s history')
  @ApiErrors({ 404: 'UNIT_NOT_FOUND (field unitId): no event ever touched this unit' })
  async getUnitHistory(
    @Param('unitId', new IdParam('unitId')) unitId: string,
    @Query() query: UnitHistoryQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JsonBytes<UnitHistoryPage>> {
    const page = await this.queries.execute(
      new GetUnitHistoryQuery(unitId, query.after ?? 0, query.limit ?? DEFAULT_HISTORY_LIMIT, query.type),
    );
    // ≈ 34 KB of Vietnamese text a page of 50, as bytes: encoded by us (mostly kept) rather than by the
    // socket's write, into memory lent to this reply until its response has finished (http-hooks.ts).
    return pageBytes(page, (size) => replyBuffers.lend(reply, size));
  }
}
