/**
 * As-of growth (issue 14): the as-of ranking on cluster-years of 2,000, 20,000 and 100,000 events, through
 * the evaluator (a fresh child process per size and round, the sizes in turns) and over HTTP (one request at
 * a time, as http.ts), each year in its own store. The target is a flat cost per event: events folded per millisecond of the
 * as-of p50 within 20 % across the sizes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { buildBigYear, membersFor } from '../dataset/big-year.js';
import { hasTaskset, pinSelf, runChild } from '../util/child.js';
import type { BenchOptions } from '../util/options.js';
import { benchDist } from '../util/paths.js';
import { fmt, type Report } from '../util/report.js';
import { round } from '../util/stats.js';
import { bigYearQuestions, type EvaluatorTimings } from './evaluator.js';
import { apiEnv, sequential, startServer, tokenFor, WARMUP_MS, WARMUP_REQUESTS } from './http.js';

export const GROWTH_SIZES = [2_000, 20_000, 100_000] as const;
const RUNS = 60;
const ROUNDS = 3;

/** How far apart rates are: the largest over the smallest, minus 1 (0: equal). */
const spreadOf = (rates: readonly number[]): number => Math.max(...rates) / Math.min(...rates) - 1;

/**
 * The round to report for a timing: the one whose spread of rates across the sizes is the median of the
 * rounds' (ROUNDS is odd). The sizes are compared within a round, measured seconds apart, never across
 * rounds, between which the machine's speed may have changed.
 */
function reportedRound(
  timed: ReadonlyArray<readonly EvaluatorTimings[]>,
  p50: (t: EvaluatorTimings) => number,
) {
  const spreads = Array.from({ length: ROUNDS }, (_, r) =>
    spreadOf(timed.map((rounds) => rounds[r]!.events / p50(rounds[r]!))),
  );
  const order = spreads.map((_, r) => r).sort((a, b) => spreads[a]! - spreads[b]!);
  return { round: order[Math.floor(ROUNDS / 2)]!, spreads };
}

interface GrowthRow {
  events: number;
  members: number;
  direct: { p50: number; p99: number; cpuMs: number };
  /** The year log's fold (what the API runs for an as-of by position), the log made beforehand. */
  log: { p50: number; p99: number; cpuMs: number; buildFirstMs: number; buildWarmMs: number };
  http: { p50: number; p99: number; statuses: Record<string, number>; warmup: number };
  /** Each round's p50s (the evaluator over the events, over the year log). */
  rounds: Array<{ directP50: number; logP50: number }>;
  reconcilerMs: number | undefined;
}

export async function asOfGrowthFigures(
  report: Report,
  ctx: { work: string; opts: BenchOptions; log: (line: string) => void },
): Promise<void> {
  const { opts, log } = ctx;
  const twoCores = hasTaskset() && os.availableParallelism() >= 2;
  const years = [];
  for (const size of GROWTH_SIZES) {
    const dir = path.join(ctx.work, `asof-growth-${size}`);
    fs.mkdirSync(dir, { recursive: true });
    log(`  building a ${size.toLocaleString('en-US')}-event cluster-year (${membersFor(size)} members)…`);
    years.push({ dir, big: await buildBigYear(path.join(dir, 'events.sqlite'), opts.seed, size) });
  }
  // The evaluator: each size in a fresh child, the sizes in turns for ROUNDS rounds, compared within a
  // round: a change of the machine's speed during the section (a full run's host once slowed ≈ 3× in it)
  // then falls on the sizes compared alike.
  const timed = years.map((): EvaluatorTimings[] => []);
  for (let turn = 0; turn < ROUNDS; turn++) {
    log(`  the evaluator, round ${turn + 1} of ${ROUNDS}…`);
    for (const [i, { big }] of years.entries()) {
      const child = path.join(benchDist, 'children/evaluator.js');
      timed[i]!.push(
        (await runChild<EvaluatorTimings>(child, [big.file, big.streamId, 'as-of-only'])).result,
      );
    }
  }
  const chosen = {
    direct: reportedRound(timed, (t) => t.asOf.median),
    log: reportedRound(timed, (t) => t.asOfLog.median),
  };
  const rows: GrowthRow[] = [];
  for (const [i, { dir, big }] of years.entries()) {
    const q = bigYearQuestions(big.events);
    const direct = timed[i]![chosen.direct.round]!;
    const logged = timed[i]![chosen.log.round]!;
    // The API pinned to CPU 0, this process (the client) to CPU 1, as in http.ts.
    if (twoCores) pinSelf('1');
    const server = await startServer(path.join(benchDist, 'children/api-server.js'), [], apiEnv(dir, false), {
      ...(twoCores && { cpus: '0' }),
    });
    let http: GrowthRow['http'];
    try {
      const inspector = await tokenFor('u-inspector', 'inspector');
      http = await sequential(
        server.port,
        {
          method: 'GET',
          path: `/clusters/${big.clusterId}/years/${big.year}/rankings/${q.period}?asOf=${q.asOfPosition}`,
          headers: { authorization: `Bearer ${inspector}` },
        },
        RUNS,
      );
    } finally {
      await server.stop();
      if (twoCores) pinSelf(`0-${os.availableParallelism() - 1}`);
    }
    const row: GrowthRow = {
      events: big.events.length,
      members: big.units.length,
      direct: { p50: direct.asOf.median, p99: direct.asOf.p99, cpuMs: direct.asOf.cpuMs },
      log: {
        p50: logged.asOfLog.median,
        p99: logged.asOfLog.p99,
        cpuMs: logged.asOfLog.cpuMs,
        buildFirstMs: logged.logBuild.firstMs,
        buildWarmMs: logged.logBuild.warm.median,
      },
      rounds: timed[i]!.map((t) => ({ directP50: t.asOf.median, logP50: t.asOfLog.median })),
      http,
      reconcilerMs: server.reconcilerMs,
    };
    rows.push(row);
    log(
      `  ${row.events.toLocaleString('en-US')} events: as-of direct p50 ${fmt.ms(row.direct.p50)}, year log ${fmt.ms(row.log.p50)}, HTTP p50 ${fmt.ms(http.p50)} p99 ${fmt.ms(http.p99)}`,
    );
  }
  // Events of the stream per millisecond of p50: equal rates mean a cost proportional to the stream.
  const rate = (events: number, ms: number): number => events / ms;
  const title = {
    direct: 'evaluator over the events',
    log: 'evaluator over the year log',
    http: 'over HTTP',
  };
  for (const via of ['direct', 'log', 'http'] as const) {
    const rates = rows.map((r) => rate(r.events, r[via].p50));
    const spread = spreadOf(rates);
    const okStatuses = rows.every((r) => Object.keys(r.http.statuses).every((s) => s === '200'));
    report.add({
      id: `asof-growth-${via}`,
      title: `As-of ranking growth, ${title[via]} (${rows
        .map((r) => `${Math.round(r.events / 1000)}k`)
        .join(', ')} events)`,
      ours: rows.map((r) => `${fmt.ms(r[via].p50)}`).join(' / '),
      baseline: `events per ms of p50: ${rates.map((x) => Math.round(x).toLocaleString('en-US')).join(' / ')}`,
      ratio: null,
      targets: [
        { text: 'rates within 20 %', met: spread <= 0.2 },
        ...(via === 'http' ? [{ text: 'all 200', met: okStatuses }] : []),
      ],
      values: {
        rows: rows.map((r) => ({
          events: r.events,
          members: r.members,
          p50Ms: round(r[via].p50, 3),
          p99Ms: round(r[via].p99, 3),
          eventsPerMs: round(rate(r.events, r[via].p50), 1),
          ...(via !== 'http' && {
            roundsP50Ms: r.rounds.map((x) => round(via === 'log' ? x.logP50 : x.directP50, 4)),
          }),
          ...(via === 'direct' && { cpuMsPerRun: round(r.direct.cpuMs, 3) }),
          ...(via === 'log' && {
            cpuMsPerRun: round(r.log.cpuMs, 3),
            logBuildFirstMs: round(r.log.buildFirstMs, 3),
            logBuildWarmMs: round(r.log.buildWarmMs, 3),
          }),
          ...(via === 'http' && {
            statuses: r.http.statuses,
            warmupRequests: r.http.warmup,
            reconcilerMs: r.reconcilerMs,
          }),
        })),
        rateSpread: round(spread, 3),
        ...(via !== 'http' && {
          reportedRound: chosen[via].round + 1,
          roundSpreads: chosen[via].spreads.map((x) => round(x, 3)),
        }),
      },
      notes: [
        `p99: ${rows.map((r) => fmt.ms(r[via].p99)).join(' / ')}; the period Q4 as of 90 % of each stream`,
        via !== 'http'
          ? `per size, 40 runs after ≥ 5 warm-up runs and ≥ 1 s of them in a fresh child process; the sizes in turns, ${ROUNDS} rounds compared within each round, the round of median spread reported (round ${chosen[via].round + 1}; the rounds' spreads ${chosen[via].spreads.map((x) => `${Math.round(x * 100)} %`).join(' / ')}); CPU per run ${rows
              .map((r) => fmt.ms(r[via].cpuMs))
              .join(' / ')} (events per CPU-ms: ${rows
              .map((r) => Math.round(r.events / r[via].cpuMs).toLocaleString('en-US'))
              .join(' / ')})${
              via === 'log'
                ? `; making the log (once per stream read, then only new rows): first ${rows
                    .map((r) => fmt.ms(r.log.buildFirstMs))
                    .join(' / ')}, warm p50 ${rows.map((r) => fmt.ms(r.log.buildWarmMs)).join(' / ')}`
                : ''
            }`
          : `${RUNS} requests one at a time per size (after ≥ ${WARMUP_REQUESTS} unmeasured, and ≥ ${WARMUP_MS} ms of them), PROJECTIONS_IN_PROCESS=false, after the claim reconciler's startup pass`,
      ],
    });
  }
}
