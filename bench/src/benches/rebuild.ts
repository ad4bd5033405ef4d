/**
 * Full projection rebuild vs raw read-and-parse of the same rows, and the rebuild's peak RSS. Each run
 * is its own child process (a clean heap; VmHWM is that run's peak).
 */
import fs from 'node:fs';
import path from 'node:path';

import { runChild } from '../util/child.js';
import { benchDist, repoRoot } from '../util/paths.js';
import { formatProfile, summarizeNewestProfile } from '../util/profile.js';
import { fmt, type Report } from '../util/report.js';
import { round } from '../util/stats.js';

interface ReadResult {
  events: number;
  ms: number;
  eventsPerSecond: number;
  peakRssMiB?: number;
}
export interface RebuildResult {
  head: number;
  ms: number;
  ok: boolean;
  eventsPerSecond: number;
  peakRssMiB?: number;
  sampledPeakRssMiB: number;
  caughtUpMs: Record<string, number>;
  status: Array<{ name: string; status: string; position: number; error?: unknown }>;
  docs: Array<{ projection: string; docs: number; bytes: number }>;
}

export async function rebuildFigures(
  report: Report,
  eventsFile: string,
  readDir: string,
  opts: { profile: boolean; profileDir: string; log: (line: string) => void },
): Promise<RebuildResult> {
  const readLog = path.join(benchDist, 'children/read-log.js');
  const rebuild = path.join(benchDist, 'children/rebuild.js');
  opts.log('raw read-and-parse of the log…');
  const raw = (await runChild<ReadResult>(readLog, [eventsFile, 'raw'])).result;
  opts.log(`  ${fmt.rate(raw.eventsPerSecond, 'ev/s')}; our store readAll…`);
  const store = (await runChild<ReadResult>(readLog, [eventsFile, 'store'])).result;
  opts.log(`  ${fmt.rate(store.eventsPerSecond, 'ev/s')}; rebuild of every read model…`);
  fs.rmSync(readDir, { recursive: true, force: true });
  const result = (await runChild<RebuildResult>(rebuild, [eventsFile, readDir], { onLine: (l) => opts.log(`  ${l}`) }))
    .result;
  const stalled = result.status.filter((s) => s.error !== undefined || s.status === 'stalled');
  const ratio = result.eventsPerSecond / raw.eventsPerSecond;
  const projections = result.status.map((s) => s.name);
  const slowest = Object.entries(result.caughtUpMs).sort((a, b) => b[1] - a[1]);
  report.add({
    id: 'rebuild-vs-raw-read',
    title: `Full rebuild of ${projections.length} read models (${result.head.toLocaleString('en-US')} events)`,
    ours: fmt.rate(result.eventsPerSecond, 'ev/s'),
    baseline: `raw SELECT + JSON.parse: ${fmt.rate(raw.eventsPerSecond, 'ev/s')}`,
    ratio,
    targets: [
      { text: '≥ 0.4× raw', met: ratio >= 0.4 },
      { text: '≥ 100,000 ev/s', met: result.eventsPerSecond >= 100_000 },
      { text: 'no stall', met: result.ok && stalled.length === 0 },
    ],
    values: { rebuild: result, rawRead: raw, storeRead: store },
    notes: [
      `took ${round(result.ms / 1000, 1)} s; each projection caught up at: ${slowest
        .map(([name, ms]) => `${name} ${round(ms / 1000, 1)} s`)
        .join(', ')}`,
      `each projection has its own subscription: the log is read and parsed ${projections.length}× (our readAll alone: ${fmt.rate(
        store.eventsPerSecond,
        'ev/s',
      )})`,
      `documents: ${result.docs.map((d) => `${d.projection} ${d.docs.toLocaleString('en-US')} (${fmt.mib(d.bytes / 2 ** 20)})`).join(', ')}`,
    ],
  });
  const peak = result.peakRssMiB ?? result.sampledPeakRssMiB;
  report.add({
    id: 'rebuild-peak-rss',
    title: 'Peak RSS during the full rebuild',
    ours: fmt.mib(peak),
    baseline: `raw read-and-parse process: ${fmt.mib(raw.peakRssMiB ?? 0)}`,
    ratio: null,
    targets: [{ text: '≤ 300 MB', met: peak * 1.048576 <= 300 }],
    values: { peakRssMiB: peak, sampledPeakRssMiB: result.sampledPeakRssMiB, rawPeakRssMiB: raw.peakRssMiB },
    notes: ['VmHWM of the rebuild child process'],
  });
  const missed = ratio < 0.4 || result.eventsPerSecond < 100_000 || peak * 1.048576 > 300;
  if (opts.profile && missed) {
    opts.log('profiling the rebuild (--cpu-prof)…');
    fs.rmSync(readDir, { recursive: true, force: true });
    fs.rmSync(opts.profileDir, { recursive: true, force: true });
    await runChild<RebuildResult>(rebuild, [eventsFile, readDir], {
      nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`],
    });
    const summary = summarizeNewestProfile(opts.profileDir, repoRoot, 20);
    if (summary) {
      report.profiles['rebuild'] = summary;
      opts.log(`  top self time of the rebuild (${summary.totalMs} ms sampled):\n${formatProfile(summary)}`);
    }
  }
  return result;
}
