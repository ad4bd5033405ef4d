import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import type { DissolveUnitDto, MergeUnitDto, RegisterUnitDto, RenameUnitDto } from './units.dto.js';

export class RegisterUnitCommand extends Command<CommandResult> {
  constructor(
    readonly ctx: CommandContext,
    readonly body: RegisterUnitDto,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

/** Rename, merge or dissolve an existing unit: `unitId` from the path. */
abstract class ExistingUnitCommand<B> extends Command<CommandResult> {
  constructor(
    readonly ctx: CommandContext,
    readonly unitId: string,
    readonly body: B,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

export class RenameUnitCommand extends ExistingUnitCommand<RenameUnitDto> {}
export class MergeUnitCommand extends ExistingUnitCommand<MergeUnitDto> {}
export class DissolveUnitCommand extends ExistingUnitCommand<DissolveUnitDto> {}
