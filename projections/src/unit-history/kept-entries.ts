import type { EventStore } from '@thidua/event-store';
import type { ReadStore, Target } from '@thidua/read-store';
import type { KeptHistoryDocs } from './lookups.js';
import type { HistoryEntryDoc } from './unit-history.documents.js';
import {
  entryRenderer,
  pageOf,
  type EntryReader,
  type HistoryFilter,
  type HistoryPageOf,
} from './unit-history.query.js';

/** An entry as a page serves it again: the UTF-8 bytes of its JSON, with what paging and filtering read. */
export interface EntryBytes {
  position: number;
  type: string;
  bytes: Buffer;
}

/** An entry of a page: kept bytes, or rendered now and not kept (encoded with its neighbours, page-bytes.ts). */
export type PageEntry = EntryBytes | { position: number; type: string; doc: HistoryEntryDoc };

/** Bytes of entries KeptHistoryEntries holds at most (the bench's 400 repeated pages: ≈ 14 MB). */
export const KEPT_ENTRY_BYTES = 32 * 1024 * 1024;
/** What a kept entry costs besides its bytes (the Buffer, the map's slot), counted against the bound. */
const ENTRY_OVERHEAD = 128;
/** Positions remembered as rendered once, all units together (sets of numbers: a few MB at most). */
const SEEN_POSITIONS = 131_072;

/**
 * Rendered history entries kept as their JSON's bytes, by unit and position, across pages (the API keeps
 * one). An entry depends only on its event and on the lookups as they stood before it (LookupsAsOf): in a
 * generation of the projection it never changes once its position is in the unit's index. It is kept from
 * an event the store's check passed, and served only while `intact()` says no check of this process has
 * failed (else every page is read and checked as before, and everything kept is dropped). All dropped when
 * the served generation changes, or when the bound is reached.
 *
 * An entry is kept the second time its position is rendered: pages read once (most of a spread of pages
 * over a large log) keep nothing. Keeping every first render cost those pages ≈ 25 % more CPU in process
 * (the kept objects outlive the young generation), for entries never asked again.
 */
export class KeptHistoryEntries {
  private readonly units = new Map<string, Map<number, EntryBytes>>();
  /** Per unit, positions rendered once and not kept yet. */
  private readonly seen = new Map<string, Set<number>>();
  private seenCount = 0;
  /** The generation whose entries are kept. */
  private served: Target | undefined;
  private held = 0;

  constructor(
    /** False once an integrity check of this process failed (LogIntegrity.failures). */
    private readonly intact: () => boolean,
    private readonly maxBytes = KEPT_ENTRY_BYTES,
  ) {}

  /** Bytes held now (entries and their overhead). */
  get bytes(): number {
    return this.held;
  }

  /** Whether kept entries may be served for `target`; drops them when not, or when the generation changed. */
  usable(target: Target): boolean {
    if (!this.serves(target) || !this.intact()) {
      this.clear();
      this.served = { projection: target.projection, generation: target.generation };
    }
    return this.intact();
  }

  get(unitId: string, position: number): EntryBytes | undefined {
    return this.units.get(unitId)?.get(position);
  }

  /**
   * Whether an entry rendered now for `target` is to be kept: its position was rendered before for this unit
   * (else it is remembered, and not kept; nothing when another generation is served by now).
   */
  renderedBefore(target: Target, unitId: string, position: number): boolean {
    if (!this.serves(target)) return false;
    if (this.seen.get(unitId)?.delete(position)) {
      this.seenCount--;
      return true;
    }
    if (this.seenCount >= SEEN_POSITIONS) this.forgetSeen();
    let seen = this.seen.get(unitId);
    if (!seen) this.seen.set(unitId, (seen = new Set()));
    seen.add(position);
    this.seenCount++;
    return false;
  }

  /** Keeps an entry rendered for `target` (nothing when another generation is served by now). */
  keep(target: Target, unitId: string, entry: EntryBytes): void {
    if (!this.serves(target)) return;
    if (this.units.get(unitId)?.has(entry.position)) return;
    const size = entry.bytes.length + ENTRY_OVERHEAD;
    if (this.held + size > this.maxBytes) this.clear();
    let unit = this.units.get(unitId);
    if (!unit) this.units.set(unitId, (unit = new Map()));
    unit.set(entry.position, entry);
    this.held += size;
  }

  private serves(target: Target): boolean {
    return this.served?.projection === target.projection && this.served.generation === target.generation;
  }

  private clear(): void {
    this.units.clear();
    this.held = 0;
    this.forgetSeen();
  }

  private forgetSeen(): void {
    this.seen.clear();
    this.seenCount = 0;
  }
}

/**
 * readUnitHistory with each entry as its JSON's bytes: entries kept from earlier pages are served as kept
 * (neither read, checked, rendered nor encoded again), the others read, checked and rendered as
 * readUnitHistory does, then kept. With `pageBytes` (page-bytes.ts), the same bytes as the JSON of readUnitHistory's page.
 */
export async function readUnitHistoryEntries(
  reads: ReadStore,
  events: EventStore,
  target: Target,
  unitId: string,
  after: number,
  limit: number,
  filter: HistoryFilter | undefined,
  docs: KeptHistoryDocs | undefined,
  entries: KeptHistoryEntries,
): Promise<HistoryPageOf<PageEntry>> {
  const render = entryRenderer(reads, events, target, unitId, docs);
  const serveKept = entries.usable(target);
  const read: EntryReader<PageEntry> = async (wanted, types) => {
    const found: Array<PageEntry | undefined> = serveKept ? wanted.map((p) => entries.get(unitId, p)) : [];
    const missing = serveKept ? wanted.filter((_, i) => found[i] === undefined) : wanted;
    if (missing.length > 0) {
      const rendered = new Map<number, PageEntry>();
      for (const doc of await render(missing, types)) {
        const { position, type } = doc;
        if (serveKept && entries.renderedBefore(target, unitId, position)) {
          const entry = { position, type, bytes: Buffer.from(JSON.stringify(doc)) };
          entries.keep(target, unitId, entry);
          rendered.set(position, entry);
        } else rendered.set(position, { position, type, doc });
      }
      for (let i = 0; i < wanted.length; i++) found[i] ??= rendered.get(wanted[i]!);
    }
    return found.filter((e): e is PageEntry => e !== undefined && (types === undefined || types.has(e.type)));
  };
  return pageOf(reads, target, unitId, after, limit, filter, docs, read);
}
