import { DomainError, rule } from '../errors.js';
import type { PeriodCode } from '../periods.js';
import type { ScoringScheme } from '../scheme/scheme.js';
import { businessDateOf } from '../events/upcast.js';
import { requireDate, requireIsoTime } from '../validation.js';
import type { EntryColumns } from './entry-columns.js';
import type { EvaluateOptions, EvaluatorEvent, EventRef } from './evaluator.types.js';
import {
  foldYearEvent,
  initialYearFold,
  stateOf,
  type FoldedEntry,
  type FoldedFinding,
  type YearFold,
} from './year-fold.js';

export type { FoldedEntry };

/**
 * Everything the ranking of one period needs, as the year fold holds it (a view: no copy). The ranker
 * reads it and copies out what it returns.
 */
export interface FoldedPeriod {
  clusterId: string;
  year: number;
  period: PeriodCode;
  status: 'not-opened' | 'open' | 'closed';
  scheme: ScoringScheme | null;
  sealedDigest?: string;
  /** Member units that the ranking lists (sealed at close while closed). */
  members: ReadonlySet<string>;
  /** Entries by id, in recording order: a Map, or a year log's columns (read by the ranker without objects). */
  entries: ReadonlyMap<string, FoldedEntry> | EntryColumns;
  /** Findings raising knock-out conditions, by id. */
  findings: ReadonlyMap<string, FoldedFinding>;
  /** Open complaints that dispute the period's ranking, by id (sorted). */
  disputedBy: readonly string[];
  /** The organizer's acceptance of incomplete rows sealed by the close (while closed). */
  acceptedIncomplete?: { reason: string; unitIds: string[] };
  revisedBy: readonly EventRef[];
  position: number;
}

const NO_ENTRIES: ReadonlyMap<string, FoldedEntry> = new Map();
const NO_FINDINGS: ReadonlyMap<string, FoldedFinding> = new Map();
const NO_REFS: readonly EventRef[] = [];

/** The view of one period of a year fold. */
export function foldedPeriod(fold: YearFold, period: PeriodCode): FoldedPeriod {
  const s = stateOf(fold);
  if (s.only !== undefined && s.only !== period)
    throw new DomainError(
      'FOLD_SCOPED',
      `${s.streamId}: the fold holds ${s.only} only, not ${period}`,
      'conflict',
    );
  const p = s.periods.get(period);
  if (p?.released)
    throw new DomainError(
      'FOLD_RELEASED',
      `${s.streamId}: ${period} was released; fold the stream again`,
      'conflict',
    );
  const status = p?.status ?? 'not-opened';
  // Set by PeriodClosed, cleared by a reopening: there exactly while the period is closed.
  const sealed = p?.sealed;
  const schemeVersion = sealed ? sealed.schemeVersion : s.latestScheme;
  return {
    clusterId: s.clusterId,
    year: s.year,
    period,
    status,
    scheme: schemeVersion === null ? null : (s.schemes.get(schemeVersion) ?? null),
    ...(sealed && { sealedDigest: sealed.digest }),
    members: sealed ? sealed.members : s.members,
    entries: p?.columns ?? p?.entries ?? NO_ENTRIES,
    findings: p?.findings ?? NO_FINDINGS,
    disputedBy: p
      ? [...p.disputes]
          .filter(([, open]) => open)
          .map(([id]) => id)
          .sort()
      : [],
    ...(sealed?.acceptedIncomplete && { acceptedIncomplete: sealed.acceptedIncomplete }),
    revisedBy: p?.revisedBy ?? NO_REFS,
    position: s.position,
  };
}

/**
 * Picks the events in scope (one stream, up to a position or time), in position order. Refuses an
 * empty list, a stream that is not a cluster-year's, mixed streams and bad as-of values.
 */
export function selectEvents(
  events: ReadonlyArray<EvaluatorEvent>,
  options: EvaluateOptions,
): { streamId: string; selected: EvaluatorEvent[] } {
  const first = events[0];
  if (!first) throw new DomainError('NO_EVENTS', 'the cluster-year has no events', 'not-found');
  const streamId = first.streamId;
  initialYearFold(streamId); // refuses a stream that is not a cluster-year's
  for (const e of events)
    if (e.streamId !== streamId)
      throw rule('MIXED_STREAMS', 'the evaluator folds the events of one cluster-year stream');
  const { upToPosition, upToTime } = options;
  const upToDate =
    options.upToEffectiveDate === undefined
      ? undefined
      : requireDate(options.upToEffectiveDate, 'upToEffectiveDate');
  if (upToPosition !== undefined && (!Number.isInteger(upToPosition) || upToPosition < 0))
    throw rule('INVALID_POSITION', 'upToPosition must be a non-negative integer', 'upToPosition');
  const limit = upToTime === undefined ? undefined : Date.parse(requireIsoTime(upToTime, 'upToTime'));
  const maxPosition = upToPosition ?? Infinity;
  const selected: EvaluatorEvent[] = [];
  let last = -Infinity;
  let ordered = true;
  for (const e of events) {
    if (e.position > maxPosition) continue;
    if (limit !== undefined && !(Date.parse(e.metadata.occurredAt) <= limit)) continue;
    if (upToDate !== undefined && (businessDateOf(e) ?? '') > upToDate) continue;
    selected.push(e);
    if (e.position < last) ordered = false;
    last = e.position;
  }
  // Stable; only when needed (events come in order as a rule: a 100,000-event sort is not free).
  if (!ordered) selected.sort((a, b) => a.position - b.position);
  return { streamId, selected };
}

/** The year fold of the events in scope: what evaluateRanking, explainRanking and whatIf rank. */
export function foldEvents(
  events: ReadonlyArray<EvaluatorEvent>,
  options: EvaluateOptions,
  trace: boolean,
  only?: PeriodCode,
): YearFold {
  const foldOptions = { trace, ...(only !== undefined && { only }) };
  const first = events[0];
  if (first !== undefined) {
    try {
      const fold = initialYearFold(first.streamId, foldOptions);
      if (foldInOrder(fold, events, options)) return fold;
    } catch {
      // Bad input: the general way below refuses it with the error it always gave.
    }
  }
  const { streamId, selected } = selectEvents(events, options);
  const fold = initialYearFold(streamId, foldOptions);
  for (const e of selected) foldYearEvent(fold, e);
  return fold;
}

/**
 * The common case of foldEvents in one pass: events of the fold's stream in position order, filtered and
 * folded as they are read (selectEvents then folding reads every event three times and copies the
 * selection: at 100,000 events, memory traffic that grew the cost per event). False when an event is of
 * another stream or the options are bad, and foldYearEvent throws on one out of order: the caller then
 * takes the general way (which sorts, or refuses with its own error).
 */
function foldInOrder(
  fold: YearFold,
  events: ReadonlyArray<EvaluatorEvent>,
  options: EvaluateOptions,
): boolean {
  const streamId = fold.streamId;
  const { upToPosition, upToTime } = options;
  const upToDate =
    options.upToEffectiveDate === undefined
      ? undefined
      : requireDate(options.upToEffectiveDate, 'upToEffectiveDate');
  if (upToPosition !== undefined && (!Number.isInteger(upToPosition) || upToPosition < 0)) return false;
  const limit = upToTime === undefined ? undefined : Date.parse(requireIsoTime(upToTime, 'upToTime'));
  const maxPosition = upToPosition ?? Infinity;
  for (const e of events) {
    if (e.streamId !== streamId) return false;
    if (e.position > maxPosition) continue;
    if (limit !== undefined && !(Date.parse(e.metadata.occurredAt) <= limit)) continue;
    if (upToDate !== undefined && (businessDateOf(e) ?? '') > upToDate) continue;
    foldYearEvent(fold, e);
  }
  return true;
}
