import { rule } from '../errors.js';
import { businessDateOf, upcastData } from '../events/upcast.js';
import { PERIODS, type PeriodCode } from '../periods.js';
import { requireDate, requireIsoTime } from '../validation.js';
import type { EvaluateOptions, EvaluatorEvent } from './evaluator.types.js';
import { EntryColumns } from './entry-columns.js';
import { foldEvents } from './fold.js';
import {
  advance,
  foldYearEvent,
  initialYearFold,
  periodFold,
  stateOf,
  type PeriodFold,
  type YearFold,
} from './year-fold.js';

/**
 * A cluster-year's events with their score entries also in columns (typed arrays), for one-period folds
 * whose cost stays proportional to the events as the year grows. Folding the event objects reads each
 * event's data on the heap: at 100,000 events those reads miss the CPU's caches, and the cost per event was
 * three times that of a 2,000-event year. Here a one-period fold reads one byte per event of another period
 * and a few array cells per score event of its own; only the rare events (membership, the scheme, a
 * period's lifecycle, findings, complaints) are folded from their objects, by foldYearEvent. The period's
 * entries stay in columns too (EntryColumns: two log rows per entry, no object), which the ranker reads.
 *
 * `foldYearLog(log, period, cut)` is exactly `foldEvents(log.events, cut, false, period)` for a cut by
 * position, recording time or business date: the same state, hence the same ranking bytes (tested at every
 * cut; the entries compared through EntryColumns' Map view). A log is made once per
 * stream (`yearLog`) and grown as the stream grows (`extendYearLog`); a log handed out never changes.
 */
export interface YearLog {
  readonly streamId: string;
  /** The events, in position order: the log's rows are these. */
  readonly events: readonly EvaluatorEvent[];
}

const NO_PERIOD = 0; // names no period: the year's membership and scheme, for every period
const OTHER_PERIOD = 255; // names something that is not a period code: folded by no period
const PERIOD_INDEX = new Map<string, number>(PERIODS.map((p, i) => [p.code, i + 1]));

const OTHER = 0; // folded from its object
const RECORDED = 1;
const CORRECTED = 2;
const WITHDRAWN = 3;
const KINDS = new Map([
  ['ScoreRecorded', RECORDED],
  ['ScoreCorrected', CORRECTED],
  ['ScoreWithdrawn', WITHDRAWN],
]);

/** The columns, shared by a log and the logs extended from it (rows past a log's length are not its). */
interface Columns {
  capacity: number;
  /** Rows written: a log may write past its length only when it is the longest (see extendYearLog). */
  filled: number;
  position: Float64Array;
  /**
   * For cuts by time and business date, made on the first such cut (`dated` rows so far: parsing every
   * event's time and date doubled the making of a log): `Date.parse` of the recording time (NaN when it
   * does not parse), and the business date (`businessDateOf`; '' when none).
   */
  dated: number;
  time: Float64Array;
  date: string[];
  period: Uint8Array;
  kind: Uint8Array;
  /**
   * Score events: the entry (index into its period's entry ids), the points, and for a recording its unit,
   * criterion, assessment (index into strings). Entries are numbered per period: a fold's work space is
   * the size of its period's entries, not the year's.
   */
  entry: Int32Array;
  points: Float64Array;
  unit: Int32Array;
  criterion: Int32Array;
  assessment: Int32Array;
  /** By period index (1…; 0 unused): its entries' ids, and their numbers. */
  entries: PeriodEntries[];
  strings: string[];
  stringIndex: Map<string, number>;
}

interface YearLogState extends YearLog {
  length: number;
  columns: Columns;
  /** A score event whose data the columns cannot hold as the fold reads it: folds take the objects' way. */
  odd: boolean;
}

interface PeriodEntries {
  ids: string[];
  index: Map<string, number>;
  /** A fold's work space, kept for the next fold (folds are synchronous: one at a time). */
  work?: WorkSpace;
}

/**
 * Per entry of the period: the row of its latest recording (-1: none yet), the row its points come from
 * (that recording or a later correction), whether withdrawn; and the entries in order of first recording.
 */
interface WorkSpace {
  recordedAt: Int32Array;
  pointsAt: Int32Array;
  withdrawn: Uint8Array;
  order: Int32Array;
}

/** The period's work space, cleared, with room for its entries (reused: allocating it per fold cost collections). */
function workSpace(table: PeriodEntries): WorkSpace {
  const n = table.ids.length;
  let work = table.work;
  if (!work || work.recordedAt.length < n) {
    const size = Math.max(n, 2 * (work?.recordedAt.length ?? 0), 64);
    work = {
      recordedAt: new Int32Array(size),
      pointsAt: new Int32Array(size),
      withdrawn: new Uint8Array(size),
      order: new Int32Array(size),
    };
    table.work = work;
  }
  work.recordedAt.fill(-1, 0, n);
  return work;
}

const stateOfLog = (log: YearLog): YearLogState => log as YearLogState;

/** Whether the log's folds read its columns (false: a score event the columns cannot hold; they fold the objects). */
export const foldsByColumns = (log: YearLog): boolean => !stateOfLog(log).odd;

/** The log of a cluster-year stream's events (in position order, one stream: refused otherwise, as foldYearEvent refuses). */
export function yearLog(events: readonly EvaluatorEvent[]): YearLog {
  const streamId = events[0]?.streamId;
  if (streamId === undefined) throw rule('NO_EVENTS', 'the cluster-year has no events');
  initialYearFold(streamId); // refuses a stream that is not a cluster-year's
  const columns = newColumns(Math.max(1024, events.length));
  const log: YearLogState = { streamId, events: [], length: 0, columns, odd: false };
  return extendYearLog(log, events);
}

/**
 * Whether `events` begin with the log's own events (the same objects): what extendYearLog takes. The last
 * of the log's events is enough to tell (a stream's arrays share their parsed events).
 */
export function beginsWithLog(events: readonly EvaluatorEvent[], log: YearLog): boolean {
  const n = log.events.length;
  return events.length >= n && events[n - 1] === log.events[n - 1];
}

/**
 * The log of `events`, which begin with the log's own events (the same objects): only the rows past the
 * log's length are written. The log given is left as it was.
 */
export function extendYearLog(log: YearLog, events: readonly EvaluatorEvent[]): YearLog {
  const s = stateOfLog(log);
  if (!beginsWithLog(events, log))
    throw rule('NOT_AN_EXTENSION', 'the events do not begin with the log (fold the stream again)');
  // Another log was extended from this one already: its rows past our length are not ours to overwrite.
  const shared = s.columns.filled === s.length;
  let columns = shared ? s.columns : copyColumns(s.columns, s.length, events.length);
  if (columns.capacity < events.length) columns = copyColumns(columns, s.length, events.length);
  let odd = s.odd;
  let last = s.length > 0 ? columns.position[s.length - 1]! : -Infinity;
  for (let i = s.length; i < events.length; i++) {
    const e = events[i]!;
    if (e.streamId !== s.streamId)
      throw rule('MIXED_STREAMS', 'the evaluator folds the events of one cluster-year stream');
    if (e.position < last)
      throw rule('EVENT_OUT_OF_ORDER', `event #${e.position} comes after #${last} in the log`);
    last = e.position;
    odd = writeRow(columns, i, e) || odd;
  }
  columns.filled = events.length;
  return { streamId: s.streamId, events, length: events.length, columns, odd } as YearLogState;
}

/** Writes event e as row i; true when it is a score event the columns cannot hold (see YearLogState.odd). */
function writeRow(c: Columns, i: number, e: EvaluatorEvent): boolean {
  c.position[i] = e.position;
  const data = e.data;
  // The period as foldYearEvent reads it for a one-period fold (outOfScope: before upcasting).
  const named =
    typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['period'] : undefined;
  c.period[i] =
    named === undefined ? NO_PERIOD : (typeof named === 'string' && PERIOD_INDEX.get(named)) || OTHER_PERIOD;
  const kind = KINDS.get(e.type) ?? OTHER;
  c.kind[i] = kind;
  if (kind === OTHER || c.period[i] === NO_PERIOD || c.period[i] === OTHER_PERIOD) {
    c.kind[i] = OTHER;
    return false;
  }
  const d = upcastData(e);
  const entryId = d['entryId'];
  const points = kind === WITHDRAWN ? 0 : d['points'];
  if (typeof entryId !== 'string' || typeof points !== 'number') return true;
  const table = c.entries[c.period[i]!]!;
  let entry = table.index.get(entryId);
  if (entry === undefined) {
    entry = table.ids.length;
    table.ids.push(entryId);
    table.index.set(entryId, entry);
  }
  c.entry[i] = entry;
  c.points[i] = points;
  if (kind !== RECORDED) return false;
  const unitId = d['unitId'];
  const criterion = d['criterion'];
  const assessment = d['assessment'];
  if (typeof unitId !== 'string' || typeof criterion !== 'string' || typeof assessment !== 'string')
    return true;
  c.unit[i] = stringOf(c, unitId);
  c.criterion[i] = stringOf(c, criterion);
  c.assessment[i] = stringOf(c, assessment);
  return false;
}

function stringOf(c: Columns, value: string): number {
  let index = c.stringIndex.get(value);
  if (index === undefined) {
    index = c.strings.length;
    c.strings.push(value);
    c.stringIndex.set(value, index);
  }
  return index;
}

function newColumns(capacity: number): Columns {
  return {
    capacity,
    filled: 0,
    position: new Float64Array(capacity),
    dated: 0,
    time: new Float64Array(capacity),
    date: [],
    period: new Uint8Array(capacity),
    kind: new Uint8Array(capacity),
    entry: new Int32Array(capacity),
    points: new Float64Array(capacity),
    unit: new Int32Array(capacity),
    criterion: new Int32Array(capacity),
    assessment: new Int32Array(capacity),
    entries: Array.from({ length: PERIODS.length + 1 }, () => ({ ids: [], index: new Map() })),
    strings: [],
    stringIndex: new Map(),
  };
}

/** The first `rows` rows of c in new columns with room for at least `needed` (doubling, so growth stays linear). */
function copyColumns(c: Columns, rows: number, needed: number): Columns {
  const next = newColumns(Math.max(needed, 2 * c.capacity));
  next.position.set(c.position.subarray(0, rows));
  next.dated = Math.min(c.dated, rows);
  next.time.set(c.time.subarray(0, next.dated));
  next.date = c.date.slice(0, next.dated);
  next.period.set(c.period.subarray(0, rows));
  next.kind.set(c.kind.subarray(0, rows));
  next.entry.set(c.entry.subarray(0, rows));
  next.points.set(c.points.subarray(0, rows));
  next.unit.set(c.unit.subarray(0, rows));
  next.criterion.set(c.criterion.subarray(0, rows));
  next.assessment.set(c.assessment.subarray(0, rows));
  // The tables only grow: ids a longer log added are harmless here.
  next.entries = c.entries.map((t) => ({ ids: t.ids.slice(), index: new Map(t.index) }));
  next.strings = c.strings.slice();
  next.stringIndex = new Map(c.stringIndex);
  next.filled = rows;
  return next;
}

/** The time and date of the log's rows, made for those not made yet (rows below a log's length are its events). */
function dateRows(s: YearLogState): void {
  const c = s.columns;
  for (let i = c.dated; i < s.length; i++) {
    const e = s.events[i]!;
    c.time[i] = Date.parse(e.metadata.occurredAt);
    c.date[i] = businessDateOf(e) ?? '';
  }
  c.dated = Math.max(c.dated, s.length);
}

/** Rows with position ≤ upTo (positions are in order): a binary search. */
function rowsUpTo(c: Columns, length: number, upTo: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c.position[mid]! <= upTo) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The cuts a log's fold takes: as foldEvents takes them (what-if options go to the ranker). */
export type YearLogCut = Pick<EvaluateOptions, 'upToPosition' | 'upToTime' | 'upToEffectiveDate'>;

/**
 * The untraced fold of `period` over the log's events in the cut (all when none): the state
 * `foldEvents(events, cut, false, period)` gives, by the same handlers, with the score entries kept in
 * columns while folding and left there (the period's EntryColumns, not a Map of entry objects). A cut by
 * position is a prefix; one by time or business date leaves out each event past it, as the array fold
 * does (not counted either).
 */
export function foldYearLog(log: YearLog, period: PeriodCode, cut: YearLogCut = {}): YearFold {
  const s = stateOfLog(log);
  const { upToPosition, upToTime, upToEffectiveDate } = cut;
  // Checked in the order, and with the errors, of selectEvents.
  const upToDate =
    upToEffectiveDate === undefined ? undefined : requireDate(upToEffectiveDate, 'upToEffectiveDate');
  if (upToPosition !== undefined && (!Number.isInteger(upToPosition) || upToPosition < 0))
    throw rule('INVALID_POSITION', 'upToPosition must be a non-negative integer', 'upToPosition');
  const limit = upToTime === undefined ? undefined : Date.parse(requireIsoTime(upToTime, 'upToTime'));
  const c = s.columns;
  const n = upToPosition === undefined ? s.length : rowsUpTo(c, s.length, upToPosition);
  if (s.odd) return foldEvents(s.events, cut, false, period);
  const filtered = limit !== undefined || upToDate !== undefined;
  if (filtered) dateRows(s);
  let counted = n;
  let last = n - 1;
  const fold = initialYearFold(s.streamId, { trace: false, only: period });
  const f = stateOf(fold);
  const target = PERIOD_INDEX.get(period)!;
  const table = c.entries[target]!;
  const work = workSpace(table);
  const { recordedAt, pointsAt, withdrawn, order } = work;
  let entries = 0; // order's length: entries in order of first recording, the order of the fold's Map
  let p: PeriodFold | undefined;
  if (filtered) counted = 0;
  for (let i = 0; i < n; i++) {
    if (filtered) {
      // As foldInOrder: an event recorded after the time, or dated after the date, is left out.
      if (limit !== undefined && !(c.time[i]! <= limit)) continue;
      if (upToDate !== undefined && c.date[i]! > upToDate) continue;
      counted += 1;
      last = i;
    }
    const named = c.period[i];
    if (named !== target) {
      if (named === NO_PERIOD) foldYearEvent(fold, s.events[i]!);
      continue; // another period's: only counted (below)
    }
    const kind = c.kind[i];
    if (kind === OTHER) {
      foldYearEvent(fold, s.events[i]!);
      continue;
    }
    // What foldYearEvent does for a score event of the period (its handler's effect on the entry below).
    p ??= periodFold(f, period); // never replaced once made
    p.lastNamed = c.position[i]!;
    p.stamp = f.tick += 1;
    if (p.status === 'closed') {
      const e = s.events[i]!;
      p.revisedBy.push({ eventId: e.eventId, position: e.position, type: e.type });
    }
    const k = c.entry[i]!;
    if (kind === RECORDED) {
      if (recordedAt[k] === -1) order[entries++] = k;
      recordedAt[k] = i;
      pointsAt[k] = i;
      withdrawn[k] = 0;
    } else if (recordedAt[k] !== -1) {
      if (kind === CORRECTED) pointsAt[k] = i;
      else withdrawn[k] = 1;
    }
  }
  if (counted > 0) {
    // Every event in the cut counted, as folding each would have (foldYearEvent's advance).
    advance(f, s.events[last]!);
    f.count = counted;
    f.held = counted;
  }
  p = f.periods.get(period);
  if (p) p.columns = entryColumns(c, table, work, entries);
  return fold;
}

/** The fold's entries (the first `count` of the work space's order) in columns of their own. */
function entryColumns(c: Columns, table: PeriodEntries, work: WorkSpace, count: number): EntryColumns {
  const rows = new Int32Array(2 * count);
  for (let j = 0; j < count; j++) {
    const k = work.order[j]!;
    rows[2 * j] = work.recordedAt[k]!;
    rows[2 * j + 1] = work.withdrawn[k] === 1 ? ~work.pointsAt[k]! : work.pointsAt[k]!;
  }
  return new EntryColumns(table.ids, table.index, c, rows);
}
