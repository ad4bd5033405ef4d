import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventStore, StoredEvent } from '@thidua/event-store';
import type { DocChange, ReadStore } from '@thidua/read-store';
import type { ProjectionDefinition, ProjectionView } from '../projection.js';
import { testEvent } from '../testing/test-events.js';
import { ProjectionRunner } from './projection-runner.js';
import { withStores } from '../testing/with-stores.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'projection-flush-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Pending {
  evolved: number;
  /** Per stream: the last event of the batch on it. */
  streams: Map<string, StoredEvent>;
  poisoned: boolean;
}

interface FlushCounterOptions {
  name?: string;
  /** flush throws when the batch evolved an event this selects. */
  failFlushOn?: (event: StoredEvent) => boolean;
  /** evolve throws on the events it selects. */
  failEvolveOn?: (event: StoredEvent) => boolean;
  /** flush names this position on its changes instead of the stream's last event. */
  position?: (last: number) => number | undefined;
  /** batchFull: true once the batch touched this many streams. */
  fullAt?: number;
}

/**
 * Per stream: count and sum of `amount` over the stream up to its last event in the batch, computed in
 * flush once per batch (evolve only notes the stream, keyed on the batch's view) — a function of the
 * stream, as the rankings are, so any redelivery gives the same documents. Records every flush: how
 * many events the batch evolved.
 */
function flushCounter(options: FlushCounterOptions = {}) {
  const pending = new WeakMap<ProjectionView, Pending>();
  const flushes: number[] = [];
  const definition: ProjectionDefinition = {
    name: options.name ?? 'flush-counter',
    version: 1,
    handles: ['Counted'],
    collections: ['streams'],
    evolve(event, view) {
      if (options.failEvolveOn?.(event)) throw new Error(`cannot handle #${event.position}`);
      let batch = pending.get(view);
      if (!batch) pending.set(view, (batch = { evolved: 0, streams: new Map(), poisoned: false }));
      batch.evolved += 1;
      batch.streams.set(event.streamId, event);
      if (options.failFlushOn?.(event)) batch.poisoned = true;
      return [];
    },
    ...(options.fullAt !== undefined && {
      batchFull: (view: ProjectionView) => (pending.get(view)?.streams.size ?? 0) >= options.fullAt!,
    }),
    async flush(view) {
      const batch = pending.get(view);
      pending.delete(view);
      if (!batch) throw new Error('flush without evolve');
      flushes.push(batch.evolved);
      if (batch.poisoned) throw new Error('poisoned batch');
      const changes: DocChange[] = [];
      for (const [streamId, last] of batch.streams) {
        const stream = await view.readStream(streamId, last.position);
        const sum = stream.reduce((a, e) => a + (typeof e.data.amount === 'number' ? e.data.amount : 0), 0);
        changes.push({
          op: 'put',
          collection: 'streams',
          id: streamId,
          doc: { streamId, count: stream.length, sum },
          position: options.position ? options.position(last.position) : last.position,
        });
      }
      return changes;
    },
  };
  return { definition, flushes };
}

interface Appended {
  streamId: string;
  amount: number;
  position: number;
  eventId: string;
}

async function append(events: EventStore, n: number, seed: number, extra: object = {}): Promise<Appended[]> {
  const out: Appended[] = [];
  for (let i = 0; i < n; i += 1) {
    const streamId = `s-${(i * 5 + seed) % 4}`;
    const amount = ((i + seed) % 7) + 1;
    const r = await events.append(streamId, [testEvent({ amount, ...extra })], 'any');
    out.push({ streamId, amount, position: r.position, eventId: r.eventIds[0]! });
  }
  return out;
}

/** Expected documents and their positions, from the appended events alone. */
function expected(appended: Appended[]) {
  const streams = new Map<
    string,
    { doc: { streamId: string; count: number; sum: number }; position: number }
  >();
  for (const a of appended) {
    const s = streams.get(a.streamId) ?? { doc: { streamId: a.streamId, count: 0, sum: 0 }, position: 0 };
    s.doc.count += 1;
    s.doc.sum += a.amount;
    s.position = a.position;
    streams.set(a.streamId, s);
  }
  return Object.fromEntries([...streams].sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function stored(reads: ReadStore, runner: ProjectionRunner, name = 'flush-counter') {
  const target = runner.target(name);
  const docs = await reads.find(target, 'streams', { orderBy: { field: 'streamId', direction: 'asc' } });
  const out: Record<string, { doc: unknown; position: number }> = {};
  for (const d of docs) {
    const withPosition = await reads.getWithPosition(target, 'streams', String(d.streamId));
    out[String(d.streamId)] = { doc: withPosition!.doc, position: withPosition!.position };
  }
  return out;
}

describe('ProjectionRunner: flush (once per batch, in the batch write)', () => {
  it('writes a batch early when the projection says it is full, and still writes every document', async () => {
    await withStores(dir, async (events, reads) => {
      const before = await append(events, 40, 1); // 4 streams, round robin
      const { definition, flushes } = flushCounter({ fullAt: 2 });
      const runner = new ProjectionRunner(events, reads, [definition], { batchSize: 1000 });
      await runner.start();
      expect(await runner.waitFor(before.at(-1)!.position, 10_000)).toBe(true);
      expect(await stored(reads, runner)).toEqual(expected(before));
      // Two streams per batch at most: written every second event, not once for all 40.
      expect(flushes.reduce((a, b) => a + b, 0)).toBe(40);
      expect(flushes.every((n) => n <= 2)).toBe(true);
      expect(flushes.length).toBeGreaterThanOrEqual(20);
      await runner.stop();
    });
  });

  it('writes a batch once it holds batchDocs documents, whatever its events', async () => {
    await withStores(dir, async (events, reads) => {
      const before = await append(events, 40, 1);
      // One new document per event: a batch of 1,000 events would hold all 40 until its write.
      const definition: ProjectionDefinition = {
        name: 'doc-per-event',
        version: 1,
        handles: ['Counted'],
        collections: ['events'],
        evolve: (event) => [{ op: 'put', collection: 'events', id: `e${event.position}`, doc: { n: 1 } }],
      };
      const writes: number[] = [];
      const applyBatch = reads.applyBatch.bind(reads);
      reads.applyBatch = (target, version, changes, position) => {
        if (target.projection === 'doc-per-event' && changes.length > 0) writes.push(changes.length);
        return applyBatch(target, version, changes, position);
      };
      const runner = new ProjectionRunner(events, reads, [definition], { batchSize: 1000, batchDocs: 6 });
      await runner.start();
      expect(await runner.waitFor(before.at(-1)!.position, 10_000)).toBe(true);
      expect(await reads.find(runner.target('doc-per-event'), 'events')).toHaveLength(40);
      expect(writes.reduce((a, b) => a + b, 0)).toBe(40);
      expect(Math.max(...writes)).toBe(6);
      await runner.stop();
    });
  });

  it('writes what flush returns with the batch, at the position of the event that produced each document', async () => {
    await withStores(dir, async (events, reads) => {
      const before = await append(events, 47, 1);
      const { definition, flushes } = flushCounter();
      const runner = new ProjectionRunner(events, reads, [definition], { batchSize: 10 });
      await runner.start();
      expect(await runner.waitFor(before.at(-1)!.position, 10_000)).toBe(true);
      expect(await stored(reads, runner)).toEqual(expected(before));
      // Once per batch that evolved something: never more events than a batch holds, none lost.
      expect(flushes.reduce((a, b) => a + b, 0)).toBe(47);
      expect(flushes.every((n) => n >= 1 && n <= 10)).toBe(true);
      expect(flushes.length).toBeGreaterThanOrEqual(5);

      const live = await append(events, 9, 2);
      expect(await runner.waitFor(live.at(-1)!.position, 10_000)).toBe(true);
      expect(await stored(reads, runner)).toEqual(expected([...before, ...live]));
      await runner.stop();
    });
  });

  it('is idempotent if the same events are applied twice', async () => {
    await withStores(dir, async (events, reads, readsFile) => {
      const appended = await append(events, 30, 3);
      const once = new ProjectionRunner(events, reads, [flushCounter().definition], { batchSize: 7 });
      await once.start();
      expect(await once.waitFor(appended.at(-1)!.position, 10_000)).toBe(true);
      const first = await stored(reads, once);
      await once.stop();
      for (const rewindTo of [0, 13]) {
        const raw = new Database(readsFile);
        raw
          .prepare('UPDATE checkpoints SET position = ? WHERE projection = ?')
          .run(rewindTo, 'flush-counter');
        raw.close();
        const twice = new ProjectionRunner(events, reads, [flushCounter().definition], { batchSize: 7 });
        await twice.start();
        expect(await twice.waitFor(appended.at(-1)!.position, 10_000)).toBe(true);
        expect(await stored(reads, twice)).toEqual(first);
        await twice.stop();
      }
      expect(first).toEqual(expected(appended));

      // Redelivered events and new ones in the same batches.
      const raw = new Database(readsFile);
      raw.prepare('UPDATE checkpoints SET position = ? WHERE projection = ?').run(17, 'flush-counter');
      raw.close();
      const more = await append(events, 12, 4);
      const resumed = new ProjectionRunner(events, reads, [flushCounter().definition], { batchSize: 7 });
      await resumed.start();
      expect(await resumed.waitFor(more.at(-1)!.position, 10_000)).toBe(true);
      expect(await stored(reads, resumed)).toEqual(expected([...appended, ...more]));
      await resumed.stop();
    });
  });

  it('stalls at the batch when flush throws: nothing of the batch is applied; a fixed restart catches up', async () => {
    await withStores(dir, async (events, reads) => {
      const before = await append(events, 23, 4);
      const [poison] = await append(events, 1, 5, { poison: true });
      const after = await append(events, 11, 6);
      const batchSize = 8;
      const { definition } = flushCounter({ failFlushOn: (e) => e.data.poison === true });
      const runner = new ProjectionRunner(events, reads, [definition], { batchSize });
      await runner.start();
      expect(await runner.waitFor(after.at(-1)!.position, 5_000)).toBe(false);
      const [status] = await runner.status();
      expect(status).toMatchObject({ status: 'stalled' });
      const stall = status!.error!;
      expect(stall.message).toContain('poisoned batch');
      expect(stall.message).toContain('flush');
      // The stall names the first event of the batch that holds the poison event.
      expect(stall.position).toBeLessThanOrEqual(poison!.position);
      expect(poison!.position - stall.position).toBeLessThan(batchSize);
      expect(stall.eventId).toBe([...before, poison!].find((a) => a.position === stall.position)!.eventId);
      // Nothing of that batch: the checkpoint and the documents stop right before it.
      expect(status!.position).toBe(stall.position - 1);
      expect(await reads.checkpoint(runner.target('flush-counter'))).toMatchObject({
        position: stall.position - 1,
      });
      expect(await stored(reads, runner)).toEqual(
        expected(before.filter((a) => a.position < stall.position)),
      );
      await runner.stop();

      const fixed = new ProjectionRunner(events, reads, [flushCounter().definition], { batchSize });
      await fixed.start();
      expect(await fixed.waitFor(after.at(-1)!.position, 10_000)).toBe(true);
      expect(await stored(reads, fixed)).toEqual(expected([...before, poison!, ...after]));
      await fixed.stop();
    });
  });

  it('when evolve throws, flushes and writes the events before it, then stalls at that event', async () => {
    await withStores(dir, async (events, reads) => {
      const before = await append(events, 13, 7);
      const [poison] = await append(events, 1, 8, { poison: true });
      await append(events, 5, 9);
      const { definition } = flushCounter({ failEvolveOn: (e) => e.data.poison === true });
      const runner = new ProjectionRunner(events, reads, [definition], { batchSize: 500 });
      await runner.start();
      expect(await runner.waitFor(poison!.position, 5_000)).toBe(false);
      const [status] = await runner.status();
      expect(status).toMatchObject({
        status: 'stalled',
        position: poison!.position - 1,
        error: { position: poison!.position, eventId: poison!.eventId },
      });
      expect(await stored(reads, runner)).toEqual(expected(before));
      await runner.stop();
    });
  });

  it('refuses a flush change that names a position outside the batch (stall, nothing written)', async () => {
    await withStores(dir, async (events, reads) => {
      const appended = await append(events, 6, 10);
      const { definition } = flushCounter({ position: (last) => last + 1000 });
      const runner = new ProjectionRunner(events, reads, [definition], { batchSize: 500 });
      await runner.start();
      expect(await runner.waitFor(appended.at(-1)!.position, 5_000)).toBe(false);
      const [status] = await runner.status();
      expect(status?.error?.message).toContain('not an event of the batch');
      expect(status?.position).toBe(0);
      expect(await stored(reads, runner)).toEqual({});
      await runner.stop();

      // Without a position, the last event of the batch that evolve handled.
      const { definition: unnamed } = flushCounter({ name: 'unnamed', position: () => undefined });
      const other = new ProjectionRunner(events, reads, [unnamed], { batchSize: 500 });
      await other.start();
      expect(await other.waitFor(appended.at(-1)!.position, 10_000)).toBe(true);
      const docs = await stored(reads, other, 'unnamed');
      const last = appended.at(-1)!.position;
      expect(Object.values(docs).every((d) => d.position <= last)).toBe(true);
      expect(Object.values(docs).some((d) => d.position === last)).toBe(true);
      await other.stop();
    });
  });
});
