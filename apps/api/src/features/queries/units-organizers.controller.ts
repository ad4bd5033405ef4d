import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DIRECTORY_PROJECTION, type UnitDoc } from '@thidua/projections';
import { ANY_ROLE, Roles } from '../../auth/auth.decorators.js';
import { WaitForProjections } from '../../common/read-your-writes.js';
import { ApiErrors, ApiResult } from '../../openapi/api-result.js';
import { DEMO } from '../../openapi/demo-examples.js';
import { IdParam } from '../write/http-params.js';
import {
  GetOrganizerQuery,
  GetUnitQuery,
  ListOrganizersQuery,
  ListUnitsQuery,
  type Organizer,
  type OrganizerList,
  type UnitList,
} from './directory.queries.js';
import { ReadQueryDto, UnitListQueryDto } from './queries.dto.js';

/** Đơn vị: the registered units (name, kind, parent, status) from the cluster-directory projection. */
@ApiTags('directory')
@Controller('units')
@Roles(...ANY_ROLE)
export class UnitsDirectoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @WaitForProjections(DIRECTORY_PROJECTION)
  @ApiOperation({
    summary: 'List the units (đơn vị): name, kind, parent unit, status',
    description:
      'Every registered unit, sorted by name with the Vietnamese collator; `?parent=` keeps the units directly under ' +
      'one unit. `clusterYears` names the cluster-years (`{clusterId}:{year}`) the unit is a member of.',
  })
  @ApiResult('UnitList', 'The units')
  listUnits(@Query() query: UnitListQueryDto): Promise<UnitList> {
    return this.queries.execute(new ListUnitsQuery(query.parent));
  }

  @Get(':unitId')
  @WaitForProjections(DIRECTORY_PROJECTION)
  @ApiParam({ name: 'unitId', description: 'The unit (đơn vị)', example: DEMO.unitId })
  @ApiOperation({ summary: 'One unit: name, kind, parent unit, status and its cluster-years' })
  @ApiResult('UnitDoc', 'The unit')
  @ApiErrors({ 404: 'UNIT_NOT_FOUND (field unitId): never registered' })
  getUnit(
    @Param('unitId', new IdParam('unitId')) unitId: string,
    @Query() _query: ReadQueryDto,
  ): Promise<UnitDoc> {
    return this.queries.execute(new GetUnitQuery(unitId));
  }
}

/** Đơn vị tổ chức: the units that organize emulation clusters (the Ministry, a provincial police force). */
@ApiTags('directory')
@Controller('organizers')
@Roles(...ANY_ROLE)
export class OrganizersController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @WaitForProjections(DIRECTORY_PROJECTION)
  @ApiOperation({
    summary: 'List the organizers (đơn vị tổ chức) and their clusters',
    description: 'Every unit named as the organizer of a cluster, with its clusters by number.',
  })
  @ApiResult('OrganizerList', 'The organizers')
  listOrganizers(@Query() _query: ReadQueryDto): Promise<OrganizerList> {
    return this.queries.execute(new ListOrganizersQuery());
  }

  @Get(':unitId')
  @WaitForProjections(DIRECTORY_PROJECTION)
  @ApiParam({ name: 'unitId', description: 'The organizer unit', example: DEMO.organizerId })
  @ApiOperation({ summary: 'One organizer and its clusters' })
  @ApiResult('Organizer', 'The organizer')
  @ApiErrors({ 404: 'ORGANIZER_NOT_FOUND (field unitId): the unit organizes no cluster' })
  getOrganizer(
    @Param('unitId', new IdParam('unitId')) unitId: string,
    @Query() _query: ReadQueryDto,
  ): Promise<Organizer> {
    return this.queries.execute(new GetOrganizerQuery(unitId));
  }
}
