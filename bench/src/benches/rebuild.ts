/**
 * Full projection rebuild vs raw read-and-parse of the same rows, and the rebuild's peak RSS. Each run
 * is its own child process (a clean heap; VmHWM is that run's peak). The rebuild runs at most
 * `budgetSeconds`: if it has not finished by then, its throughput is taken from its measured progress
 * (the slowest read model's checkpoint) and the completion time is extrapolated from its recent pace.
 */
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { RESULT_PREFIX, runChild, spawnNode } from '../util/child.js';
import { peakRssMiB } from '../util/machine.js';
import { benchDist, repoRoot } from '../util/paths.js';
import { summarizeNewestProfile } from '../util/profile.js';
import { fmt, type Report } from '../util/report.js';
import { round } from '../util/stats.js';

interface ReadResult {
  events: number;
  ms: number;
  eventsPerSecond: number;
  peakRssMiB?: number;
}

interface ChildResult {
  head: number;
  ms: number;
  completed: boolean;
  peakRssMiB?: number;
  status: Array<{ name: string; status: string; position: number; stopped?: string; error?: unknown }>;
  docs: Array<{ projection: string; docs: number; bytes: number }>;
}

export interface RebuildRun extends ChildResult {
  /** Per projection: ms after the start when its checkpoint reached the head (watched from outside). */
  caughtUpMs: Record<string, number>;
  /** Checkpoints seen from outside, about once a second: [ms, {projection: position}]. */
  timeline: Array<[number, Record<string, number>]>;
  /** Peak RSS seen from outside (VmHWM of the child), MiB. */
  watchedPeakRssMiB: number;
  /** head / (measured or extrapolated) total time. */
  eventsPerSecond: number;
  estimatedTotalMs: number;
  slowest: string;
}

/** Reads the checkpoints of a read store that another process is writing. */
function checkpointReader(file: string): () => Record<string, number> | undefined {
  let db: Database.Database | undefined;
  return () => {
    try {
      if (!db) {
        if (!fs.existsSync(file)) return undefined;
        db = new Database(file, { readonly: true, fileMustExist: true, timeout: 1000 });
      }
      const rows = db
        .prepare('SELECT projection, MAX(position) AS position FROM checkpoints GROUP BY projection')
        .all() as Array<{ projection: string; position: number }>;
      return Object.fromEntries(rows.map((r) => [r.projection, r.position]));
    } catch {
      return undefined; // schema not there yet, or busy: next time
    }
  };
}

export function watchedRebuild(
  eventsFile: string,
  readDir: string,
  options: {
    budgetMs: number;
    only?: string[];
    nodeFlags?: string[];
    log: (line: string) => void;
    /** Start from an empty read store (default); false when several children share one. */
    fresh?: boolean;
  },
): Promise<RebuildRun> {
  if (options.fresh !== false) fs.rmSync(readDir, { recursive: true, force: true });
  const script = path.join(benchDist, 'children/rebuild.js');
  const args = [
    eventsFile,
    readDir,
    String(options.budgetMs),
    ...(options.only ? [options.only.join(',')] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawnNode(script, args, { nodeFlags: options.nodeFlags ?? [] });
    const read = checkpointReader(path.join(readDir, 'read-models.sqlite'));
    const timeline: RebuildRun['timeline'] = [];
    const caughtUpMs: Record<string, number> = {};
    let head = 0;
    let names: string[] = [];
    let started = 0;
    let peak = 0;
    let lastLog = 0;
    let result: ChildResult | undefined;
    let stdout = '';
    let stderr = '';
    const poll = setInterval(() => {
      if (child.pid) peak = Math.max(peak, peakRssMiB(child.pid) ?? 0);
      if (!started) return;
      const now = performance.now() - started;
      const positions = read();
      if (!positions) return;
      timeline.push([round(now, 0), positions]);
      for (const name of names)
        if ((positions[name] ?? 0) >= head && caughtUpMs[name] === undefined) caughtUpMs[name] = now;
      if (now - lastLog >= 15_000) {
        lastLog = now;
        options.log(
          `  ${Math.round(now / 1000)} s: ${names.map((n) => `${n} ${Math.floor((100 * (positions[n] ?? 0)) / head)}%`).join(', ')}`,
        );
      }
    }, 1000);
    // Past the budget plus a grace period the child is killed (its evolve guard should have stopped it).
    const killer = setTimeout(() => child.kill('SIGKILL'), options.budgetMs + 120_000);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      let nl: number;
      while ((nl = stdout.indexOf('\n')) >= 0) {
        const line = stdout.slice(0, nl);
        stdout = stdout.slice(nl + 1);
        if (line.startsWith('STARTED ')) {
          const info = JSON.parse(line.slice(8)) as { head: number; projections: string[] };
          head = info.head;
          names = info.projections;
          started = performance.now();
        } else if (line.startsWith(RESULT_PREFIX))
          result = JSON.parse(line.slice(RESULT_PREFIX.length)) as ChildResult;
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(killer);
      if (code !== 0 || !result) {
        reject(new Error(`rebuild child exited with ${code}: ${stderr.slice(-2000)}`));
        return;
      }
      const r = result;
      for (const s of r.status) if (s.position >= r.head) caughtUpMs[s.name] ??= r.ms;
      const slowest = [...r.status].sort((a, b) => a.position - b.position)[0];
      let estimatedTotalMs = r.ms;
      if (!r.completed && slowest) {
        // Pace of the slowest read model over the last minute (the others are done or nearly).
        const end = timeline[timeline.length - 1];
        const from = timeline.find(([t]) => end && t >= end[0] - 60_000);
        const pace =
          end && from && end[0] > from[0]
            ? ((end[1][slowest.name] ?? 0) - (from[1][slowest.name] ?? 0)) / (end[0] - from[0])
            : slowest.position / r.ms;
        estimatedTotalMs = r.ms + (r.head - slowest.position) / Math.max(pace, 1e-9);
      }
      resolve({
        ...r,
        caughtUpMs,
        timeline,
        watchedPeakRssMiB: peak,
        eventsPerSecond: (r.head * 1000) / estimatedTotalMs,
        estimatedTotalMs,
        slowest: slowest?.name ?? '',
      });
    });
  });
}

/** The rebuild split between processes that share the read store, each rebuilding its own projections. */
export interface SplitRebuild {
  groups: string[][];
  runs: RebuildRun[];
  completed: boolean;
  ms: number;
  eventsPerSecond: number;
  /** Sum of the processes' peaks (they run at the same time). */
  peakRssMiB: number;
}

export async function splitRebuild(
  eventsFile: string,
  readDir: string,
  groups: string[][],
  budgetMs: number,
): Promise<SplitRebuild> {
  fs.rmSync(readDir, { recursive: true, force: true });
  const runs = await Promise.all(
    groups.map((only) =>
      watchedRebuild(eventsFile, readDir, { budgetMs, only, fresh: false, log: () => {} }),
    ),
  );
  const totalMs = Math.max(...runs.map((r) => r.estimatedTotalMs));
  return {
    groups,
    runs,
    completed: runs.every((r) => r.completed),
    ms: Math.max(...runs.map((r) => r.ms)),
    eventsPerSecond: ((runs[0]?.head ?? 0) * 1000) / totalMs,
    peakRssMiB: runs.reduce((sum, r) => sum + Math.max(r.peakRssMiB ?? 0, r.watchedPeakRssMiB), 0),
  };
}

export interface RebuildSummary {
  all: RebuildRun;
  alone: RebuildRun[];
  eventsPerSecond: number;
  measured: boolean;
}

export async function rebuildFigures(
  report: Report,
  eventsFile: string,
  readDir: string,
  opts: {
    budgetSeconds: number;
    aloneSeconds: number;
    projections: string[];
    profile: boolean;
    profileDir: string;
    log: (line: string) => void;
  },
): Promise<RebuildSummary> {
  const readLog = path.join(benchDist, 'children/read-log.js');
  opts.log('raw read-and-parse of the log…');
  // A first pass warms the OS page cache (the file was just written, in part evicted): the first reader
  // would otherwise pay for the disk and make the baseline look slower than the rebuilds that follow.
  await runChild<ReadResult>(readLog, [eventsFile, 'raw']);
  const raw = (await runChild<ReadResult>(readLog, [eventsFile, 'raw'])).result;
  opts.log(`  ${fmt.rate(raw.eventsPerSecond, 'ev/s')}; our store readAll…`);
  const store = (await runChild<ReadResult>(readLog, [eventsFile, 'store'])).result;
  opts.log(`  ${fmt.rate(store.eventsPerSecond, 'ev/s')}; verified readAll…`);
  const verified = (await runChild<ReadResult>(readLog, [eventsFile, 'verified'])).result;
  opts.log(`  ${fmt.rate(verified.eventsPerSecond, 'ev/s')}`);
  const verifiedRatio = verified.eventsPerSecond / store.eventsPerSecond;
  report.add({
    id: 'verified-read-vs-store-read',
    title: `Reading the log through the integrity check (${verified.events.toLocaleString('en-US')} events)`,
    ours: fmt.rate(verified.eventsPerSecond, 'ev/s'),
    baseline: `the store's readAll unchecked: ${fmt.rate(store.eventsPerSecond, 'ev/s')}; raw SELECT + JSON.parse: ${fmt.rate(raw.eventsPerSecond, 'ev/s')}`,
    ratio: verifiedRatio,
    targets: [{ text: '≥ 0.5× the unchecked read', met: verifiedRatio >= 0.5 }],
    values: {
      verified,
      store,
      raw,
      microsecondsPerEvent: {
        verified: (verified.ms * 1000) / verified.events,
        store: (store.ms * 1000) / store.events,
        check: (verified.ms * 1000) / verified.events - (store.ms * 1000) / store.events,
      },
    },
    notes: [
      'one sha256 over the canonical JSON of each event, one over the log chain, and a stream predecessor read where this read has not seen it',
    ],
  });

  // Each read model alone (at most aloneSeconds each): where the time goes.
  const alone: RebuildRun[] = [];
  for (const name of opts.projections) {
    const run = await watchedRebuild(eventsFile, readDir, {
      budgetMs: opts.aloneSeconds * 1000,
      only: [name],
      log: () => {},
    });
    alone.push(run);
    opts.log(
      `  ${name} alone: ${fmt.rate(run.eventsPerSecond, 'ev/s')}${run.completed ? ` (${round(run.ms / 1000, 1)} s)` : ' (extrapolated from its first ' + opts.aloneSeconds + ' s)'}, peak ${fmt.mib(Math.max(run.peakRssMiB ?? 0, run.watchedPeakRssMiB))}`,
    );
  }
  const aloneTotalMs = alone.reduce((sum, r) => sum + r.estimatedTotalMs, 0);

  opts.log(`rebuild of every read model together (at most ${opts.budgetSeconds} s)…`);
  const all = await watchedRebuild(eventsFile, readDir, {
    budgetMs: opts.budgetSeconds * 1000,
    log: opts.log,
  });
  const measured = all.completed;
  const eventsPerSecond = measured ? all.eventsPerSecond : (all.head * 1000) / Math.max(aloneTotalMs, all.ms);
  const stalled = all.status.filter((s) => s.error !== undefined);
  const ratio = eventsPerSecond / raw.eventsPerSecond;
  const progress = all.status.map((s) => {
    const at = all.caughtUpMs[s.name];
    return at !== undefined && s.position >= all.head
      ? `${s.name} done at ${round(at / 1000, 1)} s`
      : `${s.name} at ${Math.floor((100 * s.position) / all.head)}%`;
  });
  report.add({
    id: 'rebuild-vs-raw-read',
    title: `Full rebuild of ${all.status.length} read models (${all.head.toLocaleString('en-US')} events)`,
    ours: `${fmt.rate(eventsPerSecond, 'ev/s')}${measured ? '' : ' (estimate)'}`,
    baseline: `raw SELECT + JSON.parse: ${fmt.rate(raw.eventsPerSecond, 'ev/s')}`,
    ratio,
    targets: [
      { text: '≥ 0.4× raw', met: ratio >= 0.4 },
      { text: '≥ 100,000 ev/s', met: eventsPerSecond >= 100_000 },
      { text: 'no stall', met: stalled.length === 0 },
    ],
    values: {
      measured,
      eventsPerSecond,
      all: { ...all, timeline: all.timeline.filter((_, i) => i % 5 === 0) },
      alone: alone.map((r) => ({
        projection: r.status[0]?.name,
        completed: r.completed,
        eventsPerSecond: r.eventsPerSecond,
        estimatedTotalMs: r.estimatedTotalMs,
        peakRssMiB: Math.max(r.peakRssMiB ?? 0, r.watchedPeakRssMiB),
        docs: r.docs,
      })),
      rawRead: raw,
      storeRead: store,
    },
    notes: [
      measured
        ? `all together: completed in ${round(all.ms / 1000, 1)} s (${progress.join('; ')})`
        : `all together: stopped after the ${opts.budgetSeconds} s budget (${progress.join('; ')}); the figure is ${all.head.toLocaleString(
            'en-US',
          )} events over the sum of the single-read-model rebuild times (${round(aloneTotalMs / 60_000, 1)} min)`,
      `alone: ${alone
        .map(
          (r) =>
            `${r.status[0]?.name} ${fmt.rate(r.eventsPerSecond, 'ev/s')}${r.completed ? '' : ' (extrapolated)'}`,
        )
        .join(', ')}`,
      `reading and parsing the log once through our store (readAll, batches of 500): ${fmt.rate(store.eventsPerSecond, 'ev/s')}`,
      `documents written${measured ? '' : ' before the stop'}: ${all.docs
        .map((d) => `${d.projection} ${d.docs.toLocaleString('en-US')} (${fmt.mib(d.bytes / 2 ** 20)})`)
        .join(', ')}`,
    ],
  });
  const peak = Math.max(all.peakRssMiB ?? 0, all.watchedPeakRssMiB);
  report.add({
    id: 'rebuild-peak-rss',
    title: 'Peak RSS during the full rebuild',
    ours: fmt.mib(peak),
    baseline: `raw read-and-parse process: ${fmt.mib(raw.peakRssMiB ?? 0)}`,
    ratio: null,
    targets: [{ text: '≤ 300 MB', met: peak * 1.048576 <= 300 }],
    values: { peakRssMiB: peak, rawPeakRssMiB: raw.peakRssMiB },
    notes: [
      `VmHWM of the rebuild child process${measured ? '' : ` over the first ${opts.budgetSeconds} s`}; alone: ${alone
        .map((r) => `${r.status[0]?.name} ${fmt.mib(Math.max(r.peakRssMiB ?? 0, r.watchedPeakRssMiB))}`)
        .join(', ')}`,
    ],
  });
  // The same rebuild on both cores: two processes (as two `npm run cli -- rebuild …` would), the read models
  // split so that their single-model times balance (longest first, onto the lighter process).
  const groups: string[][] = [[], []];
  const load = [0, 0];
  for (const run of [...alone].sort((a, b) => b.estimatedTotalMs - a.estimatedTotalMs)) {
    const lighter = load[0]! <= load[1]! ? 0 : 1;
    groups[lighter]!.push(run.status[0]!.name);
    load[lighter]! += run.estimatedTotalMs;
  }
  opts.log(`rebuild split in two processes: ${groups.map((g) => g.join(' + ')).join(' ∥ ')}…`);
  const split = await splitRebuild(eventsFile, readDir, groups, opts.budgetSeconds * 1000);
  const splitRatio = split.eventsPerSecond / raw.eventsPerSecond;
  report.add({
    id: 'rebuild-two-processes',
    title: `Full rebuild in 2 processes (${all.head.toLocaleString('en-US')} events)`,
    ours: `${fmt.rate(split.eventsPerSecond, 'ev/s')}${split.completed ? '' : ' (estimate)'}`,
    baseline: `raw SELECT + JSON.parse: ${fmt.rate(raw.eventsPerSecond, 'ev/s')}`,
    ratio: splitRatio,
    targets: [
      { text: '≥ 0.4× raw', met: splitRatio >= 0.4 },
      { text: '≥ 100,000 ev/s', met: split.eventsPerSecond >= 100_000 },
      { text: 'no stall', met: split.runs.every((r) => r.status.every((st) => st.error === undefined)) },
    ],
    values: {
      groups: split.groups,
      completed: split.completed,
      ms: split.ms,
      eventsPerSecond: split.eventsPerSecond,
      peakRssMiB: split.peakRssMiB,
      runs: split.runs.map((r) => ({
        projections: r.status.map((st) => st.name),
        ms: r.ms,
        completed: r.completed,
        peakRssMiB: Math.max(r.peakRssMiB ?? 0, r.watchedPeakRssMiB),
      })),
    },
    notes: [
      `${split.groups.map((g) => g.join(' + ')).join(' ∥ ')}, one read store: ${split.runs
        .map((r) => `${round(r.ms / 1000, 1)} s`)
        .join(' and ')}; peak RSS of the two together ${fmt.mib(split.peakRssMiB)}`,
    ],
  });
  report.add({
    id: 'rebuild-two-processes-peak-rss',
    title: 'Peak RSS of the 2-process rebuild (sum of both)',
    ours: fmt.mib(split.peakRssMiB),
    baseline: `raw read-and-parse process: ${fmt.mib(raw.peakRssMiB ?? 0)}`,
    ratio: null,
    targets: [{ text: '≤ 300 MB', met: split.peakRssMiB * 1.048576 <= 300 }],
    values: { peakRssMiB: split.peakRssMiB },
    notes: [],
  });
  const missed = report.figures.slice(-4).some((f) => !f.targets.every((t) => t.met));
  if (opts.profile && missed) {
    const budgetMs = Math.min(opts.budgetSeconds, 60) * 1000;
    opts.log(`profiling ${budgetMs / 1000} s of the rebuild (--cpu-prof)…`);
    fs.rmSync(opts.profileDir, { recursive: true, force: true });
    await watchedRebuild(eventsFile, `${readDir}-profile`, {
      budgetMs,
      nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`],
      log: () => {},
    });
    fs.rmSync(`${readDir}-profile`, { recursive: true, force: true });
    const summary = summarizeNewestProfile(opts.profileDir, repoRoot, 20);
    if (summary) report.profiles['rebuild'] = summary;
  }
  return { all, alone, eventsPerSecond, measured };
}
