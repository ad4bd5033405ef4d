import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { reportedFiguresDecider, reportedFiguresStream } from '@thidua/domain';
import type { CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { actDate } from '../write/act-date.js';
import { StreamContexts } from '../write/stream-contexts.js';
import { StreamWriter } from '../write/stream-writer.js';
import type { ReportedFiguresDto } from './reported-figures.dto.js';

export class RecordReportedFiguresCommand extends Command<CommandResult> {
  constructor(
    readonly ctx: CommandContext,
    readonly scope: 'cluster' | 'organizer',
    readonly scopeId: string,
    readonly year: number,
    readonly body: ReportedFiguresDto,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

/** Reported figures in `reported-{scope}-{id}-{year}`; the cluster's organizer decides who may record them. */
@CommandHandler(RecordReportedFiguresCommand)
export class RecordReportedFiguresHandler implements ICommandHandler<RecordReportedFiguresCommand> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly contexts: StreamContexts,
  ) {}

  execute({ ctx, scope, scopeId, year, body, expectedRevision }: RecordReportedFiguresCommand) {
    const data = {
      scope,
      scopeId,
      year,
      total: body.total,
      ...(body.collective !== undefined && { collective: body.collective }),
      ...(body.individual !== undefined && { individual: body.individual }),
      source: {
        reference: body.source.reference,
        ...(body.source.sha256 !== undefined && { sha256: body.source.sha256 }),
      },
      ...(body.reason !== undefined && { reason: body.reason }),
      ...actDate(body),
    };
    return this.writer.execute(
      reportedFiguresDecider,
      StreamWriter.command(ctx, 'RecordReportedFigures', data),
      ctx,
      {
        streamId: reportedFiguresStream(scope, scopeId, year),
        expectedRevision,
        context: async () => {
          const organizerUnitId =
            scope === 'cluster'
              ? (await this.contexts.cluster(scopeId))?.organizerUnitId
              : (await this.contexts.unitStatus(scopeId)) === 'none'
                ? undefined
                : scopeId;
          return organizerUnitId === undefined ? {} : { organizerUnitId };
        },
      },
    );
  }
}
