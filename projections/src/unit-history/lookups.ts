import type { Doc, ReadStore, Target } from '@thidua/read-store';
import type { DocWork } from './doc-work.js';

/**
 * What the summaries of unit-history read and keep (cluster names, criterion titles, elections, awards,
 * complaints, unit names): `touchesOf` gets them through this, both when the projection indexes an event
 * and when a history page renders it, so that both see the lookups as they stood before the event.
 */
export interface Lookups {
  /** A lookup the event may change: `put` it only after a `get`. */
  get<T extends object>(collection: string, id: string): Promise<T | null>;
  /** A lookup only read: never change it. */
  peek<T extends object>(collection: string, id: string): Promise<Readonly<T> | null>;
  put<T extends { position: number }>(collection: string, id: string, doc: T): void;
}

/**
 * A lookup document keeps every value it had, each from the position of the event that set it, so that a
 * history page rendered later reads it as it stood then. They change rarely (a renaming, an amended
 * scheme); elections, awards and complaints are written once.
 */
export interface VersionedDoc {
  versions: Array<{ at: number; doc: Doc }>;
  position: number;
}

function latest(container: VersionedDoc | null): Doc | null {
  return container?.versions[container.versions.length - 1]?.doc ?? null;
}

/** The value before `position` (a later event's value is not seen). */
function before(container: VersionedDoc | null, position: number): Doc | null {
  const versions = container?.versions ?? [];
  for (let i = versions.length - 1; i >= 0; i--) if (versions[i]!.at < position) return versions[i]!.doc;
  return null;
}

/** While projecting: the lookups through the event's DocWork; a put adds a version at the event. */
export class ProjectedLookups implements Lookups {
  private readonly read = new Map<string, VersionedDoc>();

  constructor(private readonly work: DocWork) {}

  async get<T extends object>(collection: string, id: string): Promise<T | null> {
    const container = await this.work.get<VersionedDoc>(collection, id);
    this.read.set(`${collection}\u0000${id}`, container ?? { versions: [], position: 0 });
    return latest(container) as T | null;
  }

  async peek<T extends object>(collection: string, id: string): Promise<Readonly<T> | null> {
    return latest(await this.work.peek<VersionedDoc>(collection, id)) as T | null;
  }

  put<T extends { position: number }>(collection: string, id: string, doc: T): void {
    const container = this.read.get(`${collection}\u0000${id}`);
    if (!container) throw new Error(`${collection}/${id} written without being read first`);
    const at = this.work.position;
    const last = container.versions[container.versions.length - 1];
    const version = { at, doc: { ...doc, position: at } as unknown as Doc };
    if (last?.at === at) container.versions[container.versions.length - 1] = version;
    else container.versions.push(version);
    this.work.put(collection, id, container);
  }
}

/** A container as a page holds it: good for the events at positions up to `upTo`. */
interface Held {
  container: Promise<VersionedDoc | null>;
  upTo: number;
}

/** Containers read for one history page, shared by the events it renders. */
export type LookupCache = Map<string, Held>;

/** Documents KeptHistoryDocs holds at most, of each kind (the 1M bench log: ≈ 7,000 lookups, ≈ 6,900 heads and index pages). */
export const KEPT_HISTORY_DOCS = 8192;

/**
 * Unit-history documents kept across history pages (the API keeps one); all dropped when the served
 * generation changes, each kind all dropped when full. They are frozen: pages share them.
 * - Lookup containers (`take`): one read when the projection's checkpoint was known to be at C (taken
 *   before the read) holds every version set by the events up to C (a batch lands with its checkpoint, and
 *   a version, once landed, is never changed or removed). So it renders an event at a position ≤ C + 1 as
 *   a fresh read would; a later event reads the store again.
 * - Heads and index pages (`page`): kept while the checkpoint stands still, as ReadModels.getText keeps
 *   texts. Taken before the read: a page read while a batch lands is kept under the older checkpoint, and a
 *   checkpoint that moved reads again (read-your-writes waits for it to move).
 */
export class KeptHistoryDocs {
  private readonly held = new Map<string, Held>();
  private readonly pages = new Map<string, Promise<Doc | null>>();
  private pagesAt = -1;
  private generation: string | undefined;

  constructor(
    /** A checkpoint position the projection is known to have reached (ProjectionRunner.servedPosition). */
    private readonly checkpoint: () => number,
    private readonly capacity = KEPT_HISTORY_DOCS,
  ) {}

  /** The container of `key` for an event at `position`: kept if it is good for it, else read and kept. */
  take(
    reads: ReadStore,
    target: Target,
    collection: string,
    id: string,
    key: string,
    position: number,
  ): Held {
    this.forGeneration(target);
    const kept = this.held.get(key);
    if (kept && kept.upTo >= position) return kept;
    const upTo = this.checkpoint() + 1;
    const container = (reads.get(target, collection, id) as Promise<VersionedDoc | null>).then(deepFreeze);
    const held = { container, upTo };
    if (this.held.size >= this.capacity) this.held.clear();
    this.held.set(key, held);
    // A failed read is not kept.
    void container.catch(() => this.held.get(key) === held && this.held.delete(key));
    // Read after the page's index: good for every event of this page, whatever the checkpoint said.
    return { container, upTo: Number.POSITIVE_INFINITY };
  }

  /** A unit's head or an index page (`collection/id`), kept while the checkpoint stands still. */
  page(reads: ReadStore, target: Target, collection: string, id: string): Promise<Doc | null> {
    this.forGeneration(target);
    const at = this.checkpoint();
    if (at !== this.pagesAt) {
      this.pages.clear();
      this.pagesAt = at;
    }
    const key = `${collection}\u0000${id}`;
    let doc = this.pages.get(key);
    if (!doc) {
      const read = reads.get(target, collection, id).then(deepFreeze);
      if (this.pages.size >= this.capacity) this.pages.clear();
      this.pages.set(key, (doc = read));
      void read.catch(() => this.pages.get(key) === read && this.pages.delete(key));
    }
    return doc;
  }

  private forGeneration(target: Target): void {
    const generation = `${target.projection}\u0000${target.generation}`;
    if (this.generation === generation) return;
    this.held.clear();
    this.pages.clear();
    this.generation = generation;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** While rendering a page: the lookups as they stood before `position`, plus the event's own puts. */
export class LookupsAsOf implements Lookups {
  private readonly own = new Map<string, Doc>();

  constructor(
    private readonly reads: ReadStore,
    private readonly target: Target,
    private readonly cache: LookupCache,
    private readonly position: number,
    private readonly kept?: KeptHistoryDocs,
  ) {}

  async get<T extends object>(collection: string, id: string): Promise<T | null> {
    return (await this.peek<T>(collection, id)) as T | null;
  }

  async peek<T extends object>(collection: string, id: string): Promise<Readonly<T> | null> {
    const key = `${collection}\u0000${id}`;
    const own = this.own.get(key);
    if (own) return own as unknown as T;
    let held = this.cache.get(key);
    if (!held || held.upTo < this.position) {
      held = this.kept
        ? this.kept.take(this.reads, this.target, collection, id, key, this.position)
        : {
            container: this.reads.get(this.target, collection, id) as Promise<VersionedDoc | null>,
            upTo: Number.POSITIVE_INFINITY,
          };
      this.cache.set(key, held);
    }
    return before(await held.container, this.position) as T | null;
  }

  put<T extends { position: number }>(collection: string, id: string, doc: T): void {
    this.own.set(`${collection}\u0000${id}`, doc as unknown as Doc);
  }
}
