import type { StoredEvent } from '@thidua/event-store';
import {
  DomainError,
  foldYearEvent,
  initialYearFold,
  releasePeriod,
  type PeriodCode,
  type YearFold,
} from '@thidua/domain';
import type { ProjectionView } from '../projection.js';

export interface FoldCacheLimits {
  /** Streams kept (least recently used evicted first). */
  maxStreams: number;
  /**
   * Events held, over all kept folds (YearFold.held: a fold's memory grows with its score entries), plus
   * what callers keep beside the folds, in the same unit (see release).
   */
  maxEvents: number;
  /**
   * Events folded through the cache after which a stream not used since is evicted, whatever the other
   * limits (default: none). A cluster-year of a year gone by keeps its members, schemes and what its
   * released periods kept; at 1M events every stream of the log fit under maxStreams, so those folds were
   * a growing part of what a rebuild holds. Counted in uses, not positions: a rebuild from 0 beside the
   * live generation shares the cache, and neither evicts the other's folds by being further on.
   */
  maxIdle?: number;
}

/** About what one held event costs in memory (an untraced score entry with its strings and map slot). */
export const BYTES_PER_EVENT = 250;

/**
 * Uses of the cache (events folded) after which an unused stream is evicted: far more than a cluster-year
 * is left alone between two of its sittings while its year runs (the bench log: ≈ 50,000), so what it
 * evicts is a year gone by; a late event on it reads the stream once.
 */
export const IDLE_EVENTS = 200_000;

/**
 * Enough for every cluster-year active at once in a realistic log (the clusters of a year: their open
 * periods' entries, and the rankings kept for their closed periods), so a rebuild in position order folds
 * each stream once; years gone by are evicted first. A miss costs one read of the stream up to the
 * event. At BYTES_PER_EVENT this bounds the folds to about 75 MiB.
 */
export const DEFAULT_FOLD_CACHE_LIMITS: FoldCacheLimits = {
  maxStreams: 1024,
  maxEvents: 300_000,
  maxIdle: IDLE_EVENTS,
};

/** A fold, the hash of its last event (the store's hash chain links the next event to it), what a caller keeps with it. */
interface Cached {
  fold: YearFold;
  lastHash: string | undefined;
  /** Weight of what the caller keeps beside the fold (release), in held events. */
  kept: number;
}

/** A stream's folds and when the cache last used it (in uses: see FoldCacheLimits.maxIdle). */
type Kept = Cached[] & { used?: number };

/**
 * The evaluator's year folds of recently seen cluster-year streams (the projection owns them: see
 * YearFold). An event extends a fold only when the fold provably precedes it: the fold's last event is
 * at the previous revision and its hash is the event's `prevHash`. Otherwise (a restart, an eviction, a
 * redelivered batch, a rebuild from 0 beside the live generation) the fold is made again: from nothing
 * for revision 0, else from the stream read once up to the event. Up to two folds per stream are kept,
 * so a rebuild and the live generation, which run through the same projection at the same time, each
 * extend their own instead of evicting each other's.
 */
export class FoldCache {
  private readonly streams = new Map<string, Kept>();
  /** Uses of the cache so far (the clock of maxIdle). */
  private uses = 0;
  /** The use at which the least recently used stream passes maxIdle. */
  private idleAt = Infinity;
  private total = 0;
  /** The stream used last (last in `streams`). */
  private latest: string | undefined;
  /** Stream reads made (for tests: proves folds are reused). */
  reads = 0;

  constructor(private readonly limits: FoldCacheLimits = DEFAULT_FOLD_CACHE_LIMITS) {}

  /**
   * The fold of the event's stream up to and including `event`. The cache goes on changing it in place
   * with later events: a caller that keeps it must check `revision`/`lastEventId` before using it again.
   */
  async foldUpTo(event: StoredEvent, view: ProjectionView): Promise<YearFold> {
    const kept = this.tryFoldUpTo(event);
    if (kept) return kept;
    const fresh = await this.foldFromStore(event, view);
    // Read again after the await: another generation may have changed the stream's folds meanwhile.
    return this.insert(event.streamId, fresh);
  }

  /**
   * foldUpTo without reading the store (the common case, and no promise): the fold when one kept has the
   * event or extends to it, or a new one for a stream's first event; undefined when the stream must be read.
   */
  tryFoldUpTo(event: StoredEvent): YearFold | undefined {
    const candidates = this.streams.get(event.streamId) ?? [];
    for (const c of candidates) {
      if (c.fold.lastEventId === event.eventId && c.fold.revision === event.revision && sameHash(c, event))
        return this.touch(event.streamId, candidates, c).fold; // already folded: a redelivered event
    }
    for (const c of candidates) {
      if (c.fold.revision !== event.revision - 1 || !chains(c, event)) continue;
      try {
        foldYearEvent(c.fold, event);
      } catch (error) {
        this.forget(event.streamId, c); // part-applied: never used again
        // The event changes a period whose entries were released: the stream is to be read again.
        if (error instanceof DomainError && error.code === 'FOLD_RELEASED') return undefined;
        throw error;
      }
      c.lastHash = hashOf(event);
      this.total += 1;
      return this.touch(event.streamId, candidates, c).fold;
    }
    if (event.revision !== 0) return undefined;
    const fold = initialYearFold(event.streamId, { trace: false });
    foldYearEvent(fold, event);
    return this.insert(event.streamId, { fold, lastHash: hashOf(event), kept: 0 });
  }

  /** The folds kept of a stream (not marked used). */
  foldsOf(streamId: string): YearFold[] {
    return (this.streams.get(streamId) ?? []).map((c) => c.fold);
  }

  /**
   * A fold of the stream up to `event` read from the store, replacing a kept fold at that event: for a
   * caller that needs what a kept fold gave up (release).
   */
  async refold(event: StoredEvent, view: ProjectionView): Promise<YearFold> {
    const fresh = await this.foldFromStore(event, view);
    for (const c of [...(this.streams.get(event.streamId) ?? [])])
      if (c.fold.lastEventId === event.eventId) this.forget(event.streamId, c);
    return this.insert(event.streamId, fresh);
  }

  private insert(streamId: string, fresh: Cached): YearFold {
    const list: Kept = this.streams.get(streamId) ?? [];
    while (list.length >= 2) this.forget(streamId, list[0]!); // the least recently used
    list.push(fresh);
    this.total += fresh.fold.held;
    return this.touch(streamId, list, fresh).fold;
  }

  private async foldFromStore(event: StoredEvent, view: ProjectionView): Promise<Cached> {
    // Untraced: the ranking does not need each entry's chain of events (explain is computed at query time).
    const fold = initialYearFold(event.streamId, { trace: false });
    this.reads += 1;
    const events = await view.readStream(event.streamId, event.position);
    const last = events[events.length - 1];
    if (last?.eventId !== event.eventId || events.length !== event.revision + 1) {
      throw new Error(
        `stream ${event.streamId} read up to #${event.position} does not end with event ${event.eventId} at revision ${event.revision}`,
      );
    }
    for (const e of events) foldYearEvent(fold, e);
    return { fold, lastHash: hashOf(event), kept: 0 };
  }

  /** Marks the stream most recently used, then evicts beyond the limits (never the stream just used). */
  private touch(streamId: string, list: Kept, used: Cached): Cached {
    list.used = this.uses += 1;
    const at = list.indexOf(used);
    if (at !== list.length - 1) list.push(...list.splice(at, 1)); // most recently used fold last
    if (
      streamId === this.latest &&
      this.streams.get(streamId) === list &&
      this.total <= this.limits.maxEvents &&
      this.uses < this.idleAt
    )
      return used; // already the most recently used, and no other stream idle too long yet
    this.latest = streamId;
    this.streams.delete(streamId);
    if (list.length > 0) this.streams.set(streamId, list);
    const idleBefore = this.uses - (this.limits.maxIdle ?? Infinity);
    for (const [id, evicted] of this.streams) {
      if (id === streamId) break;
      if (
        this.streams.size <= this.limits.maxStreams &&
        this.total <= this.limits.maxEvents &&
        (evicted.used ?? 0) >= idleBefore
      )
        break;
      this.streams.delete(id);
      for (const c of evicted) this.total -= c.fold.held + c.kept;
    }
    // When the least recently used stream left will be idle too long (the scan above looks again then).
    const oldest = this.streams.values().next().value as Kept | undefined;
    this.idleAt = (oldest?.used ?? this.uses) + (this.limits.maxIdle ?? Infinity) + 1;
    return used;
  }

  private forget(streamId: string, c: Cached): void {
    const list = this.streams.get(streamId);
    const at = list?.indexOf(c) ?? -1;
    if (!list || at < 0) return;
    list.splice(at, 1);
    this.total -= c.fold.held + c.kept;
  }

  /**
   * releasePeriod on a fold this cache gave out: its entries are given up; `keep` is the weight (in held
   * events, see BYTES_PER_EVENT) of what the caller keeps instead — its ranking — which counts against
   * the limits as long as the fold is kept. The fold can no longer rank the period (an event that would
   * change it makes the cache fold the stream again).
   */
  release(fold: YearFold, period: PeriodCode, keep: number): boolean {
    const before = fold.held;
    if (!releasePeriod(fold, period)) return false;
    const c = this.streams.get(fold.streamId)?.find((x) => x.fold === fold);
    if (c) {
      c.kept += keep;
      this.total += keep - (before - fold.held);
    }
    return true;
  }
}

const hashOf = (event: StoredEvent): string | undefined =>
  typeof event.metadata.hash === 'string' ? event.metadata.hash : undefined;

function sameHash(c: Cached, event: StoredEvent): boolean {
  const hash = hashOf(event);
  return c.lastHash === undefined || hash === undefined || c.lastHash === hash;
}

/** The fold's last event is the one before `event` in its stream (the hash chain says so where there is one). */
function chains(c: Cached, event: StoredEvent): boolean {
  if (event.revision === 0) return false;
  const prevHash = event.metadata.prevHash;
  if (typeof c.lastHash === 'string' && typeof prevHash === 'string') return c.lastHash === prevHash;
  // A store without a hash chain: only a plain append (the next revision) is trusted.
  return true;
}
