import type { Doc, DocChange } from '@thidua/read-store';
import type { ProjectionView } from '../projection.js';
import {
  HISTORY_INDEX,
  HISTORY_UNITS,
  INDEX_PAGE_SIZE,
  indexPageId,
  type HistoryIndexPageDoc,
  type HistoryUnitDoc,
} from './unit-history.documents.js';

interface Held<D> {
  doc: D;
  /** Position stored with the document when the batch read it (0: not stored yet). */
  stored: number;
  /** The batch's last event that changed it, if any. */
  changedAt: number | undefined;
}

/**
 * A batch's unit heads and index pages: each read once per batch and written once, at flush (a page holds
 * up to INDEX_PAGE_SIZE positions; copying a head or a page through the view at every event would cost
 * more than the rest of the event).
 */
export class IndexPages {
  private readonly heads = new Map<string, Held<HistoryUnitDoc>>();
  private readonly pages = new Map<string, Held<HistoryIndexPageDoc>>();

  constructor(private readonly view: ProjectionView) {}

  /** The stored document, ours to change: the view keeps no second copy where it can (take). */
  private read(collection: string, id: string): Promise<Doc | null> {
    return this.view.take ? this.view.take(collection, id) : this.view.get(collection, id);
  }

  /**
   * The event at `position` concerns `unitId` (its name from then on, if `name`). Without a promise when
   * the unit's head and page are already held (nearly every event of a rebuild).
   */
  add(unitId: string, position: number, name: string | undefined): Promise<void> | undefined {
    const head = this.heads.get(unitId);
    if (head) return this.addTo(head, unitId, position, name);
    return this.read(HISTORY_UNITS, unitId).then((stored) => {
      const doc = stored as HistoryUnitDoc | null;
      const loaded: Held<HistoryUnitDoc> = {
        doc: doc ?? { unitId, name: null, entries: 0, pageStarts: [], position: 0 },
        stored: doc?.position ?? 0,
        changedAt: undefined,
      };
      this.heads.set(unitId, loaded);
      return this.addTo(loaded, unitId, position, name);
    });
  }

  /** One put per head and page changed, at the position of its last event (the runner's guard). */
  changes(): DocChange[] {
    const changes: DocChange[] = [];
    for (const [id, { doc, changedAt }] of this.heads) {
      if (changedAt !== undefined)
        changes.push({
          op: 'put',
          collection: HISTORY_UNITS,
          id,
          doc: { ...doc, pageStarts: [...doc.pageStarts] },
          position: changedAt,
        });
    }
    for (const [id, { doc, changedAt }] of this.pages) {
      if (changedAt !== undefined)
        changes.push({ op: 'put', collection: HISTORY_INDEX, id, doc: { ...doc }, position: changedAt });
    }
    return changes;
  }

  private addTo(
    head: Held<HistoryUnitDoc>,
    unitId: string,
    position: number,
    name: string | undefined,
  ): Promise<void> | undefined {
    const doc = head.doc;
    if (head.stored >= position) {
      // Delivered again: the head already counts this event; its position is on the page it was given
      // (appended again only if that page was not written: a store without transactions).
      return this.append(unitId, Math.max(0, lastIndexAtOrBefore(doc.pageStarts, position)), position);
    }
    if (doc.entries % INDEX_PAGE_SIZE === 0) doc.pageStarts.push(position);
    doc.entries += 1;
    if (name !== undefined) doc.name = name;
    doc.position = position;
    head.changedAt = position;
    return this.append(unitId, doc.pageStarts.length - 1, position);
  }

  private append(unitId: string, page: number, position: number): Promise<void> | undefined {
    const id = indexPageId(unitId, page);
    const entry = this.pages.get(id);
    if (entry) {
      appendTo(entry, position);
      return undefined;
    }
    return this.read(HISTORY_INDEX, id).then((stored) => {
      const doc = stored as HistoryIndexPageDoc | null;
      const loaded: Held<HistoryIndexPageDoc> = {
        doc: doc ?? { unitId, page, positions: [], position: 0 },
        stored: doc?.position ?? 0,
        changedAt: undefined,
      };
      this.pages.set(id, loaded);
      appendTo(loaded, position);
    });
  }
}

function appendTo(entry: Held<HistoryIndexPageDoc>, position: number): void {
  if (entry.stored >= position) return; // the stored page already holds this event (delivered again)
  entry.doc.positions.push(position);
  entry.doc.position = position;
  entry.changedAt = position;
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
