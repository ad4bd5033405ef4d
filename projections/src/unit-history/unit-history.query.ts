import type { Integer } from '@thidua/domain';
import type { EventStore, StoredEvent } from '@thidua/event-store';
import type { Doc, ReadStore, Target } from '@thidua/read-store';
import { historyEntry } from './history-entry.js';
import { type KeptHistoryDocs, type LookupCache, LookupsAsOf } from './lookups.js';
import { lastIndexAtOrBefore } from './unit-history.projection.js';
import {
  HISTORY_INDEX,
  HISTORY_UNITS,
  indexPageId,
  type HistoryIndexPageDoc,
  type HistoryEntryDoc,
  type HistoryUnitDoc,
} from './unit-history.documents.js';
import { touchesOf } from './unit-history.touches.js';

export interface UnitHistoryPage {
  unitId: string;
  name: string | null;
  /** Entries in the whole history. */
  total: Integer;
  /** Entries with position > after, oldest first, at most `limit`. */
  items: HistoryEntryDoc[];
  /** Pass as `?after=` for the next page; null when this page reaches the end. */
  nextAfter: Integer | null;
}

/** With a type filter, at most this many entries are read for one page (a page may then hold fewer). */
export const HISTORY_SCAN_LIMIT = 2_000;

export interface HistoryFilter {
  /** Event types to keep. */
  types: ReadonlySet<string>;
  /** Entries read at most for one page (default HISTORY_SCAN_LIMIT). */
  scanLimit?: number;
}

/**
 * Entries of a unit after a position: the head says which index page holds `after`, the index pages give
 * the positions from there, the events at those positions are read from the log and each is rendered as
 * it concerns the unit (its summary with the lookups as they stood at the event) — the cost does not grow
 * with depth. A filter keeps only entries of its event types: events are read in order until `limit`
 * match or `scanLimit` were read, and `nextAfter` is where the reading stopped. `kept`: documents kept
 * from earlier pages (KeptHistoryDocs), read again where they may not be what a read now would give.
 */
export async function readUnitHistory(
  reads: ReadStore,
  events: EventStore,
  target: Target,
  unitId: string,
  after: number,
  limit: number,
  filter?: HistoryFilter,
  kept?: KeptHistoryDocs,
): Promise<UnitHistoryPage> {
  const render = entryRenderer(reads, events, target, unitId, kept);
  return pageOf(reads, target, unitId, after, limit, filter, kept, render);
}

/** The entries of `wanted` (in that order; positions not in the log left out), only of `types` if given. */
export type EntryReader<E> = (wanted: number[], types?: ReadonlySet<string>) => Promise<E[]>;

/** A page whose entries are E: rendered documents, or what stands for them (their kept JSON bytes). */
export interface HistoryPageOf<E> extends Omit<UnitHistoryPage, 'items'> {
  items: E[];
}

/** Reads the events at the positions asked (checked by the store) and renders each as it concerns the unit. */
export function entryRenderer(
  reads: ReadStore,
  events: EventStore,
  target: Target,
  unitId: string,
  kept?: KeptHistoryDocs,
): EntryReader<HistoryEntryDoc> {
  const readPositions = events.readPositions?.bind(events);
  if (!readPositions) throw new Error(`the ${events.kind} event store cannot read events by position`);
  const cache: LookupCache = new Map();
  const render = async (event: StoredEvent): Promise<HistoryEntryDoc> => {
    const touches = await touchesOf(event, new LookupsAsOf(reads, target, cache, event.position, kept));
    const touch = touches.find((t) => t.unitId === unitId);
    if (!touch)
      throw new Error(`${event.type} #${event.position} is indexed under ${unitId} but does not concern it`);
    return historyEntry(event, touch);
  };
  return async (wanted, types) => {
    const found = await readPositions(wanted);
    return Promise.all(found.filter((e) => types === undefined || types.has(e.type)).map(render));
  };
}

/**
 * The paging of readUnitHistory over any entry reader: which positions a page asks for, in which runs,
 * and where it stops. The head and index pages through `kept` when given.
 */
export async function pageOf<E extends { position: number }>(
  reads: ReadStore,
  target: Target,
  unitId: string,
  after: number,
  limit: number,
  filter: HistoryFilter | undefined,
  kept: KeptHistoryDocs | undefined,
  read: EntryReader<E>,
): Promise<HistoryPageOf<E>> {
  const doc = (collection: string, id: string): Promise<Doc | null> =>
    kept ? kept.page(reads, target, collection, id) : reads.get(target, collection, id);
  const head = (await doc(HISTORY_UNITS, unitId)) as HistoryUnitDoc | null;
  if (!head) return { unitId, name: null, total: 0, items: [], nextAfter: null };
  const page = { unitId, name: head.name, total: head.entries };
  const positions = new PositionsAfter(
    (id) => doc(HISTORY_INDEX, id) as Promise<HistoryIndexPageDoc | null>,
    unitId,
    head.pageStarts,
    after,
  );

  if (filter === undefined) {
    const wanted = await positions.take(limit + 1);
    const more = wanted.length > limit;
    if (more) wanted.pop();
    return { ...page, items: await read(wanted), nextAfter: more ? wanted[wanted.length - 1]! : null };
  }
  const { types, scanLimit = HISTORY_SCAN_LIMIT } = filter;
  const items: E[] = [];
  const more = async (): Promise<boolean> => (await positions.take(1)).length > 0;
  let scanned = 0;
  for (;;) {
    // Read ahead in chunks of at least 64: matches may be rare.
    const chunk = await positions.take(Math.min(Math.max(limit - items.length, 64), scanLimit - scanned));
    if (chunk.length === 0) return { ...page, items, nextAfter: null };
    scanned += chunk.length;
    const last = chunk[chunk.length - 1]!;
    for (const entry of await read(chunk, types)) {
      items.push(entry);
      if (items.length === limit)
        return { ...page, items, nextAfter: entry.position < last || (await more()) ? entry.position : null };
    }
    if (scanned >= scanLimit) return { ...page, items, nextAfter: (await more()) ? last : null };
  }
}

/**
 * The unit's positions after `after`, in order, read index page by index page as they are consumed (a page
 * is read when the positions before it are used up and more are asked). Taken in runs: a page of 50 costs
 * one await per index page read, not one per position.
 */
class PositionsAfter {
  private buffered: readonly number[] = [];
  private at = 0;
  private page: number;

  constructor(
    private readonly indexPage: (id: string) => Promise<HistoryIndexPageDoc | null>,
    private readonly unitId: string,
    private readonly pageStarts: readonly number[],
    private readonly after: number,
  ) {
    this.page = Math.max(0, lastIndexAtOrBefore(pageStarts, after));
  }

  /** The next `n` positions (fewer at the end). */
  async take(n: number): Promise<number[]> {
    const out: number[] = [];
    while (out.length < n) {
      if (this.at === this.buffered.length) {
        if (this.page >= this.pageStarts.length) break;
        const id = indexPageId(this.unitId, this.page++);
        const index = await this.indexPage(id);
        // Ascending: the positions after `after` start past the last one at or before it (no copy of the page).
        this.buffered = index?.positions ?? [];
        this.at = lastIndexAtOrBefore(this.buffered, this.after) + 1;
        continue;
      }
      const end = Math.min(this.buffered.length, this.at + n - out.length);
      while (this.at < end) out.push(this.buffered[this.at++]!);
    }
    return out;
  }
}
