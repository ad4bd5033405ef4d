import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../write-model/command-result.js';
import { StreamWriter } from '../../write/stream-writer.js';
import { EmulationYearWriter } from '../emulation-year.writer.js';
import { FileDisputeCommand, ResolveDisputeCommand, type DisputeFiled } from './disputes.command.js';
import { actDate } from '../../write/act-date.js';

/** A unit's officer disputes an entry about its own unit — also after the period is closed. */
@CommandHandler(FileDisputeCommand)
export class FileDisputeHandler implements ICommandHandler<FileDisputeCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  async execute({ ctx, ref, input, expectedRevision }: FileDisputeCommand): Promise<DisputeFiled> {
    const disputeId = StreamWriter.newEntityId(ctx, 'dispute');
    const { entryId, reason, proposedPoints } = input;
    const data = {
      disputeId,
      entryId,
      reason,
      ...(proposedPoints !== undefined && { proposedPoints }),
      ...actDate(input),
    };
    const result = await this.year.execute(ctx, ref, 'FileDispute', data, { expectedRevision });
    return { ...result, disputeId };
  }
}

/** The organizer or the chair unit resolves; upheld records the correction (or withdrawal) with it. */
@CommandHandler(ResolveDisputeCommand)
export class ResolveDisputeHandler implements ICommandHandler<ResolveDisputeCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  execute({ ctx, ref, input, expectedRevision }: ResolveDisputeCommand): Promise<CommandResult> {
    const { disputeId, outcome, reason, correctedPoints, withdrawEntry } = input;
    const data = {
      disputeId,
      outcome,
      reason,
      ...(correctedPoints !== undefined && { correctedPoints }),
      ...(withdrawEntry !== undefined && { withdrawEntry }),
      ...actDate(input),
    };
    return this.year.execute(ctx, ref, 'ResolveDispute', data, { expectedRevision });
  }
}
