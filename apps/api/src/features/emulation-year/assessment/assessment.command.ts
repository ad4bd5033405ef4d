import type { CommandResult } from '../../../write-model/command-result.js';
import { YearCommand } from '../year-command.js';
import type { AssignInspectionDto, RecordFindingDto } from './assessment.dto.js';

export type FindingRecorded = CommandResult & { findingId: string };

export class AssignInspectionCommand extends YearCommand<AssignInspectionDto> {}
export class RecordFindingCommand extends YearCommand<RecordFindingDto, FindingRecorded> {}
export class ClearFindingCommand extends YearCommand<{
  findingId: string;
  reason: string;
  effectiveDate?: string;
}> {}
