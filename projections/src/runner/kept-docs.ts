import type { Doc, DocChange } from '@thidua/read-store';

/** A document as this worker last wrote it, with the position stored with it. */
export interface KeptDoc {
  doc: Doc;
  position: number;
}

/**
 * Documents of a generation as its worker wrote them, kept to serve its next reads of them without the
 * store (ProjectionDefinition.keep). Exact because the worker is the generation's only writer and
 * every write it keeps was committed: only after a successful `applyBatch`, and a worker that
 * resubscribes (after a storage error) starts with none. The store's position guard never skips one of
 * these writes: each change is past the checkpoint, and every stored position is at or below it.
 * The objects are the changes' own: the view copies what it hands out with `get`, `peek` must not be
 * changed, and `take` hands the object over (it leaves the kept set: the projection puts it back).
 * Bounded by count; the least recently written go first.
 */
export class KeptDocs {
  private readonly docs = new Map<string, KeptDoc>();

  constructor(
    private readonly collections: ReadonlySet<string>,
    private readonly limit: number,
    private readonly keeps: (change: DocChange) => boolean = () => true,
  ) {}

  get size(): number {
    return this.docs.size;
  }

  get(key: string): KeptDoc | undefined {
    return this.docs.get(key);
  }

  /** The kept document, no longer kept (the caller owns it). */
  take(key: string): KeptDoc | undefined {
    const kept = this.docs.get(key);
    if (kept) this.docs.delete(key);
    return kept;
  }

  /** Notes a committed batch's changes (each with the position it was stored at). */
  wrote(changes: readonly DocChange[], batchPosition: number): void {
    for (const change of changes) {
      if (!this.collections.has(change.collection)) continue;
      const key = docKey(change.collection, change.id);
      // Re-inserted so that the map's order is the order of the writes.
      this.docs.delete(key);
      if (change.op === 'put' && this.keeps(change))
        this.docs.set(key, { doc: change.doc, position: change.position ?? batchPosition });
    }
    for (const key of this.docs.keys()) {
      if (this.docs.size <= this.limit) break;
      this.docs.delete(key);
    }
  }
}

export function docKey(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}
