/**
 * Child process: a full rebuild of every read model (allProjections) from position 0 — a fresh
 * ProjectionRunner over an empty read store — timed until every projection has reached the head.
 *
 * The runner never yields to the event loop while it catches up (every step is a resolved promise), so
 * no timer of this process fires until it is done: progress is watched by the parent, which reads the
 * read store's checkpoints from another connection. A time budget is enforced inside evolve instead:
 * past it each projection stops (as a stall) and the process exits normally (so --cpu-prof is written).
 *   node rebuild.js <events.sqlite> <read-models dir> <budget ms> [projection,projection…]
 */
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { openSqliteEventStore, VerifyingEventStore } from '@thidua/event-store';
import { openSqliteReadStore } from '@thidua/read-store';
import { allProjections, type ProjectionDefinition, ProjectionRunner } from '@thidua/projections';
import { emitResult } from '../util/child.js';
import { mainThreadCpuMs, peakRssMiB } from '../util/machine.js';

export const BUDGET_REACHED = 'bench time budget reached';

async function main(): Promise<void> {
  const [eventsFile, readDir, budget, only] = process.argv.slice(2);
  const budgetMs = Number(budget);
  if (!eventsFile || !readDir || !(budgetMs > 0))
    throw new Error('usage: rebuild.js <events> <read dir> <budget ms> [names]');
  fs.mkdirSync(readDir, { recursive: true });
  const readFile = path.join(readDir, 'read-models.sqlite');
  // As the API and the CLI rebuild: every event read is checked against the hash chain.
  const events = new VerifyingEventStore(await openSqliteEventStore(eventsFile));
  const reads = await openSqliteReadStore(readFile);
  const head = await events.headPosition();
  const names = only ? new Set(only.split(',')) : undefined;
  let deadline = Number.POSITIVE_INFINITY;
  let evolved = 0;
  const definitions = (names ? allProjections.filter((p) => names.has(p.name)) : allProjections).map(
    (d): ProjectionDefinition => ({
      ...d,
      evolve: (event, view) => {
        // The clock read every 256 events: per event it was ≈ 1 % of a rebuild's profile.
        if ((evolved++ & 255) === 0 && performance.now() > deadline) throw new Error(BUDGET_REACHED);
        return d.evolve.call(d, event, view);
      },
    }),
  );
  const runner = new ProjectionRunner(events, reads, definitions);
  process.stdout.write(`STARTED ${JSON.stringify({ head, projections: definitions.map((d) => d.name) })}\n`);
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const mainCpu0 = mainThreadCpuMs();
  deadline = start + budgetMs;
  await runner.start();
  const completed = await runner.waitFor(head, 24 * 3600_000);
  const ms = performance.now() - start;
  // CPU time of this process (user + system): on a shared machine, steadier than the wall time.
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const mainCpu1 = mainThreadCpuMs();
  // The main thread's own share: cpuMs also counts V8's helper threads (parallel GC, ≈ 1/3 of it).
  const mainThreadMs = mainCpu0 === undefined || mainCpu1 === undefined ? undefined : mainCpu1 - mainCpu0;
  const status = await runner.status();
  await runner.stop();
  await reads.close();
  await events.close();
  const db = new Database(readFile, { readonly: true });
  const docs = db
    .prepare('SELECT projection, COUNT(*) AS docs, SUM(LENGTH(doc)) AS bytes FROM docs GROUP BY projection')
    .all() as Array<{ projection: string; docs: number; bytes: number }>;
  db.close();
  emitResult({
    head,
    ms,
    cpuMs,
    mainThreadCpuMs: mainThreadMs,
    completed,
    peakRssMiB: peakRssMiB(),
    status: status.map((s) => ({
      name: s.name,
      status: s.status,
      position: s.position,
      stopped: s.error?.message === BUDGET_REACHED ? 'time budget' : undefined,
      error: s.error && s.error.message !== BUDGET_REACHED ? s.error : undefined,
    })),
    docs,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `rebuild failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
