import type { CommandResult } from '../../../write-model/command-result.js';
import { YearCommand } from '../year-command.js';
import type { CastBallotDto, CloseElectionDto, OpenElectionDto } from './elections.dto.js';

export type ElectionOpened = CommandResult & { electionId: string };

export class OpenElectionCommand extends YearCommand<OpenElectionDto, ElectionOpened> {}
export class CastBallotCommand extends YearCommand<CastBallotDto & { electionId: string }> {}
export class CloseElectionCommand extends YearCommand<CloseElectionDto & { electionId: string }> {}
