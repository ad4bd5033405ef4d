import type { EventStore, StoredEvent } from '@thidua/event-store';
import type { ReadStore, Target } from '@thidua/read-store';
import {
  entryRenderer,
  historyHead,
  pageOf,
  positionReader,
  type HistoryFilter,
} from './unit-history.query.js';

/** Characters of entry texts kept by default: ≈ 25,000 entries of ≈ 650 characters, ≤ 32 MiB as UTF-16. */
export const HISTORY_CACHE_CHARS = 16 * 1024 * 1024;

/** Entries rendered once and not kept, remembered by key (then forgotten all at once). */
const SEEN_ONCE = 100_000;

/** A rendered entry, with the hash of the event it was rendered from (verified when it was read). */
interface Rendered {
  position: number;
  type: string;
  hash: string;
  text: string;
}

/** A page of history as the JSON text the API answers: the bytes JSON.stringify gives for a UnitHistoryPage. */
export interface HistoryPageText {
  /** Entries in the unit's whole history (0: no event touched the unit; `text` is then its empty page). */
  total: number;
  text: string;
}

/**
 * Pages of unit history as JSON text, keeping the entries it rendered twice (least recently used out,
 * bounded by their characters). An entry never changes once its event is in the index: it is the event's own fields
 * and a summary over the lookups as they stood before the event. So a kept entry is served again as long
 * as its event is the same, which the store confirms from the stored bytes without parsing the event
 * (`confirmedHashes`: the row still hashes to the hash the entry was rendered from). Whatever is not
 * confirmed so (not kept, another hash, a row that no longer matches its hash, a store without the
 * method, which then keeps nothing) is read through `readPositions` and checked in full, as
 * `readUnitHistory` does: a tampered event fails there, never served from what was kept. The paging is
 * `readUnitHistory`'s own (`pageOf`).
 */
export class UnitHistoryPages {
  private readonly kept = new Map<string, Rendered>();
  /**
   * An entry is kept the second time it is rendered: pages read once (a crawl, a spread of units) keep
   * nothing, which would cost the collector without ever being served again.
   */
  private readonly seenOnce = new Set<string>();
  private keptChars = 0;
  private generationKey = '';

  constructor(
    private readonly reads: ReadStore,
    private readonly events: EventStore,
    private readonly maxChars = HISTORY_CACHE_CHARS,
  ) {}

  /** Entries kept now, and their characters (metrics, tests). */
  get size(): { entries: number; chars: number } {
    return { entries: this.kept.size, chars: this.keptChars };
  }

  async pageText(
    target: Target,
    unitId: string,
    after: number,
    limit: number,
    filter?: HistoryFilter,
  ): Promise<HistoryPageText> {
    const readPositions = positionReader(this.events);
    this.forgetOtherGenerations(target);
    const head = await historyHead(this.reads, target, unitId);
    if (!head) return { total: 0, text: pageJson(unitId, null, 0, [], null) };
    let render: ((event: StoredEvent) => Promise<string>) | undefined;
    const read = async (wanted: number[], types?: ReadonlySet<string>): Promise<Rendered[]> => {
      // Only kept entries are confirmed: the others are read in full once, not looked up twice.
      const keptHere = wanted.filter((position) => this.kept.has(keyOf(unitId, position)));
      const confirmed =
        (keptHere.length > 0 ? await this.events.confirmedHashes?.(keptHere) : undefined) ??
        new Map<number, string>();
      const out: Array<Rendered | undefined> = [];
      const missing: number[] = [];
      for (const position of wanted) {
        const key = keyOf(unitId, position);
        const kept = this.kept.get(key);
        if (kept !== undefined && kept.hash === confirmed.get(position)) {
          // Most recently used last.
          this.kept.delete(key);
          this.kept.set(key, kept);
          out.push(kept);
        } else {
          missing.push(position);
          out.push(undefined);
        }
      }
      if (missing.length > 0) {
        const fresh = new Map<number, Rendered>();
        // Entries of other types are not rendered (as readUnitHistory does not): they are left unkept.
        const found = (await readPositions(missing)).filter((e) => types === undefined || types.has(e.type));
        render ??= this.renderer(target, unitId);
        const texts = await Promise.all(found.map(render));
        for (const [i, event] of found.entries()) {
          const rendered = {
            position: event.position,
            type: event.type,
            hash: event.metadata.hash,
            text: texts[i]!,
          };
          // A store that cannot confirm (EventStoreDB) would never serve a kept entry: keep none.
          if (this.events.confirmedHashes) this.admit(keyOf(unitId, event.position), rendered);
          fresh.set(event.position, rendered);
        }
        for (let i = 0; i < wanted.length; i++) out[i] ??= fresh.get(wanted[i]!);
      }
      return out.filter((r): r is Rendered => r !== undefined && (types === undefined || types.has(r.type)));
    };
    const { items, nextAfter } = await pageOf(this.reads, target, head, after, limit, filter, read);
    return {
      total: head.entries,
      text: pageJson(
        unitId,
        head.name,
        head.entries,
        items.map((r) => r.text),
        nextAfter,
      ),
    };
  }

  private renderer(target: Target, unitId: string): (event: StoredEvent) => Promise<string> {
    const render = entryRenderer(this.reads, target, unitId);
    return async (event) => JSON.stringify(await render(event));
  }

  private admit(key: string, rendered: Rendered): void {
    if (this.seenOnce.delete(key)) {
      this.keep(key, rendered);
      return;
    }
    if (this.seenOnce.size >= SEEN_ONCE) this.seenOnce.clear();
    this.seenOnce.add(key);
  }

  private keep(key: string, rendered: Rendered): void {
    const old = this.kept.get(key);
    if (old) {
      this.keptChars -= old.text.length;
      this.kept.delete(key);
    }
    if (rendered.text.length > this.maxChars) return;
    this.kept.set(key, rendered);
    this.keptChars += rendered.text.length;
    if (this.keptChars <= this.maxChars) return;
    // Down to 7/8 of the bound at once: a Map iterated from its start walks over the holes its deletions
    // left until it is rehashed, so one eviction per insert would cost a walk each.
    const low = this.maxChars - (this.maxChars >> 3);
    for (const [oldest, entry] of this.kept) {
      if (this.keptChars <= low) break;
      this.kept.delete(oldest);
      this.keptChars -= entry.text.length;
    }
  }

  /** A rebuilt generation renders the same entries, but nothing kept from another one is trusted. */
  private forgetOtherGenerations(target: Target): void {
    const key = `${target.projection}\u0000${target.generation}`;
    if (key === this.generationKey) return;
    this.generationKey = key;
    this.kept.clear();
    this.seenOnce.clear();
    this.keptChars = 0;
  }
}

const keyOf = (unitId: string, position: number): string => `${position}\u0000${unitId}`;

/** JSON.stringify of UnitHistoryPage with its items already as JSON texts (same key order). */
function pageJson(
  unitId: string,
  name: string | null,
  total: number,
  items: string[],
  nextAfter: number | null,
): string {
  return (
    `{"unitId":${JSON.stringify(unitId)},"name":${JSON.stringify(name)},"total":${JSON.stringify(total)},` +
    `"items":[${items.join(',')}],"nextAfter":${JSON.stringify(nextAfter)}}`
  );
}
