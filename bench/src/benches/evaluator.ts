/**
 * As-of and what-if on a 20,000-event cluster-year, through the evaluator directly (the HTTP figures
 * are in http.ts). Baseline: reading the same stream's rows and parsing them (raw better-sqlite3), the
 * floor under any as-of answer computed from the log.
 */
import Database from 'better-sqlite3';

import {
  evaluateRanking,
  whatIf,
  type EvaluateOptions,
  type PeriodCode,
  type ScoringSchemePublishedData,
} from '../../../libs/domain/src/index.js';
import type { BigYear } from '../dataset/big-year.js';
import { fmt, type Report } from '../util/report.js';
import { percentile, round } from '../util/stats.js';

const RUNS = 40;
const WARMUP = 5;

export function timeIt(runs: number, fn: () => unknown): { median: number; p99: number; samples: number[] } {
  for (let i = 0; i < WARMUP; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return { median: percentile(samples, 50), p99: percentile(samples, 99), samples };
}

/** The as-of and what-if questions asked of the big cluster-year (also used over HTTP). */
export function bigYearQuestions(big: BigYear): {
  period: PeriodCode;
  asOfPosition: number;
  asOfTime: string;
  whatIf: Required<Pick<EvaluateOptions, 'overrides' | 'exclude'>>;
} {
  const period: PeriodCode = 'Q4';
  const events = big.events;
  const at = events[Math.floor(events.length * 0.9)];
  if (!at) throw new Error('the big year is empty');
  const scheme = events.find((e) => e.type === 'ScoringSchemePublished')?.data as unknown as ScoringSchemePublishedData;
  const maxOf = new Map(scheme.criteria.map((c) => [c.code, c.maxPoints]));
  const withdrawn = new Set(events.filter((e) => e.type === 'ScoreWithdrawn').map((e) => String(e.data['entryId'])));
  const entries = events
    .filter((e) => e.type === 'ScoreRecorded' && e.data['period'] === period && !withdrawn.has(String(e.data['entryId'])))
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
    .prepare<[string], [string, string]>('SELECT data, metadata FROM events WHERE stream_id = ? ORDER BY revision')
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

export async function evaluatorFigures(report: Report, big: BigYear, opts: { log: (line: string) => void }): Promise<void> {
  const q = bigYearQuestions(big);
  const events = big.events;
  const read = timeIt(RUNS, () => readStreamRaw(big.file, big.streamId));
  const asOf = timeIt(RUNS, () => evaluateRanking(events, q.period, { upToPosition: q.asOfPosition }));
  const asOfTime = timeIt(RUNS, () => evaluateRanking(events, q.period, { upToTime: q.asOfTime }));
  const hypothetical = timeIt(RUNS, () => whatIf(events, q.period, { ...q.whatIf }));
  const check = whatIf(events, q.period, { ...q.whatIf });
  opts.log(`  what-if changes ${check.diff.length} of ${check.actual.rows.length} rows`);
  const baseline = `raw read+parse of the stream: ${fmt.ms(read.median)}`;
  const values = (t: { median: number; p99: number }): Record<string, number> => ({
    medianMs: round(t.median, 3),
    p99Ms: round(t.p99, 3),
    runs: RUNS,
  });
  for (const [id, title, t, note] of [
    ['asof-position-direct', `As-of ranking by position, evaluator (${events.length.toLocaleString('en-US')} events)`, asOf, `period ${q.period} as of position ${q.asOfPosition} (90% of the stream)`],
    ['asof-time-direct', `As-of ranking by time, evaluator (${events.length.toLocaleString('en-US')} events)`, asOfTime, `period ${q.period} as of ${q.asOfTime}`],
    ['what-if-direct', `What-if, evaluator (${events.length.toLocaleString('en-US')} events)`, hypothetical, `period ${q.period}, ${q.whatIf.overrides.length} overrides and ${q.whatIf.exclude.length} exclusions; the result holds the actual and the hypothetical ranking`],
  ] as const) {
    report.add({
      id,
      title,
      ours: `p50 ${fmt.ms(t.median)}, p99 ${fmt.ms(t.p99)}`,
      baseline,
      ratio: null,
      targets: [{ text: 'p99 ≤ 50 ms', met: t.p99 <= 50 }],
      values: { ...values(t), readStreamMedianMs: round(read.median, 3) },
      notes: [note, `${RUNS} runs after ${WARMUP} warm-up runs, in the bench process`],
    });
  }
}
