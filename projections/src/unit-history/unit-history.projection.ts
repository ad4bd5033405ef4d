import type { StoredEvent } from '../../../libs/event-store/src/event-store.port.js';
import type { DocChange } from '../../../libs/read-store/src/read-store.port.js';
import type { ProjectionDefinition, ProjectionView } from '../projection.js';
import { DocWork } from './doc-work.js';
import {
  ENTRIES,
  entryId,
  HISTORY_AWARDS,
  HISTORY_CLUSTERS,
  HISTORY_ELECTIONS,
  HISTORY_SCHEMES,
  HISTORY_UNITS,
  PAGE_SIZE,
  UNIT_HISTORY_PROJECTION,
  type HistoryEntryDoc,
  type HistoryUnitDoc,
} from './unit-history.documents.js';
import { touchesOf, UNIT_HISTORY_TYPES, type Touch } from './unit-history.touches.js';

export const UNIT_HISTORY_VERSION = 1;

/**
 * `unit-history`: per unit, one entry per event that touched it, in log order (see
 * unit-history.documents.ts). Cheap per event: a few lookups by id, one entry and one head per unit
 * touched; never re-reads a stream.
 */
export function unitHistoryProjection(): ProjectionDefinition {
  return {
    name: UNIT_HISTORY_PROJECTION,
    version: UNIT_HISTORY_VERSION,
    handles: UNIT_HISTORY_TYPES,
    collections: [
      ENTRIES,
      HISTORY_UNITS,
      HISTORY_CLUSTERS,
      HISTORY_SCHEMES,
      HISTORY_ELECTIONS,
      HISTORY_AWARDS,
    ],
    indexes: [{ collection: ENTRIES, fields: ['unitId', 'page'] }],
    async evolve(event: StoredEvent, view: ProjectionView): Promise<DocChange[]> {
      const work = new DocWork(view, event.position);
      const touches = await touchesOf(event, work);
      const seen = new Set<string>();
      for (const touch of touches) {
        // One entry per (unit, event): a unit named twice by one event gets the first summary.
        if (seen.has(touch.unitId)) continue;
        seen.add(touch.unitId);
        await appendEntry(work, event, touch);
      }
      return work.changes();
    },
  };
}

async function appendEntry(work: DocWork, event: StoredEvent, touch: Touch): Promise<void> {
  const head: HistoryUnitDoc = (await work.get<HistoryUnitDoc>(HISTORY_UNITS, touch.unitId)) ?? {
    unitId: touch.unitId,
    name: null,
    entries: 0,
    pages: [],
    position: 0,
  };
  let page: number;
  if (await work.applied(HISTORY_UNITS, touch.unitId)) {
    // Redelivered: the head already counts this event; its entry keeps the page it was given.
    page = Math.max(0, lastIndexAtOrBefore(head.pages, event.position));
  } else {
    if (head.entries % PAGE_SIZE === 0) head.pages.push(event.position);
    page = head.pages.length - 1;
    head.entries += 1;
    if (touch.name !== undefined) head.name = touch.name;
    work.put(HISTORY_UNITS, touch.unitId, head);
  }
  const id = entryId(touch.unitId, event.position);
  await work.get(ENTRIES, id);
  const { actor, occurredAt, reason, hash } = event.metadata;
  const entry: HistoryEntryDoc = {
    unitId: touch.unitId,
    page,
    position: event.position,
    eventId: event.eventId,
    type: event.type,
    streamId: event.streamId,
    revision: event.revision,
    hash,
    occurredAt,
    actor: { id: actor.id, role: actor.role, ...(actor.unitId !== undefined && { unitId: actor.unitId }) },
    ...(reason !== undefined && { reason }),
    summary: touch.summary,
    refs: touch.refs,
  };
  work.put(ENTRIES, id, entry);
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
