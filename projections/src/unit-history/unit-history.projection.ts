import type { StoredEvent } from '@thidua/event-store';
import type { DocChange } from '@thidua/read-store';
import type { ProjectionDefinition, ProjectionView } from '../projection.js';
import { DocWork } from './doc-work.js';
import { IndexPages } from './index-pages.js';
import { ProjectedLookups } from './lookups.js';
import {
  HISTORY_AWARDS,
  HISTORY_COMPLAINTS,
  HISTORY_PROPOSALS,
  HISTORY_CLUSTERS,
  HISTORY_ELECTIONS,
  HISTORY_INDEX,
  HISTORY_NAMES,
  HISTORY_SCHEMES,
  HISTORY_UNITS,
  INDEX_PAGE_SIZE,
  UNIT_HISTORY_PROJECTION,
  type HistoryNameDoc,
  type HistoryUnitDoc,
} from './unit-history.documents.js';
import { touchesOf, UNIT_HISTORY_TYPES, type Touch } from './unit-history.touches.js';

/** 2: entries keyed in log order, per-unit index pages of positions (no `page` field, no JSON index). */
/** 3: entries carry the act's business date (`effectiveDate`). */
/** 4: no entry documents: the history is an index of the log, rendered when read; versioned lookups. */
export const UNIT_HISTORY_VERSION = 4;

/**
 * `unit-history`: per unit, the positions of the events that touched it, in log order (see
 * unit-history.documents.ts), and the lookups their summaries need. Cheap per event: a few lookups by id
 * and one head per unit touched; each unit's index page is written once per batch (flush). Nothing of the
 * event itself is copied: a page of history reads its events from the log and renders them. Never
 * re-reads a stream.
 */
export function unitHistoryProjection(): ProjectionDefinition {
  // Per batch (keyed on its view: a rebuild runs a second generation through this object at the same time).
  const batches = new WeakMap<ProjectionView, IndexPages>();
  return {
    name: UNIT_HISTORY_PROJECTION,
    version: UNIT_HISTORY_VERSION,
    handles: UNIT_HISTORY_TYPES,
    collections: [
      HISTORY_INDEX,
      HISTORY_UNITS,
      HISTORY_NAMES,
      HISTORY_CLUSTERS,
      HISTORY_SCHEMES,
      HISTORY_ELECTIONS,
      HISTORY_AWARDS,
      HISTORY_COMPLAINTS,
      HISTORY_PROPOSALS,
    ],
    async evolve(event: StoredEvent, view: ProjectionView): Promise<DocChange[]> {
      const work = new DocWork(view, event.position);
      const lookups = new ProjectedLookups(work);
      const touches = await touchesOf(event, lookups);
      let pages = batches.get(view);
      if (!pages) batches.set(view, (pages = new IndexPages(view)));
      const seen = new Set<string>();
      for (const touch of touches) {
        // One entry per (unit, event): a unit named twice by one event gets the first summary.
        if (seen.has(touch.unitId)) continue;
        seen.add(touch.unitId);
        await indexEntry(work, lookups, pages, event, touch);
      }
      return work.changes();
    },
    flush(view: ProjectionView): DocChange[] {
      const pages = batches.get(view);
      batches.delete(view);
      return pages?.changes() ?? [];
    },
  };
}

async function indexEntry(
  work: DocWork,
  lookups: ProjectedLookups,
  pages: IndexPages,
  event: StoredEvent,
  touch: Touch,
): Promise<void> {
  const head: HistoryUnitDoc = (await work.get<HistoryUnitDoc>(HISTORY_UNITS, touch.unitId)) ?? {
    unitId: touch.unitId,
    name: null,
    entries: 0,
    pageStarts: [],
    position: 0,
  };
  let page: number;
  if (await work.applied(HISTORY_UNITS, touch.unitId)) {
    // Delivered again: the head already counts this event; its position is on the page it was given.
    page = Math.max(0, lastIndexAtOrBefore(head.pageStarts, event.position));
  } else {
    if (head.entries % INDEX_PAGE_SIZE === 0) head.pageStarts.push(event.position);
    page = head.pageStarts.length - 1;
    head.entries += 1;
    if (touch.name !== undefined) head.name = touch.name;
    work.put(HISTORY_UNITS, touch.unitId, head);
  }
  if (touch.name !== undefined) {
    await lookups.get(HISTORY_NAMES, touch.unitId);
    const name: HistoryNameDoc = { unitId: touch.unitId, name: touch.name, position: 0 };
    lookups.put(HISTORY_NAMES, touch.unitId, name);
  }
  await pages.append(touch.unitId, page, event.position);
}
/** Index of the last value ≤ target in an ascending list, or -1. */
export function lastIndexAtOrBefore(sorted: readonly number[], target: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= target) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
