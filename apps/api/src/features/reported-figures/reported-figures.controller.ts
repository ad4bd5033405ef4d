import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../common/command-context.js';
import { DEMO, DEMO_BODIES } from '../../openapi/demo-examples.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { ApiCommand } from '../write/api-command.js';
import { IdParam, IfMatch, YearParam } from '../write/http-params.js';
import { ReportedFiguresDto } from './reported-figures.dto.js';
import { RecordReportedFiguresCommand } from './reported-figures.handler.js';

const RULE =
  'Recorded exactly as stated (e.g. Cụm 7’s headline "486 lượt" of 2023), never checked against the awards ' +
  'recorded: GET /totals/{year} answers them in `reported` beside the recorded total, with the difference and ' +
  '`mismatch`. By the organizer (of the cluster) or an administrator; a later report replaces the earlier one ' +
  'and needs a reason (422 REASON_REQUIRED). 422 INVALID_FIGURE, INVALID_DIGEST.';

/** Số liệu báo cáo: figures a cluster or an organizer reported, beside what is recorded. */
@ApiTags('totals')
@Controller()
@Roles('organizer', 'admin')
export class ReportedFiguresController {
  constructor(private readonly commands: CommandBus) {}

  @Put('clusters/:clusterId/years/:year/reported-figures')
  @ApiParam({ name: 'clusterId', description: 'The cluster', example: DEMO.clusterId })
  @ApiParam({ name: 'year', type: 'integer', description: 'The year reported on', example: DEMO.year })
  @ApiCommand({
    summary: "Record a cluster's reported figures for a year (số liệu báo cáo), as stated",
    description: `Writes ReportedFiguresRecorded to \`reported-cluster-{clusterId}-{year}\`. ${RULE} 404 CLUSTER_NOT_FOUND.`,
    body: {
      type: ReportedFiguresDto,
      description: 'The figures and their source',
      example: DEMO_BODIES.recordClusterFigures,
    },
  })
  recordClusterFigures(
    @Param('clusterId', new IdParam('clusterId')) clusterId: string,
    @Param('year', YearParam) year: number,
    @Body() body: ReportedFiguresDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new RecordReportedFiguresCommand(ctx, 'cluster', clusterId, year, body, ifMatch),
    );
  }

  @Put('organizers/:organizerUnitId/years/:year/reported-figures')
  @ApiParam({ name: 'organizerUnitId', description: 'The organizer unit', example: DEMO.organizerId })
  @ApiParam({ name: 'year', type: 'integer', description: 'The year reported on', example: DEMO.totals.year })
  @ApiCommand({
    summary: "Record an organizer's reported figures for a year, as stated",
    description: `Writes ReportedFiguresRecorded to \`reported-organizer-{organizerUnitId}-{year}\`. ${RULE} 404 ORGANIZER_NOT_FOUND (a unit not registered).`,
    body: {
      type: ReportedFiguresDto,
      description: 'The figures and their source',
      example: DEMO_BODIES.recordOrganizerFigures,
    },
  })
  recordOrganizerFigures(
    @Param('organizerUnitId', new IdParam('organizerUnitId')) organizerUnitId: string,
    @Param('year', YearParam) year: number,
    @Body() body: ReportedFiguresDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new RecordReportedFiguresCommand(ctx, 'organizer', organizerUnitId, year, body, ifMatch),
    );
  }
}
