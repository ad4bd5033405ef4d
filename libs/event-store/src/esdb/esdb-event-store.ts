import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendResult as EsdbAppendResult,
  type ResolvedEvent,
} from '@eventstore/db-client';

import { MAX_APPEND_SIZE, checkAppendSize, checkExpectedRevision, validateAppend } from '../append-rules.js';
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
import { GENESIS_HASH, sealEvent, type SealedEvent } from '../integrity/hash-chain.js';
import {
  consume,
  isSystemEvent,
  portError,
  positionNumber,
  toPosition,
  toStoredEvent,
  isInvalidPosition,
} from './esdb-mapping.js';
import { StreamTails, type StreamTail, type TailEvent } from './esdb-stream-tails.js';
import type { EsdbTagIndex } from './esdb-tag-index.js';
import { EsdbSubscription, type ResubscribeOptions } from './esdb-subscription.js';

/** The client calls the adapter makes: the real EventStoreDBClient, or a stand-in in unit tests. */
export type EsdbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'
>;

export interface EsdbEventStoreOptions {
  /**
   * How many of a stream's latest events are checked to recognise a retried append (default 256).
   * See the idempotency note on EsdbEventStore.
   */
  idempotencyWindow?: number;
  /** How many streams' tails are kept between appends (default 256). */
  tailCacheStreams?: number;
  /** Attempts for 'any' / 'exists' appends that lose a race with another writer. */
  maxConflictRetries?: number;
  /** The server's MaxAppendSize (EVENTSTORE_MAX_APPEND_SIZE); appends over it are refused before sending. */
  maxAppendSize?: number;
  /** Back-off of a subscription that lost its connection (default 250 ms doubling up to 30 s). */
  resubscribe?: Partial<ResubscribeOptions>;
  /**
   * The tag index the projector keeps in MongoDB (esdb-tag-index.ts): readTagged/countTagged read it.
   * Without it the store offers neither (a unit's history then cannot be read).
   */
  tagIndex?: EsdbTagIndex;
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

const NO_TAIL: StreamTail = { head: undefined, headHash: GENESIS_HASH, recent: [] };

/**
 * EventStoreDB adapter.
 *
 * Hash chain: an append seals the new events onto the hash of the stream's last event and appends with
 * that exact revision, so no other writer can slip in between. When the caller said 'any' or 'exists',
 * losing that race is retried (bounded); for an exact revision or 'no-stream' it is a
 * RevisionConflictError. Appends to one stream from this process are serialised in call order.
 *
 * Idempotency: EventStoreDB's own event-id dedupe is a cache (lost on restart, bypassed once the
 * expected revision moved), so the adapter recognises a retry whose events are all among the stream's
 * last `idempotencyWindow` events (default 256). It keeps each appended stream's tail (head revision,
 * head hash, the window's ids and positions; see StreamTails) instead of reading it back before every
 * append: the append goes out at the tail's head revision, and if anyone appended since, the server
 * refuses it and the tail is read again. So a process alone on a stream reads nothing before its appends
 * (a multi-event append reads its own events back once, for their positions), with the same guarantee.
 * LIMITATION: a retry arriving after more than that many newer events in the same stream is not
 * recognised and is written again; ids stored in another stream are not detected either (SQLite
 * refuses both). For exact checks on older events use findEvent, which scans the whole stream.
 *
 * Positions are $all commit positions: increasing, not contiguous; commit = prepare for every event
 * appended over gRPC, so "after N" maps to the real position {commit: N, prepare: N}.
 */
export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb' as const;
  readonly capabilities: EventStoreCapabilities = { contiguousPositions: false };

  private readonly maxRetries: number;
  private readonly maxAppendSize: number;
  private readonly resubscribe: Partial<ResubscribeOptions>;
  private readonly tails: StreamTails;
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly subscriptions = new Set<EsdbSubscription>();
  private closed = false;
  readonly readTagged?: EventStore['readTagged'];
  readonly countTagged?: EventStore['countTagged'];

  constructor(
    private readonly client: EsdbClient,
    options: EsdbEventStoreOptions = {},
  ) {
    const index = options.tagIndex;
    if (index) {
      this.readTagged = (tag, range) => index.readTagged(tag, range);
      this.countTagged = (tag, to) => index.countTagged(tag, to);
    }
    this.maxRetries = options.maxConflictRetries ?? 5;
    this.maxAppendSize = options.maxAppendSize ?? MAX_APPEND_SIZE;
    this.resubscribe = options.resubscribe ?? {};
    this.tails = new StreamTails(options.idempotencyWindow ?? 256, options.tailCacheStreams ?? 256);
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    try {
      validateAppend(streamId, events, expected);
    } catch (error) {
      return Promise.reject(error);
    }
    // Serialise per stream so appends issued together land in call order (as SQLite's group commit does).
    const previous = this.queues.get(streamId) ?? Promise.resolve();
    const run = previous.then(
      () => this.appendNow(streamId, events, expected),
      () => this.appendNow(streamId, events, expected),
    );
    this.queues.set(streamId, run);
    const cleanup = (): void => {
      if (this.queues.get(streamId) === run) this.queues.delete(streamId);
    };
    run.then(cleanup, cleanup);
    return run;
  }

  private async appendNow(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    // A stream this process has not seen: 'no-stream' is tried as is (the server refuses it if the stream
    // exists, and the tail is read then); any other expectation needs the tail's hash and ids first.
    let fresh = false;
    let tail = this.tails.get(streamId) ?? (expected === 'no-stream' ? NO_TAIL : undefined);
    if (!tail) {
      tail = await this.readTail(streamId);
      fresh = true;
    }
    for (let attempt = 0; ;) {
      const duplicate = findDuplicate(streamId, events, tail.recent, fresh);
      if (duplicate === 'stale') {
        tail = await this.readTail(streamId);
        fresh = true;
        continue;
      }
      if (duplicate) return duplicate;
      try {
        checkExpectedRevision(streamId, expected, tail.head);
      } catch (error) {
        if (fresh) throw error;
        tail = await this.readTail(streamId); // another writer may have moved it where the caller expects
        fresh = true;
        continue;
      }
      const sealed = this.seal(streamId, tail, events);
      let written: EsdbAppendResult;
      try {
        written = await this.client.appendToStream(
          streamId,
          events.map((e, i) => {
            const s = sealed[i] as SealedEvent;
            // Send the canonical forms, so what the server stores parses back to exactly what was hashed.
            return jsonEvent({
              id: e.eventId,
              type: e.type,
              data: JSON.parse(s.dataJson) as Record<string, unknown>,
              metadata: JSON.parse(s.metadataJson) as Record<string, unknown>,
            });
          }),
          { expectedRevision: tail.head === undefined ? NO_STREAM : BigInt(tail.head) },
        );
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          // A stale tail is not the caller's conflict: read it again and decide again, uncounted.
          if (fresh) {
            const mayRetry = (expected === 'any' || expected === 'exists') && ++attempt < this.maxRetries;
            if (!mayRetry) throw new RevisionConflictError(streamId, String(expected), actualRevision(error));
          }
          tail = await this.readTail(streamId);
          fresh = true;
          continue;
        }
        this.tails.forget(streamId); // the outcome is unknown: read the tail before the next append
        if (error instanceof MaxAppendSizeExceededError) throw portError(error, { streamId });
        throw error;
      }
      return this.written(streamId, tail, events, sealed, written);
    }
  }

  private seal(streamId: string, tail: StreamTail, events: NewEvent[]): SealedEvent[] {
    const first = tail.head === undefined ? 0 : tail.head + 1;
    let prevHash = tail.headHash;
    const sealed = events.map((e, i) => {
      const s = sealEvent(streamId, first + i, prevHash, e);
      prevHash = s.hash;
      return s;
    });
    checkAppendSize(streamId, events, sealed, this.maxAppendSize);
    return sealed;
  }

  /** The result of a successful append; the tail moves past it. */
  private async written(
    streamId: string,
    tail: StreamTail,
    events: NewEvent[],
    sealed: SealedEvent[],
    written: EsdbAppendResult,
  ): Promise<AppendResult> {
    const first = tail.head === undefined ? 0 : tail.head + 1;
    const count = events.length;
    let positions: number[];
    if (count === 1 && written.position) {
      positions = [positionNumber(written.position, `append to ${streamId}`)];
    } else {
      // The server answers only the last event's position (none when it recognised a retry itself).
      const stored = await this.readStream(streamId, { fromRevision: first, maxCount: count });
      if (stored.length !== count || stored.some((e, i) => e.eventId !== events[i]?.eventId)) {
        this.tails.forget(streamId);
        throw new StoreError(
          'ESDB_READ_BACK',
          `append to ${streamId}: read back ${stored.length} of ${count} events, not the ones appended`,
        );
      }
      positions = stored.map((e) => e.position);
    }
    const appended: TailEvent[] = events.map((e, i) => ({
      eventId: e.eventId,
      revision: first + i,
      position: positions[i] as number,
    }));
    this.tails.appended(streamId, tail, appended, (sealed[count - 1] as SealedEvent).hash);
    return {
      streamId,
      revision: first + count - 1,
      position: positions[count - 1] as number,
      eventIds: events.map((e) => e.eventId),
      positions,
      duplicate: false,
    };
  }

  /** The stream's last `window` events as a tail (what an append needs). */
  private async readTail(streamId: string): Promise<StreamTail> {
    const recent: StoredEvent[] = [];
    try {
      await consume(
        this.client.readStream(streamId, {
          direction: BACKWARDS,
          fromRevision: END,
          maxCount: this.tails.window,
        }),
        (resolved) => {
          const e = toStoredEvent(resolved as ResolvedEvent);
          if (e) recent.push(e);
        },
      );
    } catch (error) {
      if (error instanceof StreamNotFoundError) return NO_TAIL;
      throw error;
    }
    const last = recent[0];
    if (!last) return NO_TAIL;
    const tail: StreamTail = {
      head: last.revision,
      headHash: last.metadata.hash,
      recent: recent
        .reverse()
        .map((e) => ({ eventId: e.eventId, revision: e.revision, position: e.position })),
    };
    this.tails.set(streamId, tail);
    return tail;
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
      await consume(read, (resolved) => {
        const e = toStoredEvent(resolved as ResolvedEvent);
        if (e) out.push(e);
      });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async findEvent(streamId: string, eventId: string): Promise<StoredEvent | null> {
    this.assertOpen();
    let found: StoredEvent | null = null;
    try {
      await consume(
        this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END }),
        (resolved) => {
          if ((resolved as ResolvedEvent).event?.id !== eventId) return true;
          found = toStoredEvent(resolved as ResolvedEvent);
          return false;
        },
      );
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
    return found;
  }

  /**
   * One batch of $all after `after` (exclusive), system events left out. The server read starts at
   * `after` inclusive (an event's position, see the port), so the event at exactly that position is
   * skipped here.
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
      await consume(read, (resolved) => {
        const event = (resolved as AllStreamResolvedEvent).event;
        if (!event || isSystemEvent(event.streamId, event.type)) return true;
        const position = positionNumber(event.position, `event ${event.id}`);
        if (position <= after) return true;
        if (position > to) return false;
        const e = toStoredEvent(resolved as AllStreamResolvedEvent);
        if (e) out.push(e);
        return out.length < limit;
      });
    } catch (error) {
      throw portError(error, { after });
    }
    return out;
  }

  /** Each position read as a one-event read of $all starting exactly there (positions are the server's). */
  async readPositions(positions: readonly number[]): Promise<StoredEvent[]> {
    this.assertOpen();
    const out: StoredEvent[] = [];
    for (const position of positions) {
      let found: StoredEvent | null = null;
      try {
        await consume(
          this.client.readAll({ direction: FORWARDS, fromPosition: toPosition(position), maxCount: 1 }),
          (resolved) => {
            const event = (resolved as AllStreamResolvedEvent).event;
            if (event && positionNumber(event.position, `event ${event.id}`) === position)
              found = toStoredEvent(resolved as AllStreamResolvedEvent);
            return false;
          },
        );
      } catch (error) {
        // Not an event's position (the server refuses to start there): no event to leave in.
        if (isInvalidPosition(error)) continue;
        throw portError(error, { after: position });
      }
      if (found) out.push(found);
    }
    return out;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    let head = 0;
    await consume(this.client.readAll({ direction: BACKWARDS, fromPosition: END }), (resolved) => {
      const event = (resolved as AllStreamResolvedEvent).event;
      if (!event || isSystemEvent(event.streamId, event.type)) return true;
      head = positionNumber(event.position, 'head');
      return false;
    });
    return head;
  }

  subscribe(after: number, handlers: SubscriptionHandlers): Subscription {
    this.assertOpen();
    const sub = new EsdbSubscription(
      this.client,
      after,
      handlers,
      () => this.headPosition(),
      (s) => this.subscriptions.delete(s),
      this.resubscribe,
    );
    this.subscriptions.add(sub);
    return sub;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.allSettled([...this.queues.values()]);
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}

/**
 * The earlier result when every id is among the tail's events; 'stale' when only some are (a tail that
 * was not just read may lack the rest); throws PartialDuplicateError on a fresh tail.
 */
function findDuplicate(
  streamId: string,
  events: NewEvent[],
  recent: TailEvent[],
  fresh: boolean,
): AppendResult | 'stale' | null {
  if (recent.length === 0) return null;
  const byId = new Map(recent.map((e) => [e.eventId, e]));
  const present = events.map((e) => byId.get(e.eventId)).filter((e): e is TailEvent => e !== undefined);
  if (present.length === 0) return null;
  if (present.length < events.length) {
    if (!fresh) return 'stale';
    throw new PartialDuplicateError(streamId);
  }
  const last = present[present.length - 1] as TailEvent;
  return {
    streamId,
    revision: last.revision,
    position: last.position,
    eventIds: events.map((e) => e.eventId),
    positions: present.map((e) => e.position),
    duplicate: true,
  };
}
