import type { DocChange } from '@thidua/read-store';
import type { ProjectionView } from '../projection.js';
import { HISTORY_INDEX, indexPageId, type HistoryIndexPageDoc } from './unit-history.documents.js';

interface Page {
  doc: HistoryIndexPageDoc;
  /** Position stored with the page when the batch read it (0: not stored yet). */
  stored: number;
  /** The batch's last event appended to it, if any. */
  changedAt: number | undefined;
}

/**
 * The index pages one batch appends to: each read once per batch and written once, at flush (a page holds
 * up to INDEX_PAGE_SIZE positions; copying it through the view at every event would cost more than the
 * rest of the event).
 */
export class IndexPages {
  private readonly pages = new Map<string, Page>();

  constructor(private readonly view: ProjectionView) {}

  async append(unitId: string, page: number, position: number): Promise<void> {
    const id = indexPageId(unitId, page);
    let entry = this.pages.get(id);
    if (!entry) {
      const stored = (await this.view.get(HISTORY_INDEX, id)) as HistoryIndexPageDoc | null;
      entry = {
        doc: stored ?? { unitId, page, positions: [], position: 0 },
        stored: stored?.position ?? 0,
        changedAt: undefined,
      };
      this.pages.set(id, entry);
    }
    if (entry.stored >= position) return; // the stored page already holds this event (delivered again)
    entry.doc.positions.push(position);
    entry.doc.position = position;
    entry.changedAt = position;
  }

  /** One put per page changed, at the position of its last appended event (the runner's guard). */
  changes(): DocChange[] {
    const changes: DocChange[] = [];
    for (const [id, { doc, changedAt }] of this.pages) {
      if (changedAt !== undefined)
        changes.push({ op: 'put', collection: HISTORY_INDEX, id, doc: { ...doc }, position: changedAt });
    }
    return changes;
  }
}
