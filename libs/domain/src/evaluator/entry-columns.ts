import type { Assessment } from '../events/emulation-year.events.js';
import { untracedEntry, type FoldedEntry } from './folded-entry.js';

/** What the entries read of the log's columns (year-log.ts), by log row; rows a fold saw never change. */
export interface LogRows {
  /** The entry number of a score event (per period). */
  readonly entry: Int32Array;
  readonly points: Float64Array;
  /** A recording's unit, criterion and assessment: string numbers into `strings`. */
  readonly unit: Int32Array;
  readonly criterion: Int32Array;
  readonly assessment: Int32Array;
  readonly strings: readonly string[];
}

/**
 * A period's score entries as a year log's fold leaves them (year-log.ts): per entry, in order of first
 * recording, two log rows — its latest recording (its unit, criterion, assessment and number) and the event
 * its points come from (that recording or a later correction; bitwise-negated when the entry is withdrawn).
 * No object per entry, no copy of the fields: at 100,000 events a period holds ≈ 14,000 entries, and making
 * them as objects in a Map was most of an as-of query. The ranker reads the rows (rank-cells.ts); `get` and
 * `values` make entry objects on demand, for what-if checks and for readers that want the Map's view.
 */
export class EntryColumns {
  /** By entry number: 1 + the entry's place here, 0 when not in this fold (made on the first lookup). */
  private place: Int32Array | undefined;

  constructor(
    /** Entry ids by entry number (the log's table of the period; it only grows). */
    private readonly ids: readonly string[],
    /** Entry number by id (the log's table of the period). */
    private readonly numbers: ReadonlyMap<string, number>,
    readonly log: LogRows,
    /** Two per entry: its recording's row, its points' row (~row when withdrawn). */
    readonly rows: Int32Array,
  ) {}

  get size(): number {
    return this.rows.length / 2;
  }

  /** The id of the entry at place j. */
  idAt(j: number): string {
    return this.ids[this.log.entry[this.rows[2 * j]!]!]!;
  }

  has(entryId: string): boolean {
    return this.placeOf(entryId) >= 0;
  }

  get(entryId: string): FoldedEntry | undefined {
    const j = this.placeOf(entryId);
    return j < 0 ? undefined : this.entryAt(j);
  }

  *values(): IterableIterator<FoldedEntry> {
    for (let j = 0; j < this.size; j++) yield this.entryAt(j);
  }

  private placeOf(entryId: string): number {
    const k = this.numbers.get(entryId);
    if (k === undefined) return -1;
    if (!this.place) {
      this.place = new Int32Array(this.ids.length);
      for (let j = 0; j < this.size; j++) this.place[this.log.entry[this.rows[2 * j]!]!] = j + 1;
    }
    // Numbers past `place` were given by a longer log after this fold: not entries of it.
    return k >= this.place.length ? -1 : this.place[k]! - 1;
  }

  private entryAt(j: number): FoldedEntry {
    const { log, rows } = this;
    const at = rows[2 * j]!;
    const from = rows[2 * j + 1]!;
    return untracedEntry(
      this.idAt(j),
      log.strings[log.unit[at]!]!,
      log.strings[log.criterion[at]!]!,
      log.strings[log.assessment[at]!]! as Assessment,
      log.points[from < 0 ? ~from : from]!,
      from < 0,
    );
  }
}
