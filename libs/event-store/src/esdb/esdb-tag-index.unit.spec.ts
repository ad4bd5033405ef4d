/**
 * The EventStoreDB adapter's tag index, kept by the projector in MongoDB: against the client stand-in and
 * an in-memory collection with the driver calls the index makes (not a MongoDB server; none ran here).
 */
import type { Collection } from 'mongodb';
import { unitTagger } from '@thidua/domain';

import { newEvent } from '../testing/event-store.contract.js';
import { EsdbStandIn } from '../testing/esdb-stand-in.js';
import { EsdbEventStore } from './esdb-event-store.js';
import {
  EsdbTagIndex,
  type CheckpointCollection,
  type TagCheckpoint,
  type TagCollection,
  type TagRow,
} from './esdb-tag-index.js';

// The driver's collections have the calls the index makes (checked by the compiler only).
const driverRows = (c: Collection<TagRow>): TagCollection => c;
const driverCheckpoints = (c: Collection<TagCheckpoint>): CheckpointCollection => c;
void driverRows;
void driverCheckpoints;

/** Rows and a checkpoint in memory, answering the filters the index sends. */
class MemoryTags implements TagCollection, CheckpointCollection {
  readonly rows = new Map<string, TagRow>();
  checkpoint: TagCheckpoint | null = null;
  writes = 0;

  async createIndex(): Promise<string> {
    return 'tag_1_position_1';
  }
  async bulkWrite(ops: Parameters<TagCollection['bulkWrite']>[0]): Promise<unknown> {
    for (const { updateOne } of ops) {
      if (!this.rows.has(updateOne.filter._id)) {
        this.rows.set(updateOne.filter._id, { ...updateOne.update.$setOnInsert });
        this.writes++;
      }
    }
    return {};
  }
  find(
    filter: Parameters<TagCollection['find']>[0],
    options: Parameters<TagCollection['find']>[1] = {},
  ): { toArray(): Promise<Array<{ position: number }>> } {
    const { $gt = -Infinity, $lt = Infinity, $lte = Infinity } = filter.position;
    let found = [...this.rows.values()]
      .filter((r) => r.tag === filter.tag && r.position > $gt && r.position < $lt && r.position <= $lte)
      .sort((a, b) => (options.sort?.['position'] ?? 1) * (a.position - b.position));
    if (options.limit !== undefined) found = found.slice(0, options.limit);
    return { toArray: async () => found.map((r) => ({ position: r.position })) };
  }
  async countDocuments(filter: Parameters<TagCollection['countDocuments']>[0]): Promise<number> {
    return (await this.find(filter).toArray()).length;
  }
  async deleteMany(): Promise<unknown> {
    this.rows.clear();
    return {};
  }
  async findOne(): Promise<TagCheckpoint | null> {
    return this.checkpoint;
  }
  async updateOne(filter: { _id: string }, update: { $set: Omit<TagCheckpoint, '_id'> }): Promise<unknown> {
    this.checkpoint = { _id: filter._id, ...update.$set };
    return {};
  }
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500 && !(await check()); i++) await new Promise((r) => setTimeout(r, 5));
  expect(await check()).toBe(true);
}

describe('EsdbTagIndex (EventStoreDB: tags kept by the projector in MongoDB)', () => {
  it('indexes what the projector follows, across batches and key tags, and serves it up to its checkpoint', async () => {
    const standIn = new EsdbStandIn({ otherEvents: 0 });
    const mongo = new MemoryTags();
    const index = new EsdbTagIndex(mongo, mongo, unitTagger);
    const store = new EsdbEventStore(standIn.client, { tagIndex: index });
    try {
      const formed = await store.append(
        'cluster-c1',
        [newEvent('ClusterFormed', { clusterId: 'c1', organizerUnitId: 'u1', number: 7, name: 'Cụm 7' })],
        'no-stream',
      );
      const sub = await index.follow(store);
      await until(async () => (await store.countTagged!('unit:u1')) === 1);
      const renamed = await store.append(
        'cluster-c1',
        [newEvent('ClusterRenamed', { clusterId: 'c1', number: 8, name: 'Cụm 8' })],
        0,
      );
      const merged = await store.append(
        'unit-u2',
        [newEvent('UnitMerged', { unitId: 'u2', intoUnitId: 'u1', reason: 'x' })],
        'no-stream',
      );
      await until(async () => (await store.countTagged!('unit:u1')) === 3);
      await sub.close();
      expect(await store.readTagged!('unit:u1')).toEqual([
        formed.position,
        renamed.position,
        merged.position,
      ]);
      expect(await store.readTagged!('unit:u1', { after: formed.position, limit: 1 })).toEqual([
        renamed.position,
      ]);
      expect(await store.readTagged!('unit:u2')).toEqual([merged.position]);
      expect(await store.countTagged!('unit:u1', renamed.position)).toBe(2);

      // Redelivered from an older checkpoint: nothing written twice; past the checkpoint: not served.
      const writes = mongo.writes;
      await index.index(await store.readAll({ after: 0 }), (p) => store.readPositions(p));
      expect(mongo.writes).toBe(writes);
      mongo.checkpoint = { ...mongo.checkpoint!, position: formed.position };
      expect(await store.readTagged!('unit:u1')).toEqual([formed.position]);
    } finally {
      await store.close();
    }
  });

  it('rebuilds from the start when the tagger changed, and the store without an index offers no tags', async () => {
    const mongo = new MemoryTags();
    mongo.rows.set('unit:x\u00001', { _id: 'unit:x\u00001', tag: 'unit:x', position: 1 });
    mongo.checkpoint = { _id: 'event-tags', position: 1, version: 'an-older-tagger' };
    expect(await new EsdbTagIndex(mongo, mongo, unitTagger).open()).toBe(0);
    expect(mongo.rows.size).toBe(0);
    expect(mongo.checkpoint).toMatchObject({ position: 0, version: unitTagger.version });
    const store = new EsdbEventStore(new EsdbStandIn({ otherEvents: 0 }).client);
    expect(store.readTagged).toBeUndefined();
    await store.close();
  });
});
