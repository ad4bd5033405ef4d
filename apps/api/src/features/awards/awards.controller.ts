import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../common/command-context.js';
import { ApiCommand } from '../write/api-command.js';
import { IdParam, IfMatch } from '../write/http-params.js';
import {
  IssueAwardDecisionCommand,
  RevokeAwardCommand,
  type AwardDecisionIssued,
  type AwardRevoked,
} from './awards.command.js';
import { IssueAwardDecisionDto, RevokeAwardDto } from './awards.dto.js';
import { DEMO, DEMO_BODIES } from '../../openapi/demo-examples.js';

/** Khen thưởng: award decisions (`award-decision-{decisionId}`), recorded by administrators and organizers. */
@ApiTags('awards')
@Controller()
@Roles('admin', 'organizer')
export class AwardsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('award-decisions')
  @ApiCommand({
    summary: 'Issue an award decision (quyết định khen thưởng): number, date, authority, awards',
    description:
      'Writes AwardDecisionIssued to `award-decision-{decisionId}`; the server names the decision and its awards ' +
      '(`{decisionId}-1`, `{decisionId}-2`, … in the order sent) and answers them. 422 when the authority may not ' +
      'confer a code (AUTHORITY_NOT_ALLOWED), the code or authority is unknown, the recipient kind is not allowed, ' +
      'or a cluster flag (Cờ thi đua của Bộ Công an / của Chính phủ) goes to a unit that is not within the quota ' +
      "(first) of its cluster's closed ranking of that year (FLAG_QUOTA_EXCEEDED, CLUSTER_RANKING_NOT_FINAL) — " +
      'unless the organizer of that cluster records an override with a reason. Rules spanning streams are claimed ' +
      'there first, with an expected revision, and released if the decision is not recorded: titles in the ' +
      "person's stream, the proposal item in the proposal's (PROPOSAL_ITEM_ALREADY_CARRIED_OUT), a flag's place in " +
      "its cluster-year's quota (FLAG_QUOTA_EXHAUSTED), the 15 % quota titles of a unit-year (TITLE_QUOTA_EXCEEDED) — two decisions racing for one of them give one 201 and one 422. " +
      'Claims a stopped request left behind are released by the claim reconciler once older than ' +
      'CLAIM_RECONCILE_GRACE, after it fenced their decision: such a decision, sent again with the same ' +
      'Idempotency-Key, is 409 DECISION_ABANDONED (send it with a new key).',
    created: 'AwardDecisionIssued',
    body: {
      type: IssueAwardDecisionDto,
      description: 'The decision: number, date, conferring authority and its awards',
      example: DEMO_BODIES.issueAwardDecision,
    },
  })
  issueAwardDecision(
    @Body() body: IssueAwardDecisionDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<AwardDecisionIssued> {
    return this.commands.execute(new IssueAwardDecisionCommand(ctx, body, ifMatch));
  }

  @Post('awards/:awardId/revocation')
  @ApiParam({
    name: 'awardId',
    description: 'An award id answered by POST /award-decisions (`{decisionId}-{n}`)',
    example: DEMO.awardId,
  })
  @ApiCommand({
    summary: 'Revoke an award (thu hồi khen thưởng), with a reason and the revoking decision',
    description:
      'Writes AwardRevoked to the decision stream of the award (Law 06/2022/QH15 ch. VII). A revoked award no ' +
      "longer counts in /totals; it stays in the unit's history. Its claims are released: the person's title " +
      '(TitleClaimReleased), the proposal item it carried out (ProposalItemClaimReleased) and a cluster flag ' +
      '(FlagClaimReleased; a flag recorded before claims existed is released in the flag-claims stream of each cluster ' +
      'holding its unit, `recordedBefore`), a quota title of its unit-year (UnitTitleClaimReleased; an award recorded ' +
      'before claims existed lowers the baseline, `fromBaseline`). 404 AWARD_NOT_FOUND, 409 AWARD_ALREADY_REVOKED.',
    created: 'AwardRevoked',
    body: {
      type: RevokeAwardDto,
      description: 'Why, and the number of the revoking decision',
      example: DEMO_BODIES.revokeAward,
    },
  })
  revokeAward(
    @Param('awardId', new IdParam('awardId')) awardId: string,
    @Body() body: RevokeAwardDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<AwardRevoked> {
    return this.commands.execute(new RevokeAwardCommand(ctx, awardId, body, ifMatch));
  }
}
