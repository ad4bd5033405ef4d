import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  awardDecisionDecider,
  awardDecisionStream,
  type AwardDecisionCommand,
  type ComplaintTarget,
} from '@thidua/domain';
import type { CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { EmulationYearWriter } from '../emulation-year/emulation-year.writer.js';
import type { YearRef } from '../emulation-year/year-command.js';
import { actDate } from '../write/act-date.js';
import { StreamContexts } from '../write/stream-contexts.js';
import { StreamWriter } from '../write/stream-writer.js';
import type {
  EscalateComplaintDto,
  FileComplaintDto,
  FileDecisionComplaintDto,
  ResolveComplaintDto,
} from './complaints.dto.js';

export type ComplaintFiled = CommandResult & { complaintId: string };

/** Where a complaint lives: a cluster-year (`emulation-…`) or an award decision (`award-decision-…`). */
export type ComplaintPlace = { kind: 'year'; ref: YearRef } | { kind: 'decision'; decisionId: string };

export type ComplaintAction =
  | { type: 'FileComplaint'; body: FileComplaintDto | FileDecisionComplaintDto }
  | { type: 'ResolveComplaint'; complaintId: string; body: ResolveComplaintDto }
  | { type: 'EscalateComplaint'; complaintId: string; body: EscalateComplaintDto };

export class ComplaintCommand extends Command<CommandResult | ComplaintFiled> {
  constructor(
    readonly ctx: CommandContext,
    readonly place: ComplaintPlace,
    readonly action: ComplaintAction,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

/** The command's data, as the deciders of both places take it (the place's ids aside). */
function dataOf(complaintId: string, action: ComplaintAction): Record<string, unknown> {
  if (action.type === 'ResolveComplaint') {
    const r = action.body;
    return { complaintId, outcome: r.outcome, reason: r.reason, decisionRef: r.decisionRef, ...actDate(r) };
  }
  const received = action.body.receivedOn === undefined ? {} : { receivedOn: action.body.receivedOn };
  if (action.type === 'EscalateComplaint') return { complaintId, reason: action.body.reason, ...received };
  const f = action.body;
  const filer =
    f.filer.kind === 'unit'
      ? { kind: 'unit', unitId: f.filer.unitId }
      : { kind: 'person', personId: f.filer.personId, unitId: f.filer.unitId };
  const target =
    'target' in f
      ? {
          target: Object.fromEntries(
            Object.entries(f.target).filter(([, v]) => v !== undefined),
          ) as ComplaintTarget,
        }
      : {};
  return {
    complaintId,
    filer,
    content: f.content,
    ...received,
    ...(f.learnedOn !== undefined && { learnedOn: f.learnedOn }),
    ...target,
    ...('decisionOn' in f && f.decisionOn !== undefined && { decisionOn: f.decisionOn }),
    ...('awardId' in f && f.awardId !== undefined && { awardId: f.awardId }),
  };
}

/**
 * Khiếu nại: filed, resolved and taken to the second level in the stream of what it is about — a
 * cluster-year (the organizer resolves; its parent unit at the second level) or an award decision (its
 * authority; the next one up).
 */
@CommandHandler(ComplaintCommand)
export class ComplaintHandler implements ICommandHandler<ComplaintCommand> {
  constructor(
    private readonly year: EmulationYearWriter,
    private readonly writer: StreamWriter,
    private readonly contexts: StreamContexts,
  ) {}

  async execute({ ctx, place, action, expectedRevision }: ComplaintCommand) {
    const filing = action.type === 'FileComplaint';
    const complaintId = filing ? StreamWriter.newEntityId(ctx, 'complaint') : action.complaintId;
    const data = dataOf(complaintId, action);
    let result: CommandResult;
    if (place.kind === 'year') {
      result = await this.year.execute(ctx, place.ref, action.type, data as never, {
        expectedRevision,
        more: async () => {
          const cluster = await this.contexts.cluster(place.ref.clusterId);
          const parent = cluster && (await this.contexts.unitParent(cluster.organizerUnitId));
          return parent === undefined ? {} : { organizerParentUnitId: parent };
        },
      });
    } else {
      const command = StreamWriter.command(ctx, action.type, { decisionId: place.decisionId, ...data });
      result = await this.writer.execute(awardDecisionDecider, command as AwardDecisionCommand, ctx, {
        streamId: awardDecisionStream(place.decisionId),
        expectedRevision,
        context: async () => ({}),
      });
    }
    return filing ? { ...result, complaintId } : result;
  }
}
