/**
 * The serving path's integrity check: an EventStore that checks every event it hands out against its own
 * hash and its predecessor's, so a log edited behind the store's back is never read as if it were whole.
 * The API's readers (command handling, as-of/explain/what-if, audit) and the projection runner all read
 * through it.
 *
 * Per event: its own hash recomputed (one sha256 over its canonical JSON); its `prevHash` equal to the
 * hash of the stream's previous revision; revisions contiguous; on a store with contiguous positions,
 * positions contiguous; on a store with a log chain, its `logHash` chaining from the previous position's.
 * The predecessor of the first event of a read comes from what this process already verified (the last
 * verified revision of each stream, bounded) or is read once (its own hash checked too).
 *
 * A failure is remembered (by stream, or for the whole log), the read throws IntegrityError (a
 * subscription delivers the events before it, then stops with it), and appends to a broken stream (any
 * append when the log itself is broken) are refused before they reach the store. Not detected here: a
 * stream re-hashed consistently from some revision on, with the log chain recomputed too, when no
 * earlier read of this process saw the old hashes (the signed digests and the start-up anchor are for
 * that; see docs/ARCHITECTURE.md).
 */
import { IntegrityError, type IntegrityFailure } from '../errors.js';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  Subscription,
  SubscriptionHandlers,
} from '../event-store.port.js';
import { GENESIS_HASH, hashMatches, logChainHash } from './hash-chain.js';

/** What this process knows to be the verified end of a stream. */
interface Verified {
  revision: number;
  hash: string;
  position: number;
}

export interface VerifyingEventStoreOptions {
  /** Streams whose last verified revision is remembered (least recently used out). Default 100,000. */
  streamCacheSize?: number;
}

/** What readiness, the ranking reads and the audit routes ask. */
export interface LogIntegrity {
  /** Every failure found so far: the first per stream, and the first of the log as a whole. */
  failures(): IntegrityFailure[];
  /** The failure that affects this stream: its own, or the log's. */
  failureOf(streamId: string): IntegrityFailure | undefined;
  /** Records a failure found elsewhere (the start-up check, a sealed digest that no longer matches). */
  record(failure: IntegrityFailure): void;
  /** The store underneath, for the tools that report on a broken log rather than refuse it (verify). */
  readonly unverified: EventStore;
}

/** A position that does not follow the previous one (contiguously, on stores whose positions are). */
function positionFailure(
  e: StoredEvent,
  previous: number,
  contiguous: boolean,
): IntegrityFailure | undefined {
  if (contiguous ? e.position === previous + 1 : e.position > previous) return undefined;
  return contiguous && e.position > previous
    ? {
        problem: 'gap',
        scope: 'log',
        position: previous + 1,
        detail: `position ${previous + 1} is missing from the log (position ${e.position} follows ${previous})`,
      }
    : {
        problem: 'reordered',
        scope: 'log',
        ...at(e),
        detail: `position ${e.position} comes after position ${previous}`,
      };
}

/** What revision 0 links to. */
const GENESIS = { hash: GENESIS_HASH, position: 0 };

function safeHashMatches(e: StoredEvent): boolean {
  try {
    return hashMatches(e);
  } catch {
    return false;
  }
}

function at(e: StoredEvent): Pick<IntegrityFailure, 'streamId' | 'revision' | 'position' | 'eventId'> {
  return { streamId: e.streamId, revision: e.revision, position: e.position, eventId: e.eventId };
}

function altered(e: StoredEvent): IntegrityFailure {
  return {
    problem: 'altered',
    scope: 'stream',
    ...at(e),
    detail: `stream ${e.streamId} revision ${e.revision} (position ${e.position}): content does not match its hash`,
  };
}

export class VerifyingEventStore implements EventStore, LogIntegrity {
  readonly kind: EventStore['kind'];
  readonly capabilities: EventStore['capabilities'];
  readonly findEvent?: EventStore['findEvent'];
  readonly readPositions?: EventStore['readPositions'];
  readonly confirmedHashes?: EventStore['confirmedHashes'];
  readonly streamRevision?: EventStore['streamRevision'];
  readonly notifyAppended?: EventStore['notifyAppended'];
  readonly probeWrite?: EventStore['probeWrite'];

  private readonly streams = new Map<string, Verified>();
  private readonly streamCacheSize: number;
  /** The last position this process verified the log chain up to, with its log hash. */
  private logTail: { position: number; logHash: string } | undefined;
  private readonly broken = new Map<string, IntegrityFailure>();
  private logBroken: IntegrityFailure | undefined;

  constructor(
    readonly unverified: EventStore,
    options: VerifyingEventStoreOptions = {},
  ) {
    this.kind = unverified.kind;
    this.capabilities = unverified.capabilities;
    this.streamCacheSize = options.streamCacheSize ?? 100_000;
    unverified.enableRowHashes?.();
    if (unverified.probeWrite) this.probeWrite = unverified.probeWrite.bind(unverified);
    const find = unverified.findEvent?.bind(unverified);
    if (find) {
      this.findEvent = async (streamId, eventId) => {
        const event = await find(streamId, eventId);
        if (event && !safeHashMatches(event)) this.fail(altered(event));
        return event;
      };
    }
    // A revision only: nothing read that could need checking (events are checked when read).
    if (unverified.streamRevision) this.streamRevision = unverified.streamRevision.bind(unverified);
    if (unverified.notifyAppended) this.notifyAppended = unverified.notifyAppended.bind(unverified);
    const at = unverified.readPositions?.bind(unverified);
    if (at) {
      // Read out of order, so each event is checked against its own hash (as findEvent is).
      this.readPositions = async (positions) => {
        const events = await at(positions);
        for (const event of events) if (!safeHashMatches(event)) this.fail(altered(event));
        return events;
      };
    }
    // A hash confirmed from the stored bytes is the check itself (what hashMatches accepts from a row hash);
    // an unconfirmed row is left out, for the caller to read through readPositions above.
    if (unverified.confirmedHashes) this.confirmedHashes = unverified.confirmedHashes.bind(unverified);
  }

  failures(): IntegrityFailure[] {
    return [...(this.logBroken ? [this.logBroken] : []), ...this.broken.values()];
  }

  failureOf(streamId: string): IntegrityFailure | undefined {
    const own = this.broken.get(streamId);
    const log = this.logBroken;
    if (!own || !log) return own ?? log;
    // The earlier of the two: the first place the log is known to go wrong for this stream.
    return (log.position ?? Infinity) < (own.position ?? Infinity) ? log : own;
  }

  record(failure: IntegrityFailure): void {
    if (failure.scope === 'log' || failure.streamId === undefined) this.logBroken ??= failure;
    else if (!this.broken.has(failure.streamId)) this.broken.set(failure.streamId, failure);
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const failure = this.failureOf(streamId);
    if (failure) throw new IntegrityError(failure, streamId);
    const result = await this.unverified.append(streamId, events, expected);
    if (result.hash !== undefined && !result.duplicate) {
      this.remember(streamId, { revision: result.revision, hash: result.hash, position: result.position });
    }
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const events = await this.unverified.readStream(streamId, options);
    const failure = await this.checkStream(streamId, options.fromRevision ?? 0, events);
    if (failure) this.fail(failure);
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const events = await this.unverified.readAll(options);
    const { failure } = await this.checkLog(options.after ?? 0, events);
    if (failure) this.fail(failure);
    return events;
  }

  headPosition(): Promise<number> {
    return this.unverified.headPosition();
  }

  /** Delivers each batch once checked; at a broken event, delivers the events before it and stops with the failure. */
  subscribe(after: number, handlers: SubscriptionHandlers): Subscription {
    let previous = after;
    let stopped = false;
    const subscription = this.unverified.subscribe(after, {
      ...handlers,
      onEvents: async (events) => {
        if (stopped) return;
        const { good, failure } = await this.checkLog(previous, events);
        if (good.length > 0) {
          await handlers.onEvents(good);
          previous = (good[good.length - 1] as StoredEvent).position;
        }
        if (failure) {
          stopped = true;
          this.record(failure);
          // Thrown into the store's delivery loop: the subscription ends and reports it through onError.
          throw new IntegrityError(failure);
        }
      },
    });
    return {
      close: async () => {
        stopped = true;
        await subscription.close();
      },
    };
  }

  close(): Promise<void> {
    return this.unverified.close();
  }

  private fail(failure: IntegrityFailure): never {
    this.record(failure);
    throw new IntegrityError(failure);
  }

  private remember(streamId: string, verified: Verified): void {
    const known = this.streams.get(streamId);
    if (known && known.revision >= verified.revision) return;
    this.streams.delete(streamId); // re-inserted last: the map's order is least recently used first
    this.streams.set(streamId, verified);
    if (this.streams.size > this.streamCacheSize) {
      this.streams.delete(this.streams.keys().next().value as string);
    }
  }

  /**
   * The hash the event at `revision` of a stream must link to, from what this process verified or from
   * one read of the predecessor (its own hash checked); a failure when the predecessor is missing or broken.
   */
  private async predecessorHash(
    streamId: string,
    revision: number,
    seen: Verified | undefined,
  ): Promise<{ hash: string; position: number } | IntegrityFailure> {
    if (revision === 0) return { hash: GENESIS_HASH, position: 0 };
    if (seen?.revision === revision - 1) return seen;
    const [previous] = await this.unverified.readStream(streamId, {
      fromRevision: revision - 1,
      maxCount: 1,
    });
    if (!previous || previous.revision !== revision - 1) {
      return {
        problem: 'removed',
        scope: 'stream',
        streamId,
        revision: revision - 1,
        detail: `stream ${streamId} revision ${revision - 1} is missing; revision ${revision} follows it`,
      };
    }
    if (!safeHashMatches(previous)) return altered(previous);
    return { hash: previous.metadata.hash, position: previous.position };
  }

  /** One event's own hash and its link to its predecessor (which may have been re-hashed). */
  private linkFailure(
    e: StoredEvent,
    predecessor: { hash: string; position: number },
  ): IntegrityFailure | undefined {
    if (!safeHashMatches(e)) return altered(e);
    if (e.metadata.prevHash === predecessor.hash) return undefined;
    if (e.revision === 0) {
      return {
        problem: 'altered',
        scope: 'stream',
        ...at(e),
        detail: `stream ${e.streamId} revision 0 (position ${e.position}) does not link to the genesis hash`,
      };
    }
    return {
      problem: 'altered',
      scope: 'stream',
      streamId: e.streamId,
      revision: e.revision - 1,
      position: predecessor.position,
      detail:
        `stream ${e.streamId} revision ${e.revision - 1} (position ${predecessor.position}) was changed and ` +
        `re-hashed: revision ${e.revision} (position ${e.position}) links to a different hash`,
    };
  }

  private async checkStream(
    streamId: string,
    fromRevision: number,
    events: StoredEvent[],
  ): Promise<IntegrityFailure | undefined> {
    const first = events[0];
    if (!first) return undefined;
    let previous: { hash: string; position: number } | IntegrityFailure;
    if (first.revision !== fromRevision) {
      return {
        problem: 'removed',
        scope: 'stream',
        streamId,
        revision: fromRevision,
        detail: `stream ${streamId} revision ${fromRevision} is missing; revision ${first.revision} comes first`,
      };
    }
    previous = await this.predecessorHash(streamId, fromRevision, this.streams.get(streamId));
    if ('problem' in previous) return previous;
    let last = first;
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as StoredEvent;
      if (e.revision !== fromRevision + i) {
        const expected = fromRevision + i;
        if (e.revision < expected) {
          return {
            problem: 'reordered',
            scope: 'stream',
            streamId,
            revision: expected,
            detail: `stream ${streamId}: revision ${e.revision} (position ${e.position}) where revision ${expected} belongs`,
          };
        }
        return this.removedBetween(streamId, expected, last.position, e);
      }
      if (i > 0 && e.position <= last.position) {
        return {
          problem: 'reordered',
          scope: 'stream',
          ...at(e),
          detail: `stream ${streamId}: revision ${e.revision} (position ${e.position}) comes before revision ${last.revision} (position ${last.position})`,
        };
      }
      const failure = this.linkFailure(e, previous);
      if (failure) return failure;
      previous = { hash: e.metadata.hash, position: e.position };
      last = e;
    }
    this.remember(streamId, { revision: last.revision, hash: last.metadata.hash, position: last.position });
    return undefined;
  }

  /**
   * Revision `revision` of a stream is missing between its neighbours: on a store with contiguous positions
   * the first position missing between them is where it was (one read, only on failure).
   */
  private async removedBetween(
    streamId: string,
    revision: number,
    afterPosition: number,
    next: StoredEvent,
  ): Promise<IntegrityFailure> {
    let position: number | undefined;
    if (this.capabilities.contiguousPositions && next.position - afterPosition > 1) {
      const between = await this.unverified.readAll({
        after: afterPosition,
        to: next.position - 1,
        batchSize: next.position - afterPosition,
      });
      position = afterPosition + 1;
      for (const e of between) {
        if (e.position !== position) break;
        position += 1;
      }
      if (position >= next.position) position = undefined;
    }
    return {
      problem: 'removed',
      scope: 'stream',
      streamId,
      revision,
      ...(position === undefined ? {} : { position }),
      detail:
        `stream ${streamId} revision ${revision} is missing` +
        (position === undefined ? '' : ` (it was at position ${position})`) +
        `; revision ${next.revision} (position ${next.position}) follows revision ${revision - 1} (position ${afterPosition})`,
    };
  }

  /** The stored log hash at `position` (0: the genesis), read when it is not the last one this process verified. */
  private async logHashAt(position: number): Promise<string | IntegrityFailure> {
    if (position === 0) return GENESIS_HASH;
    if (this.logTail?.position === position) return this.logTail.logHash;
    const [event] = await this.unverified.readAll({ after: position - 1, to: position, batchSize: 1 });
    if (!event || event.position !== position) {
      return {
        problem: 'gap',
        scope: 'log',
        position,
        detail: `position ${position} is missing from the log`,
      };
    }
    return event.logHash ?? '';
  }

  /**
   * Checks a batch of the log read after `after`. Returns the events before the first failure (all of
   * them when there is none) and the failure.
   */
  private async checkLog(
    after: number,
    events: StoredEvent[],
  ): Promise<{ good: StoredEvent[]; failure?: IntegrityFailure }> {
    if (events.length === 0) return { good: events };
    const { contiguousPositions, logChain } = this.capabilities;
    let logHash = '';
    if (logChain) {
      const anchor = await this.logHashAt(after);
      if (typeof anchor !== 'string') return { good: [], failure: anchor };
      logHash = anchor;
    }
    const inBatch = new Map<string, Verified>();
    let previous = after;
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as StoredEvent;
      const misplaced = positionFailure(e, previous, contiguousPositions);
      if (misplaced) return { good: events.slice(0, i), failure: misplaced };
      // The predecessor is usually known (earlier in the batch, or verified before): no promise per event.
      const seen = inBatch.get(e.streamId) ?? this.streams.get(e.streamId);
      const predecessor =
        e.revision === 0
          ? GENESIS
          : seen?.revision === e.revision - 1
            ? seen
            : await this.predecessorHash(e.streamId, e.revision, seen);
      const failure =
        'problem' in predecessor
          ? predecessor
          : this.checkLogEvent(e, previous, logHash, predecessor, logChain);
      if (failure) return { good: events.slice(0, i), failure };
      inBatch.set(e.streamId, { revision: e.revision, hash: e.metadata.hash, position: e.position });
      previous = e.position;
      if (logChain) logHash = e.logHash as string;
    }
    for (const [streamId, verified] of inBatch) this.remember(streamId, verified);
    if (logChain) this.logTail = { position: previous, logHash };
    return { good: events };
  }

  private checkLogEvent(
    e: StoredEvent,
    previous: number,
    logHash: string,
    predecessor: { hash: string; position: number },
    logChain: boolean | undefined,
  ): IntegrityFailure | undefined {
    const failure = this.linkFailure(e, predecessor);
    if (failure) return failure;
    if (logChain && e.logHash !== logChainHash(logHash, e.metadata.hash)) {
      return {
        problem: 'rewritten',
        scope: 'log',
        ...at(e),
        detail:
          `the log chain does not lead from position ${previous} to stream ${e.streamId} revision ${e.revision} ` +
          `(position ${e.position}): it was moved, changed and re-hashed, or an event before it was removed`,
      };
    }
    return undefined;
  }
}
