/**
 * A unit-history page over HTTP on a large log, alone (the HTTP section runs it with BENCH_HISTORY_EVENTS):
 *   tsc -b bench/tsconfig.json && node dist/bench/src/children/history-page.js [--events N] [--dir DIR]
 *     [--seconds S] [--connections C]
 * Generates the log into DIR once and reuses it; prints one JSON line.
 */
import path from 'node:path';

import { measureHistoryPage, type HistoryPageOptions } from '../benches/http-history.js';
import { apiEnv, startServer, tokenFor, waitForProjections } from '../benches/http.js';
import { round } from '../util/stats.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string, fallback: string): string => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
  };
  const events = Number(arg('--events', '1000000'));
  const o: HistoryPageOptions = {
    events,
    dir: arg('--dir', path.join('bench', 'work', `history-${events}`)),
    seed: Number(arg('--seed', '20240601')),
    seconds: Number(arg('--seconds', '10')),
    connections: Number(arg('--connections', '8')),
    log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
  };
  const r = await measureHistoryPage(o, { startServer, apiEnv, tokenFor, waitForProjections });
  process.stdout.write(
    `${JSON.stringify({
      logEvents: r.logEvents,
      units: r.units,
      perSecond: round(r.load.perSecond, 1),
      p50Ms: round(r.load.p50, 3),
      p99Ms: round(r.load.p99, 3),
      maxMs: round(r.load.max, 3),
      requests: r.load.requests,
      failures: r.load.failures,
      statuses: r.load.statuses,
      generatorCpu: round(r.load.clientCpu, 2),
      note: r.note,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
