/**
 * HTTP GET /units/{u}/history, a page of 50, on a large log (1M events by default): the issue 14 target
 * (p99 ≤ 10 ms at 1M). The HTTP section's own figure uses its small API log; this one generates the bench
 * data set into a directory once (or reuses it), starts the real API on it with its projections, waits
 * until they caught up, then loads it twice: `repeated`, the 200 units with the most entries, a page from
 * the start or one from the middle of the log (200 pages asked again and again: their rows stay in
 * the OS's cache of the file); `spread`, every unit at 8 points of the log, shuffled (≈ 800,000 entries:
 * nearly every row read is read for the first time in a run). From the HTTP section (`BENCH_HISTORY_EVENTS=1000000
 * npm run bench -- --only http`), or alone (bench/src/children/history-page.ts).
 */
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { DataSetGenerator } from '../dataset/generator.js';
import { planWorld } from '../dataset/world.js';
import { runLoad, type LoadResult, type RequestSpec } from '../util/loadgen.js';
import { benchDist } from '../util/paths.js';
import { Prng } from '../util/prng.js';
import { fmt, type Report } from '../util/report.js';
import { round } from '../util/stats.js';
import { loadIntoStore } from './load.js';

/** What the HTTP section lends (http.ts): passed in, so that neither module imports the other's code. */
export interface HttpTools {
  startServer(
    script: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    options: { cpus?: string; nodeFlags?: string[] },
  ): Promise<{
    port: number;
    pid: number | undefined;
    stop(): Promise<void>;
    profile<T>(file: string, run: () => Promise<T>): Promise<T>;
  }>;
  apiEnv(dataDir: string, projections: boolean): NodeJS.ProcessEnv;
  tokenFor(sub: string, role: 'admin' | 'viewer'): Promise<string>;
  waitForProjections(port: number, token: string, timeoutMs: number): Promise<void>;
}

export interface HistoryPageOptions {
  events: number;
  /** Where the log is generated once and kept (events.sqlite, read models). */
  dir: string;
  seed: number;
  seconds: number;
  connections: number;
  cpus?: string;
  /** The HTTP section's generator (wrk when it has it); else node:http. */
  generate?: (
    port: number,
    source: { rotate: RequestSpec[] },
    ok: (s: number) => boolean,
  ) => Promise<LoadResult>;
  log: (line: string) => void;
  /** CPU-profile the API during each figure into `{profileDir}/{figure}/` (see util/profile.ts). */
  profileDir?: string;
}

export interface HistoryPageLoad {
  load: LoadResult;
  /** Pages in rotation. */
  pages: number;
  /** CPU seconds of the API process while it served the load (Linux /proc), when known. */
  note: string;
}

export interface HistoryPageResult {
  repeated: HistoryPageLoad;
  spread: HistoryPageLoad;
  units: number;
  logEvents: number;
}

/** utime + stime of a process (Linux /proc; clock ticks of 10 ms), or undefined. */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Waits until the API process is idle (under 5 % of a core for two consecutive seconds; at most 30 s) and
 * says how long that took. Right after catching up, its threads still collect the catch-up's garbage for
 * a few seconds (≈ 0.1–0.2 s of CPU a second, measured 3–6 s after): measured then, the first figure
 * timed that too. Undefined where /proc is not there.
 */
async function waitUntilIdle(pid: number | undefined): Promise<number | undefined> {
  const started = performance.now();
  const first = cpuSeconds(pid);
  if (first === undefined) return undefined;
  let last: number = first;
  for (let quiet = 0; quiet < 2 && performance.now() - started < 30_000;) {
    await new Promise((r) => setTimeout(r, 1000));
    const now: number = cpuSeconds(pid) ?? last;
    quiet = now - last < 0.05 ? quiet + 1 : 0;
    last = now;
  }
  return performance.now() - started;
}

/** Generates the log once into `dir` (it is reused while `events.sqlite` is there). */
async function ensureLog(o: HistoryPageOptions): Promise<string> {
  fs.mkdirSync(o.dir, { recursive: true });
  const file = path.join(o.dir, 'events.sqlite');
  if (fs.existsSync(path.join(o.dir, 'complete'))) return file;
  for (const f of fs.readdirSync(o.dir)) fs.rmSync(path.join(o.dir, f), { force: true });
  const prng = new Prng(o.seed);
  const world = planWorld(prng, { targetEvents: o.events, firstYear: 2022, minYears: 3 });
  const generator = new DataSetGenerator(world, prng, { interleave: 16 });
  o.log(`  generating ${o.events} events into ${file}`);
  await loadIntoStore(file, generator.appends(o.events), { window: 500, poolEvents: 0 });
  fs.writeFileSync(path.join(o.dir, 'complete'), '');
  return file;
}

/**
 * The units with the most scores (the deepest histories first), chosen once per log and kept in
 * `units.json`, so that runs of different code on the same log ask for the same pages.
 */
function unitsOf(dir: string, file: string): { units: string[]; head: number } {
  const cached = path.join(dir, 'units-all.json');
  if (fs.existsSync(cached))
    return JSON.parse(fs.readFileSync(cached, 'utf8')) as { units: string[]; head: number };
  const db = new Database(file, { readonly: true });
  try {
    const units = db
      .prepare(
        "SELECT json_extract(data, '$.unitId') AS u FROM events WHERE type = 'ScoreRecorded' GROUP BY u ORDER BY COUNT(*) DESC, u",
      )
      .pluck()
      .all() as string[];
    const head = (db.prepare('SELECT MAX(position) FROM events').pluck().get() as number | null) ?? 0;
    fs.writeFileSync(cached, JSON.stringify({ units, head }));
    return { units, head };
  } finally {
    db.close();
  }
}

export async function measureHistoryPage(
  o: HistoryPageOptions,
  { startServer, apiEnv, tokenFor, waitForProjections }: HttpTools,
): Promise<HistoryPageResult> {
  const file = await ensureLog(o);
  const api = await startServer(path.join(benchDist, 'children/api-server.js'), [], apiEnv(o.dir, true), {
    ...(o.cpus !== undefined && { cpus: o.cpus }),
  });
  try {
    const admin = await tokenFor('bench-admin', 'admin');
    const started = performance.now();
    await waitForProjections(api.port, admin, 3_600_000);
    o.log(`  API projections caught up in ${Math.round(performance.now() - started)} ms`);
    const idleAfter = await waitUntilIdle(api.pid);
    if (idleAfter !== undefined) o.log(`  API idle after ${Math.round(idleAfter)} ms more`);
    const { units, head } = unitsOf(o.dir, file);
    const viewer = await tokenFor('bench-viewer', 'viewer');
    const spec = (unitId: string, after: number): RequestSpec => ({
      method: 'GET',
      path: `/units/${unitId}/history?limit=50${after > 0 ? `&after=${after}` : ''}`,
      headers: { authorization: `Bearer ${viewer}` },
    });
    const repeated = units.slice(0, 200).map((u, i) => spec(u, i % 2 ? Math.floor(head / 2) : 0));
    const spread = new Prng(o.seed).shuffle(
      units.flatMap((u) => Array.from({ length: 8 }, (_, k) => spec(u, Math.floor((head * k) / 8)))),
    );
    const measure = async (figure: string, specs: RequestSpec[]): Promise<HistoryPageLoad> => {
      const cpu0 = cpuSeconds(api.pid);
      const run = (): Promise<LoadResult> => (o.generate ? generated() : plain());
      const generated = (): Promise<LoadResult> => o.generate!(api.port, { rotate: specs }, (s) => s === 200);
      const plain = (): Promise<LoadResult> => {
        let i = 0;
        return runLoad({
          port: api.port,
          connections: o.connections,
          seconds: o.seconds,
          warmupSeconds: Math.min(2, o.seconds / 2),
          next: () => specs[i++ % specs.length]!,
          ok: (s) => s === 200,
        });
      };
      let load: LoadResult;
      if (o.profileDir === undefined) load = await run();
      else {
        fs.mkdirSync(path.join(o.profileDir, figure), { recursive: true });
        load = await api.profile(path.join(o.profileDir, figure, `${figure}.cpuprofile`), run);
      }
      const cpu1 = cpuSeconds(api.pid);
      const note =
        cpu0 !== undefined && cpu1 !== undefined
          ? `API process CPU ${round(cpu1 - cpu0, 2)} s over the run (warm-up included)`
          : 'API CPU not measured';
      return { load, pages: specs.length, note };
    };
    // Spread first: what the API kept from it is not what the repeated pages ask for.
    const spreadLoad = await measure('history-spread', spread);
    const repeatedLoad = await measure('history-repeated', repeated);
    return { repeated: repeatedLoad, spread: spreadLoad, units: units.length, logEvents: head };
  } finally {
    await api.stop();
  }
}

/** The two figures, as the HTTP section adds them. */
/** The figures of one history-page load, as the report and the standalone child both give them. */
export function historyPageValues(r: HistoryPageResult, run: HistoryPageLoad) {
  return {
    logEvents: r.logEvents,
    units: r.units,
    pages: run.pages,
    perSecond: round(run.load.perSecond, 1),
    p50Ms: round(run.load.p50, 3),
    p99Ms: round(run.load.p99, 3),
    maxMs: round(run.load.max, 3),
    requests: run.load.requests,
    failures: run.load.failures,
  };
}

export function addHistoryPageFigures(report: Report, r: HistoryPageResult, connections: number): void {
  const log = `${r.logEvents.toLocaleString('en-US')}-event log`;
  for (const [id, what, run, about] of [
    [
      'http-unit-history-page-large',
      'repeated pages',
      r.repeated,
      `the 200 units with the most entries, a page from the start and one after the middle of the log each (${r.repeated.pages} pages in rotation)`,
    ],
    [
      'http-unit-history-page-spread',
      'spread pages',
      r.spread,
      `every unit (${r.units}) at 8 points of the log, shuffled (${r.spread.pages} pages: nearly every row is read for the first time in the run)`,
    ],
  ] as const) {
    report.add({
      id,
      title: `HTTP GET /units/{u}/history, a page of 50, ${what}, on a ${log}, ${connections} connections`,
      ours: `${fmt.rate(run.load.perSecond, 'req/s')}, p50 ${fmt.ms(run.load.p50)}, p99 ${fmt.ms(run.load.p99)}`,
      baseline: '–',
      ratio: null,
      targets: [
        { text: 'p99 ≤ 10 ms at 1M', met: r.logEvents >= 1_000_000 && run.load.p99 <= 10 },
        { text: 'all 200', met: run.load.failures === 0 },
      ],
      values: { ...historyPageValues(r, run), loadGeneratorCpuShare: round(run.load.clientCpu, 2) },
      notes: [about, run.note, `load generator used ${Math.round(run.load.clientCpu * 100)}% of its core`],
    });
  }
}
