import type { Doc, DocChange } from '@thidua/read-store';
import type { ProjectionView } from '../projection.js';

/**
 * The documents one event touches: read once through the view, changed in place, written once.
 * A document whose `position` is at or past the event already contains it and is left alone, so
 * the projection is idempotent by itself, not only thanks to the runner.
 */
export class DocWork {
  private readonly loaded = new Map<string, Doc | null>();
  private readonly dirty = new Map<string, { collection: string; id: string }>();

  constructor(
    private readonly view: ProjectionView,
    readonly position: number,
  ) {}

  async get<T>(collection: string, id: string): Promise<T | null> {
    const key = `${collection}\u0000${id}`;
    if (!this.loaded.has(key)) this.loaded.set(key, await this.view.get(collection, id));
    return (this.loaded.get(key) ?? null) as T | null;
  }

  /** True when the document may take this event (absent, or older than the event). */
  fresh(doc: { position: number } | null): boolean {
    return doc === null || doc.position < this.position;
  }

  /** Stores a new or changed document; its `position` becomes the event's. */
  put<T extends { position: number }>(collection: string, id: string, doc: T): T {
    doc.position = this.position;
    const key = `${collection}\u0000${id}`;
    this.loaded.set(key, doc as unknown as Doc);
    this.dirty.set(key, { collection, id });
    return doc;
  }

  changes(): DocChange[] {
    return [...this.dirty.entries()].map(([key, { collection, id }]) => ({
      op: 'put' as const,
      collection,
      id,
      doc: this.loaded.get(key) as Doc,
    }));
  }
}
