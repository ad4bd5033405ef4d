import type { Actor, Integer } from '@thidua/domain';

/**
 * The event-store port (DESIGN.md §3). Every adapter (SQLite, EventStoreDB) satisfies the
 * same contract suite in `testing/event-store.contract.ts`.
 *
 * Positions a caller may start after (`readAll({ after })`, `subscribe(after)`): 0 (the start of the
 * log) or the position of an event this store returned (from an append, a read or a subscription).
 * EventStoreDB positions are byte offsets in its log: a number between two events' positions is no
 * position at all, and servers from 24.x refuse it (INVALID_POSITION). SQLite happens to accept any
 * integer; callers must not rely on it. `to` (inclusive upper bound) may be any number.
 */

/** Who caused an event (always taken from the verified token, never from a request body): the domain's. */
export type { Actor, Role } from '@thidua/domain';

/** Metadata supplied by the writer. The store adds `prevHash` and `hash`. */
export interface NewEventMetadata {
  actor: Actor;
  occurredAt: string; // ISO-8601, from the command, never read from a clock in the domain
  correlationId: string;
  causationId: string;
  schemaVersion: Integer;
  reason?: string;
  /** sha256 of the request that produced the event (Idempotency-Key checks), when there was one. */
  requestHash?: string;
}

export interface EventMetadata extends NewEventMetadata {
  prevHash: string;
  hash: string;
}

export type EventData = Record<string, unknown>;

export interface NewEvent {
  /** A lower-case UUID (not the nil one); re-appending the same id is idempotent. */
  eventId: string;
  /** Past tense, explicit string, never a class name; never beginning with `$` (reserved). */
  type: string;
  data: EventData;
  metadata: NewEventMetadata;
}

export interface StoredEvent {
  eventId: string;
  type: string;
  streamId: string;
  revision: Integer; // per stream, from 0
  position: Integer; // global, strictly increasing (contiguous from 1 on SQLite)
  data: EventData;
  metadata: EventMetadata;
  /**
   * Stores with a log-wide chain (SQLite): sha256hex(previous event's logHash ‖ metadata.hash) in position
   * order from 64 zeros, so the order across streams is hashed (integrity/hash-chain.ts `logChainHash`).
   */
  logHash?: string;
}

/** Expected state of the stream before the append. A number is the exact current revision. */
export type ExpectedRevision = 'no-stream' | 'any' | 'exists' | number;

export interface AppendResult {
  streamId: string;
  /** Revision of the last event of this append. */
  revision: number;
  /** Global position of the last event of this append. */
  position: number;
  eventIds: string[];
  /** Positions of each appended event, in order. */
  positions: number[];
  /** True when every event id was already stored: nothing was written. */
  duplicate: boolean;
  /** Hash of the last event of this append, when the adapter has it at hand (SQLite). */
  hash?: string;
}

export interface ReadStreamOptions {
  fromRevision?: number; // inclusive, default 0
  maxCount?: number;
}

export interface ReadAllOptions {
  /**
   * Exclusive: events with position > after. Default 0 (from the start). 0 or the position of an event
   * the store returned, nothing else (see the top of this file): INVALID_POSITION otherwise.
   */
  after?: number;
  /** Inclusive upper bound. */
  to?: number;
  batchSize?: number;
}

export interface SubscriptionHandlers {
  /** Called with ordered batches; the next batch is not delivered until this resolves. */
  onEvents(events: StoredEvent[]): Promise<void>;
  /** Called once when the subscription first reaches the head (may be called again after falling behind). */
  onCaughtUp?(position: number): void;
  /**
   * Called when delivery failed for good: a handler threw (a poison event), an event could not be read
   * (not a ledger event), or the start position is invalid. The subscription then stops.
   */
  onError?(error: unknown): void;
  /**
   * The connection to the store dropped (a node shut down, the network, the server ended the stream).
   * The subscription resubscribes by itself from the last delivered position, with bounded exponential
   * back-off; this is called once per failed attempt. Stores without a connection never call it.
   */
  onInterrupted?(outage: SubscriptionOutage): void;
  /** The subscription is connected again after an outage (called once per outage). */
  onResumed?(): void;
}

/** One failed attempt of a subscription to stay connected. */
export interface SubscriptionOutage {
  /** 1 for the drop, then 2, 3, … for each failed resubscription. */
  attempt: number;
  /** Delay before the next attempt. */
  retryInMs: number;
  /** ISO-8601 time the outage began. */
  since: string;
  error: unknown;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface EventStoreCapabilities {
  /** Positions are 1, 2, 3, … with no gap (SQLite); EventStoreDB positions are only increasing. */
  contiguousPositions: boolean;
  /** Every event carries `logHash`, chaining the whole log in position order (SQLite). */
  logChain?: boolean;
}

export interface EventStore {
  readonly kind: 'sqlite' | 'esdb';
  readonly capabilities: EventStoreCapabilities;
  /**
   * Appends atomically. Refused before anything is written: a stream id or type beginning with `$`
   * (RESERVED_NAME), an id that is not a lower-case UUID (INVALID_EVENT_ID), an append over 1 MiB as
   * EventStoreDB counts it (APPEND_TOO_LARGE), any other malformed append (INVALID_APPEND).
   */
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** One batch of the global log; loop with `after = last.position` until it returns []. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** One event of a stream by id (durable idempotency checks), or null. */
  findEvent?(streamId: string, eventId: string): Promise<StoredEvent | null>;
  /**
   * The events at these positions (each an event's position, as the store returned it), in the order
   * asked; a position with no event is left out. For indexes kept beside the log (a unit's history).
   */
  readPositions?(positions: readonly number[]): Promise<StoredEvent[]>;
  /**
   * The stream's last committed revision (-1: no stream), without reading its events: a caller holding
   * state decided up to that revision knows it is current (SQLite: one probe of the (stream, revision)
   * index). Absent: callers read the stream from their revision on.
   */
  streamRevision?(streamId: string): Promise<number>;
  /**
   * Appends were committed through another connection (another thread of this process): subscriptions
   * look for them now instead of at their next poll (SQLite). Without it they are found by polling.
   */
  notifyAppended?(): void;
  /** Position of the last event in the log, 0 when empty. */
  headPosition(): Promise<number>;
  /** Check each row against its stored hash from its stored bytes while reading (cheaper check; SQLite). */
  enableRowHashes?(): void;
  /** Commits one tiny write outside the log; throws a StorageError while the storage takes no writes (SQLite). */
  probeWrite?(): Promise<void>;
  /** Catch up from `after` (exclusive; 0 or an event's position), then follow live appends. */
  subscribe(after: number, handlers: SubscriptionHandlers): Subscription;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
