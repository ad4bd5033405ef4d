import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../write-model/command-result.js';
import { StreamWriter } from '../../write/stream-writer.js';
import { EmulationYearWriter } from '../emulation-year.writer.js';
import {
  CorrectScoreCommand,
  RecordScoreCommand,
  WithdrawScoreCommand,
  type ScoreRecorded,
} from './scores.command.js';
import { actDate } from '../../write/act-date.js';

/** Chấm điểm: the decider checks the period, membership, criterion, bounds and who may assess. */
@CommandHandler(RecordScoreCommand)
export class RecordScoreHandler implements ICommandHandler<RecordScoreCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  async execute({ ctx, ref, input, expectedRevision }: RecordScoreCommand): Promise<ScoreRecorded> {
    const entryId = StreamWriter.newEntityId(ctx, 'score-entry');
    const { unitId, period, criterion, points, assessment, evidence } = input;
    const data = {
      entryId,
      unitId,
      period,
      criterion,
      points,
      assessment,
      ...(evidence !== undefined && { evidence }),
      ...actDate(input),
    };
    const result = await this.year.execute(ctx, ref, 'RecordScore', data, { expectedRevision });
    return { ...result, entryId };
  }
}

@CommandHandler(CorrectScoreCommand)
export class CorrectScoreHandler implements ICommandHandler<CorrectScoreCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  execute({ ctx, ref, input, expectedRevision }: CorrectScoreCommand): Promise<CommandResult> {
    return this.year.execute(ctx, ref, 'CorrectScore', input, { expectedRevision });
  }
}

@CommandHandler(WithdrawScoreCommand)
export class WithdrawScoreHandler implements ICommandHandler<WithdrawScoreCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  execute({ ctx, ref, input, expectedRevision }: WithdrawScoreCommand): Promise<CommandResult> {
    return this.year.execute(ctx, ref, 'WithdrawScore', input, { expectedRevision });
  }
}
