import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../../common/command-context.js';
import type { CommandResult } from '../../../write-model/command-result.js';
import { ApiCommand } from '../../write/api-command.js';
import { IdParam, IfMatch } from '../../write/http-params.js';
import { ApiYearParams, Year, YEAR_ROUTE, type YearRef } from '../year-command.js';
import { FileDisputeCommand, ResolveDisputeCommand, type DisputeFiled } from './disputes.command.js';
import { FileDisputeDto, ResolveDisputeDto } from './disputes.dto.js';
import { DEMO, DEMO_BODIES, DEMO_KEYS } from '../../../openapi/demo-examples.js';

/** Khiếu nại kết quả chấm điểm: disputes about score entries. */
@ApiTags('emulation-year')
@ApiYearParams()
@Controller(`${YEAR_ROUTE}/disputes`)
@Roles('unit-officer', 'organizer')
export class DisputesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary: 'File a dispute about a score entry of your own unit (khiếu nại điểm)',
    description:
      'By an officer of the unit the entry is about; allowed after the period is closed. One open dispute per entry. The answer carries the new disputeId.',
    created: 'DisputeFiled',
    body: {
      type: FileDisputeDto,
      description: "The disputed entry (of the caller's own unit), why, and the points asked for",
      example: DEMO_BODIES.fileDispute,
    },
    idempotencyKey: DEMO_KEYS.fileDispute,
  })
  fileDispute(
    @Year() ref: YearRef,
    @Body() body: FileDisputeDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<DisputeFiled> {
    return this.commands.execute(new FileDisputeCommand(ctx, ref, body, ifMatch));
  }

  @Post(':disputeId/resolution')
  @ApiParam({
    name: 'disputeId',
    description:
      'The dispute, as POST …/disputes answered it (the example: the dispute the POST …/disputes example files with ' +
      "its Idempotency-Key and the demo's token of Cục Quản lý xuất nhập cảnh, sub demo-officer-cuc-qlxnc)",
    example: DEMO.disputeId,
  })
  @ApiCommand({
    summary: 'Resolve a dispute: upheld (with corrected points or withdrawal) or rejected, with a reason',
    description:
      "By the cluster's organizer or the chair unit (not about the chair's own entry). Upheld records DisputeResolved and the ScoreCorrected/ScoreWithdrawn together; on a closed period the ranking then shows as revised, both digests visible.",
    body: {
      type: ResolveDisputeDto,
      description: 'Upheld (with corrected points, or the entry withdrawn) or rejected, and why',
      example: DEMO_BODIES.resolveDispute,
    },
  })
  resolveDispute(
    @Year() ref: YearRef,
    @Param('disputeId', new IdParam('disputeId')) disputeId: string,
    @Body() body: ResolveDisputeDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new ResolveDisputeCommand(ctx, ref, { ...body, disputeId }, ifMatch));
  }
}
