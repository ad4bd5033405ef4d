import { Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type ClusterCommand, type ClusterContext, clusterDecider, clusterStream } from '@thidua/domain';
import type { CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { StreamContexts } from '../write/stream-contexts.js';
import { StreamWriter } from '../write/stream-writer.js';
import { DissolveClusterCommand, FormClusterCommand, RenameClusterCommand } from './clusters.command.js';
import { actDate } from '../write/act-date.js';

/** Clusters live in `cluster-{clusterId}`; who may form, rename or dissolve one is the decider's call. */
@Injectable() // its constructor's parameter types are what Nest injects into the handlers below
abstract class ClusterHandler {
  constructor(
    protected readonly writer: StreamWriter,
    protected readonly contexts: StreamContexts,
  ) {}

  protected write(
    ctx: CommandContext,
    command: ClusterCommand,
    expectedRevision: number | undefined,
    context: () => Promise<ClusterContext> = async () => ({}),
  ): Promise<CommandResult> {
    return this.writer.execute(clusterDecider, command, ctx, {
      streamId: clusterStream(command.data.clusterId),
      expectedRevision,
      context,
    });
  }
}

@CommandHandler(FormClusterCommand)
export class FormClusterHandler extends ClusterHandler implements ICommandHandler<FormClusterCommand> {
  execute({ ctx, body, expectedRevision }: FormClusterCommand): Promise<CommandResult> {
    const { clusterId, organizerUnitId, number, name, blocId } = body;
    const command = StreamWriter.command(ctx, 'FormCluster', {
      clusterId,
      organizerUnitId,
      number,
      name,
      ...(blocId !== undefined && { blocId }),
      ...actDate(body),
    });
    return this.write(ctx, command, expectedRevision, async () => {
      const bloc = blocId === undefined ? undefined : await this.contexts.bloc(blocId);
      return { organizerStatus: await this.contexts.unitStatus(organizerUnitId), ...(bloc && { bloc }) };
    });
  }
}

@CommandHandler(RenameClusterCommand)
export class RenameClusterHandler extends ClusterHandler implements ICommandHandler<RenameClusterCommand> {
  execute({ ctx, clusterId, body, expectedRevision }: RenameClusterCommand): Promise<CommandResult> {
    const data = {
      clusterId,
      name: body.name,
      ...(body.number !== undefined && { number: body.number }),
      ...actDate(body),
    };
    return this.write(ctx, StreamWriter.command(ctx, 'RenameCluster', data), expectedRevision);
  }
}

@CommandHandler(DissolveClusterCommand)
export class DissolveClusterHandler
  extends ClusterHandler
  implements ICommandHandler<DissolveClusterCommand>
{
  execute({ ctx, clusterId, body, expectedRevision }: DissolveClusterCommand): Promise<CommandResult> {
    const command = StreamWriter.command(ctx, 'DissolveCluster', {
      clusterId,
      reason: body.reason,
      ...actDate(body),
    });
    return this.write(ctx, command, expectedRevision);
  }
}

export const CLUSTER_HANDLERS = [FormClusterHandler, RenameClusterHandler, DissolveClusterHandler];
