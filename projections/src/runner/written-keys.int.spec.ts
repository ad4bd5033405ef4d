import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventStore } from '@thidua/event-store';
import type { ReadStore } from '@thidua/read-store';
import type { ProjectionDefinition } from '../projection.js';
import { testEvent } from '../testing/test-events.js';
import { ProjectionRunner } from './projection-runner.js';
import { withStores } from '../testing/with-stores.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'projection-written-keys-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A count per stream, and per event a look for a document it never writes (`missing`). */
const counter: ProjectionDefinition = {
  name: 'counter',
  version: 1,
  handles: ['Counted'],
  collections: ['streams', 'missing'],
  async evolve(event, view) {
    expect(await view.get('missing', `m${event.position}`)).toBeNull();
    const doc = (await view.get('streams', event.streamId)) ?? { count: 0 };
    return [{ op: 'put', collection: 'streams', id: event.streamId, doc: { count: Number(doc.count) + 1 } }];
  },
};

async function append(events: EventStore, n: number): Promise<number> {
  let last = 0;
  for (let i = 0; i < n; i += 1)
    last = (await events.append(`s-${i % 3}`, [testEvent({ i })], 'any')).position;
  return last;
}

/** Runs the counter up to the head; the store reads it made, by collection. */
async function catchUp(events: EventStore, reads: ReadStore, head: number) {
  const asked = { streams: 0, missing: 0 };
  const getWithPosition = reads.getWithPosition.bind(reads);
  reads.getWithPosition = (target, collection, id) => {
    if (target.projection === 'counter') asked[collection as keyof typeof asked] += 1;
    return getWithPosition(target, collection, id);
  };
  const runner = new ProjectionRunner(events, reads, [counter], { batchSize: 4 });
  await runner.start();
  expect(await runner.waitFor(head, 10_000)).toBe(true);
  const target = runner.target('counter');
  const counts = await Promise.all(['s-0', 's-1', 's-2'].map((id) => reads.get(target, 'streams', id)));
  await runner.stop();
  reads.getWithPosition = getWithPosition;
  return { asked, counts };
}

describe('a generation its worker created empty', () => {
  it('answers reads of documents it never wrote without the store; a restarted worker asks the store', async () => {
    await withStores(dir, async (events, reads) => {
      const first = await catchUp(events, reads, await append(events, 40));
      expect(first.asked.missing).toBe(0);
      // Batches of 4 events over 3 streams: each batch reads the streams it touches once, from the store
      // once they were written (the first read of each finds nothing and is not asked either).
      expect(first.asked.streams).toBeGreaterThanOrEqual(20);
      expect(first.asked.streams).toBeLessThanOrEqual(30);
      expect(first.counts).toEqual([{ count: 14 }, { count: 13 }, { count: 13 }]);

      // The generation exists already: its worker does not know what it holds, so the store answers.
      const again = await catchUp(events, reads, await append(events, 8));
      expect(again.asked.missing).toBe(8);
      expect(again.counts).toEqual([{ count: 17 }, { count: 16 }, { count: 15 }]);
    });
  });

  it('asks the store when the generation it created holds documents already (a drop done in part)', async () => {
    await withStores(dir, async (events, reads, readsFile) => {
      const raw = new Database(readsFile);
      // A leftover of generation 1 without its checkpoint: the generation the runner creates first.
      raw
        .prepare(
          'INSERT INTO docs (projection, generation, collection, id, doc, position) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run('counter', 1, 'missing', 'left', '{}', 0);
      raw.close();
      const run = await catchUp(events, reads, await append(events, 12));
      expect(run.asked.missing).toBe(12);
      expect(run.counts).toEqual([{ count: 4 }, { count: 4 }, { count: 4 }]);
    });
  });
});
