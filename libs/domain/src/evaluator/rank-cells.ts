import type { Assessment } from '../events/emulation-year.events.js';
import type { Criterion } from '../scheme/scheme.js';
import { EntryColumns } from './entry-columns.js';
import type { IgnoredEntry } from './evaluator.types.js';
import type { FoldedEntry } from './folded-entry.js';

// All arithmetic in hundredths (points have at most two decimals): exact, so replays agree to the byte.
export const cents = (points: number): number => Math.round(points * 100);

/**
 * Which assessment a cell takes: the appraisal of the organizer's emulation office outranks the cluster's
 * verified score, which outranks the unit's self score (DESIGN.md §4); 0 is never taken.
 */
const priorityOf = (assessment: string): number =>
  assessment === 'appraisal' ? 3 : assessment === 'cluster' ? 2 : assessment === 'self' ? 1 : 0;

/**
 * Work arrays of a ranking, kept for the next one (rankings are synchronous: one at a time, and nothing
 * returned refers to them). A typed array of more than 64 bytes is allocated outside V8's heap, at about
 * 3 µs each: made per ranking and per row, they were most of the as-of of a 2,000-event year.
 */
const work = {
  priority: new Uint8Array(256),
  points: new Float64Array(256),
  rowOf: new Int32Array(256),
  columnOf: new Int32Array(256),
  maxCents: new Float64Array(64),
  groups: new Float64Array(64),
  byColumn: new Float64Array(64),
  keys: new Float64Array(256),
};

/** The work array `name` with room for n, its first n cells set to `fill`. */
export function workArray<K extends keyof typeof work>(name: K, n: number, fill: number): (typeof work)[K] {
  let array = work[name];
  if (array.length < n) {
    const Kind = array.constructor as new (size: number) => (typeof work)[K];
    array = work[name] = new Kind(Math.max(n, 2 * array.length));
  }
  array.fill(fill, 0, n);
  return array;
}

/**
 * One cell per (member, criterion column): the entry the ranking takes — of the highest assessment, the
 * latest usable one (the decider allows only one active per assessment) — with its points after a what-if
 * override; and, for explain only, every entry shown in the cell.
 */
export class Cells {
  readonly priority: Uint8Array;
  readonly entryId: (string | undefined)[];
  readonly points: Float64Array;
  readonly source: (Assessment | undefined)[];
  readonly entries: (FoldedEntry[] | undefined)[] | undefined;

  constructor(count: number, explain: boolean) {
    this.priority = workArray('priority', count, 0);
    this.entryId = new Array<string | undefined>(count);
    this.points = workArray('points', count, 0);
    this.source = new Array<Assessment | undefined>(count);
    this.entries = explain ? new Array<FoldedEntry[] | undefined>(count) : undefined;
  }

  /** Entries come in recording order: a later one of the same assessment replaces the earlier. */
  offer(k: number, assessment: Assessment, entryId: string, points: number): void {
    const priority = priorityOf(assessment);
    if (priority === 0 || priority < this.priority[k]!) return;
    this.priority[k] = priority;
    this.entryId[k] = entryId;
    this.points[k] = points;
    this.source[k] = assessment;
  }
}

/** What one pass over a period's entries reads, and fills (`cells`, `ignored`). */
export interface EntryPass {
  overrides: ReadonlyMap<string, number>;
  excluded: ReadonlySet<string>;
  /** Member unit id → row. */
  memberIndex: ReadonlyMap<string, number>;
  /** Criterion code → the scheme's criterion of that code (the last) and its column (the first). */
  codes: ReadonlyMap<string, { criterion: Criterion; column: number }>;
  width: number;
  cells: Cells;
  ignored: IgnoredEntry[];
}

/** The pass over entry objects (a fold of the events). */
export function passObjects(entries: ReadonlyMap<string, FoldedEntry>, pass: EntryPass): void {
  const { overrides, excluded, memberIndex, codes, width, cells, ignored } = pass;
  // Most rankings are no what-if: the exclusion and override lookups are skipped then (hot in a rebuild).
  const excluding = excluded.size > 0;
  const overriding = overrides.size > 0;
  for (const entry of entries.values()) {
    let reason: IgnoredEntry['reason'] | undefined;
    let points = entry.points;
    const code = codes.get(entry.criterion);
    const row = memberIndex.get(entry.unitId);
    let usable = false;
    if (entry.withdrawn || (excluding && excluded.has(entry.entryId))) {
      // counts nothing, still shown in explain
    } else if (row === undefined) reason = 'unit-not-member';
    else if (code === undefined) reason = 'criterion-not-in-scheme';
    else {
      if (overriding) points = overrides.get(entry.entryId) ?? points;
      if (cents(points) > cents(code.criterion.maxPoints)) reason = 'points-above-max';
      else usable = true;
    }
    if (reason !== undefined)
      ignored.push({ entryId: entry.entryId, unitId: entry.unitId, criterion: entry.criterion, reason });
    if (row === undefined || code === undefined) continue; // no member's cell shows it
    const k = row * width + code.column;
    if (cells.entries) (cells.entries[k] ??= []).push(entry);
    if (usable) cells.offer(k, entry.assessment, entry.entryId, points);
  }
}

const UNKNOWN = -2;

/**
 * The pass over a year log's columns: the same choices as passObjects, made from numbers. Each string
 * number's member row and criterion column is looked up once (a period's entries name a few hundred
 * units and criteria), so an entry costs a few typed-array reads. Explain never comes here: it needs the
 * entries' chains, which only a traced fold of the events keeps.
 */
export function passColumns(entries: EntryColumns, pass: EntryPass): void {
  const { overrides, excluded, memberIndex, codes, width, cells, ignored } = pass;
  const excluding = excluded.size > 0;
  const overriding = overrides.size > 0;
  const { rows, log } = entries;
  const { unit, assessment, strings } = log;
  const criterionOf = log.criterion;
  const rowOf = workArray('rowOf', strings.length, UNKNOWN); // -1: not a member
  const columnOf = workArray('columnOf', strings.length, UNKNOWN); // -1: not in the scheme
  const maxCents = workArray('maxCents', width, 0);
  for (const { criterion, column } of codes.values()) maxCents[column] = cents(criterion.maxPoints);
  for (let j = 0; j < entries.size; j++) {
    const recording = rows[2 * j]!;
    const from = rows[2 * j + 1]!;
    const u = unit[recording]!;
    const c = criterionOf[recording]!;
    let row = rowOf[u]!;
    if (row === UNKNOWN) row = rowOf[u] = memberIndex.get(strings[u]!) ?? -1;
    let column = columnOf[c]!;
    if (column === UNKNOWN) column = columnOf[c] = codes.get(strings[c]!)?.column ?? -1;
    let reason: IgnoredEntry['reason'] | undefined;
    let points = log.points[from < 0 ? ~from : from]!;
    let usable = false;
    if (from < 0 || (excluding && excluded.has(entries.idAt(j)))) {
      // counts nothing
    } else if (row < 0) reason = 'unit-not-member';
    else if (column < 0) reason = 'criterion-not-in-scheme';
    else {
      if (overriding) points = overrides.get(entries.idAt(j)) ?? points;
      if (cents(points) > maxCents[column]!) reason = 'points-above-max';
      else usable = true;
    }
    if (reason !== undefined)
      ignored.push({ entryId: entries.idAt(j), unitId: strings[u]!, criterion: strings[c]!, reason });
    if (usable)
      cells.offer(
        row * width + column,
        strings[assessment[recording]!]! as Assessment,
        entries.idAt(j),
        points,
      );
  }
}
