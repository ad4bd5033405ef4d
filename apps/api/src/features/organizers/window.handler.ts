import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { windowDecider, windowStream, type PeriodCode } from '@thidua/domain';
import type { CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { actDate } from '../write/act-date.js';
import { StreamContexts } from '../write/stream-contexts.js';
import { StreamWriter } from '../write/stream-writer.js';
import type { EmulationWindowDto } from './window.dto.js';

export class SetEmulationWindowCommand extends Command<CommandResult> {
  constructor(
    readonly ctx: CommandContext,
    readonly organizerUnitId: string,
    readonly year: number,
    readonly body: EmulationWindowDto,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

/** The organizer's emulation window for a year, in `window-{organizer}-{year}`. */
@CommandHandler(SetEmulationWindowCommand)
export class SetEmulationWindowHandler implements ICommandHandler<SetEmulationWindowCommand> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly contexts: StreamContexts,
  ) {}

  execute({
    ctx,
    organizerUnitId,
    year,
    body,
    expectedRevision,
  }: SetEmulationWindowCommand): Promise<CommandResult> {
    const reviewsFrom = Object.fromEntries(
      Object.entries(body.reviewsFrom ?? {}).filter(([, date]) => date !== undefined),
    ) as Partial<Record<PeriodCode, string>>;
    const data = {
      organizerUnitId,
      year,
      opensOn: body.opensOn,
      closesOn: body.closesOn,
      reviewsFrom,
      ...(body.reason !== undefined && { reason: body.reason }),
      ...actDate(body),
    };
    return this.writer.execute(windowDecider, StreamWriter.command(ctx, 'SetEmulationWindow', data), ctx, {
      streamId: windowStream(organizerUnitId, year),
      expectedRevision,
      context: async () => ({ organizerStatus: await this.contexts.unitStatus(organizerUnitId) }),
    });
  }
}
