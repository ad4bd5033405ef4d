import {
  type AppendResult,
  EventIdConflictError,
  type EventStore,
  type NewEvent,
  type NewEventMetadata,
  RevisionConflictError,
  type StoredEvent,
} from '@thidua/event-store';
import type { CommandResult } from './command-result.js';
import { type Decider, DomainError, upcastEvent } from '@thidua/domain';
import { deterministicUuid } from './deterministic-id.js';
import { StateCache } from './state-cache.js';

/** The stream as the decision sees it: its revision, and (on demand) the committed events up to it. */
export interface LoadedStream {
  revision: number;
  /**
   * The stream's events 0..revision, e.g. for a handler that must evaluate exactly what it decides on
   * (a period's sealed ranking). Waits for this process's appends in flight on the stream; if the
   * store still disagrees with the decided state, throws a RevisionConflictError (retried).
   */
  events(): Promise<StoredEvent[]>;
}

export interface ExecuteOptions<Ctx> {
  streamId: string;
  metadata: NewEventMetadata;
  /** Per event type: overrides `metadata.schemaVersion` for each produced event. */
  schemaVersionOf?: (type: string) => number;
  /** From If-Match: the client's expected revision (-1 = no stream). A mismatch is a 409, not retried. */
  expectedRevision?: number;
  /** Idempotency-Key scoped to the caller; `metadata.requestHash` must be set with it. */
  idempotencyKey?: string;
  /** Loaded afresh on every attempt (inside the stream's turn): facts the decision needs from other streams. */
  context?: (loaded: LoadedStream) => Promise<Ctx>;
  /** Fresh ids for the produced events when there is no idempotency key. */
  newId: () => string;
}

/**
 * read → evolve → decide → append, with the decided state cached by revision and a bounded
 * retry when another writer got there first (DESIGN.md §3: contention is human-scale).
 */
export class DeciderRunner {
  constructor(
    private readonly store: EventStore,
    private readonly cache = new StateCache(),
    private readonly maxAttempts = 5,
  ) {}

  private readonly tails = new Map<string, Promise<void>>();
  /** Per stream: settles when every append this process has issued on it so far has settled. */
  private readonly inflight = new Map<string, Promise<unknown>>();

  async execute<S, C, E extends { type: string; data: object }, Ctx>(
    decider: Decider<C, S, E, Ctx>,
    command: C,
    options: ExecuteOptions<Ctx>,
  ): Promise<CommandResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(decider, command, options);
      } catch (error) {
        if (error instanceof RevisionConflictError) this.cache.delete(options.streamId);
        const retry =
          error instanceof RevisionConflictError &&
          options.expectedRevision === undefined &&
          attempt < this.maxAttempts;
        if (!retry) throw error;
      }
    }
  }

  /**
   * Commands on one stream decide one after another, each on the state its predecessors left,
   * but none waits for the predecessor's fsync: the appends join the store's group commit and
   * each is still checked against its own expected revision. Only another process can conflict.
   */
  private async attempt<S, C, E extends { type: string; data: object }, Ctx>(
    decider: Decider<C, S, E, Ctx>,
    command: C,
    options: ExecuteOptions<Ctx>,
  ): Promise<CommandResult> {
    const { streamId } = options;
    let appended: Promise<AppendResult>;
    const unlock = await this.lock(streamId);
    try {
      const replay = await this.replayIfSeen(options);
      if (replay) return replay;
      // The decided stream's cached state is taken without a revision probe: the append's expected revision
      // checks it (a stale cache fails the append, which is retried on the stream read afresh). A refusal or
      // an empty decision appends nothing that would check it, so those are probed before they are answered.
      const unchecked =
        options.expectedRevision === undefined && this.store.streamRevision
          ? this.cache.get<S>(streamId)
          : undefined;
      const { revision, state } = unchecked ?? (await this.load(decider, streamId));
      if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
        throw new RevisionConflictError(
          streamId,
          String(options.expectedRevision),
          revision < 0 ? 'no-stream' : revision,
        );
      }
      const loaded: LoadedStream = { revision, events: () => this.committedEvents(streamId, revision) };
      const context = (options.context ? await options.context(loaded) : undefined) as Ctx;
      let decided: E[];
      try {
        decided = decider.decide(command, state, context);
      } catch (error) {
        if (unchecked) await this.checkCached(streamId, revision);
        // The same key as a command decided just before whose append is still in flight: the state seen
        // here already holds its events, so the decider refuses a repeat of it. Once that append is
        // committed this request is a replay, and answers as the first one did.
        if (!(error instanceof DomainError) || !options.idempotencyKey) throw error;
        await this.inflight.get(streamId);
        const replay = await this.replayIfSeen(options);
        if (replay) return replay;
        throw error;
      }
      if (decided.length === 0) {
        if (unchecked) await this.checkCached(streamId, revision);
        return { streamId, revision, position: 0, eventIds: [] };
      }
      const events: NewEvent[] = decided.map((e, i) => ({
        eventId: options.idempotencyKey ? idempotentEventId(options, i) : options.newId(),
        type: e.type,
        data: e.data as Record<string, unknown>,
        metadata: options.schemaVersionOf
          ? { ...options.metadata, schemaVersion: options.schemaVersionOf(e.type) }
          : options.metadata,
      }));
      appended = this.store.append(streamId, events, revision < 0 ? 'no-stream' : revision);
      this.track(streamId, appended);
      // Speculative: the next command on this stream decides on top of these events.
      this.cache.set(streamId, {
        revision: revision + events.length,
        state: decided.reduce(decider.evolve, state),
      });
    } finally {
      unlock();
    }
    let result: AppendResult;
    try {
      result = await appended;
    } catch (error) {
      this.cache.delete(streamId);
      // The key's deterministic event ids already name events of another stream: another request.
      if (error instanceof EventIdConflictError && options.idempotencyKey) throw keyReused();
      throw error;
    }
    if (result.duplicate) {
      this.cache.delete(streamId);
      const again = await this.replayIfSeen(options);
      if (again) return again;
    }
    return { streamId, revision: result.revision, position: result.position, eventIds: result.eventIds };
  }

  /**
   * A decision taken on the cached state without a probe, answered without an append: a conflict (retried
   * on the stream read afresh) when another process appended meanwhile, so no refusal rests on a stale state.
   */
  private async checkCached(streamId: string, revision: number): Promise<void> {
    if (this.inflight.has(streamId)) return; // this process's appends check it
    const current = await this.store.streamRevision!(streamId);
    if (current !== revision)
      throw new RevisionConflictError(streamId, String(revision), current < 0 ? 'no-stream' : current);
  }

  private track(streamId: string, appended: Promise<unknown>): void {
    const settled = appended.then(
      () => undefined,
      () => undefined,
    );
    const previous = this.inflight.get(streamId);
    const all = previous ? Promise.all([previous, settled]) : settled;
    this.inflight.set(streamId, all);
    void all.then(() => {
      if (this.inflight.get(streamId) === all) this.inflight.delete(streamId);
    });
  }

  private async committedEvents(streamId: string, revision: number): Promise<StoredEvent[]> {
    await this.inflight.get(streamId);
    const events: StoredEvent[] = [];
    while (events.length <= revision) {
      const batch = await this.store.readStream(streamId, {
        fromRevision: events.length,
        maxCount: Math.min(1000, revision + 1 - events.length),
      });
      if (batch.length === 0) break;
      events.push(...batch);
    }
    // An earlier append of this process failed after the state was decided on it: decide again.
    if (events.length !== revision + 1)
      throw new RevisionConflictError(streamId, String(revision), events.length - 1);
    return events;
  }

  private async lock(streamId: string): Promise<() => void> {
    const previous = this.tails.get(streamId) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(streamId, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(streamId) === tail) this.tails.delete(streamId);
    };
  }

  /**
   * The decided state of a stream: the cached one, checked against the stream's revision (no event read)
   * — or, with appends of this process still in flight on it, taken as it is (the appends' expected
   * revisions check it); caught up from the cached revision only when someone else appended.
   */
  async load<S, C, E extends { type: string; data: object }, Ctx>(
    decider: Decider<C, S, E, Ctx>,
    streamId: string,
  ): Promise<{ revision: number; state: S }> {
    const hit = this.cache.get<S>(streamId);
    if (hit && this.store.streamRevision) {
      if (this.inflight.has(streamId) || (await this.store.streamRevision(streamId)) === hit.revision)
        return hit;
    }
    const cached = hit ?? { revision: -1, state: decider.initialState };
    let { revision, state } = cached;
    for (;;) {
      const batch = await this.store.readStream(streamId, { fromRevision: revision + 1, maxCount: 1000 });
      // Stored events older than their type's schema version are upcast (never rewritten).
      for (const event of batch) state = decider.evolve(state, upcastEvent(event) as unknown as E);
      if (batch.length > 0) revision = batch[batch.length - 1]!.revision;
      if (batch.length < 1000) break;
    }
    // Cached even when nothing was read: a stream that does not exist yet (an organizer's window that was
    // never recorded, read by every score) then costs one revision probe, not a read, per command.
    if (revision !== cached.revision || !hit) this.cache.set(streamId, { revision, state });
    return { revision, state };
  }

  /** Same key and body: the first answer again, nothing written. Same key, other body: refused. */
  private async replayIfSeen<Ctx>(options: ExecuteOptions<Ctx>): Promise<CommandResult | null> {
    if (!options.idempotencyKey || !this.store.findEvent) return null;
    const first = await this.store.findEvent(options.streamId, idempotentEventId(options, 0));
    if (!first) return null;
    if (first.metadata.requestHash !== options.metadata.requestHash) throw keyReused();
    const following = await this.store.readStream(options.streamId, {
      fromRevision: first.revision,
      maxCount: 100,
    });
    const mine: StoredEvent[] = [];
    for (const e of following) {
      if (e.eventId !== idempotentEventId(options, mine.length)) break;
      mine.push(e);
    }
    const last = mine[mine.length - 1]!;
    return {
      streamId: options.streamId,
      revision: last.revision,
      position: last.position,
      eventIds: mine.map((e) => e.eventId),
    };
  }
}

function keyReused(): DomainError {
  return new DomainError(
    'IDEMPOTENCY_KEY_REUSED',
    'this Idempotency-Key was already used with a different request',
    'unprocessable',
    'Idempotency-Key',
  );
}

function idempotentEventId(options: ExecuteOptions<unknown>, index: number): string {
  return deterministicUuid(`${options.metadata.actor.id}\u0000${options.idempotencyKey}\u0000${index}`);
}
