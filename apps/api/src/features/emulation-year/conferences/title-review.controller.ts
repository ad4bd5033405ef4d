import { Body, Controller, Post } from '@nestjs/common';
import { Command as CqrsCommand, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { evaluateRanking } from '@thidua/domain';
import { Roles } from '../../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../../common/command-context.js';
import { DEMO_BODIES, DEMO_KEYS } from '../../../openapi/demo-examples.js';
import type { TitleReviewHeld } from './conferences.types.js';
import { actDate, ActDateDto } from '../../write/act-date.js';
import { ApiCommand } from '../../write/api-command.js';
import { IsEntityId } from '../../write/dto-validators.js';
import { IfMatch } from '../../write/http-params.js';
import { StreamWriter } from '../../write/stream-writer.js';
import { EmulationYearWriter } from '../emulation-year.writer.js';
import { ApiYearParams, Year, YEAR_ROUTE, type YearRef } from '../year-command.js';

export class ReviewVotesDto {
  @ApiProperty({ description: 'A candidate unit', example: 'cuc-ktnv' })
  @IsEntityId()
  unitId!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Votes it received', example: 4 })
  @IsInt()
  @Min(0)
  @Max(100000)
  votes!: number;
}

export class TitleReviewDto extends ActDateDto {
  @ApiProperty({ description: 'The tổng kết conference it is held at (POST …/conferences answered it)' })
  @IsEntityId()
  conferenceId!: string;

  @ApiProperty({ description: 'The collective title or award reviewed', example: 'co-thi-dua-bo-cong-an' })
  @IsEntityId()
  code!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'How many units are chosen', example: 1 })
  @IsInt()
  @Min(1)
  @Max(100)
  seats!: number;

  @ApiProperty({ description: 'A secret vote (bỏ phiếu kín)', example: true })
  @IsBoolean()
  secret!: boolean;

  @ApiProperty({ type: [String], description: 'Candidates: units with a row in the final Y ranking' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsEntityId({ each: true })
  candidates!: string[];

  @ApiProperty({
    type: [String],
    description: 'The member units that voted: one receipt each (409-like 422 ALREADY_VOTED on a repeat)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsEntityId({ each: true })
  voters!: string[];

  @ApiProperty({ type: [ReviewVotesDto], description: 'Votes per candidate, every candidate once' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ReviewVotesDto)
  tally!: ReviewVotesDto[];

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'Invalid or blank ballots (default 0)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  invalid?: number;

  @ApiPropertyOptional({
    description: 'unit id → why it is chosen over a higher-ranked candidate (required for each such unit)',
    example: {},
  })
  @IsOptional()
  @IsObject()
  reasons?: Record<string, string>;
}

export class RecordTitleReviewCommand extends CqrsCommand<TitleReviewHeld> {
  constructor(
    readonly ctx: CommandContext,
    readonly ref: YearRef,
    readonly body: TitleReviewDto,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

/** The review is decided on the cluster-year stream with its final Y ranking evaluated over the same events. */
@CommandHandler(RecordTitleReviewCommand)
export class RecordTitleReviewHandler implements ICommandHandler<RecordTitleReviewCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  async execute({ ctx, ref, body, expectedRevision }: RecordTitleReviewCommand): Promise<TitleReviewHeld> {
    const reviewId = StreamWriter.newEntityId(ctx, 'title-review');
    const data = {
      reviewId,
      conferenceId: body.conferenceId,
      code: body.code,
      seats: body.seats,
      secret: body.secret,
      candidates: [...body.candidates],
      voters: [...body.voters],
      tally: body.tally.map(({ unitId, votes }) => ({ unitId, votes })),
      ...(body.invalid !== undefined && { invalid: body.invalid }),
      ...(body.reasons !== undefined && { reasons: { ...body.reasons } }),
      ...actDate(body),
    };
    const result = await this.year.execute(ctx, ref, 'RecordTitleReview', data, {
      expectedRevision,
      more: async (loaded) => {
        const ranking = evaluateRanking(await loaded.events(), 'Y');
        return {
          finalRanking: {
            final: ranking.status === 'closed' || ranking.status === 'revised',
            rows: ranking.rows.map(({ unitId, rank }) => ({ unitId, rank })),
          },
        };
      },
    });
    return { ...result, reviewId };
  }
}

/** Bình xét, suy tôn: the title review of the year's tổng kết conference. */
@ApiTags('emulation-year')
@ApiYearParams()
@Controller(YEAR_ROUTE)
@Roles('organizer', 'unit-officer')
export class TitleReviewController {
  constructor(private readonly commands: CommandBus) {}

  @Post('title-reviews')
  @ApiCommand({
    summary:
      'Record the title review (bình xét, suy tôn) of the tổng kết conference: candidates, vote, tally',
    description:
      'By the organizer or the chair unit, at a tổng kết conference (422 NOT_A_TONG_KET). Candidates come from the final ' +
      'Y ranking (422 CLUSTER_RANKING_NOT_FINAL, NOT_IN_RANKING); the voting units are receipts, once each (422 ' +
      'ALREADY_VOTED); the tally is the counting committee’s (422 TALLY_INCOMPLETE, COUNT_MISMATCH) — never who chose ' +
      'whom. The `seats` units with most votes are chosen; a tie at the last seat chooses none of the tied (outcome ' +
      'tie). A unit chosen over a higher-ranked candidate needs `reasons[unitId]` (422 REASON_REQUIRED). A chosen unit ' +
      "decides a tie at a flag quota's boundary, or a disputed ranking, for that flag code.",
    created: 'TitleReviewHeld',
    body: { type: TitleReviewDto, description: 'The review', example: DEMO_BODIES.recordTitleReview },
    idempotencyKey: DEMO_KEYS.recordTitleReview,
  })
  recordTitleReview(
    @Year() ref: YearRef,
    @Body() body: TitleReviewDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<TitleReviewHeld> {
    return this.commands.execute(new RecordTitleReviewCommand(ctx, ref, body, ifMatch));
  }
}
