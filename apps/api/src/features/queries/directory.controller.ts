import {
  type ClusterDoc,
  type ClusterYearDoc,
  DIRECTORY_PROJECTION,
  YEARLY_TOTALS_PROJECTION,
} from '@thidua/projections';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE, Roles } from '../../auth/auth.decorators.js';
import { WaitForProjections } from '../../common/read-your-writes.js';
import { ApiErrors, ApiResult } from '../../openapi/api-result.js';
import { DEMO } from '../../openapi/demo-examples.js';
import { IdParam, YearParam } from '../write/http-params.js';
import {
  GetClusterQuery,
  GetClusterYearQuery,
  GetPledgesQuery,
  ListClustersQuery,
  type ClusterList,
  type PledgeList,
} from './directory.queries.js';
import { ClusterListQueryDto, ReadQueryDto } from './queries.dto.js';

const NOT_FOUND = 'CLUSTER_NOT_FOUND (field clusterId) or CLUSTER_YEAR_NOT_FOUND (field year)';
const CLUSTER_PARAM = {
  name: 'clusterId',
  description: 'The emulation cluster (Cụm thi đua)',
  example: DEMO.clusterId,
};
const YEAR_PARAM = {
  name: 'year',
  type: 'integer',
  description: 'The emulation year',
  example: DEMO.year,
} as const;

/** Danh bạ Cụm thi đua: the directory of emulation clusters, their years and pledges (projection cluster-directory). */
@ApiTags('directory')
@Controller('clusters')
@Roles(...ANY_ROLE)
export class DirectoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @WaitForProjections(DIRECTORY_PROJECTION)
  @ApiOperation({
    summary: 'List the emulation clusters (Cụm thi đua)',
    description:
      'Every cluster with its number (số), name, organizer unit (đơn vị tổ chức), status (active/dissolved) and the ' +
      'years it has a cluster-year for. Sorted by name with the Vietnamese collator, or by number. Read from the ' +
      'cluster-directory projection; each document carries the `position` of the event that last changed it.',
  })
  @ApiResult('ClusterList', 'The clusters')
  listClusters(@Query() query: ClusterListQueryDto): Promise<ClusterList> {
    return this.queries.execute(new ListClustersQuery(query.sort ?? 'name', query.organizer, query.bloc));
  }

  @Get(':clusterId')
  @WaitForProjections(DIRECTORY_PROJECTION)
  @ApiParam(CLUSTER_PARAM)
  @ApiOperation({
    summary: 'One emulation cluster: number, name, organizer, status and its years',
    description:
      'The cluster as its organizer formed it (ClusterFormed, renamed, dissolved), with the years it has.',
  })
  @ApiResult('ClusterDoc', 'The cluster')
  @ApiErrors({ 404: 'CLUSTER_NOT_FOUND (field clusterId)' })
  getCluster(
    @Param('clusterId', new IdParam('clusterId')) clusterId: string,
    @Query() _query: ReadQueryDto,
  ): Promise<ClusterDoc> {
    return this.queries.execute(new GetClusterQuery(clusterId));
  }

  @Get(':clusterId/years/:year')
  @WaitForProjections(DIRECTORY_PROJECTION)
  @ApiParam(CLUSTER_PARAM)
  @ApiParam(YEAR_PARAM)
  @ApiOperation({
    summary: 'A cluster-year: members, chair, vice-chair, scheme version, periods',
    description:
      'The cluster in one emulation year: member units (đơn vị thành viên, Vietnamese-collated; a withdrawn unit stays ' +
      'listed with its withdrawal), the chair (Cụm trưởng) and vice-chair (Cụm phó), the scoring scheme version in ' +
      'force (tiêu chí và thang điểm), each period (Quý I–IV, 6 tháng, 9 tháng, Năm) with its status ' +
      '(open/closed/reopened), the sealed ranking digest when closed and its history with positions, the units ' +
      'elected for next year, and the units that signed a pledge.',
  })
  @ApiResult('ClusterYearDoc', 'The cluster-year')
  @ApiErrors({ 404: NOT_FOUND })
  getClusterYear(
    @Param('clusterId', new IdParam('clusterId')) clusterId: string,
    @Param('year', YearParam) year: number,
    @Query() _query: ReadQueryDto,
  ): Promise<ClusterYearDoc> {
    return this.queries.execute(new GetClusterYearQuery(clusterId, year));
  }

  @Get(':clusterId/years/:year/pledges')
  @WaitForProjections(DIRECTORY_PROJECTION, YEARLY_TOTALS_PROJECTION)
  @ApiParam(CLUSTER_PARAM)
  @ApiParam(YEAR_PARAM)
  @ApiOperation({
    summary: 'Pledges (giao ước thi đua) of the cluster-year and their fulfilment',
    description:
      "Each member unit's pledge as it stands: registered titles (đăng ký danh hiệu, catalog code and Vietnamese " +
      "name), targets (chỉ tiêu), the key tasks (nội dung công tác trọng tâm, as many as the cluster's pledge rules " +
      'ask), who signed it and when (recorded `at`, dated `on`), and every amendment with its reason. `notSigned` ' +
      'lists current members without a pledge. `fulfilment` compares each registered title with the titles ' +
      'conferred on the unit for that year by award decisions (khen thưởng) not revoked: `fulfilled`, ' +
      '`partly-fulfilled` or `not-fulfilled` — or `no-decision-yet` while no award of that year is recorded for the ' +
      "cluster's organizer — and `conferred` per title.",
  })
  @ApiResult('PledgeList', 'The pledges and their fulfilment')
  @ApiErrors({ 404: NOT_FOUND })
  listPledges(
    @Param('clusterId', new IdParam('clusterId')) clusterId: string,
    @Param('year', YearParam) year: number,
    @Query() _query: ReadQueryDto,
  ): Promise<PledgeList> {
    return this.queries.execute(new GetPledgesQuery(clusterId, year));
  }
}
