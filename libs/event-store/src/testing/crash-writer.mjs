// Child process of sqlite-crash.int.spec.ts: appends group-committed batches forever until SIGKILLed.
// Prints one JSON line per append only AFTER its promise resolved (i.e. after COMMIT returned).
// argv: <compiled sqlite-event-store.js> <database file>
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const [adapterPath, file] = process.argv.slice(2);
const { openSqliteEventStore } = await import(pathToFileURL(adapterPath).href);
const store = await openSqliteEventStore(file);

const streams = [
  'emulation-c1-2025',
  'emulation-c2-2025',
  'unit-hue',
  'unit-hanoi',
  'cluster-c1',
  'award-decision-7',
];
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

function appendAndReport(streamId, events, expected) {
  return store.append(streamId, events, expected).then((r) => {
    process.stdout.write(
      `${JSON.stringify({ streamId: r.streamId, eventIds: r.eventIds, positions: r.positions })}\n`,
    );
    return r;
  });
}

function newEvents(count, data) {
  return Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(),
    type: 'CrashTested',
    data: { ...data, i, note: 'Vì an ninh Tổ quốc' },
    metadata,
  }));
}

// One 'any' append per stream (one group commit) tells us where each stream stands.
const revisions = new Map();
const opening = await Promise.all(
  streams.map((s) => appendAndReport(s, newEvents(1, { opening: true }), 'any')),
).catch(fail);
opening.forEach((r) => revisions.set(r.streamId, r.revision));

process.stdout.write('READY\n');
for (let round = 0; ; round++) {
  const pending = [];
  for (let k = 0; k < 6; k++) {
    const streamId = streams[Math.floor(Math.random() * streams.length)];
    // Mostly single-event appends, some of two or three.
    const roll = Math.random();
    const count = roll < 0.7 ? 1 : roll < 0.9 ? 2 : 3;
    const events = newEvents(count, { round, k });
    // Half the appends state the exact revision they expect, predicted from the ones issued before.
    const current = revisions.get(streamId);
    const expected = k % 2 === 0 ? 'any' : current;
    revisions.set(streamId, current + count);
    pending.push(appendAndReport(streamId, events, expected));
  }
  await Promise.all(pending).catch(fail);
}
