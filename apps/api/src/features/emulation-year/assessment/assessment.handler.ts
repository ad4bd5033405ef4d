import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../write-model/command-result.js';
import { actDate } from '../../write/act-date.js';
import { StreamWriter } from '../../write/stream-writer.js';
import { EmulationYearWriter } from '../emulation-year.writer.js';
import {
  AssignInspectionCommand,
  ClearFindingCommand,
  RecordFindingCommand,
  type FindingRecorded,
} from './assessment.command.js';

/** Kiểm tra chéo: the organizer assigns the unit that inspects another in a period. */
@CommandHandler(AssignInspectionCommand)
export class AssignInspectionHandler implements ICommandHandler<AssignInspectionCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  execute({ ctx, ref, input, expectedRevision }: AssignInspectionCommand): Promise<CommandResult> {
    const { period, inspectedUnitId, inspectorUnitId, reason } = input;
    const data = {
      period,
      inspectedUnitId,
      inspectorUnitId,
      ...(reason !== undefined && { reason }),
      ...actDate(input),
    };
    return this.year.execute(ctx, ref, 'AssignInspection', data, { expectedRevision });
  }
}

/** A finding raising a knock-out condition of the scheme, with its evidence. */
@CommandHandler(RecordFindingCommand)
export class RecordFindingHandler implements ICommandHandler<RecordFindingCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  async execute({ ctx, ref, input, expectedRevision }: RecordFindingCommand): Promise<FindingRecorded> {
    const findingId = StreamWriter.newEntityId(ctx, 'finding');
    const { unitId, period, knockOut, evidence } = input;
    const data = { findingId, unitId, period, knockOut, evidence, ...actDate(input) };
    const result = await this.year.execute(ctx, ref, 'RecordFinding', data, { expectedRevision });
    return { ...result, findingId };
  }
}

@CommandHandler(ClearFindingCommand)
export class ClearFindingHandler implements ICommandHandler<ClearFindingCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  execute({ ctx, ref, input, expectedRevision }: ClearFindingCommand): Promise<CommandResult> {
    return this.year.execute(ctx, ref, 'ClearFinding', input, { expectedRevision });
  }
}

export const ASSESSMENT_HANDLERS = [AssignInspectionHandler, RecordFindingHandler, ClearFindingHandler];
