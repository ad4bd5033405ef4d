import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type EventStore, type NewEvent, openSqliteEventStore } from '@thidua/event-store';
import { type Doc, openSqliteReadStore, type ReadStore } from '@thidua/read-store';
import type { ProjectionDefinition } from '../projection.js';
import { streamCounterProjection } from '../testing/stream-counter.projection.js';
import { testEvent } from '../testing/test-events.js';
import { transpileForNode } from '@thidua/testkit';
import { ProjectionRunner } from './projection-runner.js';

const root = process.cwd();
let dir: string;
let fileNo = 0;
const file = (name: string): string => join(dir, `${name}-${(fileNo += 1)}.sqlite`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'projection-runner-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Expected documents computed straight from the appended events, independently of the runner. */
function tally(events: { streamId: string; data: Record<string, unknown>; type?: string }[]) {
  const streams = new Map<string, { count: number; sum: number }>();
  let count = 0;
  let sum = 0;
  for (const e of events) {
    if (e.type !== undefined && e.type !== 'Counted') continue;
    const amount = typeof e.data.amount === 'number' ? e.data.amount : 0;
    const s = streams.get(e.streamId) ?? { count: 0, sum: 0 };
    streams.set(e.streamId, { count: s.count + 1, sum: s.sum + amount });
    count += 1;
    sum += amount;
  }
  return {
    streams: [...streams.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, s]) => ({ streamId: id, ...s })),
    totals: { count, sum },
  };
}

async function snapshot(reads: ReadStore, runner: ProjectionRunner, name: string) {
  const target = runner.target(name);
  const streams = (
    await reads.find(target, 'streams', { orderBy: { field: 'streamId', direction: 'asc' } })
  ).map((doc: Doc) => ({ streamId: doc.streamId, count: doc.count, sum: doc.sum }));
  return { streams, totals: await reads.get(target, 'totals', 'all') };
}

async function fullDocs(reads: ReadStore, runner: ProjectionRunner, name: string) {
  const target = runner.target(name);
  return {
    streams: await reads.find(target, 'streams'),
    totals: await reads.get(target, 'totals', 'all'),
  };
}

interface Appended {
  streamId: string;
  type: string;
  data: Record<string, unknown>;
  position: number;
}

/** Appends `n` Counted events spread over a few streams; returns what was appended. */
async function appendCounted(events: EventStore, n: number, seed = 0, streams = 5): Promise<Appended[]> {
  const appended: Appended[] = [];
  for (let i = 0; i < n; i += 1) {
    const streamId = `emulation-k${(i * 7 + seed) % streams}-2024`;
    const data = { amount: ((i + seed) % 9) + 1 };
    const result = await events.append(streamId, [testEvent(data)], 'any');
    appended.push({ streamId, type: 'Counted', data, position: result.position });
  }
  return appended;
}

async function withStores<T>(
  eventsFile: string,
  readsFile: string,
  body: (events: EventStore, reads: ReadStore) => Promise<T>,
): Promise<T> {
  const events = await openSqliteEventStore(eventsFile, { pollIntervalMs: 5 });
  const reads = await openSqliteReadStore(readsFile);
  try {
    return await body(events, reads);
  } finally {
    await reads.close();
    await events.close();
  }
}

/** Runs a fresh runner to the head of the log and returns its stopped instance's documents. */
async function runToHead(events: EventStore, reads: ReadStore, definitions: ProjectionDefinition[]) {
  const runner = new ProjectionRunner(events, reads, definitions, { batchSize: 16 });
  await runner.start();
  expect(await runner.waitFor(await events.headPosition(), 20_000)).toBe(true);
  return runner;
}

describe('ProjectionRunner', () => {
  it('catches up, then follows live appends', async () => {
    await withStores(file('events'), file('reads'), async (events, reads) => {
      const before = await appendCounted(events, 60, 1);
      const runner = new ProjectionRunner(events, reads, [streamCounterProjection()], { batchSize: 16 });
      await runner.start();
      expect(await runner.waitFor(before.at(-1)!.position, 10_000)).toBe(true);
      expect(await snapshot(reads, runner, 'stream-counter')).toEqual(tally(before));

      const live = await appendCounted(events, 25, 3, 7);
      expect(await runner.waitFor(live.at(-1)!.position, 10_000)).toBe(true);
      expect(await snapshot(reads, runner, 'stream-counter')).toEqual(tally([...before, ...live]));
      const [status] = await runner.status();
      expect(status).toMatchObject({ name: 'stream-counter', version: 1, generation: 1, lag: 0 });
      expect(status?.position).toBe(live.at(-1)!.position);
      expect(status?.head).toBe(live.at(-1)!.position);
      await runner.stop();
      expect((await runner.status())[0]?.status).toBe('stopped');
    });
  });

  it('writes the live batches of its projections as one group, a catch-up batch by batch', async () => {
    await withStores(file('events'), file('reads'), async (events, reads) => {
      const before = await appendCounted(events, 40, 1);
      const written: Array<{ name: string; group: boolean; position: number }> = [];
      const recorded: ReadStore = Object.assign(Object.create(reads) as ReadStore, {
        applyBatch: (...args: Parameters<ReadStore['applyBatch']>) => {
          written.push({ name: args[0].projection, group: args[4]?.group === true, position: args[3] });
          return reads.applyBatch(...args);
        },
      });
      const definitions = ['one', 'two'].map((name) => streamCounterProjection({ name }));
      const runner = new ProjectionRunner(events, recorded, definitions, { batchSize: 16 });
      await runner.start();
      expect(await runner.waitFor(before.at(-1)!.position, 10_000)).toBe(true);
      const caughtUp = written.length;
      expect(written.filter((w) => w.position > 0).every((w) => !w.group)).toBe(true);
      for (let i = 0; i < 4; i++) {
        const [live] = await appendCounted(events, 1, i);
        expect(await runner.waitFor(live!.position, 10_000)).toBe(true);
      }
      const live = written.slice(caughtUp);
      expect(live.length).toBeGreaterThan(0);
      expect(live.every((w) => w.group)).toBe(true);
      // Both projections got the same deliveries from the one live read.
      const at = (name: string) => live.filter((w) => w.name === name).map((w) => w.position);
      expect(at('one')).toEqual(at('two'));
      await runner.stop();
    });
  });

  it('only advances the checkpoint for events it does not handle', async () => {
    await withStores(file('events'), file('reads'), async (events, reads) => {
      const counted = await appendCounted(events, 5);
      const other = await events.append('unit-u1', [testEvent({ amount: 100 }, 'UnitRenamed')], 'any');
      const runner = await runToHead(events, reads, [streamCounterProjection()]);
      expect(await reads.checkpoint(runner.target('stream-counter'))).toMatchObject({
        position: other.position,
      });
      expect(await snapshot(reads, runner, 'stream-counter')).toEqual(tally(counted));
      await runner.stop();
    });
  });

  it('lets a projection fold its stream up to the event being handled', async () => {
    await withStores(file('events'), file('reads'), async (events, reads) => {
      await events.append('emulation-k1-2024', [testEvent({ amount: 1 }), testEvent({ amount: 2 })], 'any');
      await events.append('emulation-k2-2024', [testEvent({ amount: 1 })], 'any');
      await events.append(
        'emulation-k1-2024',
        [testEvent({ amount: 3 }), testEvent({}, 'PeriodClosed')],
        'any',
      );
      const runner = await runToHead(events, reads, [streamCounterProjection({ foldStream: true })]);
      const target = runner.target('stream-counter');
      expect(await reads.get(target, 'streams', 'emulation-k1-2024')).toMatchObject({
        count: 3,
        streamLength: 3,
      });
      expect(await reads.get(target, 'streams', 'emulation-k2-2024')).toMatchObject({
        count: 1,
        streamLength: 1,
      });
      await runner.stop();
    });
  });

  it('resumes from its checkpoint after a restart without counting anything twice', async () => {
    await withStores(file('events'), file('reads'), async (events, reads) => {
      const first = await appendCounted(events, 40, 2);
      const runner = await runToHead(events, reads, [streamCounterProjection()]);
      await runner.stop();
      const second = await appendCounted(events, 33, 5, 8);
      const again = await runToHead(events, reads, [streamCounterProjection()]);
      expect(await snapshot(reads, again, 'stream-counter')).toEqual(tally([...first, ...second]));
      expect(again.target('stream-counter').generation).toBe(1);
      await again.stop();
    });
  });

  it('is idempotent if the same events are applied twice (documents already past the checkpoint)', async () => {
    const readsFile = file('reads');
    await withStores(file('events'), readsFile, async (events, reads) => {
      const appended = await appendCounted(events, 50, 4);
      const runner = await runToHead(events, reads, [streamCounterProjection()]);
      const once = await fullDocs(reads, runner, 'stream-counter');
      await runner.stop();
      expect(once.totals).toEqual(tally(appended).totals);

      for (const rewindTo of [0, 23]) {
        // Move the checkpoint back as if the documents had been written but not the checkpoint.
        const raw = new Database(readsFile);
        raw
          .prepare('UPDATE checkpoints SET position = ? WHERE projection = ?')
          .run(rewindTo, 'stream-counter');
        raw.close();
        const twice = await runToHead(events, reads, [streamCounterProjection()]);
        expect(await fullDocs(reads, twice, 'stream-counter')).toEqual(once);
        await twice.stop();
      }

      // Redelivered events followed by new ones in the same batches: the new ones count once, the old not again.
      const raw = new Database(readsFile);
      raw.prepare('UPDATE checkpoints SET position = ? WHERE projection = ?').run(31, 'stream-counter');
      raw.close();
      const more = await appendCounted(events, 20, 9);
      const resumed = await runToHead(events, reads, [streamCounterProjection()]);
      expect(await snapshot(reads, resumed, 'stream-counter')).toEqual(tally([...appended, ...more]));
      await resumed.stop();
    });
  });

  it('rebuilds beside the served generation, switches when caught up and drops the old one', async () => {
    await withStores(file('events'), file('reads'), async (events, reads) => {
      const appended = await appendCounted(events, 120, 6, 9);
      const runner = await runToHead(events, reads, [streamCounterProjection()]);
      const more = await appendCounted(events, 30, 7, 4);
      expect(await runner.waitFor(more.at(-1)!.position, 10_000)).toBe(true);
      const incremental = await fullDocs(reads, runner, 'stream-counter');
      expect(incremental.totals).toEqual(tally([...appended, ...more]).totals);

      const during: { served: number; status?: string; rebuilding?: number }[] = [];
      const progress: [number, number][] = [];
      await runner.rebuild('stream-counter', (position, head) => {
        progress.push([position, head]);
        if (during.length === 0) during.push({ served: runner.target('stream-counter').generation });
      });
      expect(during[0]?.served).toBe(1);
      expect(progress.length).toBeGreaterThan(0);
      const lastProgress = progress.at(-1)!;
      expect(lastProgress[0]).toBe(lastProgress[1]);

      expect(runner.target('stream-counter').generation).toBe(2);
      expect(await reads.activeGeneration('stream-counter')).toBe(2);
      expect(await reads.generations('stream-counter')).toEqual([2]);
      expect(await fullDocs(reads, runner, 'stream-counter')).toEqual(incremental);

      // The rebuilt generation keeps following live appends.
      const after = await appendCounted(events, 10, 8);
      expect(await runner.waitFor(after.at(-1)!.position, 10_000)).toBe(true);
      expect(await snapshot(reads, runner, 'stream-counter')).toEqual(
        tally([...appended, ...more, ...after]),
      );
      expect((await runner.status())[0]).toMatchObject({ status: 'running', generation: 2 });

      // Two requests at once share one rebuild.
      await Promise.all([runner.rebuild('stream-counter'), runner.rebuild('stream-counter')]);
      expect(runner.target('stream-counter').generation).toBe(3);
      expect(await reads.generations('stream-counter')).toEqual([3]);
      expect(await snapshot(reads, runner, 'stream-counter')).toEqual(
        tally([...appended, ...more, ...after]),
      );
      await runner.stop();
    });
  });

  it('reports "rebuilding" and keeps serving the old generation while the new one is built', async () => {
    await withStores(file('events'), file('reads'), async (events, reads) => {
      await appendCounted(events, 200, 1, 6);
      const runner = new ProjectionRunner(events, reads, [streamCounterProjection()], { batchSize: 10 });
      await runner.start();
      expect(await runner.waitFor(await events.headPosition(), 10_000)).toBe(true);
      let seen: unknown;
      const rebuilt = runner.rebuild('stream-counter', () => {
        if (seen === undefined) seen = runner.status();
      });
      await rebuilt;
      expect(await (seen as Promise<unknown>)).toEqual([
        expect.objectContaining({
          status: 'rebuilding',
          generation: 1,
          rebuild: expect.objectContaining({ generation: 2 }),
        }),
      ]);
      await runner.stop();
    });
  });

  it('stalls only the projection that throws, at that event, and reports it', async () => {
    await withStores(file('events'), file('reads'), async (events, reads) => {
      const before = await appendCounted(events, 12, 1);
      const poison = await events.append(
        'emulation-k1-2024',
        [testEvent({ amount: 5, poison: true })],
        'any',
      );
      const after = await appendCounted(events, 12, 2);
      const head = after.at(-1)!.position;
      const failing = streamCounterProjection({ name: 'fragile', failOn: (e) => e.data.poison === true });
      const healthy = streamCounterProjection({ name: 'sturdy' });
      const runner = new ProjectionRunner(events, reads, [failing, healthy], { batchSize: 500 });
      await runner.start();

      expect(await runner.waitFor(head, 10_000, ['sturdy'])).toBe(true);
      expect(await runner.waitFor(head, 10_000, ['fragile'])).toBe(false);
      expect(await runner.waitFor(head, 10_000)).toBe(false);
      const status = await runner.status();
      expect(status.find((s) => s.name === 'sturdy')).toMatchObject({
        status: 'running',
        position: head,
        lag: 0,
      });
      const stalled = status.find((s) => s.name === 'fragile');
      expect(stalled).toMatchObject({
        status: 'stalled',
        position: poison.position - 1,
        head,
        lag: head - poison.position + 1,
        error: { position: poison.position, eventId: poison.eventIds[0], type: 'Counted' },
      });
      expect(stalled?.error?.message).toContain(`#${poison.position}`);
      // The good prefix of the batch was written, nothing at or after the poison event.
      expect(await snapshot(reads, runner, 'fragile')).toEqual(tally(before));
      expect(await snapshot(reads, runner, 'sturdy')).toEqual(
        tally([...before, { streamId: 'emulation-k1-2024', data: { amount: 5 } }, ...after]),
      );
      await runner.stop();

      // Once fixed, a restart retries from the checkpoint and catches up exactly.
      const fixed = await runToHead(events, reads, [streamCounterProjection({ name: 'fragile' }), healthy]);
      expect(await snapshot(reads, fixed, 'fragile')).toEqual(await snapshot(reads, fixed, 'sturdy'));
      await fixed.stop();
    });
  });

  it('builds a new generation when the version changes and switches to it', async () => {
    await withStores(file('events'), file('reads'), async (events, reads) => {
      const appended: Appended[] = [];
      for (let i = 0; i < 40; i += 1) {
        const data = { amount: i % 5, weight: 10 + i };
        const r = await events.append(`emulation-k${i % 3}-2024`, [testEvent(data)], 'any');
        appended.push({ streamId: `emulation-k${i % 3}-2024`, type: 'Counted', data, position: r.position });
      }
      const v1 = await runToHead(events, reads, [streamCounterProjection()]);
      expect(await snapshot(reads, v1, 'stream-counter')).toEqual(tally(appended));
      await v1.stop();

      // Version 2 sums another field: its documents must come from a full replay.
      const v2def = streamCounterProjection({ version: 2, field: 'weight' });
      const v2 = new ProjectionRunner(events, reads, [v2def], { batchSize: 8 });
      await v2.start();
      await v2.rebuild('stream-counter'); // resolves when the version build has switched
      expect(v2.target('stream-counter').generation).toBe(2);
      expect(await reads.generations('stream-counter')).toEqual([2]);
      expect(await reads.checkpoint({ projection: 'stream-counter', generation: 2 })).toMatchObject({
        version: 2,
      });
      const weights = appended.map((e) => ({ ...e, data: { amount: e.data.weight } }));
      expect(await snapshot(reads, v2, 'stream-counter')).toEqual(tally(weights));
      await v2.stop();

      // A build of version 3 interrupted earlier (generation 7) is resumed; other leftovers are dropped.
      await reads.applyBatch({ projection: 'stream-counter', generation: 6 }, 2, [], 4);
      await reads.applyBatch({ projection: 'stream-counter', generation: 7 }, 3, [], 0);
      const v3 = new ProjectionRunner(events, reads, [streamCounterProjection({ version: 3 })], {
        batchSize: 8,
      });
      await v3.start();
      await v3.rebuild('stream-counter');
      expect(v3.target('stream-counter').generation).toBe(7);
      expect(await reads.generations('stream-counter')).toEqual([7]);
      expect(await snapshot(reads, v3, 'stream-counter')).toEqual(tally(appended));
      await v3.stop();

      // Same version on the next start: served as is, no new generation.
      const v3again = await runToHead(events, reads, [streamCounterProjection({ version: 3 })]);
      expect(v3again.target('stream-counter').generation).toBe(7);
      expect(await reads.generations('stream-counter')).toEqual([7]);
      await v3again.stop();
    });
  });

  it('waitFor resolves when the position is reached and returns false on timeout', async () => {
    await withStores(file('events'), file('reads'), async (events, reads) => {
      const runner = new ProjectionRunner(events, reads, [streamCounterProjection()]);
      await runner.start();
      expect(await runner.waitFor(0, 1000)).toBe(true);
      const head = await events.headPosition();
      const waiting = runner.waitFor(head + 3, 10_000);
      const appended = await appendCounted(events, 3);
      expect(appended.at(-1)!.position).toBe(head + 3);
      expect(await waiting).toBe(true);
      expect(await runner.waitFor(head + 4, 50)).toBe(false);
      expect(() => runner.waitFor(1, 10, ['nope'])).toThrow(
        expect.objectContaining({ code: 'UNKNOWN_PROJECTION' }),
      );
      await runner.stop();
      expect(await runner.waitFor(head + 4, 10_000)).toBe(false);
    });
  });

  describe('crash between applying and checkpointing', () => {
    let childScript: string;
    let codeDir: string;
    beforeAll(() => {
      codeDir = mkdtempSync(join(tmpdir(), 'runner-child-'));
      [childScript] = transpileForNode(root, ['projections/src/testing/runner-child.ts'], codeDir) as [
        string,
      ];
    });
    afterAll(() => rmSync(codeDir, { recursive: true, force: true }));

    it('loses and double-counts nothing when the runner process is SIGKILLed at random moments', async () => {
      const eventsFile = file('events');
      const readsFile = file('reads');
      const events = await openSqliteEventStore(eventsFile, { pollIntervalMs: 5 });
      const appended: Appended[] = [];
      const checkpoints: number[] = [];
      try {
        for (let round = 0; round < 10; round += 1) {
          const child = spawn(process.execPath, [childScript, eventsFile, readsFile], {
            env: { ...process.env, NODE_OPTIONS: '' },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let stderr = '';
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
            child.on('exit', (code, signal) => resolve(signal ?? code)),
          );
          await new Promise<void>((resolve, reject) => {
            child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('started') && resolve());
            void exited.then(() => reject(new Error(`child exited early: ${stderr}`)));
          });
          let alive = true;
          const killer = setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 60));
          void exited.then(() => (alive = false));
          for (let i = 0; alive && i < 400; i += 1) {
            const streamId = `emulation-k${Math.floor(Math.random() * 11)}-2024`;
            const batch: NewEvent[] = [];
            for (let k = 0; k < 1 + Math.floor(Math.random() * 3); k += 1) {
              batch.push(testEvent({ amount: 1 + Math.floor(Math.random() * 9) }));
            }
            const result = await events.append(streamId, batch, 'any');
            batch.forEach((e, k) =>
              appended.push({ streamId, type: e.type, data: e.data, position: result.positions[k] ?? -1 }),
            );
          }
          clearTimeout(killer);
          child.kill('SIGKILL');
          expect(await exited).toBe('SIGKILL');
          const raw = new Database(readsFile, { readonly: true });
          const row = raw.prepare('SELECT MIN(position) AS p FROM checkpoints').get() as { p: number | null };
          raw.close();
          checkpoints.push(row.p ?? 0);
        }
        // The children did real work between kills, and checkpoints never went back.
        expect(checkpoints.at(-1)).toBeGreaterThan(0);
        expect([...checkpoints].sort((a, b) => a - b)).toEqual(checkpoints);

        const expected = tally(appended);
        const reads = await openSqliteReadStore(readsFile);
        const resumed = await runToHead(events, reads, [
          streamCounterProjection(),
          streamCounterProjection({ name: 'stream-counter-b' }),
        ]);
        const cleanReads = await openSqliteReadStore(file('clean'));
        const clean = await runToHead(events, cleanReads, [streamCounterProjection()]);
        try {
          expect(await snapshot(reads, resumed, 'stream-counter')).toEqual(expected);
          expect(await snapshot(reads, resumed, 'stream-counter-b')).toEqual(expected);
          expect(await fullDocs(reads, resumed, 'stream-counter')).toEqual(
            await fullDocs(cleanReads, clean, 'stream-counter'),
          );
        } finally {
          await resumed.stop();
          await clean.stop();
          await reads.close();
          await cleanReads.close();
        }
      } finally {
        await events.close();
      }
    });
  });
});
