import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../../common/command-context.js';
import type { CommandResult } from '../../../write-model/command-result.js';
import { actDate } from '../../write/act-date.js';
import { DEMO, DEMO_BODIES, DEMO_KEYS } from '../../../openapi/demo-examples.js';
import { ApiCommand } from '../../write/api-command.js';
import { IdParam, IfMatch } from '../../write/http-params.js';
import { ApiYearParams, Year, YEAR_ROUTE, type YearRef } from '../year-command.js';
import {
  AssignInspectionCommand,
  ClearFindingCommand,
  RecordFindingCommand,
  type FindingRecorded,
} from './assessment.command.js';
import { AssignInspectionDto, ClearFindingDto, RecordFindingDto } from './assessment.dto.js';

/** Kiểm tra chéo: which member unit inspects which, per period. */
@ApiTags('emulation-year')
@ApiYearParams()
@Controller(`${YEAR_ROUTE}/inspections`)
@Roles('organizer')
export class InspectionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary: 'Assign the unit that inspects another in a period (kiểm tra chéo)',
    description:
      "The cluster's organizer. While assigned, only the inspecting unit records or corrects the inspected unit's " +
      'cluster scores of that period (others: 403 NOT_THE_ASSIGNED_INSPECTOR). Both must be members; a unit never ' +
      'inspects itself (422 SELF_INSPECTION); a closed period is not reassigned; replacing an assignment needs a reason.',
    body: {
      type: AssignInspectionDto,
      description: 'The period, the inspected unit and the inspecting unit',
      example: DEMO_BODIES.assignInspection,
    },
  })
  assignInspection(
    @Year() ref: YearRef,
    @Body() body: AssignInspectionDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new AssignInspectionCommand(ctx, ref, body, ifMatch));
  }
}

/** Kết luận: findings that raise the scheme's knock-out conditions for a unit in a period. */
@ApiTags('emulation-year')
@ApiYearParams()
@Controller(`${YEAR_ROUTE}/findings`)
@Roles('organizer')
export class FindingsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary:
      'Record a finding that raises a knock-out condition (e.g. a serious incident), with its evidence',
    description:
      "The cluster's organizer (its emulation office), while the period is open. The knock-out must be in the scheme " +
      'in force (422 UNKNOWN_KNOCK_OUT); the ranking then caps the row or bars it from rank 1 and lists the finding in ' +
      'row.cappedBy. The answer carries the new findingId.',
    created: 'FindingRecorded',
    body: {
      type: RecordFindingDto,
      description: 'The unit, the period, the knock-out of the scheme and the evidence',
      example: DEMO_BODIES.recordFinding,
    },
    idempotencyKey: DEMO_KEYS.recordFinding,
  })
  recordFinding(
    @Year() ref: YearRef,
    @Body() body: RecordFindingDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<FindingRecorded> {
    return this.commands.execute(new RecordFindingCommand(ctx, ref, body, ifMatch));
  }

  @Post(':findingId/clearance')
  @ApiParam({
    name: 'findingId',
    description:
      'The finding, as POST …/findings answered it (the example: the finding the POST example records)',
    example: DEMO.findingId,
  })
  @ApiCommand({
    summary: 'Clear a finding, with a reason',
    description: "The cluster's organizer, while the period is open: the knock-out no longer applies.",
    body: { type: ClearFindingDto, description: 'Why', example: DEMO_BODIES.clearFinding },
  })
  clearFinding(
    @Year() ref: YearRef,
    @Param('findingId', new IdParam('findingId')) findingId: string,
    @Body() body: ClearFindingDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    const input = { findingId, reason: body.reason, ...actDate(body) };
    return this.commands.execute(new ClearFindingCommand(ctx, ref, input, ifMatch));
  }
}
