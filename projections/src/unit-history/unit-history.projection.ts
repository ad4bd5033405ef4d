import type { StoredEvent } from '@thidua/event-store';
import type { DocChange } from '@thidua/read-store';
import type { ProjectionDefinition, ProjectionView } from '../projection.js';
import { DocWork } from './doc-work.js';
import { IndexPages } from './index-pages.js';
export { lastIndexAtOrBefore } from './index-pages.js';
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
  UNIT_HISTORY_PROJECTION,
  INDEX_PAGE_SIZE,
  type HistoryNameDoc,
} from './unit-history.documents.js';
import { touchesOf, UNIT_HISTORY_TYPES } from './unit-history.touches.js';

/**
 * Types whose event (in a cluster-year stream) touches exactly the unit its data names and keeps no
 * lookup: indexed without rendering a summary. touchesOf stays the reference; the unit-history test
 * checks every event of its log against it.
 */
export const ONE_UNIT_TYPES: ReadonlySet<string> = new Set([
  'ScoreRecorded',
  'ScoreCorrected',
  'ScoreWithdrawn',
  'DisputeFiled',
  'DisputeResolved',
]);

/** What evolve returns for an event that only adds a position to an index page (written at flush). */
const NO_CHANGES = Object.freeze([]) as unknown as DocChange[];

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
    // Each batch reads back the heads and last index pages of the units it touches: ≈ 136,000 reads of
    // the 1M rebuild, nearly all of documents the batch before wrote. A unit keeps two (head, last page);
    // a full page is not read again (≈ 2 KB each: at 1M, 2,700 of the 4,800 pages).
    keep: {
      collections: [HISTORY_UNITS, HISTORY_INDEX],
      docs: 8192,
      keeps: (change) =>
        change.collection !== HISTORY_INDEX ||
        (change.op === 'put' && (change.doc['positions'] as readonly number[]).length < INDEX_PAGE_SIZE),
    },
    evolve(event: StoredEvent, view: ProjectionView): DocChange[] | Promise<DocChange[]> {
      let pages = batches.get(view);
      if (!pages) batches.set(view, (pages = new IndexPages(view)));
      // The bulk of the log (scores, disputes) concerns the one unit it names and changes no lookup:
      // indexed without a promise once the unit's head and page are held.
      const unitId = ONE_UNIT_TYPES.has(event.type) ? (event.data as { unitId?: unknown }).unitId : undefined;
      if (typeof unitId === 'string' && event.streamId.startsWith('emulation-')) {
        const loading = pages.add(unitId, event.position, undefined);
        return loading ? loading.then(() => NO_CHANGES) : NO_CHANGES;
      }
      return evolveTouches(event, view, pages);
    },
    flush(view: ProjectionView): DocChange[] {
      const pages = batches.get(view);
      batches.delete(view);
      return pages?.changes() ?? [];
    },
  };
}

/** An event whose units and summaries come from touchesOf (it may read and change lookups). */
async function evolveTouches(
  event: StoredEvent,
  view: ProjectionView,
  pages: IndexPages,
): Promise<DocChange[]> {
  const work = new DocWork(view, event.position);
  const lookups = new ProjectedLookups(work);
  const seen = new Set<string>();
  for (const touch of await touchesOf(event, lookups)) {
    // One entry per (unit, event): a unit named twice by one event gets the first summary.
    if (seen.has(touch.unitId)) continue;
    seen.add(touch.unitId);
    if (touch.name !== undefined) {
      await lookups.get(HISTORY_NAMES, touch.unitId);
      const name: HistoryNameDoc = { unitId: touch.unitId, name: touch.name, position: 0 };
      lookups.put(HISTORY_NAMES, touch.unitId, name);
    }
    await pages.add(touch.unitId, event.position, touch.name);
  }
  return work.changes();
}
