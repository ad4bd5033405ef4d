import { Body, Controller, Post } from '@nestjs/common';
import { Command as CqrsCommand, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { blocDecider, blocStream } from '@thidua/domain';
import { Roles } from '../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { actDate, ActDateDto } from '../write/act-date.js';
import { DEMO_BODIES } from '../../openapi/demo-examples.js';
import { ApiCommand } from '../write/api-command.js';
import { IsEntityId, IsText } from '../write/dto-validators.js';
import { IfMatch } from '../write/http-params.js';
import { StreamContexts } from '../write/stream-contexts.js';
import { StreamWriter } from '../write/stream-writer.js';

export class FormBlocDto extends ActDateDto {
  @ApiProperty({ description: 'Id of the khối (bloc)', example: 'bca-khoi-truc-thuoc-bo-truong' })
  @IsEntityId()
  blocId!: string;

  @ApiProperty({ description: 'The organizer unit whose clusters it groups', example: 'bo-cong-an' })
  @IsEntityId()
  organizerUnitId!: string;

  @ApiProperty({
    description: 'Vietnamese name, NFC',
    example: 'Khối các đơn vị trực thuộc Bộ trưởng',
    maxLength: 300,
  })
  @IsText(300)
  name!: string;
}

export class FormBlocCommand extends CqrsCommand<CommandResult> {
  constructor(
    readonly ctx: CommandContext,
    readonly body: FormBlocDto,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

@CommandHandler(FormBlocCommand)
export class FormBlocHandler implements ICommandHandler<FormBlocCommand> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly contexts: StreamContexts,
  ) {}

  execute({ ctx, body, expectedRevision }: FormBlocCommand): Promise<CommandResult> {
    const { blocId, organizerUnitId, name } = body;
    const command = StreamWriter.command(ctx, 'FormBloc', {
      blocId,
      organizerUnitId,
      name,
      ...actDate(body),
    });
    return this.writer.execute(blocDecider, command, ctx, {
      streamId: blocStream(blocId),
      expectedRevision,
      context: async () => ({ organizerStatus: await this.contexts.unitStatus(organizerUnitId) }),
    });
  }
}

/** Khối: blocs that group the clusters of one organizer (numbers repeat across blocs). */
@ApiTags('clusters')
@Controller('blocs')
@Roles('admin')
export class BlocsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary: 'Form a khối (bloc) of an organizer: clusters are numbered inside it',
    description:
      'Writes BlocFormed to `bloc-{blocId}`. Administrators only, for an active organizer unit. A cluster names its ' +
      'bloc when formed (POST /clusters, blocId).',
    body: {
      type: FormBlocDto,
      description: 'The bloc id, its organizer and its name',
      example: DEMO_BODIES.formBloc,
    },
  })
  formBloc(
    @Body() body: FormBlocDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new FormBlocCommand(ctx, body, ifMatch));
  }
}
