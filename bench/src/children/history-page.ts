/**
 * A unit-history page over HTTP on a large log, alone (the HTTP section runs it with BENCH_HISTORY_EVENTS):
 *   tsc -b bench/tsconfig.json && node dist/bench/src/children/history-page.js [--events N] [--dir DIR]
 *     [--seconds S] [--connections C] [--profile DIR]
 * Generates the log into DIR once and reuses it (a copy of a bench log works: put `events.sqlite` and an
 * empty `complete` file there); prints one JSON line per figure (spread, then repeated).
 */
import os from 'node:os';
import path from 'node:path';

import {
  historyPageValues,
  measureHistoryPage,
  type HistoryPageLoad,
  type HistoryPageOptions,
} from '../benches/http-history.js';
import { apiEnv, startServer, tokenFor, waitForProjections } from '../benches/http.js';
import { hasTaskset, pinSelf } from '../util/child.js';
import { repoRoot } from '../util/paths.js';
import { summarizeNewestProfile } from '../util/profile.js';
import { round } from '../util/stats.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string, fallback: string): string => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
  };
  const events = Number(arg('--events', '1000000'));
  const twoCores = hasTaskset() && os.availableParallelism() >= 2;
  if (twoCores) pinSelf('1');
  const o: HistoryPageOptions = {
    events,
    dir: arg('--dir', path.join('bench', 'work', `history-${events}`)),
    seed: Number(arg('--seed', '20240601')),
    seconds: Number(arg('--seconds', '10')),
    connections: Number(arg('--connections', '8')),
    // The API on CPU 0 and this process (the node:http generator) on CPU 1, as in the HTTP section.
    ...(twoCores && { cpus: '0' }),
    log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
    ...(args.includes('--profile') && { profileDir: arg('--profile', '') }),
  };
  const r = await measureHistoryPage(o, { startServer, apiEnv, tokenFor, waitForProjections });
  const line = (figure: string, run: HistoryPageLoad): string =>
    JSON.stringify({
      figure,
      ...historyPageValues(r, run),
      statuses: run.load.statuses,
      generatorCpu: round(run.load.clientCpu, 2),
      note: run.note,
    });
  process.stdout.write(`${line('spread', r.spread)}\n${line('repeated', r.repeated)}\n`);
  for (const figure of ['history-spread', 'history-repeated']) {
    if (o.profileDir === undefined) break;
    const summary = summarizeNewestProfile(path.join(o.profileDir, figure), repoRoot, 25);
    if (summary) process.stdout.write(`${JSON.stringify({ figure, profile: summary })}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
