// Child process of sqlite-crash.int.spec.ts: appends group-committed batches forever until SIGKILLed.
// Prints one JSON line per append only AFTER its promise resolved (i.e. after COMMIT returned).
// argv: <compiled sqlite-event-store.js> <database file>
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const [adapterPath, file] = process.argv.slice(2);
const { openSqliteEventStore } = await import(pathToFileURL(adapterPath).href);
const store = await openSqliteEventStore(file);

const streams = ['emulation-c1-2025', 'emulation-c2-2025', 'unit-hue', 'unit-hanoi', 'cluster-c1', 'award-decision-7'];
const revisions = new Map();
for (const s of streams) {
  const events = await store.readStream(s);
  revisions.set(s, events.length > 0 ? events[events.length - 1].revision : -1);
}

const metadata = {
  actor: { id: 'crash-writer', role: 'admin' },
  occurredAt: '2025-03-01T08:00:00.000Z',
  correlationId: 'crash',
  causationId: 'crash',
  schemaVersion: 1,
};

function fail(error) {
  process.stderr.write(`crash-writer failed: ${error && error.stack ? error.stack : String(error)}\n`);
  process.exit(2);
}

process.stdout.write('READY\n');
for (let round = 0; ; round++) {
  const pending = [];
  for (let k = 0; k < 8; k++) {
    const streamId = streams[Math.floor(Math.random() * streams.length)];
    const count = 1 + Math.floor(Math.random() * 3);
    const events = Array.from({ length: count }, (_, i) => ({
      eventId: randomUUID(),
      type: 'CrashTested',
      data: { round, k, i, note: 'Vì an ninh Tổ quốc' },
      metadata,
    }));
    // Half the appends state the exact revision they expect, predicted from the ones issued before.
    const current = revisions.get(streamId);
    const expected = k % 2 === 0 ? 'any' : current === -1 ? 'no-stream' : current;
    revisions.set(streamId, current + count);
    pending.push(
      store.append(streamId, events, expected).then((r) => {
        process.stdout.write(`${JSON.stringify({ streamId: r.streamId, eventIds: r.eventIds, positions: r.positions })}\n`);
      }),
    );
  }
  await Promise.all(pending).catch(fail);
}
