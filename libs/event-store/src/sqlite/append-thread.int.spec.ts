/**
 * Appends committed by the append thread (append-thread.ts, append-worker.ts): the whole EventStore
 * contract again through it, and what only a second thread can get wrong — grouped appends that fail
 * alone, error classes across the thread boundary, a thread that dies with appends in flight, close.
 * The worker runs from JavaScript: its sources are transpiled for it first.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import Database from 'better-sqlite3';
import { transpileForNode } from '@thidua/testkit';

import {
  EventIdConflictError,
  PartialDuplicateError,
  RevisionConflictError,
  StoreClosedError,
} from '../errors.js';
import type { AppendResult } from '../event-store.port.js';
import { describeEventStoreContract, newEvent } from '../testing/event-store.contract.js';
import { AppendThread, appendWorkerAvailable } from './append-thread.js';
import { APPEND_THREAD_NAME } from './append-thread-messages.js';
import { openSqliteEventStore, type SqliteEventStore } from './sqlite-event-store.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'append-thread-'));
const [workerFile] = transpileForNode(
  repoRoot,
  [path.join(here, 'append-worker.ts')],
  path.join(work, 'build'),
);
const worker = pathToFileURL(workerFile as string);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

let files = 0;
const tempFile = (): string => path.join(work, `events-${++files}.sqlite`);
const openThreaded = (file = tempFile()): Promise<SqliteEventStore> =>
  openSqliteEventStore(file, { appendThread: worker });

describeEventStoreContract('sqlite, appends on the append thread', openThreaded);

describe('SQLite appends on the append thread', () => {
  const onLinux = process.platform === 'linux' ? it : it.skip;
  onLinux("names its thread, so its CPU can be told apart from the request thread's (/proc)", async () => {
    const names = (): string[] =>
      fs.readdirSync('/proc/self/task').map((tid) => {
        try {
          return fs.readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
        } catch {
          return ''; // a thread that ended meanwhile
        }
      });
    const before = names().filter((n) => n === APPEND_THREAD_NAME).length;
    const store = await openThreaded();
    await store.append('s-named', [newEvent('A')], 'no-stream'); // the worker starts on the first append
    expect(names().filter((n) => n === APPEND_THREAD_NAME).length).toBe(before + 1);
    await store.close();
  });

  it('is used when its script exists, and not when it does not (appends then stay on this thread)', async () => {
    expect(appendWorkerAvailable(worker)).toBe(true);
    const threaded = await openThreaded();
    const missing = await openSqliteEventStore(tempFile(), { appendThread: new URL('file:///nowhere/w.js') });
    expect(threaded.appendsOnThread).toBe(true);
    expect(missing.appendsOnThread).toBe(false);
    expect((await missing.append('s', [newEvent('A')], 'no-stream')).revision).toBe(0);
    await Promise.all([threaded.close(), missing.close()]);
  });

  it('commits the appends of one turn together; a stale expected revision fails alone, the others land', async () => {
    const file = tempFile();
    const store = await openThreaded(file);
    await store.append('s-1', [newEvent('A')], 'no-stream');
    const outcomes = await Promise.allSettled([
      store.append('s-1', [newEvent('B')], 0),
      store.append('s-1', [newEvent('C')], 0), // stale: B took revision 1 in the same group
      store.append('s-2', [newEvent('D'), newEvent('E')], 'no-stream'),
      store.append('s-1', [newEvent('F')], 1),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const refused = (outcomes[1] as PromiseRejectedResult).reason as RevisionConflictError;
    expect(refused).toBeInstanceOf(RevisionConflictError);
    expect(refused).toMatchObject({ code: 'REVISION_CONFLICT', streamId: 's-1', actual: 1 });
    const landed = outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value as AppendResult);
    expect(landed.map((r) => r.position)).toEqual([2, 4, 5]);
    await store.close();
    // What was acknowledged is in the file, read by another connection.
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT stream_id, revision, type FROM events ORDER BY position').raw().all()).toEqual(
      [
        ['s-1', 0, 'A'],
        ['s-1', 1, 'B'],
        ['s-2', 0, 'D'],
        ['s-2', 1, 'E'],
        ['s-1', 2, 'F'],
      ],
    );
    raw.close();
  });

  it('writes the same bytes as appends on this thread: rows, hashes and the log chain', async () => {
    const files = [tempFile(), tempFile()];
    const stores = [await openSqliteEventStore(files[0] as string), await openThreaded(files[1])];
    const appends = Array.from({ length: 30 }, (_, i) => ({
      streamId: `s-${i % 4}`,
      events: [newEvent('A', { i, text: 'Công an tỉnh Thừa Thiên Huế' }), newEvent('B', { i })],
    }));
    for (const store of stores) {
      // Two turns of 15 appends: each turn one group, with four streams interleaved.
      for (const turn of [appends.slice(0, 15), appends.slice(15)])
        await Promise.all(turn.map((a) => store.append(a.streamId, a.events, 'any')));
      await store.close();
    }
    const rows = files.map((file) => {
      const raw = new Database(file, { readonly: true });
      const all = raw.prepare('SELECT * FROM events ORDER BY position').raw().all();
      raw.close();
      return all;
    });
    expect(rows[0]).toHaveLength(60);
    expect(rows[1]).toEqual(rows[0]);
  });

  it('rebuilds the store errors on this thread: their class, code and fields', async () => {
    const store = await openThreaded();
    const a = newEvent('A');
    const b = newEvent('B');
    await store.append('s-1', [a, b], 'no-stream');
    await expect(store.append('s-2', [a], 'no-stream')).rejects.toBeInstanceOf(EventIdConflictError);
    await expect(store.append('s-2', [a], 'no-stream')).rejects.toMatchObject({
      code: 'EVENT_ID_CONFLICT',
      storedInStream: 's-1',
    });
    await expect(store.append('s-1', [a, newEvent('C')], 'any')).rejects.toBeInstanceOf(
      PartialDuplicateError,
    );
    // A replay is answered as stored, not refused.
    expect(await store.append('s-1', [a, b], 'no-stream')).toMatchObject({ duplicate: true, revision: 1 });
    await store.close();
  });

  it('wakes subscriptions once an append committed', async () => {
    // No poll within the test's time: only the wake of the append can deliver the events.
    const store = await openSqliteEventStore(tempFile(), { appendThread: worker, pollIntervalMs: 600_000 });
    const seen: string[] = [];
    let caughtUp!: () => void;
    const ready = new Promise<void>((r) => (caughtUp = r));
    let got!: () => void;
    const arrived = new Promise<void>((r) => (got = r));
    const sub = store.subscribe(0, {
      onEvents: async (events) => {
        seen.push(...events.map((e) => e.type));
        if (seen.length === 2) got();
      },
      onCaughtUp: () => caughtUp(),
    });
    await ready;
    await store.append('s', [newEvent('A'), newEvent('B')], 'no-stream');
    await arrived;
    expect(seen).toEqual(['A', 'B']);
    await sub.close();
    await store.close();
  });

  it('settles every append issued before close, and refuses appends after it', async () => {
    const file = tempFile();
    const store = await openThreaded(file);
    const issued = Array.from({ length: 20 }, (_, i) => store.append(`s-${i}`, [newEvent('A')], 'no-stream'));
    await store.close();
    expect((await Promise.all(issued)).map((r) => r.position).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    await expect(store.append('s-x', [newEvent('A')], 'no-stream')).rejects.toBeInstanceOf(StoreClosedError);
  });
});

describe('the append thread in a process of its own', () => {
  it('keeps the process alive while appends wait and while it closes, not once idle', () => {
    const adapter = path.join(path.dirname(workerFile as string), 'sqlite-event-store.js');
    const script = `
      import { openSqliteEventStore } from ${JSON.stringify(pathToFileURL(adapter).href)};
      const store = await openSqliteEventStore(${JSON.stringify(tempFile())}, { appendThread: true });
      const event = (id) => ({ eventId: id, type: 'A', data: {}, metadata: { actor: { id: 'a', role: 'admin' },
        occurredAt: '2025-03-01T08:00:00.000Z', correlationId: 'c', causationId: 'c', schemaVersion: 1 } });
      const first = await store.append('s', [event(crypto.randomUUID())], 'no-stream');
      await new Promise((r) => setTimeout(r, 50)); // idle: the worker is unreferenced
      const second = await store.append('s', [event(crypto.randomUUID())], 0);
      await store.close();
      console.log(JSON.stringify([store.appendsOnThread, first.revision, second.revision, 'closed']));`;
    const env = { ...process.env };
    delete env['NODE_OPTIONS'];
    const file = path.join(work, 'append-and-close.mjs');
    fs.writeFileSync(file, script);
    const out = execFileSync(process.execPath, [file], { env, encoding: 'utf8' });
    expect(JSON.parse(out.trim())).toEqual([true, 0, 1, 'closed']);
  });
});

/**
 * The real worker, except that each thread of it answers only its first message of appends: the later ones
 * stay in flight for as long as the test needs. With the real worker a loaded machine let it commit a group
 * between the post and `terminate` (the test was flaky); holding the log's write lock instead aborts the
 * process (better-sqlite3 throws into a terminating isolate).
 */
const withholdingWorker = (): URL => {
  const file = path.join(work, 'withholding-append-worker.mjs');
  fs.writeFileSync(
    file,
    `import { parentPort } from 'node:worker_threads';
const on = parentPort.on.bind(parentPort);
let appends = 0;
parentPort.on = (event, listener) =>
  on(event, event === 'message' ? (m) => { if (m.type !== 'append' || appends++ === 0) listener(m); } : listener);
await import(${JSON.stringify(worker.href)});
`,
  );
  return pathToFileURL(file);
};

describe('AppendThread', () => {
  it('rejects every append in flight when the thread dies, and starts a new thread for the next one', async () => {
    const file = tempFile();
    (await openSqliteEventStore(file)).close(); // the schema
    const thread = new AppendThread(file, withholdingWorker());
    await thread.append('s-0', [newEvent('A')], 'no-stream'); // the worker is up
    const inFlight = Array.from({ length: 5 }, (_, i) =>
      thread.append(`s-${i + 1}`, [newEvent('A')], 'no-stream'),
    );
    // Sent (after this turn), not answered yet: the worker is ended under them.
    await new Promise((r) => setImmediate(r));
    expect(thread.pending).toBe(5);
    await thread.terminate();
    const outcomes = await Promise.allSettled(inFlight);
    expect(outcomes.map((o) => o.status)).toEqual(Array(5).fill('rejected'));
    expect(thread.pending).toBe(0);
    // None was acknowledged; the next append is answered by a new worker, on the log as it is.
    const next = await thread.append('s-next', [newEvent('A')], 'no-stream');
    expect(next.revision).toBe(0);
    await thread.close();
  });
});
