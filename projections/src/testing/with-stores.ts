import { join } from 'node:path';
import { openSqliteEventStore, type EventStore } from '@thidua/event-store';
import { openSqliteReadStore, type ReadStore } from '@thidua/read-store';

let fileNo = 0;

/**
 * A log and a read store of their own (new SQLite files in `dir`), given to `body` and closed after it,
 * whatever it does. The log is polled every 5 ms, so subscriptions see appends quickly.
 */
export async function withStores<T>(
  dir: string,
  body: (events: EventStore, reads: ReadStore, readsFile: string) => Promise<T>,
): Promise<T> {
  fileNo += 1;
  const readsFile = join(dir, `reads-${fileNo}.sqlite`);
  const events = await openSqliteEventStore(join(dir, `events-${fileNo}.sqlite`), { pollIntervalMs: 5 });
  const reads = await openSqliteReadStore(readsFile);
  try {
    return await body(events, reads, readsFile);
  } finally {
    await reads.close();
    await events.close();
  }
}
