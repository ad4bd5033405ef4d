import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { ApiCommand } from '../write/api-command.js';
import { IdParam, IfMatch } from '../write/http-params.js';
import {
  DissolveUnitCommand,
  MergeUnitCommand,
  RegisterUnitCommand,
  RenameUnitCommand,
} from './units.command.js';
import { DissolveUnitDto, MergeUnitDto, RegisterUnitDto, RenameUnitDto } from './units.dto.js';
import { DEMO, DEMO_BODIES } from '../../openapi/demo-examples.js';

/** Đơn vị: the units that are organizers and members of emulation clusters. Administrators keep them. */
@ApiTags('units')
@Controller('units')
@Roles('admin')
export class UnitsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary: 'Register a unit (đăng ký đơn vị): id, Vietnamese name, kind, parent unit',
    description: 'Writes UnitRegistered to `unit-{unitId}`. Administrators only.',
    body: {
      type: RegisterUnitDto,
      description: 'The unit: id, Vietnamese name, kind, parent unit',
      example: DEMO_BODIES.registerUnit,
    },
  })
  registerUnit(
    @Body() body: RegisterUnitDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new RegisterUnitCommand(ctx, body, ifMatch));
  }

  @Post(':unitId/rename')
  @ApiParam({ name: 'unitId', description: 'The unit renamed', example: DEMO.newUnitId })
  @ApiCommand({
    summary: 'Rename a unit (đổi tên đơn vị)',
    description: 'Writes UnitRenamed with the previous name.',
    body: { type: RenameUnitDto, description: 'The new name and why', example: DEMO_BODIES.renameUnit },
  })
  renameUnit(
    @Param('unitId', new IdParam('unitId')) unitId: string,
    @Body() body: RenameUnitDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new RenameUnitCommand(ctx, unitId, body, ifMatch));
  }

  @Post(':unitId/merge')
  @ApiParam({ name: 'unitId', description: 'The unit merged into another', example: DEMO.newUnitId })
  @ApiCommand({
    summary: 'Merge a unit into another (sáp nhập đơn vị), with a reason',
    description: 'Writes UnitMerged; the target must be an active unit.',
    body: {
      type: MergeUnitDto,
      description: 'The unit it merges into and why',
      example: DEMO_BODIES.mergeUnit,
    },
  })
  mergeUnit(
    @Param('unitId', new IdParam('unitId')) unitId: string,
    @Body() body: MergeUnitDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new MergeUnitCommand(ctx, unitId, body, ifMatch));
  }

  @Post(':unitId/dissolution')
  @ApiParam({ name: 'unitId', description: 'The unit dissolved', example: DEMO.unitToDissolve })
  @ApiCommand({
    summary: 'Dissolve a unit (giải thể đơn vị), with a reason',
    description: 'Writes UnitDissolved.',
    body: {
      type: DissolveUnitDto,
      description: 'Why the unit is dissolved',
      example: DEMO_BODIES.dissolveUnit,
    },
  })
  dissolveUnit(
    @Param('unitId', new IdParam('unitId')) unitId: string,
    @Body() body: DissolveUnitDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new DissolveUnitCommand(ctx, unitId, body, ifMatch));
  }
}
