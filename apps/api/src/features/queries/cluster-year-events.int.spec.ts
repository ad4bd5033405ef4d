import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type EventStore, type NewEvent, openSqliteEventStore, type StoredEvent } from '@thidua/event-store';
import { ClusterYearEvents } from './cluster-year-events.js';

const STREAM = 'emulation-bca-cum-2-2021';

function events(n: number, from: number): NewEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const id = randomUUID();
    return {
      eventId: id,
      type: 'BallotCast',
      data: { n: from + i },
      metadata: {
        actor: { id: 'tester', role: 'admin' },
        occurredAt: '2021-05-01T08:00:00.000Z',
        correlationId: id,
        causationId: id,
        schemaVersion: 1,
      },
    };
  });
}

/** Appends `n` events to the stream, other streams' events in between (positions are not revisions). */
async function append(store: EventStore, n: number, from: number): Promise<void> {
  for (let i = 0; i < n; i += 400) {
    await store.append(STREAM, events(Math.min(400, n - i), from + i), 'any');
    await store.append('unit-u1', events(1, 0), 'any');
  }
}

const ids = (list: readonly StoredEvent[]) => list.map((e) => e.eventId);

let dir: string;
let file: string;
let store: EventStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cluster-year-events-'));
  file = join(dir, 'events.sqlite');
  store = await openSqliteEventStore(file);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ClusterYearEvents', () => {
  it('reads the whole stream (several pages), then only what was appended since', async () => {
    await append(store, 2500, 0);
    const reader = new ClusterYearEvents(store);
    const first = await reader.read('bca-cum-2', 2021);
    expect(first.streamId).toBe(STREAM);
    expect(ids(first.events)).toEqual(ids(await store.readStream(STREAM)));
    const firstIds = ids(first.events);

    await append(store, 1200, 2500);
    const second = await reader.read('bca-cum-2', 2021);
    expect(ids(second.events)).toEqual(ids(await store.readStream(STREAM)));
    expect(second.events).toHaveLength(3700);
    expect(second.events.map((e) => e.revision)).toEqual([...Array(3700).keys()]);
    // What was handed out before is not changed.
    expect(ids(first.events)).toEqual(firstIds);
    expect(second.events[0]).toBe(first.events[0]); // kept parsed, not read again
  });

  it('reads a cold stream only as far as the as-of position needs', async () => {
    await append(store, 2500, 0);
    const all = await store.readStream(STREAM);
    const at = all[1200]!.position;
    const reader = new ClusterYearEvents(store);
    const prefix = await reader.read('bca-cum-2', 2021, at);
    expect(ids(prefix.events.filter((e) => e.position <= at))).toEqual(ids(all.slice(0, 1201)));
    expect(prefix.events.length).toBeLessThan(all.length);
    expect(ids((await reader.read('bca-cum-2', 2021)).events)).toEqual(ids(all));
  });

  it('reads the stream again when its last kept event is not what the store now holds', async () => {
    await append(store, 30, 0);
    const reader = new ClusterYearEvents(store);
    const before = await reader.read('bca-cum-2', 2021);
    const last = before.events.at(-1)!;
    const raw = new Database(file);
    raw
      .prepare('UPDATE events SET event_id = ? WHERE event_id = ?')
      .run('00000000-0000-4000-8000-00000000abcd', last.eventId);
    raw.close();
    const after = await reader.read('bca-cum-2', 2021);
    expect(after.events.at(-1)!.eventId).toBe('00000000-0000-4000-8000-00000000abcd');
    expect(ids(after.events)).toEqual(ids(await store.readStream(STREAM)));
  });

  it('keeps the stream queried last even when it alone is over the bound, evicting the others', async () => {
    await append(store, 150, 0);
    const other = 'emulation-bca-cum-3-2021';
    await store.append(other, events(20, 0), 'no-stream');
    const reader = new ClusterYearEvents(store, 100);
    const big = await reader.read('bca-cum-2', 2021);
    expect(big.events).toHaveLength(150);
    const again = await reader.read('bca-cum-2', 2021);
    expect(again.events[0]).toBe(big.events[0]); // kept parsed, though 150 > 100
    expect(ids(again.events)).toEqual(ids(await store.readStream(STREAM)));
    // Another stream queried: the big one no longer fits beside it and goes; the small one stays.
    const small = await reader.read('bca-cum-3', 2021);
    expect(ids(small.events)).toEqual(ids(await store.readStream(other)));
    expect((await reader.read('bca-cum-3', 2021)).events[0]).toBe(small.events[0]);
    const reread = await reader.read('bca-cum-2', 2021);
    expect(reread.events[0]).not.toBe(big.events[0]);
    expect(ids(reread.events)).toEqual(ids(big.events));
  });

  it('checks the revisions of what it reads only, and reads a stream with a gap whole on every query', async () => {
    await append(store, 30, 0);
    const from: number[] = [];
    // A store whose stream lacks revision 3: no prefix of it can be trusted, so none is kept as checked.
    const gappy = {
      readStream: async (id: string, options?: { fromRevision?: number; maxCount?: number }) => {
        from.push(options?.fromRevision ?? 0);
        return (await store.readStream(id, options)).filter((e) => e.revision !== 3);
      },
      headPosition: () => store.headPosition(),
    } as unknown as EventStore;
    const reader = new ClusterYearEvents(gappy);
    const first = await reader.read('bca-cum-2', 2021);
    expect(first.events.map((e) => e.revision)).not.toContain(3);
    expect(from).toEqual([0, 0]); // read, found not clean, read whole
    await reader.read('bca-cum-2', 2021);
    expect(from).toEqual([0, 0, 29, 0]); // one event back, then whole again: the kept array was not clean
  });

  it('answers 404 for an unknown cluster and for a cluster without that year', async () => {
    const reader = new ClusterYearEvents(store);
    await expect(reader.read('bca-cum-9', 2021)).rejects.toMatchObject({ code: 'CLUSTER_NOT_FOUND' });
    await store.append('cluster-bca-cum-9', events(1, 0), 'any');
    await expect(reader.read('bca-cum-9', 2021)).rejects.toMatchObject({ code: 'CLUSTER_YEAR_NOT_FOUND' });
  });
});
