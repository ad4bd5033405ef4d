import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Command as CqrsCommand, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { awardDecisionDecider, awardDecisionStream, DomainError, notFound } from '@thidua/domain';
import { ANY_ROLE, Roles } from '../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../common/command-context.js';
import { NoQuery } from '../../common/validation.js';
import { ApiErrors, ApiResult } from '../../openapi/api-result.js';
import { DEMO, DEMO_BODIES } from '../../openapi/demo-examples.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { actDate, ActDateDto } from '../write/act-date.js';
import { ApiCommand } from '../write/api-command.js';
import { IsText } from '../write/dto-validators.js';
import { IdParam, IfMatch } from '../write/http-params.js';
import { StreamContexts } from '../write/stream-contexts.js';
import { StreamWriter } from '../write/stream-writer.js';
import { decisionIdOfAward } from './award-ids.js';
import { AwardReader, type AwardRead } from './award-read.js';

export class ConfirmFlagBasisDto extends ActDateDto {
  @ApiProperty({
    description: 'Why the flag stands although its basis no longer holds',
    example: 'Giữ nguyên theo kết quả bình xét của Hội nghị tổng kết',
    maxLength: 1000,
  })
  @IsText(1000)
  reason!: string;
}

export class ConfirmFlagBasisCommand extends CqrsCommand<CommandResult> {
  constructor(
    readonly ctx: CommandContext,
    readonly awardId: string,
    readonly body: ConfirmFlagBasisDto,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

/** The organizer of the flag's cluster confirms it: decided on the decision's stream, with the basis read now. */
@CommandHandler(ConfirmFlagBasisCommand)
export class ConfirmFlagBasisHandler implements ICommandHandler<ConfirmFlagBasisCommand> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly reader: AwardReader,
    private readonly contexts: StreamContexts,
  ) {}

  async execute({ ctx, awardId, body, expectedRevision }: ConfirmFlagBasisCommand): Promise<CommandResult> {
    const decisionId = decisionIdOfAward(awardId);
    if (!decisionId) throw notFound('AWARD_NOT_FOUND', `award ${awardId} does not exist`, 'awardId');
    const data = { decisionId, awardId, reason: body.reason, ...actDate(body) };
    try {
      return await this.writer.execute(
        awardDecisionDecider,
        StreamWriter.command(ctx, 'ConfirmFlagBasis', data),
        ctx,
        {
          streamId: awardDecisionStream(decisionId),
          expectedRevision,
          context: async () => {
            const award = await this.reader.read(awardId);
            const cluster = award.flagBasis && (await this.contexts.cluster(award.flagBasis.clusterId));
            return cluster
              ? {
                  flagCluster: {
                    organizerUnitId: cluster.organizerUnitId,
                    basisHolds: award.basisNoLongerHolds.length === 0,
                  },
                }
              : {};
          },
        },
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === 'DECISION_NOT_FOUND')
        throw notFound('AWARD_NOT_FOUND', `award ${awardId} does not exist`, 'awardId');
      throw error;
    }
  }
}

const AWARD_PARAM = {
  name: 'awardId',
  description: 'An award id answered by POST /award-decisions (`{decisionId}-{n}`)',
  example: DEMO.awardId,
};

/** One award, what it rests on, and whether that still holds (issue 12, part B). */
@ApiTags('awards')
@Controller('awards/:awardId')
export class AwardBasisController {
  constructor(
    private readonly reader: AwardReader,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiParam(AWARD_PARAM)
  @ApiOperation({
    operationId: 'getAward',
    summary: 'Read an award: its decision, what it rests on, and whether that basis still holds',
    description:
      'From the log (no projection): the award as decided, the proposal item it carries out or its đột xuất reason, ' +
      "a cluster flag's basis (cluster, year, rank, the ranking's digest and position, the quota), a person's title's " +
      "prerequisite `basis` (the titles that met it), the organizer's confirmations, and `basisNoLongerHolds`: empty " +
      'while the basis holds; for a flag a later upheld dispute moved outside the quota, `{code: FLAG_OUTSIDE_QUOTA, ' +
      'since: the log position, detail}` until the organizer confirms it after that position or revokes it; for a ' +
      'title whose prerequisite title was revoked — or a Cờ thi đua của Chính phủ whose Cờ thi đua của Bộ Công an (its ' +
      '`basis`) was —, `{code: PREREQUISITE_REVOKED, since: the revocation, detail}` (as ' +
      'GET /people/{personId} shows it). Ordered by `since`. `claims`: the places the award holds or held in other ' +
      "streams — its title in the person's register, the proposal item it carries out, its flag's place in the " +
      "cluster-year quota, its place among the unit-year's titles the 15 % rule counts —, each with the event that " +
      'claimed it (stream, revision, position) and the one that released it with its cause (decision-failed, revoked).',
  })
  @ApiResult('AwardRead', 'The award and its basis')
  @ApiErrors({ 404: 'AWARD_NOT_FOUND (field awardId)' })
  getAward(
    @Param('awardId', new IdParam('awardId')) awardId: string,
    @Query() _query: NoQuery,
  ): Promise<AwardRead> {
    return this.reader.read(awardId);
  }

  @Post('basis-confirmation')
  @Roles('organizer')
  @ApiParam(AWARD_PARAM)
  @ApiCommand({
    summary: "Confirm a cluster flag whose basis no longer holds (the organizer of the flag's cluster)",
    description:
      'Writes FlagBasisConfirmed to the decision stream, with the reason: the award stops showing "basis no longer ' +
      'holds". 422 NO_FLAG_BASIS (not a flag with a recorded basis), BASIS_HOLDS (nothing to confirm), 403 for anyone ' +
      "but the organizer of the flag's cluster.",
    body: {
      type: ConfirmFlagBasisDto,
      description: 'Why the flag stands',
      example: DEMO_BODIES.recordFlagBasisConfirmation,
    },
  })
  recordFlagBasisConfirmation(
    @Param('awardId', new IdParam('awardId')) awardId: string,
    @Body() body: ConfirmFlagBasisDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new ConfirmFlagBasisCommand(ctx, awardId, body, ifMatch));
  }
}
