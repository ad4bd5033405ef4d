import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../write-model/command-result.js';
import { StreamContexts } from '../../write/stream-contexts.js';
import { EmulationYearWriter } from '../emulation-year.writer.js';
import { AssignChairCommand, SetChairPolicyCommand } from './chair.command.js';
import { actDate } from '../../write/act-date.js';

@CommandHandler(AssignChairCommand)
export class AssignChairHandler implements ICommandHandler<AssignChairCommand> {
  constructor(
    private readonly year: EmulationYearWriter,
    private readonly contexts: StreamContexts,
  ) {}

  execute({ ctx, ref, input, expectedRevision }: AssignChairCommand): Promise<CommandResult> {
    const { unitId, role, source, electionId } = input;
    const data = { unitId, role, source, ...(electionId !== undefined && { electionId }), ...actDate(input) };
    return this.year.execute(ctx, ref, 'AssignChair', data, {
      expectedRevision,
      // Taking up an election: the ChairElected events of last year's cluster-year are the evidence.
      more: async () =>
        source === 'election'
          ? { electedInPreviousYear: await this.contexts.electedIn(ref.clusterId, ref.year - 1) }
          : {},
    });
  }
}

@CommandHandler(SetChairPolicyCommand)
export class SetChairPolicyHandler implements ICommandHandler<SetChairPolicyCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  execute({ ctx, ref, input, expectedRevision }: SetChairPolicyCommand): Promise<CommandResult> {
    const data = { forbidConsecutiveTerms: input.forbidConsecutiveTerms, ...actDate(input) };
    return this.year.execute(ctx, ref, 'SetChairPolicy', data, { expectedRevision });
  }
}
