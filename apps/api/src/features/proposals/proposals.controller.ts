import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { DEMO, DEMO_BODIES, DEMO_KEYS } from '../../openapi/demo-examples.js';
import { ApiCommand } from '../write/api-command.js';
import { IdParam, IfMatch } from '../write/http-params.js';
import {
  CouncilVoteDto,
  HoldCouncilMeetingDto,
  ProposalCommentDto,
  ProposalOutcomeDto,
  PublishProposalDto,
  SubmitProposalDto,
} from './proposals.dto.js';
import {
  ProposalCommandMessage,
  type CouncilMeetingHeld,
  type ProposalCommentReceived,
  type ProposalInput,
  type ProposalSubmitted,
} from './proposals.handler.js';

const PROPOSAL_PARAM = {
  name: 'proposalId',
  description:
    'The proposal, as POST /proposals answered it (the example: the proposal the POST /proposals example submits with ' +
    "its Idempotency-Key and the demo's token of Cục Tổ chức cán bộ, sub demo-officer-cuc-tccb)",
  example: DEMO.proposalId,
};
const OFFICE =
  "Recorded by the receiving level's emulation office (an administrator or an organizer); 404 PROPOSAL_NOT_FOUND, " +
  '409 PROPOSAL_CLOSED once forwarded or returned.';

/** Đề nghị khen thưởng: a proposal's stream `proposal-{proposalId}` from the tờ trình to the council's outcome. */
@ApiTags('proposals')
@Controller('proposals')
export class ProposalsController {
  constructor(private readonly commands: CommandBus) {}

  private send(ctx: CommandContext, id: string | undefined, input: ProposalInput, ifMatch?: number) {
    return this.commands.execute(new ProposalCommandMessage(ctx, id, input, ifMatch));
  }

  @Post()
  @Roles('admin', 'organizer', 'unit-officer')
  @ApiCommand({
    summary: 'Submit a proposal (tờ trình đề nghị khen thưởng): proposer, authority, items, documents',
    description:
      'By the proposer unit (its officer or organizer) or an administrator. Each item names a catalog code the ' +
      'authority may confer (422 AUTHORITY_NOT_ALLOWED, UNKNOWN_AWARD, RECIPIENT_KIND_NOT_ALLOWED), a recipient (a unit, ' +
      'or a person by person id), the year and the achievement; the documents carry their sha256 (422 INVALID_DIGEST). ' +
      'The answer carries the proposalId and the item ids (`{proposalId}-{n}`) an award decision item later names.',
    created: 'ProposalSubmitted',
    body: { type: SubmitProposalDto, description: 'The proposal', example: DEMO_BODIES.fileProposal },
    idempotencyKey: DEMO_KEYS.fileProposal,
  })
  fileProposal(
    @Body() body: SubmitProposalDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<ProposalSubmitted> {
    return this.send(ctx, undefined, { type: 'SubmitProposal', body }, ifMatch) as Promise<ProposalSubmitted>;
  }

  @Post(':proposalId/public-notice')
  @Roles('admin', 'organizer')
  @ApiParam(PROPOSAL_PARAM)
  @ApiCommand({
    summary: 'Publish the proposal for public notice (công khai) from a date to a date',
    description:
      `${OFFICE} The domain counts the working days (Monday–Friday less the fixed public holidays); an item whose ` +
      'catalog data asks for a notice (orders, state titles: NĐ 98/2023/NĐ-CP art. 46.2, at least 10 working days) ' +
      'refuses a shorter one (422 NOTICE_TOO_SHORT), and its council meets only after the notice ends.',
    body: { type: PublishProposalDto, description: 'From, to, where', example: DEMO_BODIES.publishProposal },
  })
  publishProposal(
    @Param('proposalId', new IdParam('proposalId')) proposalId: string,
    @Body() body: PublishProposalDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.send(ctx, proposalId, { type: 'PublishProposal', body }, ifMatch);
  }

  @Post(':proposalId/comments')
  @Roles('admin', 'organizer')
  @ApiParam(PROPOSAL_PARAM)
  @ApiCommand({
    summary: 'Record a comment received during the public notice (ý kiến góp ý)',
    description: `${OFFICE} Only after publication (422 NOT_PUBLISHED). The answer carries the commentId.`,
    created: 'ProposalCommentReceived',
    body: {
      type: ProposalCommentDto,
      description: 'The comment',
      example: DEMO_BODIES.recordProposalComment,
    },
    idempotencyKey: DEMO_KEYS.recordProposalComment,
  })
  recordProposalComment(
    @Param('proposalId', new IdParam('proposalId')) proposalId: string,
    @Body() body: ProposalCommentDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<ProposalCommentReceived> {
    return this.send(
      ctx,
      proposalId,
      { type: 'ReceiveProposalComment', body },
      ifMatch,
    ) as Promise<ProposalCommentReceived>;
  }

  @Post(':proposalId/council-meetings')
  @Roles('admin', 'organizer')
  @ApiParam(PROPOSAL_PARAM)
  @ApiCommand({
    summary:
      'Record a meeting of the council (Hội đồng Thi đua – Khen thưởng): members, those present, minutes',
    description:
      `${OFFICE} Members and those present by person id (present among members: 422 NOT_A_COUNCIL_MEMBER). ` +
      'When an item needs a public notice, the meeting is after it ended (422 NOTICE_NOT_ENDED). The answer carries the meetingId.',
    created: 'CouncilMeetingHeld',
    body: {
      type: HoldCouncilMeetingDto,
      description: 'The meeting',
      example: DEMO_BODIES.holdCouncilMeeting,
    },
    idempotencyKey: DEMO_KEYS.holdCouncilMeeting,
  })
  holdCouncilMeeting(
    @Param('proposalId', new IdParam('proposalId')) proposalId: string,
    @Body() body: HoldCouncilMeetingDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CouncilMeetingHeld> {
    return this.send(
      ctx,
      proposalId,
      { type: 'HoldCouncilMeeting', body },
      ifMatch,
    ) as Promise<CouncilMeetingHeld>;
  }

  @Post(':proposalId/council-votes')
  @Roles('admin', 'organizer')
  @ApiParam(PROPOSAL_PARAM)
  @ApiCommand({
    summary: "Record the council's vote on one item: yes and no, against all members",
    description:
      `${OFFICE} The threshold is catalog data: at least 90 % of ALL members for Chiến sĩ thi đua cấp Bộ (toàn lực ` +
      'lượng CAND) and toàn quốc, by secret ballot (422 SECRET_BALLOT_REQUIRED; NĐ 91/2017/NĐ-CP art. 45.8); more than ' +
      'half of all members otherwise. Yes + no never exceed those present (422 VOTES_EXCEED_PRESENT); one vote per item ' +
      '(409 ITEM_ALREADY_VOTED). The event records the threshold and whether the item is approved.',
    body: { type: CouncilVoteDto, description: 'The vote', example: DEMO_BODIES.recordCouncilVote },
  })
  recordCouncilVote(
    @Param('proposalId', new IdParam('proposalId')) proposalId: string,
    @Body() body: CouncilVoteDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.send(ctx, proposalId, { type: 'RecordCouncilVote', body }, ifMatch);
  }

  @Post(':proposalId/outcome')
  @Roles('admin', 'organizer')
  @ApiParam(PROPOSAL_PARAM)
  @ApiCommand({
    summary: 'Forward the approved items to the authority (trình) or return the proposal (trả lại)',
    description:
      `${OFFICE} Forwarded: every item voted (422 ITEMS_NOT_VOTED) and at least one approved (422 NOTHING_APPROVED); ` +
      'the approved items are what an award decision may carry out. Returned: with a reason.',
    body: {
      type: ProposalOutcomeDto,
      description: 'The outcome',
      example: DEMO_BODIES.decideProposalOutcome,
    },
  })
  decideProposalOutcome(
    @Param('proposalId', new IdParam('proposalId')) proposalId: string,
    @Body() body: ProposalOutcomeDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.send(ctx, proposalId, { type: 'DecideProposalOutcome', body }, ifMatch);
  }
}
