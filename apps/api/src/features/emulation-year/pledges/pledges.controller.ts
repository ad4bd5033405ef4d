import { Body, Controller, Param, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../../common/command-context.js';
import type { CommandResult } from '../../../write-model/command-result.js';
import { ApiCommand } from '../../write/api-command.js';
import { IdParam, IfMatch } from '../../write/http-params.js';
import { ApiYearParams, Year, YEAR_ROUTE, type YearRef } from '../year-command.js';
import { AmendPledgeCommand, SetPledgeRulesCommand, SignPledgeCommand } from './pledges.command.js';
import { AmendPledgeDto, PledgeRulesDto, SignPledgeDto } from './pledges.dto.js';
import { DEMO, DEMO_BODIES } from '../../../openapi/demo-examples.js';

/** Giao ước thi đua: each member unit's yearly pledge. */
@ApiTags('emulation-year')
@ApiYearParams()
@Controller(YEAR_ROUTE)
@Roles('unit-officer', 'organizer')
export class PledgesController {
  constructor(private readonly commands: CommandBus) {}

  @Post('pledges')
  @ApiCommand({
    summary: "Sign a unit's emulation pledge (ký kết giao ước thi đua): titles, targets, key tasks",
    description:
      "By an officer of that member unit (an organizer's token speaks for its own unit). Titles are catalog codes of collective titles (e.g. co-thi-dua-bo-cong-an, co-thi-dua-chinh-phu). Writes PledgeSigned (version 1).",
    body: {
      type: SignPledgeDto,
      description: "The unit's pledge: registered titles, targets, key tasks",
      example: DEMO_BODIES.signPledge,
    },
  })
  signPledge(
    @Year() ref: YearRef,
    @Body() body: SignPledgeDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new SignPledgeCommand(ctx, ref, body, ifMatch));
  }

  @Put('pledge-rules')
  @Roles('organizer')
  @ApiCommand({
    summary: "Record the cluster's pledge rules: how many key tasks, whether a title must be registered",
    description:
      "The cluster's organizer. Cụm 7's three key tasks are its own rule (seed 000), not everyone's: without a rule " +
      'a pledge may register any number of key tasks (up to 20) and no title. Pledges signed or amended afterwards ' +
      'follow it (422 KEY_TASKS_COUNT, TITLE_REQUIRED).',
    body: {
      type: PledgeRulesDto,
      description: 'The number of key tasks (or null: any) and whether a title must be registered',
      example: DEMO_BODIES.setPledgeRules,
    },
  })
  setPledgeRules(
    @Year() ref: YearRef,
    @Body() body: PledgeRulesDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new SetPledgeRulesCommand(ctx, ref, body, ifMatch));
  }

  @Post('pledges/:unitId/amendment')
  @ApiParam({ name: 'unitId', description: 'The unit whose pledge is amended', example: DEMO.unitId })
  @ApiCommand({
    summary: "Amend a unit's pledge, with a reason (sửa đổi giao ước thi đua)",
    description:
      'By an officer of that unit. The whole content is given again; writes PledgeAmended (version n+1).',
    body: {
      type: AmendPledgeDto,
      description: 'The pledge as amended, and why',
      example: DEMO_BODIES.amendPledge,
    },
  })
  amendPledge(
    @Year() ref: YearRef,
    @Param('unitId', new IdParam('unitId')) unitId: string,
    @Body() body: AmendPledgeDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new AmendPledgeCommand(ctx, ref, { ...body, unitId }, ifMatch));
  }
}
