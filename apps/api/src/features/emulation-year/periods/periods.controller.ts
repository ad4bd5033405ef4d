import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { PERIODS, type PeriodCode } from '@thidua/domain';
import { Roles } from '../../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../../common/command-context.js';
import type { CommandResult } from '../../../write-model/command-result.js';
import { ActDateDto, actDate } from '../../write/act-date.js';
import { ApiCommand } from '../../write/api-command.js';
import { IfMatch, PeriodParam } from '../../write/http-params.js';
import { ApiYearParams, Year, YEAR_ROUTE, type YearRef } from '../year-command.js';
import { ClosePeriodCommand, OpenPeriodCommand, ReopenPeriodCommand } from './periods.command.js';
import { ClosePeriodDto, ReopenPeriodDto } from './periods.dto.js';
import { DEMO, DEMO_BODIES } from '../../../openapi/demo-examples.js';

/** Kỳ đánh giá: the scoring periods of the year — quarters (Quý I–IV), H1, M9 (9 tháng), Y (năm). */
@ApiTags('emulation-year')
@ApiYearParams()
@ApiParam({
  name: 'period',
  description: 'The period: Q1–Q4 (Quý), H1 (6 tháng), M9 (9 tháng), Y (năm)',
  schema: { type: 'string', enum: PERIODS.map((p) => p.code), example: DEMO.openablePeriod },
})
@Controller(`${YEAR_ROUTE}/periods/:period`)
@Roles('organizer')
export class PeriodsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('open')
  @ApiCommand({
    summary: 'Open a scoring period (mở kỳ chấm điểm)',
    description:
      "The cluster's organizer; the scheme must be published. Optional body: `effectiveDate`, the date it opened.",
    body: { type: ActDateDto, description: 'The date it opened (optional)', example: DEMO_BODIES.openPeriod },
  })
  openPeriod(
    @Year() ref: YearRef,
    @Param('period', PeriodParam) period: PeriodCode,
    @Body() body: ActDateDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new OpenPeriodCommand(ctx, ref, { period, ...actDate(body) }, ifMatch));
  }

  @Post('close')
  @ApiCommand({
    summary: 'Close a period and seal its ranking (chốt kết quả xếp loại)',
    description:
      "The cluster's organizer. Optional body: `acceptIncomplete` (required when rows miss criteria) and `effectiveDate`, the date of the review that closed it (not before the period's end, or the window's reviewsFrom: 422 REVIEW_BEFORE_PERIOD_END). The server evaluates the period's ranking over the cluster-year's events and records its digest (hex sha256 of the canonical ranking) in PeriodClosed; after that only an upheld dispute or a reopen changes it, visibly.",
    body: {
      type: ClosePeriodDto,
      description: 'The date of the review, and the reasoned acceptance of incomplete rows (optional)',
      example: DEMO_BODIES.closePeriod,
    },
  })
  closePeriod(
    @Year() ref: YearRef,
    @Param('period', PeriodParam) period: PeriodCode,
    @Body() body: ClosePeriodDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    const input = {
      period,
      ...(body.acceptIncomplete && { acceptIncomplete: { reason: body.acceptIncomplete.reason } }),
      ...actDate(body),
    };
    return this.commands.execute(new ClosePeriodCommand(ctx, ref, input, ifMatch));
  }

  @Post('reopen')
  @ApiCommand({
    summary: 'Reopen a closed period, with a reason (mở lại kỳ đã chốt)',
    description: "The cluster's organizer. PeriodReopened keeps the previous digest.",
    body: {
      type: ReopenPeriodDto,
      description: 'Why the closed period is reopened',
      example: DEMO_BODIES.reopenPeriod,
    },
  })
  reopenPeriod(
    @Year() ref: YearRef,
    @Param('period', PeriodParam) period: PeriodCode,
    @Body() body: ReopenPeriodDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new ReopenPeriodCommand(ctx, ref, { period, reason: body.reason, ...actDate(body) }, ifMatch),
    );
  }
}
