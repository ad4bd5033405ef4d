import type { Doc, DocChange } from '@thidua/read-store';
import type { ProjectionView } from '../projection.js';

interface Loaded {
  collection: string;
  id: string;
  doc: Doc | null;
  /** Stored by this event or a later one: the event is already in it, so it is read-only here. */
  stale: boolean;
}

/**
 * The documents one event touches: read once through the view, changed in place, written once.
 * Every document carries `position` (the event that last changed it); one at or past the event already
 * contains it and is never written again, so a redelivered event changes nothing (the runner's rule,
 * kept here too so that evolve itself emits nothing on a replay).
 */
export class DocWork {
  private readonly loaded = new Map<string, Loaded>();
  private readonly dirty = new Set<string>();

  constructor(
    private readonly view: ProjectionView,
    readonly position: number,
  ) {}

  async get<T extends object>(collection: string, id: string): Promise<T | null> {
    return (await this.load(collection, id)).doc as T | null;
  }

  /** A document only read (a lookup), not copied: never change it, and `put` it only after a `get`. */
  async peek<T extends object>(collection: string, id: string): Promise<Readonly<T> | null> {
    const loaded = this.loaded.get(keyOf(collection, id));
    if (loaded) return loaded.doc as T | null;
    const doc = this.view.peek ? await this.view.peek(collection, id) : await this.view.get(collection, id);
    return doc as T | null;
  }

  /** True when this event was already applied to the document (it is at or past the event). */
  async applied(collection: string, id: string): Promise<boolean> {
    return (await this.load(collection, id)).stale;
  }

  /**
   * Stores a new or changed document (ignored when the document already holds the event). The document
   * must have been read first (`get`/`applied`), so that a stored one at or past the event is known.
   */
  put<T extends { position: number }>(collection: string, id: string, doc: T): void {
    const key = keyOf(collection, id);
    const entry = this.loaded.get(key);
    if (!entry) throw new Error(`${collection}/${id} written without being read first`);
    if (entry.stale) return;
    doc.position = this.position;
    this.loaded.set(key, { collection, id, doc: doc as unknown as Doc, stale: false });
    this.dirty.add(key);
  }

  /**
   * Stores a document only this event writes (its id names the event), without reading it first: if the
   * event is delivered again, the same document is dropped by the store's position guard.
   */
  create<T extends { position: number }>(collection: string, id: string, doc: T): void {
    const key = keyOf(collection, id);
    this.loaded.set(key, { collection, id, doc: doc as unknown as Doc, stale: false });
    this.dirty.add(key);
  }

  changes(): DocChange[] {
    return [...this.dirty].map((key) => {
      const { collection, id, doc } = this.loaded.get(key)!;
      return { op: 'put' as const, collection, id, doc: doc! };
    });
  }

  private async load(collection: string, id: string): Promise<Loaded> {
    const key = keyOf(collection, id);
    let entry = this.loaded.get(key);
    if (!entry) {
      const doc = await this.view.get(collection, id);
      const stored = doc === null ? undefined : (doc as { position?: unknown }).position;
      entry = { collection, id, doc, stale: typeof stored === 'number' && stored >= this.position };
      this.loaded.set(key, entry);
    }
    return entry;
  }
}

function keyOf(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}
