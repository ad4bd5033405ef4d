/**
 * `npm run bench:dump -- --events N --out DIR [--seed S] [--events-file FILE]`: proves that a change
 * leaves what the ledger serves byte-identical. Generates the bench data set (or reuses an events file),
 * rebuilds every read model from position 0 in this process, and writes in canonical order:
 *
 *   log    the log's head (position and log hash): the data set itself is the same;
 *   digest every sealed ranking digest (PeriodClosed, PeriodReopened's previous digest), in log order;
 *   doc    every read-model document of the served generations (projection, collection, id order), as
 *          stored, except unit-history's own working documents;
 *   history every unit's history as the API serves it (all entries, unit id order).
 *
 * Unit-history's stored documents are its implementation (its lookups; the index is the event store's tags); what it
 * serves is the contract, so it is compared through its query. Writes DIR/dump.txt and DIR/dump.json
 * (sha256 of the whole dump and of each section, counts, timings).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { openSqliteEventStore, VerifyingEventStore, type EventStore } from '@thidua/event-store';
import { openSqliteReadStore, type ReadStore, type Target } from '@thidua/read-store';
import { allProjections, ProjectionRunner, UNIT_HISTORY_PROJECTION } from '@thidua/projections';
import { loadIntoStore } from '../benches/load.js';
import { DataSetGenerator } from '../dataset/generator.js';
import { planWorld } from '../dataset/world.js';
import { peakRssMiB } from '../util/machine.js';
import { Prng } from '../util/prng.js';
import { historyOf } from './history-of.js';

interface DumpOptions {
  events: number;
  seed: number;
  out: string;
  eventsFile: string | undefined;
}

function parse(argv: readonly string[]): DumpOptions {
  const opts: DumpOptions = { events: 1_000_000, seed: 20240601, out: '', eventsFile: undefined };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--events':
        opts.events = Number(value?.replace(/_/g, ''));
        i++;
        break;
      case '--seed':
        opts.seed = Number(value);
        i++;
        break;
      case '--out':
        opts.out = value ?? '';
        i++;
        break;
      case '--events-file':
        opts.eventsFile = value;
        i++;
        break;
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  if (!opts.out || !(opts.events >= 1000))
    throw new Error('usage: dump.js --events N --out DIR [--seed S] [--events-file FILE]');
  return opts;
}

const log = (line: string): void => {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
};

/** Lines written to the dump, hashed whole and per section. */
class DumpWriter {
  private readonly fd: number;
  private readonly whole = createHash('sha256');
  private readonly sections = new Map<string, { hash: ReturnType<typeof createHash>; lines: number }>();
  private buffer: string[] = [];
  private size = 0;

  constructor(file: string) {
    this.fd = fs.openSync(file, 'w');
  }

  line(section: string, ...fields: Array<string | number>): void {
    const text = `${section}\t${fields.join('\t')}\n`;
    this.whole.update(text);
    let s = this.sections.get(section);
    if (!s) this.sections.set(section, (s = { hash: createHash('sha256'), lines: 0 }));
    s.hash.update(text);
    s.lines++;
    this.buffer.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }

  close(): { sha256: string; sections: Record<string, { sha256: string; lines: number }> } {
    this.flush();
    fs.closeSync(this.fd);
    return {
      sha256: this.whole.digest('hex'),
      sections: Object.fromEntries(
        [...this.sections].map(([name, s]) => [name, { sha256: s.hash.digest('hex'), lines: s.lines }]),
      ),
    };
  }

  private flush(): void {
    if (this.buffer.length) fs.writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }
}

async function dumpLog(events: EventStore, out: DumpWriter): Promise<void> {
  let after = 0;
  let last: { position: number; logHash?: string } = { position: 0 };
  for (;;) {
    const batch = await events.readAll({ after, batchSize: 5000 });
    if (batch.length === 0) break;
    for (const e of batch) {
      if (e.type === 'PeriodClosed') {
        const d = e.data as { period: string; rankingDigest: string };
        out.line('digest', e.position, e.streamId, 'PeriodClosed', d.period, d.rankingDigest);
      } else if (e.type === 'PeriodReopened') {
        const d = e.data as { period: string; previousDigest: string };
        out.line('digest', e.position, e.streamId, 'PeriodReopened', d.period, d.previousDigest);
      }
    }
    last = batch[batch.length - 1]!;
    after = last.position;
  }
  out.line('log', last.position, last.logHash ?? '');
}

function dumpDocs(readFile: string, out: DumpWriter): Record<string, number> {
  const db = new Database(readFile, { readonly: true });
  const counts: Record<string, number> = {};
  try {
    const rows = db
      .prepare(
        `SELECT d.projection, d.collection, d.id, d.doc FROM docs d
         JOIN active a ON a.projection = d.projection AND a.generation = d.generation
         WHERE d.projection <> ?
         ORDER BY d.projection, d.collection, d.id`,
      )
      .iterate(UNIT_HISTORY_PROJECTION) as IterableIterator<{
      projection: string;
      collection: string;
      id: string;
      doc: string;
    }>;
    for (const r of rows) {
      out.line('doc', r.projection, r.collection, r.id, r.doc);
      counts[r.projection] = (counts[r.projection] ?? 0) + 1;
    }
  } finally {
    db.close();
  }
  return counts;
}

async function dumpHistories(
  reads: ReadStore,
  events: EventStore,
  units: string[],
  out: DumpWriter,
): Promise<number> {
  const generation = await reads.activeGeneration(UNIT_HISTORY_PROJECTION);
  if (generation === null) throw new Error('unit-history has no served generation');
  const target: Target = { projection: UNIT_HISTORY_PROJECTION, generation };
  let entries = 0;
  for (const unitId of units) {
    for await (const entry of historyOf(reads, events, target, unitId)) {
      out.line('history', unitId, JSON.stringify(entry));
      entries++;
    }
  }
  return entries;
}

async function main(): Promise<void> {
  const opts = parse(process.argv.slice(2));
  fs.mkdirSync(opts.out, { recursive: true });
  const started = performance.now();
  const eventsFile = opts.eventsFile ?? path.join(opts.out, 'events.sqlite');
  let units: string[];
  if (opts.eventsFile && fs.existsSync(opts.eventsFile)) {
    log(`reusing ${opts.eventsFile}`);
  } else {
    fs.rmSync(eventsFile, { force: true });
    const prng = new Prng(opts.seed);
    const world = planWorld(prng, { targetEvents: opts.events, firstYear: 2022, minYears: 3 });
    const generator = new DataSetGenerator(world, prng, { interleave: 16 });
    log(`generating ${opts.events} events (seed ${opts.seed}) into ${eventsFile}`);
    await loadIntoStore(eventsFile, generator.appends(opts.events), {
      window: 500,
      poolEvents: 0,
      onProgress: (n) => log(`  ${n} events`),
    });
  }
  const loadedMs = performance.now() - started;

  const readFile = path.join(opts.out, 'read-models.sqlite');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(readFile + suffix, { force: true });
  const events = new VerifyingEventStore(await openSqliteEventStore(eventsFile));
  const reads = await openSqliteReadStore(readFile);
  const head = await events.headPosition();
  log(`rebuilding every read model to ${head}`);
  const t0 = performance.now();
  const runner = new ProjectionRunner(events, reads, allProjections);
  await runner.start();
  if (!(await runner.waitFor(head, 24 * 3600_000))) throw new Error('rebuild did not reach the head');
  const status = await runner.status();
  await runner.stop();
  const broken = status.filter((s) => s.error !== undefined || s.position < head);
  if (broken.length) throw new Error(`rebuild stopped: ${JSON.stringify(broken)}`);
  const rebuildMs = performance.now() - t0;
  log(`rebuilt in ${Math.round(rebuildMs)} ms; dumping`);

  const out = new DumpWriter(path.join(opts.out, 'dump.txt'));
  const t1 = performance.now();
  await dumpLog(events, out);
  const docs = dumpDocs(readFile, out);
  {
    const db = new Database(eventsFile, { readonly: true });
    units = (
      db
        .prepare(
          "SELECT DISTINCT json_extract(data, '$.unitId') AS u FROM events WHERE type = 'UnitRegistered'",
        )
        .pluck()
        .all() as string[]
    ).sort();
    db.close();
  }
  const historyEntries = await dumpHistories(reads, events, units, out);
  const result = out.close();
  await reads.close();
  await events.close();
  const summary = {
    events: head,
    seed: opts.seed,
    ...result,
    docs,
    units: units.length,
    historyEntries,
    ms: {
      load: Math.round(loadedMs),
      rebuild: Math.round(rebuildMs),
      dump: Math.round(performance.now() - t1),
    },
    peakRssMiB: peakRssMiB(),
  };
  fs.writeFileSync(path.join(opts.out, 'dump.json'), `${JSON.stringify(summary, null, 2)}\n`);
  log(JSON.stringify(summary));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `dump failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
