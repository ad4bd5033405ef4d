import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EventStore, StoredEvent } from '@thidua/event-store';
import { clusterStream, emulationStream } from '@thidua/domain';
import { ApiError } from '../../common/api-error.js';
import { EVENT_STORE } from '../../infrastructure/tokens.js';

const PAGE = 1000;

/**
 * Events of recently queried cluster-years kept parsed (≈ 1.1 KB each: a 20,000-event year is about 22 MB).
 * The stream queried last is kept whatever its size (see keep).
 */
export const CLUSTER_YEAR_CACHE_EVENTS = 60_000;
/** Overrides CLUSTER_YEAR_CACHE_EVENTS (tests). */
export const CLUSTER_YEAR_CACHE_LIMIT = 'CLUSTER_YEAR_CACHE_LIMIT';

export const clusterNotFound = (clusterId: string, field = 'clusterId'): ApiError =>
  new ApiError(404, 'CLUSTER_NOT_FOUND', `cluster ${clusterId} does not exist`, field);
export const clusterYearNotFound = (clusterId: string, year: number): ApiError =>
  new ApiError(404, 'CLUSTER_YEAR_NOT_FOUND', `cluster ${clusterId} has no emulation year ${year}`, 'year');

/**
 * The events of a cluster-year stream (`emulation-{c}-{y}`) from the event store, for what is computed
 * at query time by the evaluator (as-of, explain, what-if). Stored events are the evaluator's
 * EvaluatorEvent structurally.
 *
 * Reading and parsing a 20,000-event stream from SQLite takes ~100 ms, several times what the evaluator
 * needs to fold it, so the streams recently queried are kept parsed (bounded): a query reads only what
 * was appended since, starting one event back, and takes the kept prefix only if that event is still
 * the same (id and hash); otherwise it reads the stream again. The stream is append-only, so a kept
 * prefix never goes stale. Arrays handed out are never changed afterwards (a longer one replaces them).
 */
@Injectable()
export class ClusterYearEvents {
  /** Parsed streams, least recently used first; `clean`: revisions checked to be 0, 1, 2… (see load). */
  private readonly kept = new Map<string, { events: readonly StoredEvent[]; clean: boolean }>();
  private keptEvents = 0;
  private readonly maxEvents: number;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Optional() @Inject(CLUSTER_YEAR_CACHE_LIMIT) maxEvents?: number,
  ) {
    this.maxEvents = maxEvents ?? CLUSTER_YEAR_CACHE_EVENTS;
  }

  /**
   * The stream's events — all of them, or at least those up to `upToPosition` (the evaluator selects);
   * 404 CLUSTER_NOT_FOUND / CLUSTER_YEAR_NOT_FOUND when it has none.
   */
  async read(
    clusterId: string,
    year: number,
    upToPosition?: number,
  ): Promise<{ streamId: string; events: readonly StoredEvent[] }> {
    const streamId = emulationStream(clusterId, year);
    const events = await this.load(streamId, upToPosition);
    if (events.length === 0) {
      const cluster = await this.events.readStream(clusterStream(clusterId), { maxCount: 1 });
      throw cluster.length === 0 ? clusterNotFound(clusterId) : clusterYearNotFound(clusterId, year);
    }
    return { streamId, events };
  }

  /** The log's head position (what an `asOf` position may not pass). */
  headPosition(): Promise<number> {
    return this.events.headPosition();
  }

  private async load(streamId: string, upToPosition: number | undefined): Promise<readonly StoredEvent[]> {
    const entry = this.kept.get(streamId);
    const kept = entry?.events ?? [];
    const last = kept[kept.length - 1];
    let events: readonly StoredEvent[] = kept;
    let from = kept.length;
    // Events before this index were checked when kept: only what is read now is checked (a 100,000-event
    // stream was walked whole on every query otherwise).
    let checkFrom = entry?.clean ? kept.length : 0;
    if (last) {
      // One event back: the kept prefix is used only if its last event is still there, unchanged.
      const [again, ...newer] = await this.events.readStream(streamId, {
        fromRevision: last.revision,
        maxCount: PAGE,
      });
      if (again?.eventId === last.eventId && again.metadata.hash === last.metadata.hash) {
        events = append(kept, newer);
        from = newer.length === PAGE - 1 ? events.length : -1;
      } else {
        events = [];
        from = 0;
        checkFrom = 0;
      }
    }
    // Reads on while pages are full; stops early once past `upToPosition` (a prefix is enough).
    while (from >= 0) {
      const tail = events[events.length - 1];
      if (upToPosition !== undefined && tail && tail.position >= upToPosition) break;
      const page = await this.events.readStream(streamId, { fromRevision: from, maxCount: PAGE });
      events = append(events, page);
      from = page.length === PAGE ? events.length : -1;
    }
    let clean = true;
    for (let i = checkFrom; i < events.length && clean; i++) clean = events[i]!.revision === i;
    if (!clean) events = await this.readAll(streamId); // not a clean prefix: kept unchecked (checked again)
    this.keep(streamId, events, clean);
    return events;
  }

  private async readAll(streamId: string): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for (let fromRevision = 0; ;) {
      const page = await this.events.readStream(streamId, { fromRevision, maxCount: PAGE });
      events.push(...page);
      if (page.length < PAGE) return events;
      fromRevision = page[page.length - 1]!.revision + 1;
    }
  }

  /**
   * Keeps the stream just read as the most recently used, whatever its size: a cluster-year longer than
   * the bound was read whole on every query otherwise (100,000 events: seconds per as-of, not tens of ms).
   * The others go, least recently used first, until the total is within the bound again.
   */
  private keep(streamId: string, events: readonly StoredEvent[], clean: boolean): void {
    const before = this.kept.get(streamId);
    this.keptEvents -= before?.events.length ?? 0;
    this.kept.delete(streamId);
    if (events.length === 0) return;
    this.kept.set(streamId, { events, clean }); // most recently used last
    this.keptEvents += events.length;
    for (const [id, evicted] of this.kept) {
      if (this.keptEvents <= this.maxEvents || id === streamId) break;
      this.kept.delete(id);
      this.keptEvents -= evicted.events.length;
    }
  }
}

/** A new array: one handed out before is never changed. */
function append(events: readonly StoredEvent[], more: readonly StoredEvent[]): readonly StoredEvent[] {
  return more.length === 0 ? events : events.concat(more);
}
