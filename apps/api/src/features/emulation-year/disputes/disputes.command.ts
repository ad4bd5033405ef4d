import type { CommandResult } from '../../../write-model/command-result.js';
import { YearCommand } from '../year-command.js';
import type { FileDisputeDto, ResolveDisputeDto } from './disputes.dto.js';

export type DisputeFiled = CommandResult & { disputeId: string };

export class FileDisputeCommand extends YearCommand<FileDisputeDto, DisputeFiled> {}
export class ResolveDisputeCommand extends YearCommand<ResolveDisputeDto & { disputeId: string }> {}
