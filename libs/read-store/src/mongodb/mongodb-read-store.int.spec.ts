import { MongoClient } from 'mongodb';
import { describeReadStoreContract } from '../testing/read-store.contract.js';
import { openMongoReadStore } from './mongodb-read-store.js';

// Runs only where a MongoDB server exists (no Docker engine on the build machines).
const uri = process.env.MONGODB_URI;
const suite = uri ? describe : describe.skip;
const dbName = `thi_dua_contract_${process.pid}_${Date.now()}`;

suite('MongoDB read store', () => {
  afterAll(async () => {
    const client = new MongoClient(uri as string);
    await client.connect();
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  describeReadStoreContract('mongodb', () => openMongoReadStore(uri as string, dbName));

  it('names collections by projection, generation and collection, with _position', async () => {
    const store = await openMongoReadStore(uri as string, dbName);
    const target = { projection: 'layout', generation: 4 };
    await store.applyBatch(
      target,
      1,
      [{ op: 'put', collection: 'units', id: 'u1', doc: { name: 'Đà Nẵng' } }],
      9,
    );
    await store.activate('layout', 4);
    await store.close();
    const client = new MongoClient(uri as string);
    await client.connect();
    const db = client.db(dbName);
    expect(await db.collection('layout_g4_units').findOne({ _id: 'u1' as never })).toEqual({
      _id: 'u1',
      name: 'Đà Nẵng',
      _position: 9,
    });
    expect(await db.collection('_projections').findOne({ _id: 'active/layout' as never })).toMatchObject({
      generation: 4,
    });
    await client.close();
  });
});
