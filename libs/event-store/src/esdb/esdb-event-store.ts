import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';

import { checkExpectedRevision, validateAppend } from '../append-rules.js';
import { PartialDuplicateError, RevisionConflictError, StoreClosedError, StoreError } from '../errors.js';
import type {
  AppendResult,
  EventStore,
  EventStoreCapabilities,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  Subscription,
  SubscriptionHandlers,
} from '../event-store.port.js';
import { GENESIS_HASH, sealEvent } from '../integrity/hash-chain.js';
import { isSystemEvent, positionNumber, toPosition, toStoredEvent } from './esdb-mapping.js';
import { EsdbSubscription } from './esdb-subscription.js';

export interface EsdbEventStoreOptions {
  /**
   * How many of a stream's latest events an append reads back to recognise a retried append.
   * See the idempotency note on EsdbEventStore.
   */
  idempotencyWindow?: number;
  /** Attempts for 'any' / 'exists' appends that lose a race with another writer. */
  maxConflictRetries?: number;
}

const DEFAULT_BATCH = 500;

export async function openEsdbEventStore(
  connectionString: string,
  options: EsdbEventStoreOptions = {},
): Promise<EsdbEventStore> {
  const client = EventStoreDBClient.connectionString(connectionString);
  const store = new EsdbEventStore(client, options);
  try {
    await store.headPosition(); // fail at open, not at the first command, when the server is unreachable
  } catch (error) {
    await client.dispose();
    throw error;
  }
  return store;
}

function actualRevision(error: WrongExpectedVersionError): number | 'no-stream' {
  return typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : 'no-stream';
}

/**
 * EventStoreDB adapter.
 *
 * Hash chain: an append reads the stream's latest event, seals the new events onto its hash, and
 * appends with that exact revision, so no other writer can slip in between. When the caller said
 * 'any' or 'exists', losing that race is retried (bounded); for an exact revision or 'no-stream' it is
 * a RevisionConflictError. Appends to one stream from this process are serialised in call order.
 *
 * Idempotency: EventStoreDB's own event-id dedupe is a cache (lost on restart, bypassed once the
 * expected revision moved). Before writing, an append reads the stream's last `idempotencyWindow`
 * events (default 256) and recognises a retry whose events are all there. LIMITATION: a retry arriving
 * after more than that many newer events in the same stream is not recognised and is written again;
 * ids stored in another stream are not detected either (SQLite refuses both). For exact checks on
 * older events use findEvent, which scans the whole stream.
 *
 * Positions are $all commit positions: increasing, not contiguous.
 */
export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb' as const;
  readonly capabilities: EventStoreCapabilities = { contiguousPositions: false };

  private readonly window: number;
  private readonly maxRetries: number;
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly subscriptions = new Set<EsdbSubscription>();
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.window = options.idempotencyWindow ?? 256;
    this.maxRetries = options.maxConflictRetries ?? 5;
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    try {
      validateAppend(streamId, events, expected);
    } catch (error) {
      return Promise.reject(error);
    }
    // Serialise per stream so appends issued together land in call order (as SQLite's group commit does).
    const previous = this.tails.get(streamId) ?? Promise.resolve();
    const run = previous.then(
      () => this.appendNow(streamId, events, expected),
      () => this.appendNow(streamId, events, expected),
    );
    this.tails.set(streamId, run);
    const cleanup = (): void => {
      if (this.tails.get(streamId) === run) this.tails.delete(streamId);
    };
    run.then(cleanup, cleanup);
    return run;
  }

  private async appendNow(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    for (let attempt = 0; ; attempt++) {
      const recent = await this.readBackwards(streamId, this.window);
      const duplicate = this.findDuplicate(streamId, events, recent);
      if (duplicate) return duplicate;
      const last = recent[0];
      checkExpectedRevision(streamId, expected, last?.revision);

      let prevHash = last ? last.metadata.hash : GENESIS_HASH;
      const first = last ? last.revision + 1 : 0;
      const payload = events.map((e, i) => {
        const sealed = sealEvent(streamId, first + i, prevHash, e);
        prevHash = sealed.hash;
        // Send the canonical forms, so what the server stores parses back to exactly what was hashed.
        return jsonEvent({
          id: e.eventId,
          type: e.type,
          data: JSON.parse(sealed.dataJson) as Record<string, unknown>,
          metadata: JSON.parse(sealed.metadataJson) as Record<string, unknown>,
        });
      });
      try {
        const result = await this.client.appendToStream(streamId, payload, {
          expectedRevision: last ? BigInt(last.revision) : NO_STREAM,
        });
        const positions = await this.positionsOf(streamId, first, events.length, result.position);
        return {
          streamId,
          revision: first + events.length - 1,
          position: positions[positions.length - 1] as number,
          eventIds: events.map((e) => e.eventId),
          positions,
          duplicate: false,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const mayRetry = (expected === 'any' || expected === 'exists') && attempt + 1 < this.maxRetries;
        if (!mayRetry) throw new RevisionConflictError(streamId, String(expected), actualRevision(error));
      }
    }
  }

  /** The earlier result when every id is among the stream's recent events; throws on a partial match. */
  private findDuplicate(streamId: string, events: NewEvent[], recent: StoredEvent[]): AppendResult | null {
    if (recent.length === 0) return null;
    const byId = new Map(recent.map((e) => [e.eventId, e]));
    const found = events.map((e) => byId.get(e.eventId));
    const present = found.filter((e): e is StoredEvent => e !== undefined);
    if (present.length === 0) return null;
    if (present.length < events.length) throw new PartialDuplicateError(streamId);
    const last = present[present.length - 1] as StoredEvent;
    return {
      streamId,
      revision: last.revision,
      position: last.position,
      eventIds: events.map((e) => e.eventId),
      positions: present.map((e) => e.position),
      duplicate: true,
    };
  }

  /** Positions of the events just written: the append returns only the last one's. */
  private async positionsOf(
    streamId: string,
    firstRevision: number,
    count: number,
    lastPosition: Parameters<typeof positionNumber>[0],
  ): Promise<number[]> {
    if (count === 1 && lastPosition) return [positionNumber(lastPosition, `append to ${streamId}`)];
    const written = await this.readStream(streamId, { fromRevision: firstRevision, maxCount: count });
    if (written.length !== count) {
      throw new StoreError(
        'ESDB_READ_BACK',
        `append to ${streamId}: read back ${written.length} of ${count} events`,
      );
    }
    return written.map((e) => e.position);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const out: StoredEvent[] = [];
    const from = options.fromRevision ?? 0;
    if (options.maxCount === 0) return out;
    try {
      const read = this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: from === 0 ? START : BigInt(from),
        ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
      });
      for await (const resolved of read) {
        const e = toStoredEvent(resolved as ResolvedEvent);
        if (e) out.push(e);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  /** The stream's latest events, newest first. */
  private async readBackwards(streamId: string, maxCount: number): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount,
      })) {
        const e = toStoredEvent(resolved as ResolvedEvent);
        if (e) out.push(e);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async findEvent(streamId: string, eventId: string): Promise<StoredEvent | null> {
    this.assertOpen();
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: BACKWARDS,
        fromRevision: END,
      })) {
        if ((resolved as ResolvedEvent).event?.id === eventId)
          return toStoredEvent(resolved as ResolvedEvent);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
    return null;
  }

  /**
   * One batch of $all after `after` (exclusive), system events left out. The server read starts at
   * `after` inclusive, so the event at exactly that position is skipped here.
   */
  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const after = options.after ?? 0;
    const to = options.to ?? Number.MAX_SAFE_INTEGER;
    const limit = options.batchSize ?? DEFAULT_BATCH;
    const out: StoredEvent[] = [];
    if (limit <= 0 || after >= to) return out;
    const read = this.client.readAll({
      direction: FORWARDS,
      fromPosition: after === 0 ? START : toPosition(after),
    });
    try {
      for await (const resolved of read) {
        const event = (resolved as AllStreamResolvedEvent).event;
        if (!event || isSystemEvent(event.streamId, event.type)) continue;
        const position = positionNumber(event.position, `event ${event.id}`);
        if (position <= after) continue;
        if (position > to) break;
        const e = toStoredEvent(resolved as AllStreamResolvedEvent);
        if (e) out.push(e);
        if (out.length >= limit) break;
      }
    } finally {
      await read.cancel().catch(() => undefined);
    }
    return out;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
    try {
      for await (const resolved of read) {
        const event = (resolved as AllStreamResolvedEvent).event;
        if (event && !isSystemEvent(event.streamId, event.type))
          return positionNumber(event.position, 'head');
      }
    } finally {
      await read.cancel().catch(() => undefined);
    }
    return 0;
  }

  subscribe(after: number, handlers: SubscriptionHandlers): Subscription {
    this.assertOpen();
    const sub = new EsdbSubscription(
      this.client,
      after,
      handlers,
      () => this.headPosition(),
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(sub);
    return sub;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.allSettled([...this.tails.values()]);
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}
