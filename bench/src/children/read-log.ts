/**
 * Child process: reads the whole log once, in batches of 500 like a subscription.
 *   raw:   better-sqlite3 SELECT of the same columns + JSON.parse of data and metadata (the floor)
 *   store: our SqliteEventStore.readAll (the store alone)
 *   verified: the same through VerifyingEventStore (what the API and every projection read: each event's
 *             hash recomputed, its links to its stream's predecessor and to the previous position checked)
 *   node read-log.js <events.sqlite> raw|store|verified
 */
import Database from 'better-sqlite3';

import { openSqliteEventStore, VerifyingEventStore } from '@thidua/event-store';
import { emitResult } from '../util/child.js';
import { peakRssMiB } from '../util/machine.js';

const BATCH = 500;

async function main(): Promise<void> {
  const [file, mode] = process.argv.slice(2);
  if (!file || (mode !== 'raw' && mode !== 'store' && mode !== 'verified'))
    throw new Error('usage: read-log.js <file> raw|store|verified');
  let count = 0;
  let checksum = 0;
  const start = performance.now();
  if (mode === 'raw') {
    const db = new Database(file, { readonly: true });
    const select = db
      .prepare<[number, number], [number, string, string, number, string, string, string]>(
        'SELECT position, event_id, stream_id, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?',
      )
      .raw();
    for (let after = 0; ;) {
      const rows = select.all(after, BATCH);
      if (rows.length === 0) break;
      for (const row of rows) {
        const data = JSON.parse(row[5]) as Record<string, unknown>;
        const metadata = JSON.parse(row[6]) as Record<string, unknown>;
        checksum += Object.keys(data).length + Object.keys(metadata).length;
        count++;
        after = row[0];
      }
    }
    db.close();
  } else {
    const opened = await openSqliteEventStore(file);
    const store = mode === 'verified' ? new VerifyingEventStore(opened) : opened;
    for (let after = 0; ;) {
      const batch = await store.readAll({ after, batchSize: BATCH });
      const last = batch[batch.length - 1];
      if (!last) break;
      for (const e of batch) checksum += Object.keys(e.data).length + Object.keys(e.metadata).length;
      count += batch.length;
      after = last.position;
    }
    await store.close();
  }
  const ms = performance.now() - start;
  emitResult({
    mode,
    events: count,
    ms,
    eventsPerSecond: (count * 1000) / ms,
    checksum,
    peakRssMiB: peakRssMiB(),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `read-log failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
