import type { Integer } from '@thidua/domain';
import { unitTag } from '@thidua/domain';
import type { EventStore, StoredEvent } from '@thidua/event-store';
import type { ReadStore, Target } from '@thidua/read-store';
import { historyEntry } from './history-entry.js';
import { type LookupCache, LookupsAsOf, type VersionedDoc } from './lookups.js';
import { HISTORY_NAMES, type HistoryEntryDoc, type HistoryNameDoc } from './unit-history.documents.js';
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
 * Entries of a unit after a position: the event store's tags give the unit's positions (`unit:{id}`,
 * written in the append's transaction, read up to the position the projection has reached so that every
 * lookup an entry needs is there), the events at those positions are read from the log and each is
 * rendered as it concerns the unit (its summary with the lookups as they stood at the event) — the cost
 * does not grow with depth. A filter keeps only entries of its event types: events are read in order until
 * `limit` match or `scanLimit` were read, and `nextAfter` is where the reading stopped.
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
  const readPositions = events.readPositions?.bind(events);
  const readTagged = events.readTagged?.bind(events);
  const countTagged = events.countTagged?.bind(events);
  if (!readPositions || !readTagged || !countTagged)
    throw new Error(`the ${events.kind} event store cannot read a unit's events by tag and position`);
  const tag = unitTag(unitId);
  const [checkpoint, names] = await Promise.all([
    reads.checkpoint(target),
    reads.get(target, HISTORY_NAMES, unitId) as Promise<VersionedDoc | null>,
  ]);
  const to = checkpoint?.position ?? 0;
  const total = to === 0 ? 0 : await countTagged(tag, to);
  if (total === 0) return { unitId, name: null, total: 0, items: [], nextAfter: null };
  const name = (names?.versions.at(-1)?.doc as HistoryNameDoc | undefined)?.name ?? null;
  const page = { unitId, name, total };
  let from = after;
  /** The next `n` positions of the unit (fewer at its end). */
  const take = async (n: number): Promise<number[]> => {
    if (n <= 0) return [];
    const positions = await readTagged(tag, { after: from, to, limit: n });
    if (positions.length > 0) from = positions[positions.length - 1]!;
    return positions;
  };
  const cache: LookupCache = new Map();
  const render = async (event: StoredEvent): Promise<HistoryEntryDoc> => {
    const touches = await touchesOf(event, new LookupsAsOf(reads, target, cache, event.position));
    const touch = touches.find((t) => t.unitId === unitId);
    if (!touch)
      throw new Error(`${event.type} #${event.position} is tagged ${tag} but does not concern the unit`);
    return historyEntry(event, touch);
  };
  const read = async (wanted: number[], types?: ReadonlySet<string>): Promise<HistoryEntryDoc[]> => {
    const found = await readPositions(wanted);
    return Promise.all(found.filter((e) => types === undefined || types.has(e.type)).map(render));
  };

  if (filter === undefined) {
    const wanted = await take(limit + 1);
    const more = wanted.length > limit;
    if (more) wanted.pop();
    return { ...page, items: await read(wanted), nextAfter: more ? wanted[wanted.length - 1]! : null };
  }
  const { types, scanLimit = HISTORY_SCAN_LIMIT } = filter;
  const items: HistoryEntryDoc[] = [];
  let scanned = 0;
  for (;;) {
    // Read ahead in chunks of at least 64: matches may be rare.
    const chunk = await take(Math.min(Math.max(limit - items.length, 64), scanLimit - scanned));
    if (chunk.length === 0) return { ...page, items, nextAfter: null };
    scanned += chunk.length;
    const last = chunk[chunk.length - 1]!;
    for (const entry of await read(chunk, types)) {
      items.push(entry);
      if (items.length === limit) {
        const more =
          entry.position < last || (await readTagged(tag, { after: last, to, limit: 1 })).length > 0;
        return { ...page, items, nextAfter: more ? entry.position : null };
      }
    }
    if (scanned >= scanLimit) {
      const more = (await readTagged(tag, { after: last, to, limit: 1 })).length > 0;
      return { ...page, items, nextAfter: more ? last : null };
    }
  }
}
