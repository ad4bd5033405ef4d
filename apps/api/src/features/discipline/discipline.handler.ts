import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type DisciplineCommand,
  disciplineDecider,
  disciplineStream,
  type DisciplineSubject,
} from '@thidua/domain';
import type { CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { actDate } from '../write/act-date.js';
import { StreamContexts } from '../write/stream-contexts.js';
import { StreamWriter } from '../write/stream-writer.js';
import type { ClearDisciplineDto, DecideDisciplineDto, OpenDisciplineCaseDto } from './discipline.dto.js';

export type DisciplineCaseOpened = CommandResult & { caseId: string };

type Input =
  | { type: 'OpenDisciplineCase'; body: OpenDisciplineCaseDto }
  | { type: 'DecideDiscipline'; body: DecideDisciplineDto; caseId: string }
  | { type: 'ClearDiscipline'; body: ClearDisciplineDto; caseId: string };

/** A discipline command on the subject's stream `discipline-{unit|person}-{id}`. */
export class DisciplineCommandMessage extends Command<CommandResult | DisciplineCaseOpened> {
  constructor(
    readonly ctx: CommandContext,
    readonly subject: DisciplineSubject,
    readonly input: Input,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

@CommandHandler(DisciplineCommandMessage)
export class DisciplineHandler implements ICommandHandler<DisciplineCommandMessage> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly contexts: StreamContexts,
  ) {}

  async execute({ ctx, subject, input, expectedRevision }: DisciplineCommandMessage) {
    const opening = input.type === 'OpenDisciplineCase';
    const caseId = opening ? StreamWriter.newEntityId(ctx, 'discipline-case') : input.caseId;
    const base = { subject, caseId, ...actDate(input.body) };
    const data =
      input.type === 'OpenDisciplineCase'
        ? { ...base, note: input.body.note }
        : input.type === 'DecideDiscipline'
          ? {
              ...base,
              form: input.body.form,
              decisionRef: input.body.decisionRef,
              runsUntil: input.body.runsUntil,
            }
          : { ...base, reason: input.body.reason };
    const command = StreamWriter.command(ctx, input.type, data) as DisciplineCommand;
    const result = await this.writer.execute(disciplineDecider, command, ctx, {
      streamId: disciplineStream(subject),
      expectedRevision,
      context: async () =>
        subject.kind === 'unit' ? { unitStatus: await this.contexts.unitStatus(subject.unitId) } : {},
    });
    return opening ? { ...result, caseId } : result;
  }
}
