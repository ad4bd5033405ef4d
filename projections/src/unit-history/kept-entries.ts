import type { EventStore } from '@thidua/event-store';
import type { ReadStore, Target } from '@thidua/read-store';
import type { KeptHistoryDocs } from './lookups.js';
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

/** Bytes of entries KeptHistoryEntries holds at most (the bench's 400 repeated pages: ≈ 14 MB). */
export const KEPT_ENTRY_BYTES = 32 * 1024 * 1024;
/** What a kept entry costs besides its bytes (the Buffer, the map's slot), counted against the bound. */
const ENTRY_OVERHEAD = 128;

/**
 * Rendered history entries kept as their JSON's bytes, by unit and position, across pages (the API keeps
 * one). An entry depends only on its event and on the lookups as they stood before it (LookupsAsOf): in a
 * generation of the projection it never changes once its position is in the unit's index. It is kept from
 * an event the store's check passed, and served only while `intact()` says no check of this process has
 * failed (else every page is read and checked as before, and everything kept is dropped). All dropped when
 * the served generation changes, or when the bound is reached.
 */
export class KeptHistoryEntries {
  private readonly units = new Map<string, Map<number, EntryBytes>>();
  private generation: string | undefined;
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
    const generation = `${target.projection}\u0000${target.generation}`;
    if (this.generation !== generation || !this.intact()) {
      this.clear();
      this.generation = generation;
    }
    return this.intact();
  }

  get(unitId: string, position: number): EntryBytes | undefined {
    return this.units.get(unitId)?.get(position);
  }

  /** Keeps an entry rendered for `target` (nothing when another generation is served by now). */
  keep(target: Target, unitId: string, entry: EntryBytes): void {
    if (this.generation !== `${target.projection}\u0000${target.generation}`) return;
    if (this.units.get(unitId)?.has(entry.position)) return;
    const size = entry.bytes.length + ENTRY_OVERHEAD;
    if (this.held + size > this.maxBytes) this.clear();
    let unit = this.units.get(unitId);
    if (!unit) this.units.set(unitId, (unit = new Map()));
    unit.set(entry.position, entry);
    this.held += size;
  }

  private clear(): void {
    this.units.clear();
    this.held = 0;
  }
}

/**
 * readUnitHistory with each entry as its JSON's bytes: entries kept from earlier pages are served as kept
 * (neither read, checked, rendered nor encoded again), the others read, checked and rendered as
 * readUnitHistory does, then kept. With `pageBytes`, the same bytes as the JSON of readUnitHistory's page.
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
): Promise<HistoryPageOf<EntryBytes>> {
  const render = entryRenderer(reads, events, target, unitId, docs);
  const serveKept = entries.usable(target);
  const read: EntryReader<EntryBytes> = async (wanted, types) => {
    const found: Array<EntryBytes | undefined> = serveKept ? wanted.map((p) => entries.get(unitId, p)) : [];
    const missing = serveKept ? wanted.filter((_, i) => found[i] === undefined) : wanted;
    if (missing.length > 0) {
      const rendered = new Map<number, EntryBytes>();
      for (const doc of await render(missing, types)) {
        const entry = { position: doc.position, type: doc.type, bytes: Buffer.from(JSON.stringify(doc)) };
        rendered.set(doc.position, entry);
        if (serveKept) entries.keep(target, unitId, entry);
      }
      for (let i = 0; i < wanted.length; i++) found[i] ??= rendered.get(wanted[i]!);
    }
    return found.filter(
      (e): e is EntryBytes => e !== undefined && (types === undefined || types.has(e.type)),
    );
  };
  return pageOf(reads, target, unitId, after, limit, filter, docs, read);
}

const ITEMS_OPEN = Buffer.from('"items":[');
const COMMA = Buffer.from(',');

/** The page's JSON as UTF-8 bytes: byte for byte `Buffer.from(JSON.stringify(page))` of the rendered page. */
export function pageBytes(page: HistoryPageOf<EntryBytes>): Buffer {
  const { unitId, name, total, items, nextAfter } = page;
  // The key order of readUnitHistory's page: unitId, name, total, items, nextAfter.
  const head = JSON.stringify({ unitId, name, total });
  const parts: Buffer[] = [Buffer.from(`${head.slice(0, -1)},`), ITEMS_OPEN];
  items.forEach((item, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(item.bytes);
  });
  parts.push(Buffer.from(`],"nextAfter":${JSON.stringify(nextAfter)}}`));
  return Buffer.concat(parts);
}
