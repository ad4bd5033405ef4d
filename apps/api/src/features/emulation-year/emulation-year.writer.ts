import { Injectable } from '@nestjs/common';
import {
  type Decider,
  emulationStream,
  type EmulationYearCommand,
  type EmulationYearContext,
  emulationYearDecider,
  type EmulationYearEvent,
  type EmulationYearState,
} from '@thidua/domain';
import { RevisionConflictError } from '@thidua/event-store';
import type { CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { DeciderRunner, type LoadedStream } from '../../write-model/decider-runner.js';
import { StreamContexts } from '../write/stream-contexts.js';
import { StreamWriter } from '../write/stream-writer.js';
import type { YearRef } from './year-command.js';

export type YearCommandType = EmulationYearCommand['type'];
export type YearData<T extends YearCommandType> = Omit<
  Extract<EmulationYearCommand, { type: T }>['data'],
  'clusterId' | 'year'
>;
/** The domain's context, plus what a handler computes in the stream's turn (the digest a close seals). */
export type YearContext = EmulationYearContext & { rankingDigest?: string };
export type YearDecider = Decider<EmulationYearCommand, EmulationYearState, EmulationYearEvent, YearContext>;

export interface YearWriteOptions {
  expectedRevision?: number | undefined;
  /** Context beyond the cluster (always loaded: the organizer is the authority for most commands). */
  more?: (loaded: LoadedStream) => Promise<Partial<YearContext>>;
  /** A wrapper of the emulation-year decider (publish-or-amend, close with the digest). */
  decider?: YearDecider;
}

/** The "load context + execute" path of every command on a cluster-year stream. */
@Injectable()
export class EmulationYearWriter {
  constructor(
    private readonly writer: StreamWriter,
    private readonly contexts: StreamContexts,
    private readonly runner: DeciderRunner,
  ) {}

  execute<T extends YearCommandType>(
    ctx: CommandContext,
    ref: YearRef,
    type: T,
    data: YearData<T>,
    options: YearWriteOptions = {},
  ): Promise<CommandResult> {
    const decider: YearDecider = options.decider ?? emulationYearDecider;
    return this.writer.execute(decider, this.command(ctx, ref, type, data), ctx, {
      streamId: emulationStream(ref.clusterId, ref.year),
      expectedRevision: options.expectedRevision,
      context: async (loaded) => ({
        ...(await this.base(ref)),
        ...(options.more && (await options.more(loaded))),
      }),
    });
  }

  /**
   * Decides on the current state without writing: lets a command that writes to another stream first
   * (admission reserves in the registry) refuse what the decision would refuse, with nothing recorded.
   */
  async dryRun<T extends YearCommandType>(
    ctx: CommandContext,
    ref: YearRef,
    type: T,
    data: YearData<T>,
    options: { expectedRevision?: number | undefined; context: Partial<EmulationYearContext> },
  ): Promise<void> {
    const streamId = emulationStream(ref.clusterId, ref.year);
    const { revision, state } = await this.runner.load(emulationYearDecider, streamId);
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision)
      throw new RevisionConflictError(
        streamId,
        String(options.expectedRevision),
        revision < 0 ? 'no-stream' : revision,
      );
    const base = await this.base(ref);
    emulationYearDecider.decide(this.command(ctx, ref, type, data), state, { ...base, ...options.context });
  }

  /** What every cluster-year decision needs: the cluster (organizer, status) and its organizer's window. */
  private async base(ref: YearRef): Promise<EmulationYearContext> {
    const cluster = await this.contexts.cluster(ref.clusterId);
    const window = cluster && (await this.contexts.window(cluster.organizerUnitId, ref.year));
    return { cluster, ...(window && { window }) };
  }

  /** Whether the unit is a member of the cluster-year now (cached state). */
  async isMember(ref: YearRef, unitId: string): Promise<boolean> {
    const { state } = await this.runner.load(emulationYearDecider, emulationStream(ref.clusterId, ref.year));
    return state.members[unitId] === true;
  }

  private command<T extends YearCommandType>(
    ctx: CommandContext,
    ref: YearRef,
    type: T,
    data: YearData<T>,
  ): EmulationYearCommand {
    const full = { clusterId: ref.clusterId, year: ref.year, ...data };
    // Sound by construction (type T with the data of T); TypeScript cannot see it through the generic.
    return StreamWriter.command(ctx, type, full) as unknown as EmulationYearCommand;
  }
}
