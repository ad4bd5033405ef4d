/**
 * As-of and what-if on a 20,000-event cluster-year, through the evaluator directly (the HTTP figures
 * are in http.ts). Baseline: reading the same stream's rows and parsing them (raw better-sqlite3), the
 * floor under any as-of answer computed from the log.
 */
import path from 'node:path';

import Database from 'better-sqlite3';

import {
  evaluateRanking,
  foldYearLog,
  rankYearFold,
  whatIf,
  yearLog,
  type EvaluateOptions,
  type PeriodCode,
  type ScoringSchemePublishedData,
} from '@thidua/domain';
import type { StoredEvent } from '@thidua/event-store';
import type { BigYear } from '../dataset/big-year.js';
import { runChild } from '../util/child.js';
import { benchDist } from '../util/paths.js';
import { fmt, type Report } from '../util/report.js';
import { percentile, round } from '../util/stats.js';

const RUNS = 40;
/**
 * Unmeasured runs first: at least WARMUP, and for at least WARMUP_MS (as the HTTP figures warm up). Five
 * runs of a 2,000-event year are ≈ 5 ms of folding, before the JIT has optimized the fold.
 */
const WARMUP = 5;
const WARMUP_MS = 1000;

export function timeIt(
  runs: number,
  fn: () => unknown,
): { median: number; p99: number; cpuMs: number; samples: number[] } {
  const warmUntil = performance.now() + WARMUP_MS;
  for (let i = 0; i < WARMUP || performance.now() < warmUntil; i++) fn();
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  // CPU of the whole process per run (the collector's threads included): steadier than wall time on a
  // machine shared with other work.
  const { user, system } = process.cpuUsage(cpu);
  return {
    median: percentile(samples, 50),
    p99: percentile(samples, 99),
    cpuMs: (user + system) / 1000 / runs,
    samples,
  };
}

/** The as-of and what-if questions asked of the big cluster-year (also used over HTTP). */
export function bigYearQuestions(events: readonly StoredEvent[]): {
  period: PeriodCode;
  asOfPosition: number;
  asOfTime: string;
  whatIf: Required<Pick<EvaluateOptions, 'overrides' | 'exclude'>>;
} {
  const period: PeriodCode = 'Q4';
  const at = events[Math.floor(events.length * 0.9)];
  if (!at) throw new Error('the big year is empty');
  const scheme = events.find((e) => e.type === 'ScoringSchemePublished')
    ?.data as unknown as ScoringSchemePublishedData;
  const maxOf = new Map(scheme.criteria.map((c) => [c.code, c.maxPoints]));
  const withdrawn = new Set(
    events.filter((e) => e.type === 'ScoreWithdrawn').map((e) => String(e.data['entryId'])),
  );
  const entries = events
    .filter(
      (e) =>
        e.type === 'ScoreRecorded' &&
        e.data['period'] === period &&
        !withdrawn.has(String(e.data['entryId'])),
    )
    .map((e) => ({ entryId: String(e.data['entryId']), max: maxOf.get(String(e.data['criterion'])) ?? 1 }));
  const step = Math.max(1, Math.floor(entries.length / 8));
  const picked = entries.filter((_, i) => i % step === 0).slice(0, 7);
  return {
    period,
    asOfPosition: at.position,
    asOfTime: at.metadata.occurredAt,
    whatIf: {
      overrides: picked.slice(0, 5).map((e) => ({ entryId: e.entryId, points: Math.round(e.max / 2) })),
      exclude: picked.slice(5).map((e) => e.entryId),
    },
  };
}

export function readStreamRaw(file: string, streamId: string): number {
  const db = new Database(file, { readonly: true });
  const rows = db
    .prepare<[string], [string, string]>(
      'SELECT data, metadata FROM events WHERE stream_id = ? ORDER BY revision',
    )
    .raw()
    .all(streamId);
  let n = 0;
  for (const [data, metadata] of rows) {
    JSON.parse(data);
    JSON.parse(metadata);
    n++;
  }
  db.close();
  return n;
}

export interface Timing {
  median: number;
  p99: number;
  /** Mean process CPU per run (ms). */
  cpuMs: number;
}

export interface EvaluatorTimings {
  events: number;
  period: PeriodCode;
  asOfPosition: number;
  asOfTime: string;
  overrides: number;
  exclusions: number;
  changedRows: number;
  rows: number;
  read: Timing;
  asOf: Timing;
  /** The as-of by position as the API answers it: foldYearLog over the year's log, made beforehand. */
  asOfLog: Timing;
  /** Making the year log of the stream: the first time (cold) and warm. */
  logBuild: { firstMs: number; warm: Timing };
  asOfTime_: Timing;
  /** The as-of by time over the year log (the API's way since pass 15). */
  asOfTimeLog: Timing;
  whatIf: Timing;
}

/** The timings themselves (run in a child process, see children/evaluator.ts). */
export function evaluatorTimings(
  file: string,
  streamId: string,
  events: StoredEvent[],
  asOfOnly = false,
): EvaluatorTimings {
  const q = bigYearQuestions(events);
  const strip = (t: Timing): Timing => ({ median: t.median, p99: t.p99, cpuMs: t.cpuMs });
  // asOfOnly (the growth figures): the as-of by position alone; the rest is reported as not measured (NaN).
  const skipped: Timing = { median: NaN, p99: NaN, cpuMs: NaN };
  const read = asOfOnly ? skipped : strip(timeIt(RUNS, () => readStreamRaw(file, streamId)));
  const asOf = strip(timeIt(RUNS, () => evaluateRanking(events, q.period, { upToPosition: q.asOfPosition })));
  const t0 = performance.now();
  const log = yearLog(events);
  const firstMs = performance.now() - t0;
  const asOfLog = strip(
    timeIt(RUNS, () => rankYearFold(foldYearLog(log, q.period, { upToPosition: q.asOfPosition }), q.period)),
  );
  const warmBuild = strip(timeIt(asOfOnly ? 10 : RUNS, () => yearLog(events)));
  const asOfTime = asOfOnly
    ? skipped
    : strip(timeIt(RUNS, () => evaluateRanking(events, q.period, { upToTime: q.asOfTime })));
  const asOfTimeLog = asOfOnly
    ? skipped
    : strip(timeIt(RUNS, () => rankYearFold(foldYearLog(log, q.period, { upToTime: q.asOfTime }), q.period)));
  const hypothetical = asOfOnly
    ? skipped
    : strip(timeIt(RUNS, () => whatIf(events, q.period, { ...q.whatIf })));
  const check = whatIf(events, q.period, { ...q.whatIf });
  return {
    events: events.length,
    period: q.period,
    asOfPosition: q.asOfPosition,
    asOfTime: q.asOfTime,
    overrides: q.whatIf.overrides.length,
    exclusions: q.whatIf.exclude.length,
    changedRows: check.diff.length,
    rows: check.actual.rows.length,
    read,
    asOf,
    asOfLog,
    logBuild: { firstMs, warm: warmBuild },
    asOfTime_: asOfTime,
    asOfTimeLog,
    whatIf: hypothetical,
  };
}

export async function evaluatorFigures(
  report: Report,
  big: BigYear,
  opts: { log: (line: string) => void },
): Promise<{ asOfMs: number; whatIfMs: number }> {
  const t = (
    await runChild<EvaluatorTimings>(path.join(benchDist, 'children/evaluator.js'), [big.file, big.streamId])
  ).result;
  opts.log(`  what-if changes ${t.changedRows} of ${t.rows} rows`);
  const baseline = `raw read+parse of the stream: ${fmt.ms(t.read.median)}`;
  const n = t.events.toLocaleString('en-US');
  for (const [id, title, timing, note] of [
    [
      'asof-position-direct',
      `As-of ranking by position, evaluator (${n} events)`,
      t.asOf,
      `period ${t.period} as of position ${t.asOfPosition} (90% of the stream)`,
    ],
    [
      'asof-position-log',
      `As-of ranking by position, year log as the API folds it (${n} events)`,
      t.asOfLog,
      `foldYearLog + rankYearFold; the log made beforehand (first ${fmt.ms(t.logBuild.firstMs)}, then p50 ${fmt.ms(t.logBuild.warm.median)}), as the API keeps it with the parsed stream`,
    ],
    [
      'asof-time-direct',
      `As-of ranking by time, evaluator (${n} events)`,
      t.asOfTime_,
      `period ${t.period} as of ${t.asOfTime}`,
    ],
    [
      'asof-time-log',
      `As-of ranking by time, year log as the API folds it (${n} events)`,
      t.asOfTimeLog,
      `period ${t.period} as of ${t.asOfTime}; the log made beforehand`,
    ],
    [
      'what-if-direct',
      `What-if, evaluator (${n} events)`,
      t.whatIf,
      `period ${t.period}, ${t.overrides} overrides and ${t.exclusions} exclusions; the result holds the actual and the hypothetical ranking`,
    ],
  ] as const) {
    report.add({
      id,
      title,
      ours: `p50 ${fmt.ms(timing.median)}, p99 ${fmt.ms(timing.p99)}`,
      baseline,
      ratio: null,
      targets: [{ text: 'p50 ≤ 50 ms', met: timing.median <= 50 }],
      values: {
        medianMs: round(timing.median, 3),
        p99Ms: round(timing.p99, 3),
        runs: RUNS,
        readStreamMedianMs: round(t.read.median, 3),
      },
      notes: [
        note,
        `${RUNS} runs after ≥ ${WARMUP} warm-up runs and ≥ ${WARMUP_MS} ms of them, in a fresh child process`,
      ],
    });
  }
  return { asOfMs: t.asOf.median, whatIfMs: t.whatIf.median };
}
