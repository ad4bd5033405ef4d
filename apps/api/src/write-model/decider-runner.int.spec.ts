import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  type EventStore,
  type NewEventMetadata,
  openSqliteEventStore,
  RevisionConflictError,
} from '@thidua/event-store';
import type { Decider } from '@thidua/domain';
import { DeciderRunner } from './decider-runner.js';

// A toy counter: enough to exercise the runner without the domain.
type Added = { type: 'Added'; data: { n: number } };
const counter: Decider<{ add: number }, { total: number; count: number }, Added> = {
  initialState: { total: 0, count: 0 },
  evolve: (s, e) => ({ total: s.total + e.data.n, count: s.count + 1 }),
  decide: (c) => {
    if (c.add <= 0) throw new Error('positive only');
    return [{ type: 'Added', data: { n: c.add } }];
  },
};

// A switch: setting it to what it is decides nothing; "at least" refuses below a count of events.
type Switched = { type: 'Switched'; data: { on: boolean } };
const lamp: Decider<{ on: boolean; atLeast?: number }, { on: boolean; count: number }, Switched> = {
  initialState: { on: false, count: 0 },
  evolve: (s, e) => ({ on: e.data.on, count: s.count + 1 }),
  decide: (c, s) => {
    if (c.atLeast !== undefined && s.count < c.atLeast) throw new Error(`fewer than ${c.atLeast}`);
    return c.on === s.on ? [] : [{ type: 'Switched', data: { on: c.on } }];
  },
};

const metadata = (requestHash?: string): NewEventMetadata => ({
  actor: { id: 'officer-1', role: 'unit-officer', unitId: 'u1' },
  occurredAt: '2021-11-19T08:00:00.000Z',
  correlationId: 'c',
  causationId: 'c',
  schemaVersion: 1,
  requestHash,
});

describe('DeciderRunner', () => {
  let store: EventStore;
  beforeEach(async () => {
    store = await openSqliteEventStore(join(mkdtempSync(join(tmpdir(), 'runner-')), 'events.sqlite'));
  });
  afterEach(() => store.close());

  it('decides on the cached state and reads only what was appended since', async () => {
    const runner = new DeciderRunner(store);
    for (let i = 1; i <= 5; i++) {
      await runner.execute(counter, { add: i }, { streamId: 's-1', metadata: metadata(), newId: randomUUID });
    }
    // A second writer appends behind the first runner's back: the cache catches up by revision.
    await new DeciderRunner(store).execute(
      counter,
      { add: 100 },
      { streamId: 's-1', metadata: metadata(), newId: randomUUID },
    );
    const { revision, state } = await runner.load(counter, 's-1');
    expect(revision).toBe(5);
    expect(state).toEqual({ total: 115, count: 6 });
  });

  it('checks the cached state against the stream revision: no event is read again while no one else writes', async () => {
    const reads: string[] = [];
    const counted: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: (streamId: string, options?: Parameters<EventStore['readStream']>[1]) => {
        reads.push(`${streamId}@${options?.fromRevision ?? 0}`);
        return store.readStream(streamId, options);
      },
    });
    const runner = new DeciderRunner(counted);
    for (let i = 1; i <= 5; i++) {
      await runner.execute(counter, { add: i }, { streamId: 's-r', metadata: metadata(), newId: randomUUID });
    }
    expect(reads).toEqual(['s-r@0']); // the first command found no stream; the next four read nothing
    // Another writer appends: the revision moved, so the next load reads what it appended, and only that.
    await new DeciderRunner(store).execute(
      counter,
      { add: 100 },
      { streamId: 's-r', metadata: metadata(), newId: randomUUID },
    );
    expect(await runner.load(counter, 's-r')).toEqual({ revision: 5, state: { total: 115, count: 6 } });
    expect(reads).toEqual(['s-r@0', 's-r@5']);
  });

  it('keeps a stream that does not exist yet: loaded again, it is probed, not read; once created elsewhere, it is read', async () => {
    const reads: string[] = [];
    const counted: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: (streamId: string, options?: Parameters<EventStore['readStream']>[1]) => {
        reads.push(`${streamId}@${options?.fromRevision ?? 0}`);
        return store.readStream(streamId, options);
      },
    });
    const runner = new DeciderRunner(counted);
    for (let i = 0; i < 3; i++)
      expect(await runner.load(counter, 's-none')).toEqual({ revision: -1, state: counter.initialState });
    expect(reads).toEqual(['s-none@0']);
    await new DeciderRunner(store).execute(
      counter,
      { add: 4 },
      { streamId: 's-none', metadata: metadata(), newId: randomUUID },
    );
    expect(await runner.load(counter, 's-none')).toEqual({ revision: 0, state: { total: 4, count: 1 } });
    expect(reads).toEqual(['s-none@0', 's-none@0']);
  });

  it('lets concurrent commands on one stream in one process all land, in one group commit', async () => {
    const runner = new DeciderRunner(store);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        runner.execute(counter, { add: 1 }, { streamId: 's-2', metadata: metadata(), newId: randomUUID }),
      ),
    );
    expect(results.map((r) => r.revision).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    );
    expect((await runner.load(counter, 's-2')).state).toEqual({ total: 50, count: 50 });
  });

  it('retries writers from other processes a bounded number of times: each lands once or gets a conflict', async () => {
    const runners = Array.from({ length: 10 }, () => new DeciderRunner(store));
    const outcomes = await Promise.allSettled(
      runners.map((r) =>
        r.execute(counter, { add: 1 }, { streamId: 's-5', metadata: metadata(), newId: randomUUID }),
      ),
    );
    const landed = outcomes.filter((o) => o.status === 'fulfilled').length;
    for (const o of outcomes)
      if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(RevisionConflictError);
    expect(landed).toBeGreaterThanOrEqual(5);
    expect((await store.readStream('s-5')).length).toBe(landed);
  });

  it('refuses an If-Match revision that is not current, writing nothing', async () => {
    const runner = new DeciderRunner(store);
    await runner.execute(counter, { add: 1 }, { streamId: 's-3', metadata: metadata(), newId: randomUUID });
    await expect(
      runner.execute(
        counter,
        { add: 1 },
        { streamId: 's-3', metadata: metadata(), newId: randomUUID, expectedRevision: 5 },
      ),
    ).rejects.toBeInstanceOf(RevisionConflictError);
    expect((await store.readStream('s-3')).length).toBe(1);
  });

  it('answers a repeated Idempotency-Key with the first result and refuses it with another body', async () => {
    const runner = new DeciderRunner(store);
    const options = { streamId: 's-4', idempotencyKey: 'k-1', newId: randomUUID };
    const first = await runner.execute(counter, { add: 7 }, { ...options, metadata: metadata('h1') });
    const again = await new DeciderRunner(store).execute(
      counter,
      { add: 7 },
      { ...options, metadata: metadata('h1') },
    );
    expect(again).toEqual(first);
    await expect(
      runner.execute(counter, { add: 8 }, { ...options, metadata: metadata('h2') }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await store.readStream('s-4')).map((e) => e.data)).toEqual([{ n: 7 }]);
  });
  it('stamps each event with the schema version of its type', async () => {
    const runner = new DeciderRunner(store);
    const pair: Decider<{ n: number }, object, { type: string; data: object }> = {
      initialState: {},
      evolve: (s) => s,
      decide: (c) => [
        { type: 'Added', data: { n: c.n } },
        { type: 'Noted', data: { n: c.n } },
      ],
    };
    await runner.execute(
      pair,
      { n: 1 },
      {
        streamId: 's-6',
        metadata: metadata(),
        newId: randomUUID,
        schemaVersionOf: (t) => (t === 'Noted' ? 3 : 2),
      },
    );
    expect((await store.readStream('s-6')).map((e) => [e.type, e.metadata.schemaVersion])).toEqual([
      ['Added', 2],
      ['Noted', 3],
    ]);
  });

  it('gives the context exactly the committed events the decision is made on, even with appends in flight', async () => {
    const runner = new DeciderRunner(store);
    const seen: number[][] = [];
    const withContext = (add: number) =>
      runner.execute(
        counter,
        { add },
        {
          streamId: 's-7',
          metadata: metadata(),
          newId: randomUUID,
          context: async (loaded) => {
            const events = await loaded.events();
            seen.push(events.map((e) => e.revision));
            expect(events.length).toBe(loaded.revision + 1);
          },
        },
      );
    // Fired together: each decides while its predecessors' appends may still be in the group commit.
    await Promise.all([1, 2, 3, 4, 5].map((n) => withContext(n)));
    expect(seen).toEqual([[], [0], [0, 1], [0, 1, 2], [0, 1, 2, 3]]);
  });

  it('decides on the cached state without probing the decided stream: its append checks the revision', async () => {
    const probes: string[] = [];
    const counted: EventStore = Object.assign(Object.create(store) as EventStore, {
      streamRevision: (streamId: string) => {
        probes.push(streamId);
        return store.streamRevision!(streamId);
      },
    });
    const runner = new DeciderRunner(counted);
    for (let i = 1; i <= 5; i++)
      await runner.execute(counter, { add: i }, { streamId: 's-p', metadata: metadata(), newId: randomUUID });
    expect(probes).toEqual([]);
    // Another process appends: the next append fails on its expected revision and is decided again.
    await new DeciderRunner(store).execute(
      counter,
      { add: 100 },
      { streamId: 's-p', metadata: metadata(), newId: randomUUID },
    );
    const result = await runner.execute(
      counter,
      { add: 1000 },
      { streamId: 's-p', metadata: metadata(), newId: randomUUID },
    );
    expect(result.revision).toBe(6);
    expect((await store.readStream('s-p')).map((e) => e.data.n)).toEqual([1, 2, 3, 4, 5, 100, 1000]);
  });

  it('answers no refusal and no empty decision from a cached state another process moved on', async () => {
    const mine = new DeciderRunner(store);
    const other = new DeciderRunner(store);
    const switchTo = (runner: DeciderRunner, on: boolean, atLeast?: number) =>
      runner.execute(lamp, { on, atLeast }, { streamId: 's-l', metadata: metadata(), newId: randomUUID });
    await switchTo(mine, true); // cached here: on, 1 event
    await switchTo(other, false);
    // On the cached state this is nothing to do; on the stream it switches the lamp on again.
    expect((await switchTo(mine, true)).revision).toBe(2);
    await switchTo(other, false);
    // On the cached state (3 events) this is refused; the stream has 4.
    expect((await switchTo(mine, true, 4)).revision).toBe(4);
    expect((await store.readStream('s-l')).map((e) => e.data.on)).toEqual([true, false, true, false, true]);
  });

  it('refuses an Idempotency-Key whose events already belong to another stream (another request)', async () => {
    const runner = new DeciderRunner(store);
    const options = { idempotencyKey: 'k-2', newId: randomUUID, metadata: metadata('h1') };
    await runner.execute(counter, { add: 1 }, { ...options, streamId: 's-8' });
    await expect(
      runner.execute(counter, { add: 1 }, { ...options, streamId: 's-9', metadata: metadata('h2') }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await store.readStream('s-9')).toEqual([]);
  });
});
