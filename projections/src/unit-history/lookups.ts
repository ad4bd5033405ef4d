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

/** Containers read for one history page, shared by the events it renders. */
export type LookupCache = Map<string, Promise<VersionedDoc | null>>;

/** While rendering a page: the lookups as they stood before `position`, plus the event's own puts. */
export class LookupsAsOf implements Lookups {
  private readonly own = new Map<string, Doc>();

  constructor(
    private readonly reads: ReadStore,
    private readonly target: Target,
    private readonly cache: LookupCache,
    private readonly position: number,
  ) {}

  async get<T extends object>(collection: string, id: string): Promise<T | null> {
    return (await this.peek<T>(collection, id)) as T | null;
  }

  async peek<T extends object>(collection: string, id: string): Promise<Readonly<T> | null> {
    const key = `${collection}\u0000${id}`;
    const own = this.own.get(key);
    if (own) return own as unknown as T;
    let container = this.cache.get(key);
    if (!container) {
      container = this.reads.get(this.target, collection, id) as Promise<VersionedDoc | null>;
      this.cache.set(key, container);
    }
    return before(await container, this.position) as T | null;
  }

  put<T extends { position: number }>(collection: string, id: string, doc: T): void {
    this.own.set(`${collection}\u0000${id}`, doc as unknown as Doc);
  }
}
