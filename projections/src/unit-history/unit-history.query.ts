import type { ReadStore, Target } from '../../../libs/read-store/src/read-store.port.js';
import {
  ENTRIES,
  HISTORY_UNITS,
  type HistoryEntryDoc,
  type HistoryUnitDoc,
} from './unit-history.documents.js';
import { lastIndexAtOrBefore } from './unit-history.projection.js';

export interface UnitHistoryPage {
  unitId: string;
  name: string | null;
  /** Entries in the whole history. */
  total: number;
  /** Entries with position > after, oldest first, at most `limit`. */
  items: HistoryEntryDoc[];
  /** Pass as `?after=` for the next page; null when this page reaches the end. */
  nextAfter: number | null;
}

/**
 * Entries of a unit after a position: starts at the page holding `after` (found on the head), then reads
 * page by page (one indexed query each) until `limit` entries are found — the cost does not grow with depth.
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
  const items: HistoryEntryDoc[] = [];
  for (let page = Math.max(0, lastIndexAtOrBefore(head.pages, after)); page < head.pages.length; page++) {
    const docs = (await reads.find(target, ENTRIES, {
      where: { unitId, page },
      orderBy: { field: 'position', direction: 'asc' },
    })) as unknown as HistoryEntryDoc[];
    for (const doc of docs) if (doc.position > after) items.push(doc);
    if (items.length > limit) break;
  }
  const more = items.length > limit;
  const shown = items.slice(0, limit);
  return {
    unitId,
    name: head.name,
    total: head.entries,
    items: shown,
    nextAfter: more ? shown[shown.length - 1]!.position : null,
  };
}
