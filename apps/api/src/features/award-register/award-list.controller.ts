import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  AWARD_REGISTER_PROJECTION,
  DIRECTORY_PROJECTION,
  PEOPLE_PROJECTION,
  YEARLY_TOTALS_PROJECTION,
} from '@thidua/projections';
import { ApiError } from '../../common/api-error.js';
import { Roles } from '../../auth/auth.decorators.js';
import { WaitForProjections } from '../../common/read-your-writes.js';
import { ApiErrors, ApiResult } from '../../openapi/api-result.js';
import { DEMO } from '../../openapi/demo-examples.js';
import { YearParam } from '../write/http-params.js';
import { AwardListQueryDto, DEFAULT_AWARD_LIMIT } from './award-list.dto.js';
import { ListAwardsQuery, type AwardList } from './award-list.query.js';

/** The awards behind the yearly totals, one by one (projection award-register; issue 12, the console's award path). */
@ApiTags('totals')
@Controller('totals/:year/awards')
export class AwardListController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('admin', 'organizer', 'inspector', 'unit-officer')
  @WaitForProjections(
    AWARD_REGISTER_PROJECTION,
    YEARLY_TOTALS_PROJECTION,
    DIRECTORY_PROJECTION,
    PEOPLE_PROJECTION,
  )
  @ApiParam({
    name: 'year',
    type: 'integer',
    description: 'The year the awards are for',
    example: DEMO.totals.year,
  })
  @ApiOperation({
    operationId: 'listAwards',
    summary:
      'List the awards of a cluster or a unit for a year: recipient, title, decision, revocation, events',
    description:
      'Exactly one of `cluster`, `unit`. A cluster lists the awards GET /totals/{year}?cluster= counts: those of its ' +
      'member units that year and of every unit under them (sub-collectives and their people); `unit` lists the ' +
      'unit’s own (its collective and its people), with `subUnits=true` those of the units under it too. Each award: ' +
      'the recipient (a unit with its name, or a registered person with the name opened by their key — "đã xoá" once ' +
      'erased), the title, the decision (number, date, authority), the AwardDecisionIssued event (stream, revision, ' +
      'who recorded it, when), the revocation (ground, authority, decision, date, recovery of insignia and money, ' +
      'its event) or null, and for individuals the prerequisite `basis` (each title named, with the revocation event ' +
      'of a basis award that was revoked) and `basisNoLongerHolds` (e.g. ' +
      'PREREQUISITE_REVOKED). Revoked awards are listed (`counted` leaves them out, as the totals do). Most eminent ' +
      `title first, then by decision date; \`offset\`/\`limit\` page (default ${DEFAULT_AWARD_LIMIT}). Not for viewers ` +
      '(names of people).',
  })
  @ApiResult('AwardList', 'One page of awards')
  @ApiErrors({
    400: 'VALIDATION_FAILED: not exactly one of cluster, unit (field names one), subUnits without unit, or a malformed value',
    404: 'CLUSTER_NOT_FOUND (field cluster) or UNIT_NOT_FOUND (field unit)',
  })
  listAwards(@Param('year', YearParam) year: number, @Query() query: AwardListQueryDto): Promise<AwardList> {
    const given = (['cluster', 'unit'] as const).filter((k) => query[k] !== undefined);
    if (given.length !== 1)
      throw new ApiError(
        400,
        'VALIDATION_FAILED',
        'give exactly one of cluster or unit',
        given.length === 0 ? 'cluster' : given[1],
      );
    const scope = given[0]!;
    if (query.subUnits !== undefined && scope !== 'unit')
      throw new ApiError(400, 'VALIDATION_FAILED', 'subUnits goes with unit only', 'subUnits');
    return this.queries.execute(
      new ListAwardsQuery(
        scope,
        query[scope]!,
        year,
        query.subUnits === 'true',
        {
          ...(query.code !== undefined && { code: query.code }),
          ...(query.kind !== undefined && { kind: query.kind }),
        },
        query.offset ?? 0,
        query.limit ?? DEFAULT_AWARD_LIMIT,
      ),
    );
  }
}
