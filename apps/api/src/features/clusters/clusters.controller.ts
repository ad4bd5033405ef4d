import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { ApiCommand } from '../write/api-command.js';
import { IdParam, IfMatch } from '../write/http-params.js';
import { DissolveClusterCommand, FormClusterCommand, RenameClusterCommand } from './clusters.command.js';
import { DissolveClusterDto, FormClusterDto, RenameClusterDto } from './clusters.dto.js';
import { DEMO, DEMO_BODIES } from '../../openapi/demo-examples.js';

/** Cụm thi đua: emulation clusters, each run by an organizer unit. */
@ApiTags('clusters')
@Controller('clusters')
export class ClustersController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('admin')
  @ApiCommand({
    summary: 'Form an emulation cluster (thành lập Cụm thi đua): id, organizer unit, number, name',
    description:
      'Writes ClusterFormed to `cluster-{clusterId}`. Administrators form clusters for an organizer unit (Law 06/2022/QH15 art. 16: clusters are organised by the emulation councils).',
    body: {
      type: FormClusterDto,
      description: 'The cluster: id, organizer unit, number, name',
      example: DEMO_BODIES.formCluster,
    },
  })
  formCluster(
    @Body() body: FormClusterDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new FormClusterCommand(ctx, body, ifMatch));
  }

  @Post(':clusterId/rename')
  @Roles('admin', 'organizer')
  @ApiParam({ name: 'clusterId', description: 'The cluster renamed', example: DEMO.newClusterId })
  @ApiCommand({
    summary: 'Rename or renumber a cluster (đổi tên Cụm thi đua)',
    description: 'The organizer of this cluster or an administrator.',
    body: {
      type: RenameClusterDto,
      description: 'The new name (and number, if it changes)',
      example: DEMO_BODIES.renameCluster,
    },
  })
  renameCluster(
    @Param('clusterId', new IdParam('clusterId')) clusterId: string,
    @Body() body: RenameClusterDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new RenameClusterCommand(ctx, clusterId, body, ifMatch));
  }

  @Post(':clusterId/dissolution')
  @Roles('admin', 'organizer')
  @ApiParam({ name: 'clusterId', description: 'The cluster dissolved', example: DEMO.newClusterId })
  @ApiCommand({
    summary: 'Dissolve a cluster (giải thể Cụm thi đua), with a reason',
    description: 'The organizer of this cluster or an administrator. Nothing more is written to its years.',
    body: {
      type: DissolveClusterDto,
      description: 'Why the cluster is dissolved',
      example: DEMO_BODIES.dissolveCluster,
    },
  })
  dissolveCluster(
    @Param('clusterId', new IdParam('clusterId')) clusterId: string,
    @Body() body: DissolveClusterDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new DissolveClusterCommand(ctx, clusterId, body, ifMatch));
  }
}
