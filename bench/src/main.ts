/**
 * `npm run bench`: generates the data set, measures every figure beside its baseline in the same run,
 * prints a table and writes bench/results/<timestamp>.json and latest.json. Never part of `npm test`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';

import { appendBatchFigures, appendSingleFigures } from './benches/append.js';
import { asOfGrowthFigures } from './benches/as-of-growth.js';
import { evaluatorFigures } from './benches/evaluator.js';
import { httpFigures, postOnly } from './benches/http.js';
import { loadIntoStore } from './benches/load.js';
import { rebuildFigures } from './benches/rebuild.js';
import { buildBigYear } from './dataset/big-year.js';
import { DataSetGenerator } from './dataset/generator.js';
import { planWorld } from './dataset/world.js';
import { allProjections } from '@thidua/projections';
import { machineInfo } from './util/machine.js';
import { parseOptions, type BenchOptions } from './util/options.js';
import { Prng } from './util/prng.js';
import { formatProfile } from './util/profile.js';
import { repoRoot, resultsDir } from './util/paths.js';
import { Report, fmt } from './util/report.js';
import { round } from './util/stats.js';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function sqliteVersion(): string {
  const db = new Database(':memory:');
  const v = db.prepare('SELECT sqlite_version()').pluck().get() as string;
  db.close();
  return v;
}

async function run(opts: BenchOptions): Promise<void> {
  const started = Date.now();
  const base = opts.dir ?? os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  const work = fs.mkdtempSync(path.join(base, 'thidua-bench-'));
  const machine = machineInfo(work, sqliteVersion());
  const report = new Report();
  log(
    `Thi Đua Ledger benchmarks — ${machine.cpuModel}, ${machine.nproc} CPU, ${machine.memoryGiB} GiB, node ${machine.node}, data on ${machine.dataFilesystem}`,
  );
  log(
    `work dir ${work}; ${opts.events.toLocaleString('en-US')} events; ${opts.seconds} s per timed contender`,
  );
  try {
    // The data set, written through our store (group commit, many appends per transaction).
    if (opts.sections.has('append') || opts.sections.has('batch') || opts.sections.has('rebuild')) {
      const prng = new Prng(opts.seed);
      const world = planWorld(prng, { targetEvents: opts.events, firstYear: 2022, minYears: 3 });
      const generator = new DataSetGenerator(world, prng, { interleave: opts.interleave });
      const eventsFile = path.join(work, 'events.sqlite');
      log(
        `generating and loading the data set: ${world.units.length} units, ${world.clusters.length} clusters, years ${world.years.join(', ')}…`,
      );
      const load = await loadIntoStore(eventsFile, generator.appends(opts.events), {
        window: 500,
        poolEvents: Math.min(opts.events, 150_000),
        onProgress: (n) => log(`  ${n.toLocaleString('en-US')} events`),
      });
      report.info['dataSet'] = {
        events: load.events,
        appends: load.appends,
        streams: generator.streams.size,
        units: world.units.length,
        clusters: world.clusters.length,
        years: world.years,
        interleave: opts.interleave,
        seed: opts.seed,
        byType: Object.fromEntries([...generator.countByType].sort((a, b) => b[1] - a[1])),
        fileMiB: round(fs.statSync(eventsFile).size / 2 ** 20, 1),
        loadSeconds: round(load.ms / 1000, 1),
        generateSeconds: round(load.generateMs / 1000, 1),
        storeEventsPerSecond: round((load.events * 1000) / (load.ms - load.generateMs), 0),
      };
      log(
        `  ${load.events.toLocaleString('en-US')} events in ${load.appends.toLocaleString('en-US')} appends, ${generator.streams.size} streams, ${round(
          load.ms / 1000,
          1,
        )} s, of which ${round(load.generateMs / 1000, 1)} s deciding them; stored at ${fmt.rate(
          (load.events * 1000) / (load.ms - load.generateMs),
          'ev/s',
        )} (group commit, ≤ 500 appends per transaction)`,
      );

      if (opts.sections.has('append')) {
        log('append, one command per append, durable…');
        await appendSingleFigures(report, load.pool, work, {
          seconds: opts.seconds,
          concurrency: opts.concurrency,
          log,
        });
      }
      if (opts.sections.has('batch')) {
        log('append, 100 events per transaction…');
        await appendBatchFigures(report, load.pool, work, { seconds: opts.seconds });
      }
      load.pool.length = 0;

      const readDir = path.join(work, 'read');
      if (opts.sections.has('rebuild')) {
        log('rebuild…');
        await rebuildFigures(report, eventsFile, readDir, {
          budgetSeconds: opts.rebuildSeconds,
          aloneSeconds: Math.max(5, Math.round(opts.rebuildSeconds / 4)),
          projections: allProjections.map((p) => p.name),
          profile: opts.profile,
          profileDir: path.join(work, 'profiles', 'rebuild'),
          log,
        });
      }
    }

    let bigYear: Awaited<ReturnType<typeof buildBigYear>> | undefined;
    if (opts.sections.has('evaluator') || (opts.sections.has('http') && !postOnly)) {
      log('building a 20,000-event cluster-year…');
      bigYear = await buildBigYear(path.join(work, 'big-year.sqlite'), opts.seed);
    }
    let direct: { asOfMs: number; whatIfMs: number } | undefined;
    if (opts.sections.has('evaluator') && bigYear) {
      log('as-of and what-if through the evaluator…');
      direct = await evaluatorFigures(report, bigYear, { log });
    }
    if (opts.sections.has('http')) {
      log('HTTP…');
      await httpFigures(report, { work, opts, bigYear, ...(direct && { direct }), log });
    }
    if (opts.sections.has('asof-growth')) {
      log('as-of growth: cluster-years of 2k, 20k and 100k events…');
      await asOfGrowthFigures(report, { work, opts, log });
    }
  } finally {
    if (!opts.keep) fs.rmSync(work, { recursive: true, force: true });
    else log(`kept ${work}`);
  }

  const table = report.table();
  log(`\n${table}\n`);
  for (const [name, summary] of Object.entries(report.profiles)) {
    log(`profile ${name} (top self time, ${summary.totalMs} ms sampled):\n${formatProfile(summary)}\n`);
  }
  const file = report.write(resultsDir, {
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(
      ' ',
    ),
    startedAt: new Date(started).toISOString(),
    seconds: round((Date.now() - started) / 1000, 1),
    machine,
    options: { ...opts, sections: [...opts.sections] },
  });
  const missed = report.figures.filter((f) => !f.targets.every((t) => t.met));
  log(
    `${report.figures.length} figures, ${missed.length} with a missed target; ${round((Date.now() - started) / 1000, 1)} s; wrote ${path.relative(
      repoRoot,
      file,
    )} and bench/results/latest.json`,
  );
}

run(parseOptions(process.argv.slice(2))).catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
