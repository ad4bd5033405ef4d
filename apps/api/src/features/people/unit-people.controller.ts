import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DIRECTORY_PROJECTION, PEOPLE_PROJECTION } from '@thidua/projections';
import { Roles } from '../../auth/auth.decorators.js';
import { WaitForProjections } from '../../common/read-your-writes.js';
import { ApiErrors, ApiResult } from '../../openapi/api-result.js';
import { DEMO } from '../../openapi/demo-examples.js';
import { ReadQueryDto } from '../queries/queries.dto.js';
import { IdParam } from '../write/http-params.js';
import { ListUnitPeopleQuery, type UnitPeople } from './unit-people.query.js';

/** Cán bộ của đơn vị: the people registered in a unit (issue 12, the console's award path). */
@ApiTags('people')
@Controller('units/:unitId/people')
export class UnitPeopleController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('admin', 'organizer', 'inspector', 'unit-officer')
  @WaitForProjections(PEOPLE_PROJECTION, DIRECTORY_PROJECTION)
  @ApiParam({
    name: 'unitId',
    description: 'A registered unit (a sub-collective holds its people)',
    example: DEMO.awardList.unit,
  })
  @ApiOperation({
    operationId: 'listUnitPeople',
    summary:
      'List the people of a unit: name, rank, transfers, registrations with their deadlines, titles held',
    description:
      'The people whose current unit it is (a person transferred away is listed under the new unit, the transfer ' +
      'in `transfers`), each as GET /people/{personId} answers: the name opened with the person’s key ("đã xoá" once ' +
      'erased: listed last), rank title, position held, title registrations per year beside the organizer’s ' +
      'registration deadline of that year (the date and the event that set it; null: no limit), prior titles and ' +
      'individual awards with their prerequisite basis and `basisNoLongerHolds`. Vietnamese order of names. Not for ' +
      'viewers (personal data).',
  })
  @ApiResult('UnitPeople', 'The people of the unit')
  @ApiErrors({ 404: 'UNIT_NOT_FOUND (field unitId)' })
  listUnitPeople(
    @Param('unitId', new IdParam('unitId')) unitId: string,
    @Query() _query: ReadQueryDto,
  ): Promise<UnitPeople> {
    return this.queries.execute(new ListUnitPeopleQuery(unitId));
  }
}
