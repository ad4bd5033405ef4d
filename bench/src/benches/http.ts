/**
 * HTTP figures against the real API in a child process (pinned to CPU 0; this process, the load
 * generator, to CPU 1), `connections` keep-alive connections, RATE_LIMIT=0, LOG_LEVEL=warn:
 *  - POST …/scores, durable group commit, projections running in the API process (the default
 *    deployment), vs raw better-sqlite3 one transaction per event measured just before;
 *  - GET …/rankings/{p} vs a bare Fastify server answering the same documents;
 *  - as-of and what-if on the 20,000-event cluster-year, one request at a time, on an API that does not
 *    run the projections (PROJECTIONS_IN_PROCESS=false: these queries read the log, not the read models).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { signAccessToken } from '../../../apps/api/src/auth/jwt.js';
import type { Role } from '../../../apps/api/src/auth/roles.js';
import { PERIODS } from '@thidua/domain';
import type { BigYear } from '../dataset/big-year.js';
import { DataSetGenerator, type OpenedClusterYear, type PlannedAppend } from '../dataset/generator.js';
import { planWorld } from '../dataset/world.js';
import { hasTaskset, pinSelf, spawnNode } from '../util/child.js';
import { runLoad, send, type LoadResult, type RequestSpec } from '../util/loadgen.js';
import { ensureWrk, runWrk } from '../util/wrk.js';
import { cpuPerRequest, procCpu, type CpuPerRequest } from '../util/proc-cpu.js';
import type { BenchOptions } from '../util/options.js';
import { benchDist, repoRoot } from '../util/paths.js';
import { Prng } from '../util/prng.js';
import { summarizeNewestProfile } from '../util/profile.js';
import { fmt, type Report } from '../util/report.js';
import { percentile, round } from '../util/stats.js';
import { rawOneTxnPerCommand, sealRows, summary } from './append.js';
import { bigYearQuestions } from './evaluator.js';
import { addHistoryPageFigures, measureHistoryPage } from './http-history.js';
import { loadIntoStore } from './load.js';

const SECRET = 'bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz';
/**
 * Sequential requests per as-of/what-if figure. With 100, the nearest-rank p99 was the second-worst request,
 * so one stall of the machine decided the figure (96 ms in a run whose other 20k as-ofs had p99 19 ms); with
 * 1,000 it is the tenth-worst. The slowest requests are kept in the figure's values.
 */
const SEQUENTIAL_RUNS = 1000;
/** The POST figures alone (no GET, history, as-of): for iterating on the command path. */
export const postOnly = process.env['BENCH_HTTP_POST_ONLY'] === '1';

export interface Server {
  port: number;
  /** The child's process id (CPU time). */
  pid: number | undefined;
  /** API server only: how long its READY waited for the claim reconciler's startup pass, ms. */
  reconcilerMs?: number;
  stop(): Promise<void>;
  /** API server only: CPU-profile `run` and write a summary-ready .cpuprofile to `file`. */
  profile<T>(file: string, run: () => Promise<T>): Promise<T>;
}

export function startServer(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { cpus?: string; nodeFlags?: string[] },
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawnNode(script, args, { env, stdin: true, ...options });
    let out = '';
    let err = '';
    let ready = false;
    const exited = new Promise<void>((done) => child.on('close', () => done()));
    let profiled: (() => void) | undefined;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('PROFILED')) profiled?.();
      if (ready) return;
      out += chunk;
      const m = /READY (\{.*\})\n/.exec(out);
      if (m) {
        ready = true;
        const { port, reconcilerMs } = JSON.parse(m[1] as string) as {
          port: number;
          reconcilerMs?: number;
        };
        let stopped: Promise<void> | undefined;
        resolve({
          port,
          pid: child.pid,
          ...(reconcilerMs !== undefined && { reconcilerMs }),
          stop: () => {
            stopped ??= (async () => {
              child.stdin?.end('stop\n');
              const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
              await exited;
              clearTimeout(timer);
            })();
            return stopped;
          },
          profile: async (file, run) => {
            child.stdin?.write('profile-start\n');
            try {
              return await run();
            } finally {
              const done = new Promise<void>((r) => (profiled = r));
              child.stdin?.write(`profile-stop ${file}\n`);
              await done;
            }
          },
        });
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('close', (code) => {
      if (!ready)
        reject(new Error(`${path.basename(script)} exited with ${code} before READY: ${err.slice(-2000)}`));
    });
  });
}

export function apiEnv(dataDir: string, projections: boolean): NodeJS.ProcessEnv {
  return {
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    AUTH_JWT_SECRET: SECRET,
    RATE_LIMIT: '0',
    LOG_LEVEL: 'warn',
    PROJECTIONS_IN_PROCESS: projections ? 'true' : 'false',
    AUDIT_SIGNING_KEY_FILE: path.join(dataDir, 'signing-key.pem'),
  };
}

export async function tokenFor(sub: string, role: Role, unitId?: string): Promise<string> {
  const key = new TextEncoder().encode(SECRET);
  return signAccessToken(key, { sub, role, ...(unitId !== undefined && { unitId }) }, { ttl: '12h' });
}

/** Every (unit, period, criterion, assessment) a score can still be recorded for, shuffled. */
async function scoreRequests(opened: OpenedClusterYear[], prng: Prng): Promise<RequestSpec[]> {
  const tokens = new Map<string, string>();
  const organizer = async (unitId: string): Promise<string> => {
    let token = tokens.get(`org:${unitId}`);
    if (!token) {
      token = await tokenFor(`org-${unitId}`, 'organizer', unitId);
      tokens.set(`org:${unitId}`, token);
    }
    return token;
  };
  const officer = async (unitId: string): Promise<string> => {
    let token = tokens.get(unitId);
    if (!token) {
      token = await tokenFor(`officer-${unitId}`, 'unit-officer', unitId);
      tokens.set(unitId, token);
    }
    return token;
  };
  const specs: RequestSpec[] = [];
  for (const cy of opened) {
    for (const unitId of cy.units) {
      for (const c of cy.criteria) {
        for (const { code: period } of PERIODS) {
          for (const assessment of ['self', 'cluster'] as const) {
            const token =
              assessment === 'self'
                ? await officer(unitId)
                : unitId === cy.chair
                  ? await organizer(cy.organizerUnitId)
                  : await officer(cy.chair);
            const points =
              c.kind === 'score' ? Math.round(c.maxPoints * (0.7 + prng.next() * 0.3) * 4) / 4 : 1;
            specs.push({
              method: 'POST',
              path: `/clusters/${cy.clusterId}/years/${cy.year}/scores`,
              headers: { authorization: `Bearer ${token}` },
              body: JSON.stringify({ unitId, period, criterion: c.code, points, assessment }),
            });
          }
        }
      }
    }
  }
  return prng.shuffle(specs);
}

/** The log's head as the API reports it with its projections. */
async function headPosition(port: number, token: string): Promise<number> {
  const agent = new http.Agent({ keepAlive: false });
  try {
    const { body } = await send(
      agent,
      port,
      { method: 'GET', path: '/admin/projections', headers: { authorization: `Bearer ${token}` } },
      true,
    );
    return Math.max(0, ...(JSON.parse(body) as Array<{ head: number }>).map((p) => p.head));
  } finally {
    agent.destroy();
  }
}

export async function waitForProjections(port: number, token: string, timeoutMs: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: false });
  const deadline = performance.now() + timeoutMs;
  try {
    for (;;) {
      const { status, body } = await send(
        agent,
        port,
        { method: 'GET', path: '/admin/projections', headers: { authorization: `Bearer ${token}` } },
        true,
      );
      if (status === 200) {
        const list = JSON.parse(body) as Array<{
          name: string;
          lag: number;
          status: string;
          error?: unknown;
        }>;
        const stalled = list.filter((p) => p.status === 'stalled');
        if (stalled.length > 0) throw new Error(`projections stalled: ${JSON.stringify(stalled)}`);
        if (list.every((p) => p.lag === 0 && p.status === 'running')) return;
      }
      if (performance.now() > deadline)
        throw new Error(`projections did not catch up in ${timeoutMs} ms: ${body}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    agent.destroy();
  }
}

/** Sequential requests (one connection): latency percentiles. */
/**
 * Unmeasured requests before `sequential` measures: at least this many, and for at least WARMUP_MS. Three
 * were too few: on a fresh API the as-of of a 2,000-event year took 8–20 ms for its first ≈ 80 requests and
 * 3.2–3.8 ms after (the JIT still compiling the fold), so the figure measured the warm-up.
 */
export const WARMUP_REQUESTS = 20;
export const WARMUP_MS = 1000;

export async function sequential(
  port: number,
  spec: RequestSpec,
  runs: number,
): Promise<{
  p50: number;
  p99: number;
  max: number;
  /** The five slowest measured requests: their index in the run and their time (a stall shows as one). */
  slowest: { i: number; ms: number }[];
  statuses: Record<string, number>;
  warmup: number;
}> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const statuses: Record<string, number> = {};
  const timed = async (): Promise<number> => {
    const t0 = performance.now();
    const { status } = await send(agent, port, spec, true);
    statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    return performance.now() - t0;
  };
  let warmup = 0;
  const warmUntil = performance.now() + WARMUP_MS;
  while (warmup < WARMUP_REQUESTS || performance.now() < warmUntil) {
    await timed();
    warmup++;
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timed());
  agent.destroy();
  const slowest = samples
    .map((ms, i) => ({ i, ms: round(ms, 2) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);
  return {
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: Math.max(...samples),
    slowest,
    statuses,
    warmup,
  };
}

const loadValues = (r: LoadResult): Record<string, unknown> => ({
  requests: r.requests,
  seconds: round(r.ms / 1000, 2),
  perSecond: round(r.perSecond, 1),
  p50Ms: round(r.p50, 3),
  p99Ms: round(r.p99, 3),
  maxMs: round(r.max, 3),
  statuses: r.statuses,
  failures: r.failures,
  loadGeneratorCpuShare: round(r.clientCpu, 2),
});

const cpuValues = (c: CpuPerRequest | undefined): Record<string, number> | null =>
  c
    ? {
        processMs: round(c.processMs, 3),
        mainThreadMs: round(c.mainMs, 3),
        projectionThreadMs: round(c.projectionMs, 3),
        ...Object.fromEntries(
          Object.entries(c.threads).map(([name, ms]) => [`thread ${name}`, round(ms, 3)]),
        ),
      }
    : null;
const cpuNote = (c: CpuPerRequest | undefined): string =>
  c
    ? `API CPU per command (/proc, measured part): ${c.processMs.toFixed(3)} ms the process, ${c.mainMs.toFixed(3)} ms its main thread, ${c.projectionMs.toFixed(3)} ms its projection thread; other threads by name: ${Object.entries(
        c.threads,
      )
        .map(([name, ms]) => `${name} ${ms.toFixed(3)}`)
        .join(', ')}`
    : 'API CPU per command: not measured';

export interface HttpContext {
  work: string;
  opts: BenchOptions;
  bigYear: BigYear | undefined;
  /** Evaluator medians from the evaluator section, for the as-of/what-if baselines. */
  direct?: { asOfMs: number; whatIfMs: number };
  log: (line: string) => void;
}

export async function httpFigures(report: Report, ctx: HttpContext): Promise<void> {
  const { opts, log } = ctx;
  const twoCores = hasTaskset() && os.availableParallelism() >= 2;
  // BENCH_API_CPUS (diagnostic, e.g. "0,1"): the servers' CPUs instead of CPU 0 alone (wrk stays on CPU 1).
  const serverCpus = twoCores ? (process.env['BENCH_API_CPUS'] ?? '0') : undefined;
  if (twoCores) pinSelf('1');
  const profileDir = path.join(ctx.work, 'profiles');
  // The native generator when there is one (wrk, pinned to CPU 1 like this process), else node:http.
  const wrk = ensureWrk(log);
  const generatorName = wrk ? 'wrk 1 thread' : 'node:http';
  const limited = (r: LoadResult): string =>
    r.clientCpu >= 0.9 ? ' — **bounded by the load generator** (it used ≥ 90% of its core)' : '';
  /** A timed load: `list` requests used once each from `from` on (scores), or `rotate` through them. */
  const generate = async (
    port: number,
    source:
      { list: RequestSpec[]; from: () => number; advance: (n: number) => void } | { rotate: RequestSpec[] },
    ok: (status: number) => boolean,
    /** The server's pid: its CPU per request over the measured part goes into `serverCpu`. */
    pid?: number,
  ): Promise<LoadResult & { serverCpu?: CpuPerRequest }> => {
    // BENCH_HTTP_WARMUP_SECONDS (diagnostic): a longer warm-up, e.g. to see the API once V8 has compiled it.
    const warmupSeconds = Number(process.env['BENCH_HTTP_WARMUP_SECONDS'] ?? Math.min(2, opts.seconds / 2));
    if (!wrk) {
      let i = 0;
      return runLoad({
        port,
        connections: opts.connections,
        seconds: opts.seconds,
        warmupSeconds,
        next:
          'rotate' in source
            ? () => source.rotate[i++ % source.rotate.length]
            : () => {
                const r = source.list[source.from()];
                source.advance(1);
                return r;
              },
        ok,
      });
    }
    const run = (seconds: number): Promise<LoadResult> =>
      runWrk({
        wrk,
        port,
        connections: opts.connections,
        seconds,
        requests: 'rotate' in source ? source.rotate : source.list.slice(source.from()),
        rotate: 'rotate' in source,
        ok,
        ...(twoCores && { cpus: '1' }),
        workDir: path.join(ctx.work, 'wrk'),
      });
    // wrk has no warm-up: an unmeasured run first (its requests, and those possibly in flight, skipped).
    const warm = await run(warmupSeconds);
    if (!('rotate' in source)) source.advance(warm.requests + 2 * opts.connections);
    const before = procCpu(pid);
    const measured = await run(opts.seconds);
    const serverCpu = cpuPerRequest(before, procCpu(pid), measured.requests);
    if (!('rotate' in source)) source.advance(measured.requests + 2 * opts.connections);
    return { ...measured, ...(serverCpu && { serverCpu }) };
  };
  /** What HTTP alone costs per POST on the API's core: bare Fastify, the same requests, 201 each. */
  const postFloor = async (specs: RequestSpec[]): Promise<void> => {
    const empty = path.join(ctx.work, 'no-docs.json');
    fs.writeFileSync(empty, '{}');
    const bare = await startServer(
      path.join(benchDist, 'children/bare-server.js'),
      [empty],
      {},
      {
        ...(serverCpus && { cpus: serverCpus }),
      },
    );
    let floor: Awaited<ReturnType<typeof generate>>;
    try {
      floor = await generate(bare.port, { rotate: specs }, (s) => s === 201, bare.pid);
    } finally {
      await bare.stop();
    }
    log(`  bare Fastify POST floor: ${fmt.rate(floor.perSecond, 'req/s')}; ${cpuNote(floor.serverCpu)}`);
    report.add({
      id: 'http-post-floor',
      title: `HTTP POST …/scores on bare Fastify (the HTTP floor), ${opts.connections} connections`,
      ours: `${fmt.rate(floor.perSecond, 'req/s')}, p99 ${fmt.ms(floor.p99)}, ${floor.serverCpu ? `${floor.serverCpu.processMs.toFixed(3)} ms CPU a request` : 'CPU not measured'}`,
      baseline: '–',
      ratio: null,
      targets: [],
      values: { bare: loadValues(floor), cpuPerRequest: cpuValues(floor.serverCpu) },
      notes: [
        'diagnostic: parse the JSON body, answer 201; no auth, decision, append or projection — pinned like the API',
        `load generator (${generatorName}) used ${Math.round(floor.clientCpu * 100)}% of its core${limited(floor)}`,
      ],
    });
  };
  try {
    // The API's data: units and clusters registered, one year set up with every period open, no score.
    const prng = new Prng(opts.seed ^ 0x1234567);
    const world = planWorld(prng, { targetEvents: 60_000, firstYear: 2025, minYears: 1 });
    const generator = new DataSetGenerator(world, prng, { interleave: opts.interleave });
    const dataDir = path.join(ctx.work, 'http-api');
    fs.mkdirSync(dataDir, { recursive: true });
    const setup: PlannedAppend[] = [];
    function* capture(): Generator<PlannedAppend> {
      for (const a of generator.openYear()) {
        setup.push(a);
        yield a;
      }
    }
    const loaded = await loadIntoStore(path.join(dataDir, 'events.sqlite'), capture(), {
      window: 500,
      poolEvents: 0,
    });
    const requests = await scoreRequests(generator.opened, prng);
    log(
      `  API data: ${loaded.events.toLocaleString('en-US')} events, ${generator.opened.length} cluster-years with every period open, ${requests.length.toLocaleString(
        'en-US',
      )} score commands available`,
    );
    const admin = await tokenFor('u-admin', 'admin');
    const viewer = await tokenFor('u-viewer', 'viewer');

    // Baseline of the write figure, measured right before it.
    const raw = rawOneTxnPerCommand(ctx.work, 'http-raw.sqlite', sealRows(setup), opts.seconds);
    const rawRate = (raw.commands * 1000) / raw.ms;
    log(`  raw better-sqlite3, 1 transaction per event: ${fmt.rate(rawRate, 'tx/s')}`);

    const api = await startServer(path.join(benchDist, 'children/api-server.js'), [], apiEnv(dataDir, true), {
      ...(serverCpus && { cpus: serverCpus }),
      // Diagnostics (e.g. --perf-basic-prof for perf): NODE_OPTIONS does not reach the children.
      nodeFlags: (process.env['BENCH_API_NODE_FLAGS'] ?? '').split(' ').filter(Boolean),
    });
    let gets: string[] = [];
    let nextScore = 0;
    try {
      await waitForProjections(api.port, admin, 300_000);
      let lastPosition = 0;
      const profiled = <T>(name: string, run: () => Promise<T>): Promise<T> => {
        if (!opts.profile) return run();
        fs.mkdirSync(path.join(profileDir, name), { recursive: true });
        return api.profile(path.join(profileDir, name, `${name}.cpuprofile`), run);
      };
      const scores = {
        list: requests,
        from: () => nextScore,
        advance: (n: number) => {
          nextScore += n;
        },
      };
      const post = await profiled('http-post', () => generate(api.port, scores, (s) => s === 201, api.pid));
      lastPosition = await headPosition(api.port, admin);
      log(`  ${cpuNote(post.serverCpu)}`);
      const postRatio = post.perSecond / rawRate;
      report.add({
        id: 'http-post-scores',
        title: `HTTP POST …/scores, ${opts.connections} connections, durable`,
        ours: `${fmt.rate(post.perSecond, 'cmd/s')}, p99 ${fmt.ms(post.p99)}`,
        baseline: `raw 1 txn/event: ${fmt.rate(rawRate, 'tx/s')}`,
        ratio: postRatio,
        targets: [
          { text: '≥ 1× raw', met: postRatio >= 1 },
          { text: 'p99 ≤ 20 ms', met: post.p99 <= 20 },
          { text: 'all 201', met: post.failures === 0 },
        ],
        values: { api: loadValues(post), raw: summary(raw), apiCpuPerCommand: cpuValues(post.serverCpu) },
        notes: [
          cpuNote(post.serverCpu),
          `projections run in the API process meanwhile; p50 ${fmt.ms(post.p50)}, max ${fmt.ms(post.max)}; statuses ${JSON.stringify(post.statuses)}`,
          `load generator (${generatorName}) used ${Math.round(post.clientCpu * 100)}% of its core${limited(post)}`,
          'the projections run on the worker thread of the API process (PROJECTION_THREAD=worker, the default), pinned with the API to CPU 0',
        ],
      });

      // BENCH_HTTP_POST_ONLY=1: the two POST figures alone (the command path's own iterations), and the
      // floor under them: bare Fastify answering the same POSTs on the same core.
      if (postOnly) await postFloor(requests.slice(0, 2000));
      if (!postOnly) {
        // The ranking documents the GET figure reads (every opened cluster-year × period), once caught up.
        await waitForProjections(api.port, admin, 600_000);
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        const docs: Record<string, unknown> = {};
        for (const cy of generator.opened) {
          for (const { code } of PERIODS) {
            const url = `/clusters/${cy.clusterId}/years/${cy.year}/rankings/${code}`;
            const { status, body } = await send(
              agent,
              api.port,
              { method: 'GET', path: url, headers: { authorization: `Bearer ${viewer}` } },
              true,
            );
            if (status === 200) docs[url] = JSON.parse(body);
          }
        }
        agent.destroy();
        gets = Object.keys(docs);
        fs.writeFileSync(path.join(ctx.work, 'ranking-docs.json'), JSON.stringify(docs));
        const sizes = Object.values(docs).map((d) => JSON.stringify(d).length);
        log(
          `  ${gets.length} ranking documents, median ${Math.round(percentile(sizes, 50) / 1024)} KiB (after ${lastPosition} events)`,
        );

        const getSpecs: RequestSpec[] = gets.map((url) => ({
          method: 'GET',
          path: url,
          headers: { authorization: `Bearer ${viewer}` },
        }));
        const ours = await profiled('http-get', () =>
          generate(api.port, { rotate: getSpecs }, (s) => s === 200),
        );

        // One page of 50 of a unit's history: read by position from the log and rendered (unit-history v4).
        const units = [
          ...new Set(requests.map((r) => (JSON.parse(r.body ?? '{}') as { unitId?: string }).unitId)),
        ]
          .filter((u): u is string => typeof u === 'string')
          .slice(0, 200);
        const historySpecs: RequestSpec[] = units.map((u, i) => ({
          method: 'GET',
          path: `/units/${u}/history?limit=50${i % 2 ? '&after=' + String(Math.floor(lastPosition / 2)) : ''}`,
          headers: { authorization: `Bearer ${viewer}` },
        }));
        const history = await generate(api.port, { rotate: historySpecs }, (s) => s === 200);
        report.add({
          id: 'http-unit-history-page',
          title: `HTTP GET /units/{u}/history, a page of 50, ${opts.connections} connections`,
          ours: `${fmt.rate(history.perSecond, 'req/s')}, p50 ${fmt.ms(history.p50)}, p99 ${fmt.ms(history.p99)}`,
          baseline: '–',
          ratio: null,
          targets: [
            { text: 'p99 ≤ 10 ms', met: history.p99 <= 10 },
            { text: 'all 200', met: history.failures === 0 },
          ],
          values: { api: loadValues(history), units: units.length, logEvents: lastPosition },
          notes: [
            `${units.length} units, from the start and from the middle of the log; log of ${lastPosition.toLocaleString('en-US')} events (not the 1M data set: measured on the HTTP figure's API)`,
            `load generator (${generatorName}) used ${Math.round(history.clientCpu * 100)}% of its core${limited(history)}`,
          ],
        });
        await api.stop();
        const bare = await startServer(
          path.join(benchDist, 'children/bare-server.js'),
          [path.join(ctx.work, 'ranking-docs.json')],
          {},
          {
            ...(serverCpus && { cpus: serverCpus }),
          },
        );
        let bareRun: LoadResult;
        try {
          bareRun = await generate(bare.port, { rotate: getSpecs }, (s) => s === 200);
        } finally {
          await bare.stop();
        }
        const getRatio = ours.perSecond / bareRun.perSecond;
        report.add({
          id: 'http-get-ranking',
          title: `HTTP GET …/rankings/{p}, ${opts.connections} connections`,
          ours: `${fmt.rate(ours.perSecond, 'req/s')}, p99 ${fmt.ms(ours.p99)}`,
          baseline: `bare Fastify, same JSON: ${fmt.rate(bareRun.perSecond, 'req/s')}, p99 ${fmt.ms(bareRun.p99)}`,
          ratio: getRatio,
          targets: [
            { text: '≥ 0.7× bare', met: getRatio >= 0.7 },
            { text: 'p99 ≤ 5 ms', met: ours.p99 <= 5 },
            { text: 'all 200', met: ours.failures === 0 },
          ],
          values: {
            api: loadValues(ours),
            bare: loadValues(bareRun),
            documents: gets.length,
            medianDocBytes: percentile(sizes, 50),
          },
          notes: [
            `${gets.length} documents in rotation (median ${Math.round(percentile(sizes, 50) / 1024)} KiB); the API verifies the bearer token, validates, reads the read store`,
            `load generator (${generatorName}) used ${Math.round(ours.clientCpu * 100)}% of its core against the API${limited(ours)}, ${Math.round(bareRun.clientCpu * 100)}% against bare Fastify${
              bareRun.clientCpu >= 0.9
                ? ' — the bare figure is bounded by the load generator: the true limit is higher and the ratio lower'
                : ''
            }`,
          ],
        });
      }
    } finally {
      await api.stop();
    }

    // The same write load on an API that leaves the projections to apps/projector: the write path alone.
    const writer = await startServer(
      path.join(benchDist, 'children/api-server.js'),
      [],
      apiEnv(dataDir, false),
      {
        ...(serverCpus && { cpus: serverCpus }),
      },
    );
    try {
      const run = () =>
        generate(
          writer.port,
          {
            list: requests,
            from: () => nextScore,
            advance: (n: number) => {
              nextScore += n;
            },
          },
          (s) => s === 201,
          writer.pid,
        );
      let alone: Awaited<ReturnType<typeof run>>;
      if (opts.profile) {
        fs.mkdirSync(path.join(profileDir, 'http-post-write-only'), { recursive: true });
        alone = await writer.profile(
          path.join(profileDir, 'http-post-write-only', 'write-only.cpuprofile'),
          run,
        );
      } else alone = await run();
      log(`  ${cpuNote(alone.serverCpu)}`);
      const ratio = alone.perSecond / rawRate;
      report.add({
        id: 'http-post-scores-write-only',
        title: `HTTP POST …/scores, ${opts.connections} connections, projections out of process`,
        ours: `${fmt.rate(alone.perSecond, 'cmd/s')}, p99 ${fmt.ms(alone.p99)}`,
        baseline: `raw 1 txn/event: ${fmt.rate(rawRate, 'tx/s')}`,
        ratio,
        targets: [
          { text: '≥ 1× raw', met: ratio >= 1 },
          { text: 'p99 ≤ 20 ms', met: alone.p99 <= 20 },
          { text: 'all 201', met: alone.failures === 0 },
        ],
        values: { api: loadValues(alone), raw: summary(raw), apiCpuPerCommand: cpuValues(alone.serverCpu) },
        notes: [
          'diagnostic: PROJECTIONS_IN_PROCESS=false (the deployment with apps/projector); same data, next commands',
          cpuNote(alone.serverCpu),
          `p50 ${fmt.ms(alone.p50)}, max ${fmt.ms(alone.max)}; statuses ${JSON.stringify(alone.statuses)}`,
          `load generator (${generatorName}) used ${Math.round(alone.clientCpu * 100)}% of its core${limited(alone)}`,
        ],
      });
    } finally {
      await writer.stop();
    }

    // Issue 14: a unit-history page on a large log (BENCH_HISTORY_EVENTS, e.g. 1000000), http-history.ts.
    const historyEvents = Number(process.env['BENCH_HISTORY_EVENTS'] ?? 0);
    if (historyEvents > 0) {
      const r = await measureHistoryPage(
        {
          events: historyEvents,
          dir: process.env['BENCH_HISTORY_DIR'] ?? path.join(ctx.work, `history-${historyEvents}`),
          seed: opts.seed,
          seconds: opts.seconds,
          connections: opts.connections,
          ...(serverCpus !== undefined && { cpus: serverCpus }),
          generate,
          log,
        },
        { startServer, apiEnv, tokenFor, waitForProjections },
      );
      addHistoryPageFigures(report, r, opts.connections);
    }

    // As-of and what-if over HTTP, on the 20,000-event cluster-year.
    const big = ctx.bigYear;
    if (!big || postOnly) return;
    const bigDir = path.join(ctx.work, 'http-big');
    fs.mkdirSync(bigDir, { recursive: true });
    for (const suffix of ['', '-wal']) {
      if (fs.existsSync(big.file + suffix))
        fs.copyFileSync(big.file + suffix, path.join(bigDir, `events.sqlite${suffix}`));
    }
    const q = bigYearQuestions(big.events);
    const inspector = await tokenFor('u-inspector', 'inspector');
    const server = await startServer(
      path.join(benchDist, 'children/api-server.js'),
      [],
      apiEnv(bigDir, false),
      {
        ...(serverCpus && { cpus: serverCpus }),
      },
    );
    try {
      const base = `/clusters/${big.clusterId}/years/${big.year}/rankings/${q.period}`;
      const profiled = <T>(name: string, run: () => Promise<T>): Promise<T> => {
        if (!opts.profile) return run();
        fs.mkdirSync(path.join(profileDir, name), { recursive: true });
        return server.profile(path.join(profileDir, name, `${name}.cpuprofile`), run);
      };
      const asOf = await profiled('http-asof', () =>
        sequential(
          server.port,
          {
            method: 'GET',
            path: `${base}?asOf=${q.asOfPosition}`,
            headers: { authorization: `Bearer ${inspector}` },
          },
          SEQUENTIAL_RUNS,
        ),
      );
      const hypothetical = await profiled('http-what-if', () =>
        sequential(
          server.port,
          {
            method: 'POST',
            path: `${base}/what-if`,
            headers: { authorization: `Bearer ${inspector}` },
            body: JSON.stringify(q.whatIf),
          },
          SEQUENTIAL_RUNS,
        ),
      );
      for (const [id, title, t, direct] of [
        [
          'http-asof',
          `HTTP GET ranking ?asOf= (${big.events.length.toLocaleString('en-US')}-event cluster-year)`,
          asOf,
          ctx.direct?.asOfMs,
        ],
        [
          'http-what-if',
          `HTTP POST …/what-if (${big.events.length.toLocaleString('en-US')}-event cluster-year)`,
          hypothetical,
          ctx.direct?.whatIfMs,
        ],
      ] as const) {
        const ok = Object.keys(t.statuses).every((s) => s === '200');
        report.add({
          id,
          title,
          ours: `p50 ${fmt.ms(t.p50)}, p99 ${fmt.ms(t.p99)}, max ${fmt.ms(t.max)}`,
          baseline:
            direct === undefined ? 'evaluator direct: not run' : `evaluator direct: p50 ${fmt.ms(direct)}`,
          ratio: null,
          targets: [
            { text: 'p99 ≤ 50 ms', met: t.p99 <= 50 },
            { text: 'all 200', met: ok },
          ],
          values: {
            p50Ms: round(t.p50, 3),
            p99Ms: round(t.p99, 3),
            maxMs: round(t.max, 3),
            slowest: t.slowest,
            runs: SEQUENTIAL_RUNS,
            warmupRequests: t.warmup,
            statuses: t.statuses,
          },
          notes: [
            `one request at a time, after ${t.warmup} unmeasured ones (≥ ${WARMUP_REQUESTS} and ≥ ${WARMUP_MS} ms); PROJECTIONS_IN_PROCESS=false (these queries read the log, not the read models, so nothing else runs in the process)`,
            `measured after the claim reconciler's startup pass (${server.reconcilerMs ?? '?'} ms on this ${big.totalEvents.toLocaleString('en-US')}-event log)`,
          ],
        });
      }
    } finally {
      await server.stop();
    }
  } finally {
    if (twoCores) pinSelf(`0-${os.availableParallelism() - 1}`);
    const names = ['http-post', 'http-get', 'http-post-write-only', 'http-asof', 'http-what-if'];
    for (const name of opts.profile ? names : []) {
      const s = summarizeNewestProfile(path.join(profileDir, name), repoRoot, 20);
      if (s) report.profiles[name] = s;
    }
  }
}
