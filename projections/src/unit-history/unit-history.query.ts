import type { Integer } from '@thidua/domain';
import type { EventStore, StoredEvent } from '@thidua/event-store';
import type { ReadStore, Target } from '@thidua/read-store';
import { historyEntry } from './history-entry.js';
import { type LookupCache, LookupsAsOf } from './lookups.js';
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
 * match or `scanLimit` were read, and `nextAfter` is where the reading stopped.
 */
export async function readUnitHistory(
  reads: ReadStore,
  events: EventStore,
  target: Target,
  unitId: string,
  after: number,
  limit: number,
  filter?: HistoryFilter,
): Promise<UnitHistoryPage> {
  const readPositions = positionReader(events);
  const head = await historyHead(reads, target, unitId);
  if (!head) return { unitId, name: null, total: 0, items: [], nextAfter: null };
  const render = entryRenderer(reads, target, unitId);
  const { items, nextAfter } = await pageOf(
    reads,
    target,
    head,
    after,
    limit,
    filter,
    async (wanted, types) => {
      const found = await readPositions(wanted);
      return Promise.all(found.filter((e) => types === undefined || types.has(e.type)).map(render));
    },
  );
  return { unitId, name: head.name, total: head.entries, items, nextAfter };
}

/** The store's read by position (the history cannot be served without it). */
export function positionReader(events: EventStore): (positions: number[]) => Promise<StoredEvent[]> {
  const readPositions = events.readPositions?.bind(events);
  if (!readPositions) throw new Error(`the ${events.kind} event store cannot read events by position`);
  return readPositions;
}

/** The head of a unit's history, or null for a unit no event touched. */
export async function historyHead(
  reads: ReadStore,
  target: Target,
  unitId: string,
): Promise<HistoryUnitDoc | null> {
  return (await reads.get(target, HISTORY_UNITS, unitId)) as HistoryUnitDoc | null;
}

/**
 * Renders events as entries of one unit's history, the lookups read once for all the events it renders
 * (make one per page).
 */
export function entryRenderer(
  reads: ReadStore,
  target: Target,
  unitId: string,
): (event: StoredEvent) => Promise<HistoryEntryDoc> {
  const cache: LookupCache = new Map();
  return async (event) => {
    const touches = await touchesOf(event, new LookupsAsOf(reads, target, cache, event.position));
    const touch = touches.find((t) => t.unitId === unitId);
    if (!touch)
      throw new Error(`${event.type} #${event.position} is indexed under ${unitId} but does not concern it`);
    return historyEntry(event, touch);
  };
}

/** What a page is made of: something with the position of its event (an entry, or its JSON text). */
export interface PagedItem {
  position: number;
}

/**
 * The paging of a unit's history, whatever a page's items are: `read(positions, types)` gives the items at
 * those positions, in order, only of `types` when given.
 */
export async function pageOf<T extends PagedItem>(
  reads: ReadStore,
  target: Target,
  head: HistoryUnitDoc,
  after: number,
  limit: number,
  filter: HistoryFilter | undefined,
  read: (wanted: number[], types?: ReadonlySet<string>) => Promise<T[]>,
): Promise<{ items: T[]; nextAfter: number | null }> {
  const positions = positionsAfter(reads, target, head.unitId, head.pageStarts, after);
  if (filter === undefined) {
    const wanted = await take(positions, limit + 1);
    const more = wanted.length > limit;
    if (more) wanted.pop();
    return { items: await read(wanted), nextAfter: more ? wanted[wanted.length - 1]! : null };
  }
  const { types, scanLimit = HISTORY_SCAN_LIMIT } = filter;
  const items: T[] = [];
  const more = async (): Promise<boolean> => (await take(positions, 1)).length > 0;
  let scanned = 0;
  for (;;) {
    // Read ahead in chunks of at least 64: matches may be rare.
    const chunk = await take(positions, Math.min(Math.max(limit - items.length, 64), scanLimit - scanned));
    if (chunk.length === 0) return { items, nextAfter: null };
    scanned += chunk.length;
    const last = chunk[chunk.length - 1]!;
    for (const entry of await read(chunk, types)) {
      items.push(entry);
      if (items.length === limit)
        return { items, nextAfter: entry.position < last || (await more()) ? entry.position : null };
    }
    if (scanned >= scanLimit) return { items, nextAfter: (await more()) ? last : null };
  }
}

/** The unit's positions after `after`, in order, read index page by index page as they are consumed. */
async function* positionsAfter(
  reads: ReadStore,
  target: Target,
  unitId: string,
  pageStarts: number[],
  after: number,
): AsyncGenerator<number> {
  for (let page = Math.max(0, lastIndexAtOrBefore(pageStarts, after)); page < pageStarts.length; page++) {
    const index = (await reads.get(
      target,
      HISTORY_INDEX,
      indexPageId(unitId, page),
    )) as HistoryIndexPageDoc | null;
    for (const position of index?.positions ?? []) if (position > after) yield position;
  }
}

/** The next `n` values of an iterator (fewer at its end). */
async function take(positions: AsyncIterator<number>, n: number): Promise<number[]> {
  const out: number[] = [];
  while (out.length < n) {
    const next = await positions.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}
