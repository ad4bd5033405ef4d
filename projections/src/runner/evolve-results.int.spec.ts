import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, StoredEvent } from '@thidua/event-store';
import type { DocChange, ReadStore } from '@thidua/read-store';
import type { ProjectionDefinition } from '../projection.js';
import { testEvent } from '../testing/test-events.js';
import { ProjectionRunner } from './projection-runner.js';
import { withStores } from '../testing/with-stores.js';

/**
 * The runner takes evolve's changes as returned (an array) or as a promise, and checks both alike: the
 * worker evolves without an await when evolve returns an array, so each path is exercised on its own.
 */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'evolve-results-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Mode = 'sync' | 'async';

/**
 * Per stream, the count of its events (kept in memory: one run from position 0). `mode` says whether evolve
 * answers with the changes or with a promise of them (after a read through the view); `bad` makes it answer
 * wrongly (or throw) at an event.
 */
function counter(options: {
  mode: (e: StoredEvent) => Mode;
  bad?: (e: StoredEvent) => DocChange | Error | undefined;
}): ProjectionDefinition {
  const counts = new Map<string, number>();
  const answer = (event: StoredEvent): DocChange[] => {
    const bad = options.bad?.(event);
    if (bad instanceof Error) throw bad;
    if (bad) return [bad];
    const count = (counts.get(event.streamId) ?? 0) + 1;
    counts.set(event.streamId, count);
    return [{ op: 'put', collection: 'streams', id: event.streamId, doc: { count } }];
  };
  return {
    name: 'evolve-results',
    version: 1,
    handles: ['Counted'],
    collections: ['streams'],
    evolve(event, view) {
      if (options.mode(event) === 'sync') return answer(event);
      return view.get('streams', event.streamId).then(() => answer(event));
    },
  };
}

async function appendCounted(events: EventStore, n: number): Promise<StoredEvent[]> {
  for (let i = 0; i < n; i += 1) await events.append(`s-${i % 3}`, [testEvent({ i })], 'any');
  return events.readAll({ after: 0 });
}

async function counts(reads: ReadStore, runner: ProjectionRunner): Promise<Record<string, unknown>> {
  const target = runner.target('evolve-results');
  const out: Record<string, unknown> = {};
  for (const id of ['s-0', 's-1', 's-2']) {
    const d = await reads.getWithPosition(target, 'streams', id);
    if (d) out[id] = { ...d.doc, position: d.position };
  }
  return out;
}

const expectedCounts = (log: StoredEvent[], upTo = Infinity): Record<string, unknown> => {
  const out: Record<string, { count: number; position: number }> = {};
  for (const e of log) {
    if (e.position >= upTo) break;
    const s = (out[e.streamId] ??= { count: 0, position: 0 });
    s.count += 1;
    s.position = e.position;
  }
  return out;
};

describe('evolve returning changes or a promise of them', () => {
  it('projects the same documents whether evolve answers synchronously, asynchronously or mixed', async () => {
    for (const mode of [
      () => 'sync' as const,
      () => 'async' as const,
      (e: StoredEvent) => (e.position % 2 ? 'sync' : 'async') as Mode,
    ]) {
      await withStores(dir, async (events, reads) => {
        const log = await appendCounted(events, 23);
        const runner = new ProjectionRunner(events, reads, [counter({ mode })], { batchSize: 5 });
        await runner.start();
        expect(await runner.waitFor(log.at(-1)!.position, 5_000)).toBe(true);
        expect(await counts(reads, runner)).toEqual(expectedCounts(log));
        await runner.stop();
      });
    }
  });

  it('subscribes once to the promise an async evolve returns (one await, no `then` and a second await)', async () => {
    await withStores(dir, async (events, reads) => {
      const log = await appendCounted(events, 7);
      let thens = 0;
      /** A promise that counts the subscriptions to it (an await of a non-native promise calls `then`). */
      class Counted<T> extends Promise<T> {
        override then<A = T, B = never>(
          onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
          onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
        ): Promise<A | B> {
          thens += 1;
          return super.then(onFulfilled, onRejected);
        }
      }
      const base = counter({ mode: () => 'sync' });
      const definition: ProjectionDefinition = {
        ...base,
        evolve: (event, view) => Counted.resolve(base.evolve(event, view) as DocChange[]),
      };
      const runner = new ProjectionRunner(events, reads, [definition], { batchSize: 5 });
      await runner.start();
      expect(await runner.waitFor(log.at(-1)!.position, 5_000)).toBe(true);
      expect(await counts(reads, runner)).toEqual(expectedCounts(log));
      expect(thens).toBe(log.length);
      await runner.stop();
    });
  });

  const cases: Array<[string, (at: number) => (e: StoredEvent) => DocChange | Error | undefined]> = [
    [
      'a change to an undeclared collection',
      (at) => (e) =>
        e.position === at ? { op: 'put', collection: 'elsewhere', id: 'x', doc: {} } : undefined,
    ],
    [
      'a document the stores cannot keep',
      (at) => (e) =>
        e.position === at ? { op: 'put', collection: 'streams', id: 'x', doc: { $bad: 1 } } : undefined,
    ],
    ['a thrown error', (at) => (e) => (e.position === at ? new Error(`no #${at}`) : undefined)],
  ];
  for (const [what, bad] of cases) {
    it(`stalls at the event whose synchronous evolve returns ${what}, keeping the events before it`, async () => {
      await withStores(dir, async (events, reads) => {
        const log = await appendCounted(events, 12);
        const poison = log[8]!;
        const runner = new ProjectionRunner(
          events,
          reads,
          [counter({ mode: () => 'sync', bad: bad(poison.position) })],
          { batchSize: 5 },
        );
        await runner.start();
        expect(await runner.waitFor(poison.position, 3_000)).toBe(false);
        const [status] = await runner.status();
        expect(status).toMatchObject({
          status: 'stalled',
          position: poison.position - 1,
          error: { position: poison.position, eventId: poison.eventId },
        });
        expect(await counts(reads, runner)).toEqual(expectedCounts(log, poison.position));
        await runner.stop();
      });
    });

    it(`stalls at the event whose evolve promise gives ${what}`, async () => {
      await withStores(dir, async (events, reads) => {
        const log = await appendCounted(events, 12);
        const poison = log[6]!;
        const definition = counter({ mode: () => 'async', bad: bad(poison.position) });
        const runner = new ProjectionRunner(events, reads, [definition], { batchSize: 5 });
        await runner.start();
        expect(await runner.waitFor(poison.position, 3_000)).toBe(false);
        const [status] = await runner.status();
        expect(status).toMatchObject({ status: 'stalled', error: { position: poison.position } });
        expect(await counts(reads, runner)).toEqual(expectedCounts(log, poison.position));
        await runner.stop();
      });
    });
  }
});
