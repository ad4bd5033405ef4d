import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../../common/command-context.js';
import type { CommandResult } from '../../../write-model/command-result.js';
import { ApiCommand } from '../../write/api-command.js';
import { IdParam, IfMatch } from '../../write/http-params.js';
import { ApiYearParams, Year, YEAR_ROUTE, type YearRef } from '../year-command.js';
import { AmendPledgeCommand, SignPledgeCommand } from './pledges.command.js';
import { AmendPledgeDto, SignPledgeDto } from './pledges.dto.js';
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
    summary: "Sign a unit's emulation pledge (ký kết giao ước thi đua): titles, targets, 3 key tasks",
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
