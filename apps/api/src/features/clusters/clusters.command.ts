import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import type { DissolveClusterDto, FormClusterDto, RenameClusterDto } from './clusters.dto.js';

export class FormClusterCommand extends Command<CommandResult> {
  constructor(
    readonly ctx: CommandContext,
    readonly body: FormClusterDto,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

abstract class ExistingClusterCommand<B> extends Command<CommandResult> {
  constructor(
    readonly ctx: CommandContext,
    readonly clusterId: string,
    readonly body: B,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

export class RenameClusterCommand extends ExistingClusterCommand<RenameClusterDto> {}
export class DissolveClusterCommand extends ExistingClusterCommand<DissolveClusterDto> {}
