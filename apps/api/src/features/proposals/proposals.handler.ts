import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { proposalDecider, proposalStream, type ProposalCommand, type ProposalItem } from '@thidua/domain';
import type { CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { actDate } from '../write/act-date.js';
import { StreamWriter } from '../write/stream-writer.js';
import type {
  CouncilVoteDto,
  HoldCouncilMeetingDto,
  ProposalCommentDto,
  ProposalOutcomeDto,
  ProposedRecipientDto,
  PublishProposalDto,
  SubmitProposalDto,
} from './proposals.dto.js';

/** What POST /proposals answers: the command result, the proposal and its items' ids (in the order sent). */
export type ProposalSubmitted = CommandResult & { proposalId: string; itemIds: string[] };
/** What POST …/comments answers. */
export type ProposalCommentReceived = CommandResult & { commentId: string };
/** What POST …/council-meetings answers. */
export type CouncilMeetingHeld = CommandResult & { meetingId: string };

export type ProposalInput =
  | { type: 'SubmitProposal'; body: SubmitProposalDto }
  | { type: 'PublishProposal'; body: PublishProposalDto }
  | { type: 'ReceiveProposalComment'; body: ProposalCommentDto }
  | { type: 'HoldCouncilMeeting'; body: HoldCouncilMeetingDto }
  | { type: 'RecordCouncilVote'; body: CouncilVoteDto }
  | { type: 'DecideProposalOutcome'; body: ProposalOutcomeDto };

/** A step of a proposal's stream `proposal-{proposalId}` (the id is absent for a submission). */
export class ProposalCommandMessage extends Command<CommandResult> {
  constructor(
    readonly ctx: CommandContext,
    readonly proposalId: string | undefined,
    readonly input: ProposalInput,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

const recipientOf = (r: ProposedRecipientDto) =>
  r.kind === 'collective'
    ? { kind: 'collective' as const, unitId: r.unitId }
    : // the domain refuses a missing person id (422, field …recipient.personId)
      { kind: 'individual' as const, personId: r.personId as string, unitId: r.unitId };

/** Tờ trình → công khai → góp ý → Hội đồng → biểu quyết → trình or trả lại, each decided on the proposal's stream. */
@CommandHandler(ProposalCommandMessage)
export class ProposalHandler implements ICommandHandler<ProposalCommandMessage> {
  constructor(private readonly writer: StreamWriter) {}

  async execute({ ctx, proposalId: given, input, expectedRevision }: ProposalCommandMessage) {
    const proposalId = given ?? StreamWriter.newEntityId(ctx, 'proposal');
    const extra: Record<string, unknown> = {};
    let data: Record<string, unknown>;
    switch (input.type) {
      case 'SubmitProposal': {
        const b = input.body;
        const items = b.items.map((i, n): ProposalItem => ({
          itemId: `${proposalId}-${n + 1}`,
          code: i.code,
          recipient: recipientOf(i.recipient),
          year: i.year,
          achievement: i.achievement,
        }));
        extra.itemIds = items.map((i) => i.itemId);
        data = {
          proposerUnitId: b.proposerUnitId,
          authority: b.authority,
          items,
          documents: b.documents.map(({ kind, reference, sha256 }) => ({ kind, reference, sha256 })),
          ...actDate(b),
        };
        break;
      }
      case 'PublishProposal':
        data = { from: input.body.from, to: input.body.to, where: input.body.where };
        break;
      case 'ReceiveProposalComment': {
        const commentId = StreamWriter.newEntityId(ctx, 'proposal-comment');
        extra.commentId = commentId;
        data = {
          commentId,
          content: input.body.content,
          ...(input.body.fromUnitId !== undefined && { fromUnitId: input.body.fromUnitId }),
          ...actDate(input.body),
        };
        break;
      }
      case 'HoldCouncilMeeting': {
        const meetingId = StreamWriter.newEntityId(ctx, 'council-meeting');
        extra.meetingId = meetingId;
        const { members, present, minutes } = input.body;
        data = {
          meetingId,
          members: [...members],
          present: [...present],
          minutes: { reference: minutes.reference, sha256: minutes.sha256 },
          ...actDate(input.body),
        };
        break;
      }
      case 'RecordCouncilVote': {
        const { meetingId, itemId, yes, no, secret } = input.body;
        data = { meetingId, itemId, yes, no, secret, ...actDate(input.body) };
        break;
      }
      case 'DecideProposalOutcome':
        data =
          input.body.outcome === 'forwarded'
            ? { reference: input.body.reference, ...actDate(input.body) }
            : { reason: input.body.reason, ...actDate(input.body) };
        break;
    }
    const type =
      input.type !== 'DecideProposalOutcome'
        ? input.type
        : input.body.outcome === 'forwarded'
          ? 'ForwardProposal'
          : 'ReturnProposal';
    const command = StreamWriter.command(ctx, type, { proposalId, ...data }) as ProposalCommand;
    const result = await this.writer.execute(proposalDecider, command, ctx, {
      streamId: proposalStream(proposalId),
      expectedRevision,
      // The catalog, the procedure's rules and the holidays: the defaults.
      context: async () => ({}),
    });
    return input.type === 'SubmitProposal' ? { ...result, proposalId, ...extra } : { ...result, ...extra };
  }
}
