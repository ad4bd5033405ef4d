import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../../common/command-context.js';
import type { CommandResult } from '../../../write-model/command-result.js';
import { ApiCommand } from '../../write/api-command.js';
import { IdParam, IfMatch } from '../../write/http-params.js';
import { ApiYearParams, Year, YEAR_ROUTE, type YearRef } from '../year-command.js';
import {
  CorrectScoreCommand,
  RecordScoreCommand,
  WithdrawScoreCommand,
  type ScoreRecorded,
} from './scores.command.js';
import { CorrectScoreDto, RecordScoreDto, WithdrawScoreDto } from './scores.dto.js';
import { actDate } from '../../write/act-date.js';
import { DEMO, DEMO_BODIES, DEMO_KEYS } from '../../../openapi/demo-examples.js';

const ENTRY_PARAM = {
  name: 'entryId',
  description:
    'The score entry, as POST …/scores answered it (the example: the entry the POST …/scores example records with ' +
    "its Idempotency-Key and the demo's token of Cục Kỹ thuật nghiệp vụ, sub demo-officer-cuc-ktnv)",
  example: DEMO.entryId,
};

/** Chấm điểm: score entries per unit, period, criterion and assessment (self / cluster). */
@ApiTags('emulation-year')
@ApiYearParams()
@Controller(`${YEAR_ROUTE}/scores`)
@Roles('unit-officer', 'organizer')
export class ScoresController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary: 'Record a score (chấm điểm): unit, period, criterion, points, assessment self/cluster, evidence',
    description:
      "A self score by an officer of that unit; a cluster score by the chair unit of the cluster-year. One entry per (unit, period, criterion, assessment): change it by correcting or withdrawing. Scoring another unit's self assessment answers 403 and records nothing. The answer carries the new entryId.",
    created: 'ScoreRecorded',
    body: {
      type: RecordScoreDto,
      description: 'The unit, period, criterion, points, assessment (self or cluster) and evidence',
      example: DEMO_BODIES.recordScore,
    },
    idempotencyKey: DEMO_KEYS.recordScore,
  })
  recordScore(
    @Year() ref: YearRef,
    @Body() body: RecordScoreDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<ScoreRecorded> {
    return this.commands.execute(new RecordScoreCommand(ctx, ref, body, ifMatch));
  }

  @Post(':entryId/corrections')
  @ApiParam(ENTRY_PARAM)
  @ApiCommand({
    summary: 'Correct a score entry, with a reason (điều chỉnh điểm)',
    description:
      'By the same assessment authority, while the period is open (after closing: file a dispute).',
    body: {
      type: CorrectScoreDto,
      description: 'The corrected points and why',
      example: DEMO_BODIES.correctScore,
    },
  })
  correctScore(
    @Year() ref: YearRef,
    @Param('entryId', new IdParam('entryId')) entryId: string,
    @Body() body: CorrectScoreDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    const input = { entryId, points: body.points, reason: body.reason, ...actDate(body) };
    return this.commands.execute(new CorrectScoreCommand(ctx, ref, input, ifMatch));
  }

  @Post(':entryId/withdrawal')
  @ApiParam(ENTRY_PARAM)
  @ApiCommand({
    summary: 'Withdraw a score entry, with a reason (rút điểm)',
    description: 'By the same assessment authority, while the period is open.',
    body: {
      type: WithdrawScoreDto,
      description: 'Why the entry is withdrawn',
      example: DEMO_BODIES.withdrawScore,
    },
  })
  withdrawScore(
    @Year() ref: YearRef,
    @Param('entryId', new IdParam('entryId')) entryId: string,
    @Body() body: WithdrawScoreDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new WithdrawScoreCommand(ctx, ref, { entryId, reason: body.reason, ...actDate(body) }, ifMatch),
    );
  }
}
