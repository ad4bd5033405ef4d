/**
 * Child process: a full rebuild of every read model (allProjections) from position 0 — a fresh
 * ProjectionRunner over an empty read store — timed until every projection has reached the head.
 * Reports the peak RSS of this process (VmHWM) and when each projection caught up.
 *   node rebuild.js <events.sqlite> <read-models dir>
 */
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { openSqliteEventStore } from '../../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { openSqliteReadStore } from '../../../libs/read-store/src/sqlite/sqlite-read-store.js';
import { allProjections } from '../../../projections/src/index.js';
import { ProjectionRunner } from '../../../projections/src/runner/index.js';
import { emitResult } from '../util/child.js';
import { peakRssMiB } from '../util/machine.js';

async function main(): Promise<void> {
  const [eventsFile, readDir] = process.argv.slice(2);
  if (!eventsFile || !readDir) throw new Error('usage: rebuild.js <events.sqlite> <read dir>');
  fs.mkdirSync(readDir, { recursive: true });
  const readFile = path.join(readDir, 'read-models.sqlite');
  const events = await openSqliteEventStore(eventsFile);
  const reads = await openSqliteReadStore(readFile);
  const head = await events.headPosition();
  const runner = new ProjectionRunner(events, reads, allProjections);
  const caughtUpAt: Record<string, number> = {};
  let sampledPeak = 0;
  const start = performance.now();
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
  }, 100);
  let lastLine = 0;
  const watcher = setInterval(() => {
    void runner.status().then((status) => {
      const now = performance.now() - start;
      for (const s of status) if (s.position >= head && caughtUpAt[s.name] === undefined) caughtUpAt[s.name] = now;
      if (now - lastLine > 10_000) {
        lastLine = now;
        process.stdout.write(
          `rebuild ${Math.round(now / 1000)} s: ${status.map((s) => `${s.name} ${Math.round((100 * s.position) / head)}%`).join(', ')}\n`,
        );
      }
    });
  }, 250);
  await runner.start();
  const ok = await runner.waitFor(head, 6 * 3600_000);
  const ms = performance.now() - start;
  clearInterval(sampler);
  clearInterval(watcher);
  const status = await runner.status();
  for (const s of status) caughtUpAt[s.name] ??= ms;
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
    ok,
    eventsPerSecond: (head * 1000) / ms,
    peakRssMiB: peakRssMiB(),
    sampledPeakRssMiB: sampledPeak / 2 ** 20,
    caughtUpMs: caughtUpAt,
    status: status.map((s) => ({ name: s.name, status: s.status, position: s.position, error: s.error })),
    docs,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`rebuild failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
