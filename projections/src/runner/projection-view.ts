import type { EventStore, StoredEvent } from '@thidua/event-store';
import type { Doc, DocChange, ReadStore, Target } from '@thidua/read-store';
import type { ProjectionView } from '../projection.js';
import { docKey as keyOf, type KeptDocs } from './kept-docs.js';
import type { WrittenKeys } from './written-keys.js';

/**
 * One document of the batch, changed in place by each change recorded to it (not a new entry and a
 * positioned copy of the change for every change: a rebuild records several changes per event).
 * A class, not a literal: V8 does not pretenure objects made by `new` (most entries live for the batch,
 * so a literal's site would be allocated old, and the entries of documents read once would die there).
 */
class Entry {
  /** The last change recorded (the projection's own object) and the position it is recorded at. */
  change: DocChange | undefined = undefined;
  position = 0;

  constructor(
    public doc: Doc | null,
    /** Position stored with the document; null when absent from the store, undefined when not read. */
    readonly storedPosition: number | null | undefined,
  ) {}
}

const STREAM_PAGE = 500;

/**
 * The view of one batch: reads see the changes made earlier in the batch (an overlay over the
 * read store), and the overlay collects the last change per document for one `applyBatch`.
 */
export class BatchView implements ProjectionView {
  private readonly entries = new Map<string, Entry>();
  /** Documents handed out by `take` (the projection holds them for the batch). */
  private taken = 0;

  constructor(
    private readonly reads: ReadStore,
    private readonly target: Target,
    private readonly events: EventStore,
    /** What the worker wrote of the projection's kept collections (read here before the store). */
    private readonly kept?: KeptDocs,
    /** Every document the generation may hold, when its worker created it empty (others are absent). */
    private readonly written?: WrittenKeys,
  ) {}

  /** The stored document with its position, or null: without the store when it never got this one. */
  private stored(collection: string, id: string) {
    if (this.written?.mayHold(collection, id) === false) return null;
    return this.reads.getWithPosition(this.target, collection, id);
  }

  async get(collection: string, id: string): Promise<Doc | null> {
    const doc = await this.peek(collection, id);
    // A copy, so a projection that mutates what it read cannot change the overlay behind our back.
    return doc === null ? null : (copyJson(doc) as Doc);
  }

  async peek(collection: string, id: string): Promise<Readonly<Doc> | null> {
    const key = keyOf(collection, id);
    let entry = this.entries.get(key);
    if (!entry) {
      const stored = this.kept?.get(key) ?? (await this.stored(collection, id));
      entry = new Entry(stored?.doc ?? null, stored?.position ?? null);
      this.entries.set(key, entry);
    }
    return entry.doc;
  }

  async take(collection: string, id: string): Promise<Doc | null> {
    const key = keyOf(collection, id);
    const entry = this.entries.get(key);
    if (entry) return entry.doc === null ? null : (copyJson(entry.doc) as Doc);
    // Not kept in the overlay: the caller holds the only copy (a batch of unit-history read ≈ 2,000 heads
    // and index pages, each held twice for 5,000 events, long enough to be promoted).
    // A kept document is in memory whoever holds it: the batch's holding it adds nothing (not counted).
    const kept = this.kept?.take(key);
    if (kept) return kept.doc;
    const stored = await this.stored(collection, id);
    if (stored) this.taken += 1;
    return stored?.doc ?? null;
  }

  /**
   * Documents the batch holds until its write: read or changed through the view, or taken from the store
   * by the projection to keep itself. What bounds a batch's memory (the runner writes it past a limit).
   */
  get held(): number {
    return this.entries.size + this.taken;
  }

  async readStream(streamId: string, toPosition: number): Promise<StoredEvent[]> {
    const result: StoredEvent[] = [];
    for (let fromRevision = 0; ;) {
      const page = await this.events.readStream(streamId, { fromRevision, maxCount: STREAM_PAGE });
      for (const event of page) {
        if (event.position > toPosition) return result;
        result.push(event);
      }
      const last = page[page.length - 1];
      if (!last || page.length < STREAM_PAGE) return result;
      fromRevision = last.revision + 1;
    }
  }

  /**
   * Takes the changes one event produced. A document whose stored position is at or past the event
   * already contains it (a batch written in part before a crash, possible only where the store is not
   * transactional): its change is dropped so nothing is counted twice.
   */
  record(changes: readonly DocChange[], position: number): void {
    for (const change of changes) {
      const key = keyOf(change.collection, change.id);
      let entry = this.entries.get(key);
      if (entry?.storedPosition != null && entry.storedPosition >= position) continue;
      if (!entry) this.entries.set(key, (entry = new Entry(null, undefined)));
      entry.doc = change.op === 'put' ? change.doc : null;
      entry.change = change;
      entry.position = position;
    }
  }

  /** The last change of every document touched in this batch, each at its position (copies: once a batch). */
  changes(): DocChange[] {
    const result: DocChange[] = [];
    for (const entry of this.entries.values())
      if (entry.change) result.push({ ...entry.change, position: entry.position });
    return result;
  }
}

/**
 * A deep copy of a JSON document (plain objects, arrays, scalars: what the store keeps). Several times
 * faster than structuredClone, which a projection pays on every read.
 */
export function copyJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = copyJson(value[i]);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = copyJson((value as Record<string, unknown>)[key]);
  return copy;
}
