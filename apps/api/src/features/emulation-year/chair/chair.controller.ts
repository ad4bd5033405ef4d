import { Body, Controller, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../../common/command-context.js';
import type { CommandResult } from '../../../write-model/command-result.js';
import { ApiCommand } from '../../write/api-command.js';
import { IfMatch } from '../../write/http-params.js';
import { ApiYearParams, Year, YEAR_ROUTE, type YearRef } from '../year-command.js';
import { AssignChairCommand, SetChairPolicyCommand } from './chair.command.js';
import { AssignChairDto, ChairPolicyDto } from './chair.dto.js';
import { DEMO_BODIES } from '../../../openapi/demo-examples.js';

/** Cụm trưởng / Cụm phó: the chair and vice-chair units of a cluster-year. */
@ApiTags('emulation-year')
@ApiYearParams()
@Controller(YEAR_ROUTE)
export class ChairController {
  constructor(private readonly commands: CommandBus) {}

  @Post('chair')
  @Roles('organizer', 'unit-officer')
  @ApiCommand({
    summary: 'Seat the chair (Cụm trưởng) or vice-chair (Cụm phó) unit of the year',
    description:
      "source 'organizer': the cluster's organizer assigns a member unit. source 'election': the organizer or the elected unit takes up last year's election result (ChairElected in `emulation-{c}-{y-1}`); taking it up twice records nothing (201 with no event ids). The chair records the cluster's verified scores (assessment 'cluster').",
    body: {
      type: AssignChairDto,
      description: 'The member unit, the seat (chair or vice-chair) and where the choice comes from',
      example: DEMO_BODIES.assignChair,
    },
  })
  assignChair(
    @Year() ref: YearRef,
    @Body() body: AssignChairDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new AssignChairCommand(ctx, ref, body, ifMatch));
  }

  @Put('chair-policy')
  @Roles('organizer')
  @ApiCommand({
    summary: "Set the organizer's chair election policy for the year (consecutive terms allowed or not)",
    description: 'Default without it: consecutive terms are forbidden. Answers 201 like every command.',
    body: {
      type: ChairPolicyDto,
      description: 'Whether a unit may hold the same seat two years running',
      example: DEMO_BODIES.setChairPolicy,
    },
  })
  setChairPolicy(
    @Year() ref: YearRef,
    @Body() body: ChairPolicyDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new SetChairPolicyCommand(ctx, ref, body, ifMatch));
  }
}
