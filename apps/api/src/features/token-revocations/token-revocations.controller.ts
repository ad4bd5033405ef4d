import { Body, Controller, Get, Injectable, Module, Post } from '@nestjs/common';
import { Command as CqrsCommand, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { TOKEN_REVOCATIONS_STREAM, tokenRevocationDecider } from '@thidua/domain';
import { Roles } from '../../auth/auth.decorators.js';
import { AuthModule } from '../../auth/auth.module.js';
import { RevocationList, type TokenRevocations } from '../../auth/revocation-list.js';
import { ApiResult } from '../../openapi/api-result.js';
import { ApiError } from '../../common/api-error.js';
import { Command, type CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { ApiCommand } from '../write/api-command.js';
import { IfMatch } from '../write/http-params.js';
import { StreamWriter } from '../write/stream-writer.js';
import { WriteModule } from '../write/write.module.js';
import { RevokeTokensDto } from './token-revocations.dto.js';

export class RevokeTokensCommand extends CqrsCommand<CommandResult> {
  constructor(
    readonly ctx: CommandContext,
    readonly body: RevokeTokensDto,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(RevokeTokensCommand)
export class RevokeTokensHandler implements ICommandHandler<RevokeTokensCommand> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly revocations: RevocationList,
  ) {}

  async execute({ ctx, body, expectedRevision }: RevokeTokensCommand): Promise<CommandResult> {
    const { tokenId, subject, reason } = body;
    if ((tokenId === undefined) === (subject === undefined)) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'give exactly one of tokenId and subject', 'tokenId');
    }
    const command =
      tokenId !== undefined
        ? StreamWriter.command(ctx, 'RevokeToken', { tokenId, reason })
        : StreamWriter.command(ctx, 'RevokeSubjectTokens', { subject: subject as string, reason });
    const result = await this.writer.execute(tokenRevocationDecider, command, ctx, {
      streamId: TOKEN_REVOCATIONS_STREAM,
      expectedRevision,
    });
    await this.revocations.refresh(); // refused by this process at once; by the others within a second
    return result;
  }
}

/**
 * Thu hồi token: revocations are events of the `token-revocations` stream (who revoked what, when and
 * why: inspectors read it here or at /audit/streams/token-revocations). Administrators revoke.
 */
@ApiTags('admin')
@Controller('admin/tokens/revocations')
@Roles('admin') // revoking; reading the list: inspectors too
export class TokenRevocationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly revocations: RevocationList,
  ) {}

  @Post()
  @ApiCommand({
    summary: 'Revoke a token by its id (jti), or every token of a subject (sub) issued until now',
    description:
      'Writes TokenRevoked or SubjectTokensRevoked to `token-revocations`. Every API process refuses the ' +
      'revoked tokens (401 TOKEN_REVOKED): this one at once, the others within a second (they re-read the stream).',
    body: {
      type: RevokeTokensDto,
      description: 'Exactly one of tokenId and subject, and the reason',
      example: { tokenId: '0b6f3c1e-2f55-4f8e-9d0a-3c1f2f6a8e11', reason: 'Máy tính bị mất cắp' },
    },
  })
  revokeTokens(
    @Body() body: RevokeTokensDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new RevokeTokensCommand(ctx, body, ifMatch));
  }

  @Get()
  @Roles('admin', 'inspector')
  @ApiOperation({ summary: 'Every revocation: token ids and subjects, with who revoked them, when and why' })
  @ApiResult('TokenRevocations', 'Token ids and subjects revoked, each with who, when, why and its position')
  listTokenRevocations(): TokenRevocations {
    return this.revocations.list();
  }
}

@Module({
  imports: [WriteModule, AuthModule],
  controllers: [TokenRevocationsController],
  providers: [RevokeTokensHandler],
})
export class TokenRevocationsModule {}
