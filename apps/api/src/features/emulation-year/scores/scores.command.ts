import type { CommandResult } from '../../../write-model/command-result.js';
import { YearCommand } from '../year-command.js';
import type { RecordScoreDto } from './scores.dto.js';

export type ScoreRecorded = CommandResult & { entryId: string };

export class RecordScoreCommand extends YearCommand<RecordScoreDto, ScoreRecorded> {}
export class CorrectScoreCommand extends YearCommand<{
  entryId: string;
  points: number;
  reason: string;
  effectiveDate?: string;
}> {}
export class WithdrawScoreCommand extends YearCommand<{
  entryId: string;
  reason: string;
  effectiveDate?: string;
}> {}
