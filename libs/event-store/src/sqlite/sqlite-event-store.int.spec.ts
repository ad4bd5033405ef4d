import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';

import { describeEventStoreContract, newEvent } from '../testing/event-store.contract.js';
import { configureDatabase, EVENT_STORE_CACHE_KIB } from './schema.js';
import { openSqliteEventStore } from './sqlite-event-store.js';

const dirs: string[] = [];
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'event-store-'));
  dirs.push(dir);
  return path.join(dir, 'events.sqlite');
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describeEventStoreContract('sqlite', () => openSqliteEventStore(tempFile()));

describe('SQLite event store specifics', () => {
  it('opens in WAL mode with synchronous=FULL', async () => {
    const file = tempFile();
    const store = await openSqliteEventStore(file);
    await store.append('s-1', [newEvent('A')], 'no-stream');
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    await store.close();
  });

  it("keeps SQLite's page cache of a connection to a few MiB (a scan of the log fills whatever it has)", () => {
    const db = new Database(tempFile());
    expect(db.pragma('cache_size', { simple: true })).toBe(-16000); // better-sqlite3's build default
    configureDatabase(db);
    expect(db.pragma('cache_size', { simple: true })).toBe(-EVENT_STORE_CACHE_KIB);
    expect(EVENT_STORE_CACHE_KIB).toBeLessThanOrEqual(4096);
    db.close();
  });

  it('refuses to open a database where WAL cannot take effect', async () => {
    await expect(openSqliteEventStore(':memory:')).rejects.toMatchObject({ code: 'SQLITE_PRAGMA' });
  });

  it('keeps the log and its positions across a reopen', async () => {
    const file = tempFile();
    const first = await openSqliteEventStore(file);
    const r1 = await first.append('s-1', [newEvent('A'), newEvent('B')], 'no-stream');
    await first.close();
    const second = await openSqliteEventStore(file);
    const r2 = await second.append('s-1', [newEvent('C')], 1);
    expect(r2.position).toBe(r1.position + 1);
    expect((await second.readStream('s-1')).map((e) => e.metadata.prevHash)[2]).toBe(
      (await second.readStream('s-1'))[1]?.metadata.hash,
    );
    await second.close();
  });

  it('commits appends queued before close() and refuses new ones after', async () => {
    const store = await openSqliteEventStore(tempFile());
    const pending = store.append('s-1', [newEvent('A')], 'no-stream');
    await store.close();
    expect((await pending).position).toBe(1);
    await expect(store.append('s-1', [newEvent('B')], 0)).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });

  it('a failing event (unserialisable data) fails its own append only', async () => {
    const store = await openSqliteEventStore(tempFile());
    const results = await Promise.allSettled([
      store.append('s-1', [newEvent('A')], 'no-stream'),
      store.append('s-2', [newEvent('Bad', { n: Number.NaN })], 'no-stream'),
      store.append('s-1', [newEvent('B')], 0),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.readAll()).map((e) => [e.position, e.type])).toEqual([
      [1, 'A'],
      [2, 'B'],
    ]);
    await store.close();
  });

  it('commits a burst larger than one group in issue order', async () => {
    const store = await openSqliteEventStore(tempFile());
    const issued = Array.from({ length: 2500 }, (_, i) =>
      store.append(
        `s-${i % 7}`,
        [newEvent('Burst', { i })],
        Math.floor(i / 7) === 0 ? 'no-stream' : Math.floor(i / 7) - 1,
      ),
    );
    const results = await Promise.all(issued);
    expect(results.map((r) => r.position)).toEqual(results.map((_, i) => i + 1));
    const s3 = await store.readStream('s-3');
    expect(s3.map((e) => e.data['i'])).toEqual(s3.map((_, k) => 3 + 7 * k));
    await store.close();
  });

  // Fresh appends are not looked up id by id: the insert finds a stored id, and what it wrote of the
  // append before that is taken back. These check that nothing of a refused append stays behind.
  it('refuses an append whose later event reuses a stored id, writing none of it', async () => {
    const store = await openSqliteEventStore(tempFile());
    const stored = newEvent('A');
    await store.append('s-1', [stored], 'no-stream');
    const [elsewhere, partial, after] = await Promise.allSettled([
      store.append('s-2', [newEvent('B'), newEvent('C'), stored], 'no-stream'),
      store.append('s-1', [newEvent('D'), stored], 'any'),
      store.append('s-3', [newEvent('E'), newEvent('F')], 'no-stream'),
    ]);
    expect(elsewhere).toMatchObject({
      status: 'rejected',
      reason: { code: 'EVENT_ID_CONFLICT', eventId: stored.eventId, storedInStream: 's-1' },
    });
    expect(partial).toMatchObject({ status: 'rejected', reason: { code: 'PARTIAL_DUPLICATE_APPEND' } });
    expect(after).toMatchObject({ status: 'fulfilled', value: { positions: [2, 3], revision: 1 } });
    expect((await store.readAll()).map((e) => [e.position, e.streamId, e.type])).toEqual([
      [1, 's-1', 'A'],
      [2, 's-3', 'E'],
      [3, 's-3', 'F'],
    ]);
    await store.close();
  });

  it('answers an append repeated in the same group with what the first one stored', async () => {
    const store = await openSqliteEventStore(tempFile());
    const events = [newEvent('A'), newEvent('B'), newEvent('C')];
    const [first, again, next] = await Promise.all([
      store.append('s-1', events, 'no-stream'),
      store.append('s-1', events, 'no-stream'),
      store.append('s-1', [newEvent('D')], 2),
    ]);
    expect(first).toMatchObject({ positions: [1, 2, 3], revision: 2, duplicate: false });
    expect(again).toEqual({ ...first, duplicate: true });
    expect(next).toMatchObject({ positions: [4], revision: 3 });
    expect((await store.readStream('s-1')).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
    await store.close();
  });

  it('delivers to a subscription appends made by another process on the same file', async () => {
    const file = tempFile();
    const reader = await openSqliteEventStore(file, { pollIntervalMs: 20 });
    const writer = await openSqliteEventStore(file);
    const seen: number[] = [];
    let resolveSeen: () => void = () => undefined;
    const done = new Promise<void>((r) => (resolveSeen = r));
    const sub = reader.subscribe(0, {
      onEvents: async (batch) => {
        seen.push(...batch.map((e) => e.position));
        if (seen.length >= 3) resolveSeen();
      },
    });
    // A second connection has its own process-local notifications: only polling can see these.
    await writer.append('s-1', [newEvent('A'), newEvent('B')], 'no-stream');
    await writer.append('s-2', [newEvent('C')], 'no-stream');
    await done;
    expect(seen).toEqual([1, 2, 3]);
    await sub.close();
    await reader.close();
    await writer.close();
  });
});
