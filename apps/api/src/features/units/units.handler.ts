import { Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type UnitCommand, type UnitContext, unitDecider, unitStream } from '@thidua/domain';
import type { CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { StreamContexts } from '../write/stream-contexts.js';
import { StreamWriter } from '../write/stream-writer.js';
import {
  DissolveUnitCommand,
  MergeUnitCommand,
  RegisterUnitCommand,
  RenameUnitCommand,
} from './units.command.js';
import { actDate } from '../write/act-date.js';

/** Units are administrative records in `unit-{unitId}` (admin only: the decider says so). */
@Injectable() // its constructor's parameter types are what Nest injects into the handlers below
abstract class UnitHandler {
  constructor(
    protected readonly writer: StreamWriter,
    protected readonly contexts: StreamContexts,
  ) {}

  protected write(
    ctx: CommandContext,
    command: UnitCommand,
    expectedRevision: number | undefined,
    context: () => Promise<UnitContext> = async () => ({}),
  ): Promise<CommandResult> {
    return this.writer.execute(unitDecider, command, ctx, {
      streamId: unitStream(command.data.unitId),
      expectedRevision,
      context,
    });
  }
}

@CommandHandler(RegisterUnitCommand)
export class RegisterUnitHandler extends UnitHandler implements ICommandHandler<RegisterUnitCommand> {
  execute({ ctx, body, expectedRevision }: RegisterUnitCommand): Promise<CommandResult> {
    const { unitId, name, kind, parentUnitId } = body;
    const data = {
      unitId,
      name,
      kind,
      ...(parentUnitId !== undefined && { parentUnitId }),
      ...actDate(body),
    };
    return this.write(ctx, StreamWriter.command(ctx, 'RegisterUnit', data), expectedRevision, async () =>
      parentUnitId === undefined ? {} : { parentStatus: await this.contexts.unitStatus(parentUnitId) },
    );
  }
}

@CommandHandler(RenameUnitCommand)
export class RenameUnitHandler extends UnitHandler implements ICommandHandler<RenameUnitCommand> {
  execute({ ctx, unitId, body, expectedRevision }: RenameUnitCommand): Promise<CommandResult> {
    const data = {
      unitId,
      name: body.name,
      ...(body.reason !== undefined && { reason: body.reason }),
      ...actDate(body),
    };
    return this.write(ctx, StreamWriter.command(ctx, 'RenameUnit', data), expectedRevision);
  }
}

@CommandHandler(MergeUnitCommand)
export class MergeUnitHandler extends UnitHandler implements ICommandHandler<MergeUnitCommand> {
  execute({ ctx, unitId, body, expectedRevision }: MergeUnitCommand): Promise<CommandResult> {
    const { intoUnitId, reason } = body;
    return this.write(
      ctx,
      StreamWriter.command(ctx, 'MergeUnit', { unitId, intoUnitId, reason, ...actDate(body) }),
      expectedRevision,
      async () => ({
        intoStatus: await this.contexts.unitStatus(intoUnitId),
      }),
    );
  }
}

@CommandHandler(DissolveUnitCommand)
export class DissolveUnitHandler extends UnitHandler implements ICommandHandler<DissolveUnitCommand> {
  execute({ ctx, unitId, body, expectedRevision }: DissolveUnitCommand): Promise<CommandResult> {
    return this.write(
      ctx,
      StreamWriter.command(ctx, 'DissolveUnit', { unitId, reason: body.reason, ...actDate(body) }),
      expectedRevision,
    );
  }
}

export const UNIT_HANDLERS = [RegisterUnitHandler, RenameUnitHandler, MergeUnitHandler, DissolveUnitHandler];
