import type { Actor, Integer } from '@thidua/domain';

/**
 * The event-store port (DESIGN.md §3). Every adapter (SQLite, EventStoreDB) satisfies the
 * same contract suite in `contract/event-store.contract.ts`.
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
  eventId: string; // uuid; re-appending the same id is idempotent
  type: string; // past tense, explicit string, never a class name
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
}

export interface ReadStreamOptions {
  fromRevision?: number; // inclusive, default 0
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events with position > after. Default 0 (from the start). */
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
  /** Called when delivery failed (handler threw or the store failed); the subscription then stops. */
  onError?(error: unknown): void;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface EventStoreCapabilities {
  /** Positions are 1, 2, 3, … with no gap (SQLite); EventStoreDB positions are only increasing. */
  contiguousPositions: boolean;
}

export interface EventStore {
  readonly kind: 'sqlite' | 'esdb';
  readonly capabilities: EventStoreCapabilities;
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** One batch of the global log; loop with `after = last.position` until it returns []. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** One event of a stream by id (durable idempotency checks), or null. */
  findEvent?(streamId: string, eventId: string): Promise<StoredEvent | null>;
  /** Position of the last event in the log, 0 when empty. */
  headPosition(): Promise<number>;
  /** Catch up from `after` (exclusive), then follow live appends. */
  subscribe(after: number, handlers: SubscriptionHandlers): Subscription;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
