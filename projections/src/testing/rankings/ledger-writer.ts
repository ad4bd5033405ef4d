/**
 * Writes domain-decided events to a real event store, as the command handlers do (read the stream,
 * fold, decide, append at the expected revision, actor and time in the metadata). Test support only.
 */
import { randomUUID } from 'node:crypto';
import type { AppendResult, EventStore } from '@thidua/event-store';
import {
  clusterDecider,
  clusterStream,
  emulationStream,
  emulationYearDecider,
  evaluateRanking,
  schemaVersionOf,
  unitDecider,
  unitStream,
  type Actor,
  type ClusterCommand,
  type ClusterContext,
  type EmulationYearCommand,
  type EmulationYearContext,
  type PeriodCode,
  type UnitCommand,
  type UnitContext,
} from '@thidua/domain';
import { rankingDigest } from '../../rankings/ranking-document.js';

interface AnyDecider<C, Ctx> {
  initialState: unknown;
  evolve(state: unknown, event: { type: string; data: unknown }): unknown;
  decide(command: C, state: unknown, context: Ctx): Array<{ type: string; data: unknown }>;
}

export class LedgerWriter {
  constructor(private readonly events: EventStore) {}

  unit(command: UnitCommand, context: UnitContext = {}): Promise<AppendResult> {
    return this.run(
      unitStream(command.data.unitId),
      unitDecider as unknown as AnyDecider<UnitCommand, UnitContext>,
      command,
      context,
    );
  }

  cluster(
    command: ClusterCommand,
    context: ClusterContext = { organizerStatus: 'active' },
  ): Promise<AppendResult> {
    return this.run(
      clusterStream(command.data.clusterId),
      clusterDecider as unknown as AnyDecider<ClusterCommand, ClusterContext>,
      command,
      context,
    );
  }

  year(command: EmulationYearCommand, context: EmulationYearContext): Promise<AppendResult> {
    return this.run(
      emulationStream(command.data.clusterId, command.data.year),
      emulationYearDecider as unknown as AnyDecider<EmulationYearCommand, EmulationYearContext>,
      command,
      context,
    );
  }

  /** Closes a period sealing the digest of its ranking as it stands (what the close handler computes). */
  async closePeriod(
    actor: Actor,
    at: string,
    clusterId: string,
    year: number,
    period: PeriodCode,
    context: EmulationYearContext,
  ): Promise<AppendResult> {
    const stream = await this.events.readStream(emulationStream(clusterId, year));
    const rankingDigestHex = rankingDigest(evaluateRanking(stream, period));
    return this.year(
      { type: 'ClosePeriod', actor, at, data: { clusterId, year, period, rankingDigest: rankingDigestHex } },
      context,
    );
  }

  private async run<C extends { actor: Actor; at: string; data: object }, Ctx>(
    streamId: string,
    decider: AnyDecider<C, Ctx>,
    command: C,
    context: Ctx,
  ): Promise<AppendResult> {
    const stored = await this.events.readStream(streamId);
    const state = stored.reduce((s, e) => decider.evolve(s, e), decider.initialState);
    const decided = decider.decide(command, state, context);
    const causationId = randomUUID();
    const reason = (command.data as { reason?: unknown }).reason;
    return this.events.append(
      streamId,
      decided.map((e) => ({
        eventId: randomUUID(),
        type: e.type,
        data: e.data as Record<string, unknown>,
        metadata: {
          actor: command.actor,
          occurredAt: command.at,
          correlationId: causationId,
          causationId,
          schemaVersion: schemaVersionOf(e.type),
          ...(typeof reason === 'string' && { reason }),
        },
      })),
      stored.length === 0 ? 'no-stream' : stored.length - 1,
    );
  }
}
