import { MongoNetworkError } from 'mongodb';

import type { DocChange, ReadStore, Target } from '../read-store.port.js';
import {
  DUPLICATE_KEY,
  MongoStandIn,
  WRITE_CONCERN_FAILED,
  bulkWriteError,
} from '../testing/mongo-stand-in.js';
import { mongoReadStoreOn } from './mongodb-read-store.js';

const put = (collection: string, id: string, doc: Record<string, unknown>, position?: number): DocChange => ({
  op: 'put',
  collection,
  id,
  doc,
  ...(position === undefined ? {} : { position }),
});

async function open(replicaSet: boolean): Promise<{ standIn: MongoStandIn; store: ReadStore }> {
  const standIn = new MongoStandIn(replicaSet);
  const store = await mongoReadStoreOn(standIn.client as never, standIn.db as never);
  return { standIn, store };
}

const crash = () => new MongoNetworkError('connection 3 to mongo:27017 closed');
const target: Target = { projection: 'rankings', generation: 3 };

describe('MongoDB read store (against the driver stand-in, not a server)', () => {
  describe('drop', () => {
    it('leaves no checkpoint behind collections it did not finish dropping, and finishes on the next drop', async () => {
      const { standIn, store } = await open(false);
      await store.applyBatch(
        target,
        1,
        [put('periods', 'p1', { v: 1 }), put('units', 'u1', { v: 1 }), put('clusters', 'c1', { v: 1 })],
        9,
      );
      standIn.on('dropCollection', 2, 'before', crash); // the process dies after the first collection
      await expect(store.drop(target)).rejects.toBeInstanceOf(MongoNetworkError);

      expect(await store.checkpoint(target)).toBeNull();
      // Still listed, so a restart drops it again and never builds a new generation under its number.
      expect(await store.generations('rankings')).toEqual([3]);
      await expect(store.applyBatch(target, 1, [put('units', 'u2', { v: 2 })], 10)).rejects.toMatchObject({
        code: 'GENERATION_DROPPED',
      });

      await store.drop(target);
      expect(await store.generations('rankings')).toEqual([]);
      expect(standIn.collectionNames().filter((n) => n.startsWith('rankings_g3_'))).toEqual([]);
    });

    it('leaves the generation whole when it dies before its first write', async () => {
      const { standIn, store } = await open(false);
      await store.applyBatch(target, 1, [put('units', 'u1', { v: 1 })], 9);
      standIn.on('updateOne', 1, 'before', crash);
      standIn.on('deleteOne', 1, 'before', crash);
      await expect(store.drop(target)).rejects.toBeInstanceOf(MongoNetworkError);
      expect(await store.checkpoint(target)).toEqual({ ...target, version: 1, position: 9 });
      expect(await store.get(target, 'units', 'u1')).toEqual({ v: 1 });
    });
  });

  describe('applyBatch', () => {
    const batch = [
      put('periods', 'p1', { v: 2 }),
      put('units', 'u1', { v: 2 }),
      put('units', 'u2', { v: 2 }),
    ];

    it('writes documents and checkpoint in one transaction on a replica set: a crash leaves nothing of the batch', async () => {
      const { standIn, store } = await open(true);
      await store.applyBatch(target, 1, [put('periods', 'p1', { v: 1 }), put('units', 'u1', { v: 1 })], 5);
      standIn.on('bulkWrite', 2, 'before', crash); // dies after the first collection's write
      await expect(store.applyBatch(target, 1, batch, 8)).rejects.toBeInstanceOf(MongoNetworkError);

      expect(await store.get(target, 'periods', 'p1')).toEqual({ v: 1 });
      expect(await store.get(target, 'units', 'u2')).toBeNull();
      expect(await store.checkpoint(target)).toMatchObject({ position: 5 });
      expect(standIn.transactionsStarted).toBeGreaterThan(0);
      expect(standIn.writesOutsideSession).toBe(0);

      standIn.on('commitTransaction', 1, 'before', crash); // the commit itself fails: still nothing
      await expect(store.applyBatch(target, 1, batch, 8)).rejects.toBeInstanceOf(MongoNetworkError);
      expect(await store.get(target, 'periods', 'p1')).toEqual({ v: 1 });

      await store.applyBatch(target, 1, batch, 8);
      expect(await store.get(target, 'units', 'u2')).toEqual({ v: 2 });
      expect(await store.checkpoint(target)).toMatchObject({ position: 8 });
    });

    it('on a standalone server keeps the replay-safe path: no transaction, and a redelivered batch completes exactly', async () => {
      const { standIn, store } = await open(false);
      await store.applyBatch(target, 1, [put('periods', 'p1', { v: 1 }), put('units', 'u1', { v: 1 })], 5);
      standIn.on('bulkWrite', 2, 'before', crash);
      await expect(store.applyBatch(target, 1, batch, 8)).rejects.toBeInstanceOf(MongoNetworkError);
      expect(await store.checkpoint(target)).toMatchObject({ position: 5 }); // never ahead of the documents

      await store.applyBatch(target, 1, batch, 8);
      expect(standIn.transactionsStarted).toBe(0);
      expect(await store.find(target, 'units')).toEqual([{ v: 2 }, { v: 2 }]);
      expect(await store.checkpoint(target)).toMatchObject({ position: 8 });
    });

    /** Another writer stores a newer document between this batch's read and its write (a standalone race). */
    const raceOnBulkWrite = (standIn: MongoStandIn) =>
      standIn.on('bulkWrite', 1, 'before', () => {
        void standIn.db
          .collection('rankings_g3_units')
          .replaceOne({ _id: 'u1' }, { v: 'newer', _position: 50 }, { upsert: true });
      });

    it('takes a duplicate key from a newer document as already applied', async () => {
      const { standIn, store } = await open(false);
      raceOnBulkWrite(standIn);
      await store.applyBatch(target, 1, [put('units', 'u1', { v: 'older' }, 7)], 8);
      expect(await store.get(target, 'units', 'u1')).toEqual({ v: 'newer' });
      expect(await store.checkpoint(target)).toMatchObject({ position: 8 });
    });

    it.each(['driver', 'write-errors-first'] as const)(
      'does not swallow a write concern error that came with the duplicate keys (%s)',
      async (form) => {
        const { standIn, store } = await open(false);
        raceOnBulkWrite(standIn);
        standIn.on('bulkWrite', 1, 'after', (writeErrors) => {
          expect(writeErrors.map((e) => e.code)).toEqual([DUPLICATE_KEY]);
          return bulkWriteError(
            {
              writeErrors,
              writeConcern: { code: WRITE_CONCERN_FAILED, errmsg: 'waiting for replication timed out' },
            },
            form,
          );
        });
        await expect(
          store.applyBatch(target, 1, [put('units', 'u1', { v: 'older' }, 7)], 8),
        ).rejects.toMatchObject({
          message: expect.stringMatching(/replication timed out|duplicate key/),
        });
        expect(await store.checkpoint(target)).toBeNull(); // not acknowledged: the batch comes again
      },
    );
  });

  it('refuses documents with $-prefixed keys, NaN or Infinity anywhere, writing nothing', async () => {
    const { standIn, store } = await open(true);
    for (const doc of [
      { $set: { a: 1 } },
      { rows: [{ ok: 1 }, { $where: 'x' }] },
      { total: Number.NaN },
      { nested: { deep: [1, Number.POSITIVE_INFINITY] } },
      { total: Number.NEGATIVE_INFINITY },
    ]) {
      await expect(store.applyBatch(target, 1, [put('units', 'u1', doc)], 1)).rejects.toMatchObject({
        code: 'INVALID_DOCUMENT',
      });
    }
    expect(standIn.collectionNames()).toEqual(['_projections']);
  });
});
