import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import type { IssueAwardDecisionDto, RevokeAwardDto } from './awards.dto.js';

export type AwardDecisionIssued = CommandResult & { decisionId: string; awardIds: string[] };
export type AwardRevoked = CommandResult & { decisionId: string; awardId: string };

export class IssueAwardDecisionCommand extends Command<AwardDecisionIssued> {
  constructor(
    readonly ctx: CommandContext,
    readonly body: IssueAwardDecisionDto,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

export class RevokeAwardCommand extends Command<AwardRevoked> {
  constructor(
    readonly ctx: CommandContext,
    readonly awardId: string,
    readonly body: RevokeAwardDto,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}
