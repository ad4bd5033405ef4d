import type { Integer } from '@thidua/domain';
import type { Doc, ReadStore, Target } from '@thidua/read-store';
import { lastIndexAtOrBefore } from './unit-history.projection.js';
import {
  ENTRIES,
  entryId,
  HISTORY_INDEX,
  HISTORY_UNITS,
  indexPageId,
  type HistoryIndexPageDoc,
  type HistoryEntryDoc,
  type HistoryUnitDoc,
} from './unit-history.documents.js';

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

/**
 * Entries of a unit after a position: the head says which index page holds `after`, the index pages give
 * the positions from there, and each entry is one read by id — the cost does not grow with depth.
 */
export async function readUnitHistory(
  reads: ReadStore,
  target: Target,
  unitId: string,
  after: number,
  limit: number,
): Promise<UnitHistoryPage> {
  const head = (await reads.get(target, HISTORY_UNITS, unitId)) as HistoryUnitDoc | null;
  if (!head) return { unitId, name: null, total: 0, items: [], nextAfter: null };
  const positions: number[] = [];
  for (
    let page = Math.max(0, lastIndexAtOrBefore(head.pageStarts, after));
    page < head.pageStarts.length;
    page++
  ) {
    const index = (await reads.get(
      target,
      HISTORY_INDEX,
      indexPageId(unitId, page),
    )) as HistoryIndexPageDoc | null;
    for (const position of index?.positions ?? []) if (position > after) positions.push(position);
    if (positions.length > limit) break;
  }
  const wanted = positions.slice(0, limit);
  const found = await Promise.all(
    wanted.map((position) => reads.get(target, ENTRIES, entryId(position, unitId))),
  );
  // On a store without transactions (MongoDB) a batch may be visible in part: an entry not there yet is left out.
  const items = found.filter((doc): doc is Doc => doc !== null) as unknown as HistoryEntryDoc[];
  return {
    unitId,
    name: head.name,
    total: head.entries,
    items,
    nextAfter: positions.length > limit ? wanted[wanted.length - 1]! : null,
  };
}
