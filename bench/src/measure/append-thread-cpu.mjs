// Measures (does not test) the append thread's CPU per append, and the calling thread's, from
// /proc/self/task/*/schedstat (ns on CPU): score-like single-event appends on 300 streams, issued K a turn
// (one message to the append thread each), at most W in flight. Runs against the built event store of the
// repository given (default this one), so two worktrees can be compared in alternating order:
//   node bench/src/measure/append-thread-cpu.mjs [REPO] [N=20000] [K=6] [W=6]
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [repo = fileURLToPath(new URL('../../../', import.meta.url)), n = '20000', k = '6', w = '6'] =
  process.argv.slice(2);
const [N, K, W] = [Number(n), Number(k), Number(w)];
// The package by its name, as resolved from that repository (its exports give the build).
const built = createRequire(path.join(repo, 'package.json')).resolve('@thidua/event-store');
const { openSqliteEventStore } = await import(pathToFileURL(built).href);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'append-thread-cpu-'));
const store = await openSqliteEventStore(path.join(dir, 'events.sqlite'), { appendThread: true });
if (!store.appendsOnThread) throw new Error(`no built append worker in ${repo}`);

const event = (i) => ({
  eventId: randomUUID(),
  type: 'ScoreRecorded',
  data: {
    unitId: `unit-${i % 200}`,
    criterion: `c-${i % 12}`,
    score: i % 10,
    note: 'Công an tỉnh Huế',
    year: 2025,
  },
  metadata: {
    actor: { id: 'officer-1', role: 'organizer', unitId: 'unit-ca-hue' },
    occurredAt: '2025-03-01T08:00:00.000Z',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    schemaVersion: 1,
  },
});
const WARM_UP = 2000;
const appends = Array.from({ length: N + WARM_UP }, (_, i) => ({
  streamId: `cluster-${i % 300}`,
  events: [event(i)],
}));

/** ns on CPU of each thread, by name and id. */
const onCpu = () => {
  const byThread = new Map();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const name = fs.readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
      byThread.set(
        `${name}:${tid}`,
        Number(fs.readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]),
      );
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return byThread;
};

let next = 0;
let inFlight = 0;
const waiters = [];
async function run(count) {
  const end = next + count;
  const all = [];
  while (next < end) {
    while (inFlight >= W) await new Promise((resolve) => waiters.push(resolve));
    for (let j = 0; j < K && next < end; j++, next++) {
      const a = appends[next];
      inFlight++;
      all.push(store.append(a.streamId, a.events, 'any').then(() => (inFlight--, waiters.shift()?.())));
    }
    await new Promise((resolve) => setImmediate(resolve)); // this turn's appends leave as one message
  }
  await Promise.all(all);
}

await run(WARM_UP);
const before = onCpu();
const started = process.hrtime.bigint();
await run(N);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const after = onCpu();
const msPerAppend = (which) =>
  [...after].filter(([key]) => which(key)).reduce((sum, [key, ns]) => sum + ns - (before.get(key) ?? 0), 0) /
  N /
  1e6;
console.log(
  JSON.stringify({
    repo,
    appends: N,
    perMessage: K,
    inFlight: W,
    appendsPerSecond: Math.round((N * 1000) / ms),
    appendThreadMs: Number(msPerAppend((key) => key.startsWith('append:')).toFixed(4)),
    callingThreadMs: Number(msPerAppend((key) => key.endsWith(`:${process.pid}`)).toFixed(4)),
    load: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  }),
);
await store.close();
fs.rmSync(dir, { recursive: true, force: true });
