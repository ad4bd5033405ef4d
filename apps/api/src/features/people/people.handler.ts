import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  DomainError,
  personDecider,
  type PersonCommand,
  personStream,
  registrationDeadlineDecider,
  registrationStream,
} from '@thidua/domain';
import type { CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { DeciderRunner } from '../../write-model/decider-runner.js';
import { actDate } from '../write/act-date.js';
import { StreamContexts } from '../write/stream-contexts.js';
import { StreamWriter } from '../write/stream-writer.js';
import type {
  ErasePersonDto,
  RecordPriorTitleDto,
  RegisterPersonDto,
  RegisterTitleDto,
  RegistrationDeadlineDto,
  TransferPersonDto,
} from './people.dto.js';
import { PersonKeys } from './person-keys.provider.js';
import { sealPersonal } from './person-keys.js';

type Input =
  | { type: 'RegisterPerson'; body: RegisterPersonDto }
  | { type: 'TransferPerson'; body: TransferPersonDto }
  | { type: 'ErasePerson'; body: ErasePersonDto }
  | { type: 'RegisterTitle'; body: RegisterTitleDto }
  | { type: 'RecordPriorTitle'; body: RecordPriorTitleDto };

export class PersonCommandMessage extends Command<CommandResult> {
  constructor(
    readonly ctx: CommandContext,
    readonly personId: string,
    readonly input: Input,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

/**
 * Commands on `person-{personId}`. Registration seals the personal fields with the person's key (created
 * here, outside the log) before the decider sees them; erasure records PersonErased, then deletes the key.
 */
@CommandHandler(PersonCommandMessage)
export class PersonHandler implements ICommandHandler<PersonCommandMessage> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly contexts: StreamContexts,
    private readonly runner: DeciderRunner,
    private readonly keys: PersonKeys,
  ) {}

  async execute({ ctx, personId, input, expectedRevision }: PersonCommandMessage): Promise<CommandResult> {
    const streamId = personStream(personId);
    const base = { personId, ...actDate(input.body) };
    const run = (data: object, context: () => Promise<object> = async () => ({})) =>
      this.writer.execute(personDecider, StreamWriter.command(ctx, input.type, data) as PersonCommand, ctx, {
        streamId,
        expectedRevision,
        context,
      });
    switch (input.type) {
      case 'RegisterPerson': {
        const { unitId, fullName, rankTitle, position } = input.body;
        const key = this.keys.store.keyFor(personId);
        const personal = sealPersonal(key, personId, {
          fullName,
          ...(rankTitle !== undefined && { rankTitle }),
          ...(position !== undefined && { position }),
        });
        try {
          return await run({ ...base, unitId, personal }, async () => ({
            unitStatus: await this.contexts.unitStatus(unitId),
          }));
        } catch (error) {
          // A key made for a person the registry refused holds nothing: drop it (never a registered person's).
          const { state } = await this.runner.load(personDecider, streamId);
          if (state.status === 'none') this.keys.store.delete(personId);
          throw error;
        }
      }
      case 'TransferPerson': {
        const { toUnitId, reason } = input.body;
        return run({ ...base, toUnitId, ...(reason !== undefined && { reason }) }, async () => ({
          unitStatus: await this.contexts.unitStatus(toUnitId),
        }));
      }
      case 'ErasePerson':
        try {
          const result = await run({ ...base, requestRef: input.body.requestRef });
          this.keys.store.delete(personId);
          return result;
        } catch (error) {
          // Erased before (a retry after a crash between the event and the deletion): delete the key now.
          if (error instanceof DomainError && error.code === 'PERSON_ALREADY_ERASED')
            this.keys.store.delete(personId);
          throw error;
        }
      case 'RegisterTitle': {
        const { year, code, organizerUnitId } = input.body;
        return run({ ...base, year, code, organizerUnitId }, async () => {
          const deadline = (
            await this.runner.load(registrationDeadlineDecider, registrationStream(organizerUnitId, year))
          ).state.deadline;
          return deadline === undefined ? {} : { registrationDeadline: deadline };
        });
      }
      case 'RecordPriorTitle': {
        const { code, year, decisionRef } = input.body;
        return run({ ...base, code, year, decisionRef });
      }
    }
  }
}

export class SetRegistrationDeadlineCommand extends Command<CommandResult> {
  constructor(
    readonly ctx: CommandContext,
    readonly organizerUnitId: string,
    readonly year: number,
    readonly body: RegistrationDeadlineDto,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

@CommandHandler(SetRegistrationDeadlineCommand)
export class SetRegistrationDeadlineHandler implements ICommandHandler<SetRegistrationDeadlineCommand> {
  constructor(private readonly writer: StreamWriter) {}

  execute({ ctx, organizerUnitId, year, body, expectedRevision }: SetRegistrationDeadlineCommand) {
    const data = {
      organizerUnitId,
      year,
      deadline: body.deadline,
      ...(body.reason !== undefined && { reason: body.reason }),
      ...actDate(body),
    };
    return this.writer.execute(
      registrationDeadlineDecider,
      StreamWriter.command(ctx, 'SetRegistrationDeadline', data),
      ctx,
      { streamId: registrationStream(organizerUnitId, year), expectedRevision },
    );
  }
}
