import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../write-model/command-result.js';
import { EmulationYearWriter } from '../emulation-year.writer.js';
import { ClosePeriodCommand, OpenPeriodCommand, ReopenPeriodCommand } from './periods.command.js';
import { sealingDecider, sealOf } from './ranking-seal.js';
import { actDate } from '../../write/act-date.js';

@CommandHandler(OpenPeriodCommand)
export class OpenPeriodHandler implements ICommandHandler<OpenPeriodCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  execute({ ctx, ref, input, expectedRevision }: OpenPeriodCommand): Promise<CommandResult> {
    const data = { period: input.period, ...actDate(input) };
    return this.year.execute(ctx, ref, 'OpenPeriod', data, { expectedRevision });
  }
}

/** Closing seals the ranking: the evaluator runs over the stream's events in the stream's own turn. */
@CommandHandler(ClosePeriodCommand)
export class ClosePeriodHandler implements ICommandHandler<ClosePeriodCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  execute({ ctx, ref, input, expectedRevision }: ClosePeriodCommand): Promise<CommandResult> {
    const { period } = input;
    return this.year.execute(
      ctx,
      ref,
      'ClosePeriod',
      {
        period,
        rankingDigest: '',
        ...(input.acceptIncomplete && { acceptIncomplete: { reason: input.acceptIncomplete.reason } }),
        ...actDate(input),
      },
      {
        expectedRevision,
        decider: sealingDecider,
        more: async (loaded) => sealOf(await loaded.events(), period),
      },
    );
  }
}

@CommandHandler(ReopenPeriodCommand)
export class ReopenPeriodHandler implements ICommandHandler<ReopenPeriodCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  execute({ ctx, ref, input, expectedRevision }: ReopenPeriodCommand): Promise<CommandResult> {
    return this.year.execute(ctx, ref, 'ReopenPeriod', input, { expectedRevision });
  }
}
