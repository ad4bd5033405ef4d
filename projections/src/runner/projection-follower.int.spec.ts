import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type EventStore, openSqliteEventStore } from '@thidua/event-store';
import { openSqliteReadStore, type ReadStore } from '@thidua/read-store';
import type { ProjectionDefinition } from '../projection.js';
import { streamCounterProjection } from '../testing/stream-counter.projection.js';
import { testEvent } from '../testing/test-events.js';
import { ProjectionFollower } from './projection-follower.js';
import { ProjectionRunner } from './projection-runner.js';
import type { ProjectionReadView } from './runner-types.js';

let dir: string;
let fileNo = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'projection-follower-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two "processes" on the same SQLite files: each its own event store and read store connections. */
interface Side {
  events: EventStore;
  reads: ReadStore;
}

async function withTwoSides(body: (projector: Side, api: Side) => Promise<void>): Promise<void> {
  fileNo += 1;
  const eventsFile = join(dir, `events-${fileNo}.sqlite`);
  const readsFile = join(dir, `reads-${fileNo}.sqlite`);
  const projector = {
    events: await openSqliteEventStore(eventsFile, { pollIntervalMs: 5 }),
    reads: await openSqliteReadStore(readsFile),
  };
  const api = {
    events: await openSqliteEventStore(eventsFile, { pollIntervalMs: 5 }),
    reads: await openSqliteReadStore(readsFile),
  };
  try {
    await body(projector, api);
  } finally {
    for (const side of [api, projector]) {
      await side.reads.close();
      await side.events.close();
    }
  }
}

/** Per stream: how many Counted events and the sum of `amount`, computed from what was appended. */
function tally(appended: { streamId: string; amount: number }[]) {
  const streams = new Map<string, { streamId: string; count: number; sum: number }>();
  for (const { streamId, amount } of appended) {
    const s = streams.get(streamId) ?? { streamId, count: 0, sum: 0 };
    streams.set(streamId, { streamId, count: s.count + 1, sum: s.sum + amount });
  }
  return [...streams.values()].sort((a, b) => (a.streamId < b.streamId ? -1 : 1));
}

async function appendCounted(events: EventStore, n: number, seed = 0) {
  const appended: { streamId: string; amount: number; position: number }[] = [];
  for (let i = 0; i < n; i += 1) {
    const streamId = `emulation-k${(i + seed) % 4}-2024`;
    const amount = ((i * 3 + seed) % 7) + 1;
    const { position } = await events.append(streamId, [testEvent({ amount })], 'any');
    appended.push({ streamId, amount, position });
  }
  return appended;
}

/** The documents a query would read through `view` (counts and sums only). */
async function served(reads: ReadStore, view: ProjectionReadView, name = 'stream-counter') {
  const docs = await reads.find(view.target(name), 'streams', {
    orderBy: { field: 'streamId', direction: 'asc' },
  });
  return docs.map((d) => ({ streamId: d.streamId, count: d.count, sum: d.sum }));
}

/** Polls a condition (a wait for a state, not for an amount of time). */
async function until<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Both report the same (the follower reads status records the runner writes a moment after a change). */
async function sameStatus(follower: ProjectionFollower, runner: ProjectionRunner) {
  let last: unknown;
  try {
    return await until(async () => {
      const [followed, ran] = await Promise.all([follower.status(), runner.status()]);
      last = { followed, ran };
      return isDeepStrictEqual(followed, ran) && followed;
    }, 'the follower to report what the runner reports');
  } catch (error) {
    throw new Error(`${(error as Error).message}: ${JSON.stringify(last)}`);
  }
}

/** 'pending' unless the promise is already settled (a settled promise wins the race against setImmediate). */
function settledNow<T>(promise: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')))]);
}

/** The stream counter whose evolve waits at a gate while it is closed (to hold a rebuild half-way). */
function gatedCounter(): { definition: ProjectionDefinition; close(): void; open(): void } {
  const base = streamCounterProjection();
  let gate: Promise<void> | undefined;
  let release = (): void => undefined;
  return {
    definition: {
      ...base,
      evolve: async (event, view) => {
        await gate;
        return base.evolve(event, view);
      },
    },
    close: () => {
      gate = new Promise((resolve) => (release = resolve));
    },
    open: () => {
      gate = undefined;
      release();
    },
  };
}

describe('ProjectionFollower (projections run by another process)', () => {
  it('serves generation 0 and reports "stopped" before any runner has run', async () => {
    await withTwoSides(async (projector, api) => {
      await api.events.append('s-1', [testEvent({ amount: 1 })], 'no-stream');
      // A runner that never started (e.g. an API that does not run projections) records nothing.
      await new ProjectionRunner(projector.events, projector.reads, [streamCounterProjection()]).stop();
      expect(await projector.reads.getStatus('stream-counter')).toBeNull();
      const follower = new ProjectionFollower(api.events, api.reads, [streamCounterProjection()]);
      expect(() => follower.target('stream-counter')).toThrow(
        expect.objectContaining({ code: 'RUNNER_STATE' }),
      );
      await follower.start();
      expect(follower.target('stream-counter')).toEqual({ projection: 'stream-counter', generation: 0 });
      expect(await served(api.reads, follower)).toEqual([]);
      expect(await follower.status()).toEqual([
        {
          name: 'stream-counter',
          version: 1,
          generation: 0,
          status: 'stopped',
          position: 0,
          head: 1,
          lag: 1,
        },
      ]);
      expect(await follower.waitFor(0, 10)).toBe(true);
      expect(() => follower.target('nope')).toThrow(expect.objectContaining({ code: 'UNKNOWN_PROJECTION' }));
      expect(() => follower.waitFor(1, 10, ['nope'])).toThrow(
        expect.objectContaining({ code: 'UNKNOWN_PROJECTION' }),
      );
      await follower.stop();
      expect(await follower.waitFor(1, 10_000)).toBe(false);
    });
  });

  it("resolves waitFor once the projector's runner has applied the position, and reports the same status", async () => {
    await withTwoSides(async (projector, api) => {
      const before = await appendCounted(projector.events, 20, 1);
      const runner = new ProjectionRunner(projector.events, projector.reads, [streamCounterProjection()], {
        batchSize: 7,
      });
      await runner.start();
      const follower = new ProjectionFollower(api.events, api.reads, [streamCounterProjection()]);
      await follower.start();
      const head = before.at(-1)!.position;
      try {
        expect(await follower.waitFor(head, 10_000)).toBe(true);
        expect(await served(api.reads, follower)).toEqual(tally(before));

        // Waiting before the events exist: the follower sees the other process apply them.
        const waiting = follower.waitFor(head + 15, 10_000, ['stream-counter']);
        const live = await appendCounted(api.events, 15, 4);
        expect(live.at(-1)!.position).toBe(head + 15);
        expect(await waiting).toBe(true);
        expect(await served(api.reads, follower)).toEqual(tally([...before, ...live]));

        const followed = await sameStatus(follower, runner);
        expect(followed[0]).toMatchObject({ status: 'running', generation: 1, position: head + 15, lag: 0 });
        expect(await follower.waitFor(head + 16, 30)).toBe(false);
      } finally {
        await follower.stop();
        await runner.stop();
      }
      // The projector's stop is recorded too.
      expect((await follower.status())[0]).toMatchObject({ status: 'stopped', position: head + 15 });
    });
  });

  it('shows a stall on the projector (status, position, error) and stops waiting for that projection', async () => {
    await withTwoSides(async (projector, api) => {
      const before = await appendCounted(projector.events, 8, 2);
      const poison = await projector.events.append(
        'emulation-k9-2024',
        [testEvent({ amount: 5, poison: true })],
        'any',
      );
      const after = await appendCounted(projector.events, 6, 3);
      const head = after.at(-1)!.position;
      const definitions = [
        streamCounterProjection({ name: 'fragile', failOn: (e) => e.data.poison === true }),
        streamCounterProjection({ name: 'sturdy' }),
      ];
      const names = [
        streamCounterProjection({ name: 'fragile' }),
        streamCounterProjection({ name: 'sturdy' }),
      ];
      const runner = new ProjectionRunner(projector.events, projector.reads, definitions);
      const follower = new ProjectionFollower(api.events, api.reads, names);
      await follower.start();
      await runner.start();
      try {
        expect(await follower.waitFor(head, 10_000, ['sturdy'])).toBe(true);
        const stalled = await until(
          async () => (await follower.status()).find((s) => s.name === 'fragile' && s.status === 'stalled'),
          'the follower to see the stall',
        );
        expect(stalled).toMatchObject({
          status: 'stalled',
          position: poison.position - 1,
          head,
          lag: head - poison.position + 1,
          error: { position: poison.position, eventId: poison.eventIds[0], type: 'Counted' },
        });
        expect(stalled.error?.message).toContain(`#${poison.position}`);
        expect(await sameStatus(follower, runner)).toContainEqual(stalled);
        expect(await served(api.reads, follower, 'fragile')).toEqual(tally(before));

        // Once the follower has read the stall, a wait on that projection answers false at once.
        await follower.refresh();
        expect(await settledNow(follower.waitFor(head, 60_000, ['fragile']))).toBe(false);
        expect(await settledNow(follower.waitFor(head, 60_000))).toBe(false);
        expect(await follower.waitFor(head, 10_000, ['sturdy'])).toBe(true);
      } finally {
        await runner.stop();
      }

      // Stopped, then restarted with the fix: the stall is gone and the follower sees it catch up.
      expect((await follower.status()).find((s) => s.name === 'fragile')).toEqual(
        expect.not.objectContaining({ error: expect.anything() }),
      );
      await follower.refresh();
      const waiting = follower.waitFor(head, 10_000, ['fragile']);
      expect(await settledNow(waiting)).toBe('pending');
      const fixed = new ProjectionRunner(projector.events, projector.reads, names);
      await fixed.start();
      try {
        expect(await waiting).toBe(true);
        const expected = tally([...before, { streamId: 'emulation-k9-2024', amount: 5 }, ...after]);
        expect(await served(api.reads, follower, 'fragile')).toEqual(expected);
        expect(await served(api.reads, follower, 'sturdy')).toEqual(expected);
        const recovered = await sameStatus(follower, fixed);
        expect(recovered.map((s) => [s.name, s.status, s.position])).toEqual([
          ['fragile', 'running', head],
          ['sturdy', 'running', head],
        ]);
      } finally {
        await fixed.stop();
        await follower.stop();
      }
    });
  });

  it('reports a rebuild on the projector, then serves the new generation once it switched', async () => {
    await withTwoSides(async (projector, api) => {
      const appended = await appendCounted(projector.events, 30, 5);
      const gated = gatedCounter();
      // Replaced generations stay readable for followers; dropped at stop at the latest.
      const runner = new ProjectionRunner(projector.events, projector.reads, [gated.definition], {
        batchSize: 4,
        retireAfterMs: 60_000,
      });
      await runner.start();
      const follower = new ProjectionFollower(api.events, api.reads, [streamCounterProjection()], {
        refreshMs: 10,
      });
      await follower.start();
      try {
        expect(await follower.waitFor(appended.at(-1)!.position, 10_000)).toBe(true);
        const before = await served(api.reads, follower);
        expect(before).toEqual(tally(appended));

        gated.close();
        const rebuilt = runner.rebuild('stream-counter');
        const during = await until(async () => {
          const [s] = await follower.status();
          return s?.status === 'rebuilding' ? s : undefined;
        }, 'the follower to see the rebuild');
        expect(during).toMatchObject({ generation: 1, rebuild: { generation: 2, position: 0 } });
        expect(follower.target('stream-counter').generation).toBe(1);
        expect(await served(api.reads, follower)).toEqual(before);

        gated.open();
        await rebuilt;
        await until(() => follower.target('stream-counter').generation === 2, 'the follower to switch');
        expect(await served(api.reads, follower)).toEqual(before);
        const [after] = await sameStatus(follower, runner);
        expect(after).toMatchObject({ status: 'running', generation: 2, lag: 0 });
        expect(after).not.toHaveProperty('rebuild');
        // The replaced generation is still there for readers that have not switched yet.
        expect(await api.reads.generations('stream-counter')).toEqual([1, 2]);
        const old = await api.reads.find({ projection: 'stream-counter', generation: 1 }, 'streams', {
          orderBy: { field: 'streamId', direction: 'asc' },
        });
        expect(old.map((d) => ({ streamId: d.streamId, count: d.count, sum: d.sum }))).toEqual(before);
      } finally {
        await runner.stop();
        await follower.stop();
      }
      expect(await api.reads.generations('stream-counter')).toEqual([2]);
    });
  });
});
