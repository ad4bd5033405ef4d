import { Body, Controller, Param, Put } from '@nestjs/common';
import { Command as CqrsCommand, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { flagQuotaDecider, flagQuotaStream, type FlagQuotaRule } from '@thidua/domain';
import { Roles } from '../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { DEMO, DEMO_BODIES } from '../../openapi/demo-examples.js';
import { actDate, ActDateDto } from '../write/act-date.js';
import { ApiCommand } from '../write/api-command.js';
import { IsEntityId, IsText } from '../write/dto-validators.js';
import { IdParam, IfMatch, YearParam } from '../write/http-params.js';
import { StreamWriter } from '../write/stream-writer.js';

export class FlagQuotaRuleDto {
  @ApiProperty({
    enum: ['per-cluster', 'share'],
    description:
      'per-cluster: `count` flags per cluster; share: `percent` of the cluster-year’s members, rounded down',
  })
  @IsIn(['per-cluster', 'share'])
  kind!: 'per-cluster' | 'share';

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    description: 'per-cluster: flags per cluster',
    example: 1,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  count?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    description: 'share: percent of the members',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  percent?: number;
}

export class FlagQuotaDto extends ActDateDto {
  @ApiProperty({
    description: 'The cluster flag (Cờ thi đua) the quota is for',
    example: 'co-thi-dua-bo-cong-an',
  })
  @IsEntityId()
  code!: string;

  @ApiProperty({ type: FlagQuotaRuleDto })
  @IsObject()
  @ValidateNested()
  @Type(() => FlagQuotaRuleDto)
  rule!: FlagQuotaRuleDto;

  @ApiPropertyOptional({
    description: 'Why (required when it replaces the quota of the code and year)',
    maxLength: 1000,
  })
  @IsOptional()
  @IsText(1000)
  reason?: string;
}

export class SetFlagQuotaCommand extends CqrsCommand<CommandResult> {
  constructor(
    readonly ctx: CommandContext,
    readonly organizerUnitId: string,
    readonly year: number,
    readonly body: FlagQuotaDto,
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

@CommandHandler(SetFlagQuotaCommand)
export class SetFlagQuotaHandler implements ICommandHandler<SetFlagQuotaCommand> {
  constructor(private readonly writer: StreamWriter) {}

  execute({
    ctx,
    organizerUnitId,
    year,
    body,
    expectedRevision,
  }: SetFlagQuotaCommand): Promise<CommandResult> {
    const r = body.rule;
    // The domain checks the numbers for the kind (422 INVALID_QUOTA naming rule.count or rule.percent).
    const rule = (
      r.kind === 'per-cluster' ? { kind: r.kind, count: r.count } : { kind: r.kind, percent: r.percent }
    ) as FlagQuotaRule;
    const data = {
      organizerUnitId,
      year,
      code: body.code,
      rule,
      ...(body.reason !== undefined && { reason: body.reason }),
      ...actDate(body),
    };
    return this.writer.execute(flagQuotaDecider, StreamWriter.command(ctx, 'SetFlagQuota', data), ctx, {
      streamId: flagQuotaStream(organizerUnitId, year),
      expectedRevision,
      context: async () => undefined,
    });
  }
}

/** An organizer's recorded cluster-flag quota per year (how many Cờ thi đua per cluster). */
@ApiTags('organizers')
@Controller('organizers/:organizerUnitId/years/:year')
@Roles('organizer', 'admin')
export class FlagQuotaController {
  constructor(private readonly commands: CommandBus) {}

  @Put('flag-quota')
  @ApiParam({ name: 'organizerUnitId', description: 'The organizer unit', example: DEMO.organizerId })
  @ApiParam({ name: 'year', type: 'integer', description: 'The emulation year', example: DEMO.windowYear })
  @ApiCommand({
    summary: "Record the organizer's quota of a cluster flag for a year (Cờ thi đua per cluster)",
    description:
      'Writes FlagQuotaSet to `flag-quota-{organizerUnitId}-{year}`: per cluster (`count`) or a share of the ' +
      "cluster-year's members (`percent`, rounded down). A cluster flag of that year is then conferred only within " +
      'it, the flags already conferred counting against it — each flag claims its place in ' +
      '`flag-claims-{clusterId}-{year}` before its decision is written, so two decisions racing for the last ' +
      'place give one 201 and one 422 (422 FLAG_QUOTA_EXCEEDED, FLAG_QUOTA_EXHAUSTED, ' +
      'FLAG_QUOTA_TIE). None recorded: the leading unit (1). By the organizer or an administrator; replacing it ' +
      'needs a reason.',
    body: {
      type: FlagQuotaDto,
      description: 'The flag code, the rule, and why',
      example: DEMO_BODIES.setFlagQuota,
    },
  })
  setFlagQuota(
    @Param('organizerUnitId', new IdParam('organizerUnitId')) organizerUnitId: string,
    @Param('year', YearParam) year: number,
    @Body() body: FlagQuotaDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new SetFlagQuotaCommand(ctx, organizerUnitId, year, body, ifMatch));
  }
}
