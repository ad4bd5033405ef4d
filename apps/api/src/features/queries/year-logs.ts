import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  beginsWithLog,
  extendYearLog,
  foldYearLog,
  yearLog,
  type EvaluatorEvent,
  type PeriodCode,
  type YearFold,
  type YearLog,
  type YearLogCut,
} from '@thidua/domain';
import { CLUSTER_YEAR_CACHE_EVENTS } from './cluster-year-events.js';

/** Overrides the bound on the events the kept logs hold (tests). */
export const YEAR_LOGS_LIMIT = 'YEAR_LOGS_LIMIT';

/**
 * The year logs (the evaluator's columns of a cluster-year: `yearLog`) of the cluster-years kept parsed
 * (ClusterYearEvents), so that an as-of or what-if (by position, recording time or business date) is one
 * pass over columns (`foldYearLog`) instead of a fold of the event objects: the same state, hence the same
 * bytes as `evaluateRanking(events, period, cut)` (tested at every cut). A log is extended as its
 * stream grows and made again when the stream was read again (new objects).
 *
 * Bounded as ClusterYearEvents is, by the events the logs hold (the one asked last is kept whatever its
 * size): a log holds its events array, so this keeps no stream alive that the cache let go, beyond one.
 */
@Injectable()
export class YearLogs {
  /** Least recently used first. */
  private readonly logs = new Map<string, YearLog>();
  private readonly maxEvents: number;

  constructor(@Optional() @Inject(YEAR_LOGS_LIMIT) maxEvents?: number) {
    this.maxEvents = maxEvents ?? CLUSTER_YEAR_CACHE_EVENTS;
  }

  /** Streams whose logs are kept, least recently used first (tests). */
  kept(): string[] {
    return [...this.logs.keys()];
  }

  /** The untraced fold of `period` over the events in the cut (by position, recording time, business date). */
  foldAsOf(
    streamId: string,
    events: readonly EvaluatorEvent[],
    period: PeriodCode,
    cut: YearLogCut = {},
  ): YearFold {
    return foldYearLog(this.logOf(streamId, events), period, cut);
  }

  private logOf(streamId: string, events: readonly EvaluatorEvent[]): YearLog {
    const before = this.logs.get(streamId);
    this.logs.delete(streamId); // set again below: most recently used last
    let log: YearLog;
    if (before?.events === events) log = before;
    // The same stream grown (its kept events still at their places), or read again (new objects).
    else if (before && beginsWithLog(events, before)) log = extendYearLog(before, events);
    else log = yearLog(events);
    this.logs.set(streamId, log);
    let held = 0;
    for (const kept of this.logs.values()) held += kept.events.length;
    for (const [id, kept] of this.logs) {
      if (held <= this.maxEvents || id === streamId) break;
      this.logs.delete(id);
      held -= kept.events.length;
    }
    return log;
  }
}
