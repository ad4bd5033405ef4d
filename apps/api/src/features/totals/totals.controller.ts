import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  DIRECTORY_PROJECTION,
  REPORTED_FIGURES_PROJECTION,
  YEARLY_TOTALS_PROJECTION,
} from '@thidua/projections';
import type { TotalsAnswer } from './reported-comparison.js';
import { ApiError } from '../../common/api-error.js';
import { ANY_ROLE, Roles } from '../../auth/auth.decorators.js';
import { WaitForProjections } from '../../common/read-your-writes.js';
import { ApiErrors, ApiResult } from '../../openapi/api-result.js';
import { DEMO } from '../../openapi/demo-examples.js';
import { YearParam } from '../write/http-params.js';
import { TotalsQueryDto } from './totals.dto.js';
import { GetTotalsQuery } from './totals.query.js';

/** Tổng hợp khen thưởng: yearly totals per organizer, cluster or unit (projection yearly-totals). */
@ApiTags('totals')
@Controller('totals')
export class TotalsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':year')
  @Roles(...ANY_ROLE)
  @WaitForProjections(YEARLY_TOTALS_PROJECTION, DIRECTORY_PROJECTION, REPORTED_FIGURES_PROJECTION)
  @ApiParam({ name: 'year', type: 'integer', description: 'The emulation year', example: DEMO.totals.year })
  @ApiOperation({
    summary: 'Yearly totals of awards (khen thưởng) for an organizer, a cluster or a unit',
    description:
      'Exactly one of `organizer`, `cluster`, `unit`. Awards of that year counted by catalog code × ' +
      'collective (tập thể) / individual (cá nhân), the number of award instances (lượt), the cluster flags ' +
      '(Cờ thi đua) and pledge fulfilment (registered titles vs titles conferred). Revoked awards are not counted. ' +
      "A unit's awards (its own and its people's) count for the clusters holding it that year (admitted, not " +
      'withdrawn) and their organizers, and so do the awards of the units under it (sub-collectives and their ' +
      'people); `unit` with `subUnits=true` counts the unit with its sub-units. Khen thưởng (`rewards`) and biểu ' +
      "dương (`commendations`) are counted apart, and per quarter of the decisions' dates (`quarters`, `YYYY-Qn`). " +
      'Nothing counted yet: zeros with position 0. An organizer, cluster or unit the directory does not know ' +
      'answers 404. `reported`: for a cluster or an organizer, the figures it reported (PUT …/reported-figures), as ' +
      'stated, beside the recorded total, with the difference and `mismatch` (Cụm 7 in 2023: 486 reported, 836 ' +
      'recorded), the source it cites, `recorded` (the ReportedFiguresRecorded event: who recorded it, when, its ' +
      'stream and revision for GET /audit/streams/{streamId}) and the reports it replaced; null when none was ' +
      'recorded (always null for a unit).',
  })
  @ApiResult('TotalsDoc', 'The totals')
  @ApiErrors({
    400: 'VALIDATION_FAILED: not exactly one of organizer, cluster, unit (field names one), or a malformed id or year',
    404: 'ORGANIZER_NOT_FOUND (field organizer), CLUSTER_NOT_FOUND (field cluster) or UNIT_NOT_FOUND (field unit)',
  })
  getTotals(@Param('year', YearParam) year: number, @Query() query: TotalsQueryDto): Promise<TotalsAnswer> {
    const given = (['organizer', 'cluster', 'unit'] as const).filter((k) => query[k] !== undefined);
    if (given.length !== 1)
      throw new ApiError(
        400,
        'VALIDATION_FAILED',
        'give exactly one of organizer, cluster or unit',
        given.length === 0 ? 'cluster' : given[1],
      );
    const scope = given[0]!;
    if (query.subUnits !== undefined && scope !== 'unit')
      throw new ApiError(400, 'VALIDATION_FAILED', 'subUnits goes with unit only', 'subUnits');
    return this.queries.execute(new GetTotalsQuery(scope, query[scope]!, year, query.subUnits === 'true'));
  }
}
