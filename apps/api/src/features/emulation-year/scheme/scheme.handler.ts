import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { emulationYearDecider, type KnockOut } from '@thidua/domain';
import type { CommandResult } from '../../../write-model/command-result.js';
import { EmulationYearWriter, type YearDecider } from '../emulation-year.writer.js';
import { PutSchemeCommand } from './scheme.command.js';
import { actDate } from '../../write/act-date.js';

/**
 * PUT is "publish or amend", chosen in the stream's turn on the state decided on (not before it): the
 * first scheme is published (version 1), any later one amends it (version n+1, reason required).
 */
const publishOrAmend: YearDecider = {
  ...emulationYearDecider,
  decide(command, state, context) {
    if (command.type !== 'AmendScoringScheme' || state.schemes.length > 0)
      return emulationYearDecider.decide(command, state, context);
    const { reason: _reason, ...content } = command.data;
    return emulationYearDecider.decide(
      { ...command, type: 'PublishScoringScheme', data: content },
      state,
      context,
    );
  },
};

@CommandHandler(PutSchemeCommand)
export class PutSchemeHandler implements ICommandHandler<PutSchemeCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  execute({ ctx, ref, input, expectedRevision }: PutSchemeCommand): Promise<CommandResult> {
    const { criteria, thresholds, tieBreaks, reason, knockOuts } = input;
    // `reason` stays undefined on a first publication; the amendment refuses it missing (422 REASON_REQUIRED).
    const data = {
      criteria,
      thresholds,
      tieBreaks,
      ...(knockOuts !== undefined && { knockOuts: knockOuts as KnockOut[] }),
      reason: reason as string,
      ...actDate(input),
    };
    return this.year.execute(ctx, ref, 'AmendScoringScheme', data, {
      expectedRevision,
      decider: publishOrAmend,
    });
  }
}
