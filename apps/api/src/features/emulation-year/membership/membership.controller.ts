import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../../common/command-context.js';
import type { CommandResult } from '../../../write-model/command-result.js';
import { ApiCommand } from '../../write/api-command.js';
import { IdParam, IfMatch } from '../../write/http-params.js';
import { ApiYearParams, Year, YEAR_ROUTE, type YearRef } from '../year-command.js';
import { AdmitUnitCommand, WithdrawUnitCommand } from './membership.command.js';
import { AdmitUnitDto, WithdrawUnitDto } from './membership.dto.js';
import { actDate } from '../../write/act-date.js';
import { DEMO, DEMO_BODIES } from '../../../openapi/demo-examples.js';

/** Thành viên Cụm: the member units of a cluster-year, managed by the cluster's organizer. */
@ApiTags('emulation-year')
@ApiYearParams()
@Controller(YEAR_ROUTE)
@Roles('organizer')
export class MembershipController {
  constructor(private readonly commands: CommandBus) {}

  @Post('members')
  @ApiCommand({
    summary: 'Admit a unit to the cluster for the year (kết nạp đơn vị vào Cụm thi đua)',
    description:
      "The cluster's organizer only. A unit is in at most one cluster of the same organizer per year: the unit is first reserved in `membership-{organizer}-{year}` (race-free), then UnitAdmitted is written to `emulation-{c}-{y}`; a unit held by another cluster answers 422 ALREADY_IN_ANOTHER_CLUSTER. If-Match applies to the cluster-year stream.",
    body: {
      type: AdmitUnitDto,
      description: 'The unit admitted for the year',
      example: DEMO_BODIES.admitMember,
    },
  })
  admitMember(
    @Year() ref: YearRef,
    @Body() body: AdmitUnitDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new AdmitUnitCommand(ctx, ref, { unitId: body.unitId, ...actDate(body) }, ifMatch),
    );
  }

  @Post('members/:unitId/withdrawal')
  @ApiParam({ name: 'unitId', description: 'The member unit withdrawn', example: DEMO.newUnitId })
  @ApiCommand({
    summary: 'Withdraw a unit from the cluster for the year, with a reason (rút khỏi Cụm thi đua)',
    description:
      "The cluster's organizer only. Writes UnitWithdrawn (the unit loses a chair or vice-chair seat with it), then releases it in the organizer's registry.",
    body: {
      type: WithdrawUnitDto,
      description: 'Why the unit leaves the cluster this year',
      example: DEMO_BODIES.withdrawMember,
    },
  })
  withdrawMember(
    @Year() ref: YearRef,
    @Param('unitId', new IdParam('unitId')) unitId: string,
    @Body() body: WithdrawUnitDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new WithdrawUnitCommand(ctx, ref, { unitId, reason: body.reason, ...actDate(body) }, ifMatch),
    );
  }
}
