/**
 * ProjectionDefinition.keep: documents a generation's worker wrote serve the projection's reads of
 * them in later batches, without the store, and the documents written stay what they would be without.
 */
import { type EventStore, openSqliteEventStore } from '@thidua/event-store';
import { type Doc, openSqliteReadStore, type ReadStore, type Target } from '@thidua/read-store';
import type { ProjectionDefinition } from '../projection.js';
import { testEvent } from '../testing/test-events.js';
import { TempDir } from '../testing/yearly-totals/projection-check.js';
import { ProjectionRunner } from './projection-runner.js';

const temp = new TempDir();
const file = (name: string): string => temp.file(name);
afterAll(() => temp.remove());

/** The read store, counting the documents read from it per collection. */
function counting(reads: ReadStore): { reads: ReadStore; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const proxy = new Proxy(reads, {
    get(store, property, receiver) {
      if (property === 'getWithPosition')
        return (target: Target, collection: string, id: string) => {
          counts.set(collection, (counts.get(collection) ?? 0) + 1);
          return store.getWithPosition(target, collection, id);
        };
      const value = Reflect.get(store, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(store) : value;
    },
  });
  return { reads: proxy, counts };
}

interface Tally {
  count: number;
  sum: number;
  seen: number[];
}

/**
 * Per stream, `tallies/<stream>`: events counted, their amounts summed, their positions. It takes its
 * document and changes it in place; an event with `skip` changes it and does not put it back (a
 * projection may take a document it then leaves as stored).
 */
function tallyProjection(keep?: ProjectionDefinition['keep']): ProjectionDefinition {
  return {
    name: 'tally',
    version: 1,
    handles: ['Counted'],
    collections: ['tallies'],
    ...(keep ? { keep } : {}),
    async evolve(event, view) {
      const tally = ((await view.take!('tallies', event.streamId)) as Tally | null) ?? {
        count: 0,
        sum: 0,
        seen: [],
      };
      tally.count += 1;
      tally.sum += event.data['amount'] as number;
      tally.seen.push(event.position);
      if (event.data['skip'] === true) return [];
      return [{ op: 'put', collection: 'tallies', id: event.streamId, doc: tally as unknown as Doc }];
    },
  };
}

async function run(
  events: EventStore,
  definition: ProjectionDefinition,
): Promise<{ docs: Array<Doc | null>; counts: Map<string, number> }> {
  const { reads, counts } = counting(await openSqliteReadStore(file('reads')));
  const runner = new ProjectionRunner(events, reads, [definition], { batchSize: 4 });
  await runner.start();
  expect(await runner.waitFor(await events.headPosition(), 10_000)).toBe(true);
  const target = runner.target('tally');
  const docs = await Promise.all(
    ['s0', 's1', 's2'].map((s) => reads.get(target, 'tallies', `emulation-${s}-2024`)),
  );
  await runner.stop();
  await reads.close();
  return { docs, counts };
}

describe('ProjectionRunner: documents kept between batches (ProjectionDefinition.keep)', () => {
  let events: EventStore;
  beforeAll(async () => {
    events = await openSqliteEventStore(file('events'));
    for (let i = 0; i < 36; i++)
      await events.append(
        `emulation-s${i % 3}-2024`,
        [testEvent({ amount: i + 1, skip: i === 20 || i === 31 })],
        'any',
      );
  });
  afterAll(() => events.close());

  it('reads what it wrote from memory in later batches, and writes the same documents', async () => {
    const plain = await run(events, tallyProjection());
    const kept = await run(events, tallyProjection({ collections: ['tallies'], docs: 10 }));
    expect(kept.docs).toEqual(plain.docs);
    // 12 events a stream; s1 and s2 each had one that changed the document taken without putting it back.
    expect(plain.docs.map((d) => d?.['count'])).toEqual([12, 11, 11]);
    // Nine batches of four events: without keep each batch reads its three streams from the store, but
    // for the first reads, which find nothing and are answered without it (WrittenKeys).
    expect(plain.counts.get('tallies')).toBeGreaterThanOrEqual(27 - 3);
    // With it: each stream's first read, and the reads after a skipped event (its take emptied the set).
    expect(kept.counts.get('tallies')).toBeLessThanOrEqual(3 + 2);
  });

  it('reads from the store what its limit or its predicate leaves out, with the same result', async () => {
    const plain = await run(events, tallyProjection());
    const one = await run(events, tallyProjection({ collections: ['tallies'], docs: 1 }));
    const none = await run(
      events,
      tallyProjection({ collections: ['tallies'], docs: 10, keeps: (c) => c.id !== 'emulation-s1-2024' }),
    );
    expect(one.docs).toEqual(plain.docs);
    expect(none.docs).toEqual(plain.docs);
    expect(one.counts.get('tallies')).toBeGreaterThan(9);
    // s1, never kept: read from the store in every batch but its first (nothing stored yet).
    expect(none.counts.get('tallies')).toBeGreaterThanOrEqual(8);
  });
});
