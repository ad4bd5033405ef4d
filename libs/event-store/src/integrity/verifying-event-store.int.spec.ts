/**
 * The serving path's check: a SQLite log edited behind the store's back (raw SQL, as an attacker with the
 * file would) is never read as whole through VerifyingEventStore, and nothing is appended onto it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';

import { IntegrityError } from '../errors.js';
import type { EventMetadata, StoredEvent } from '../event-store.port.js';
import { openSqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { newEvent } from '../testing/event-store.contract.js';
import { sealEvent } from './hash-chain.js';
import { VerifyingEventStore } from './verifying-event-store.js';

const YEAR = 'emulation-c1-2025';
const UNIT = 'unit-hue';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verifying-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let counter = 0;
/** YEAR revisions 0..9 and UNIT revisions 0..3, interleaved: 14 events. */
async function buildLog(): Promise<string> {
  const file = path.join(dir, `log-${++counter}.sqlite`);
  const store = await openSqliteEventStore(file);
  await store.append(
    UNIT,
    [newEvent('UnitRegistered', { name: 'Công an tỉnh Thừa Thiên Huế' })],
    'no-stream',
  );
  for (let i = 0; i < 10; i++) {
    await store.append(
      YEAR,
      [newEvent('ScoreRecorded', { unitId: UNIT, points: 80 + i })],
      i === 0 ? 'no-stream' : i - 1,
    );
    if (i % 3 === 2)
      await store.append(UNIT, [newEvent('UnitRenamed', { name: `Công an Huế ${i}` })], 'exists');
  }
  await store.close();
  return file;
}

function raw<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

function positionOf(db: Database.Database, streamId: string, revision: number): number {
  return db
    .prepare('SELECT position FROM events WHERE stream_id = ? AND revision = ?')
    .pluck()
    .get(streamId, revision) as number;
}

async function open(file: string): Promise<VerifyingEventStore> {
  return new VerifyingEventStore(await openSqliteEventStore(file));
}

async function failureOf(read: Promise<unknown>): Promise<IntegrityError> {
  const error = await read.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IntegrityError);
  return error as IntegrityError;
}

describe('VerifyingEventStore over a SQLite log', () => {
  it('reads an untouched log, from any revision or position, exactly as the store does', async () => {
    const file = await buildLog();
    const store = await open(file);
    expect(await store.readAll({ batchSize: 100 })).toEqual(
      await store.unverified.readAll({ batchSize: 100 }),
    );
    expect(await store.readStream(YEAR, { fromRevision: 6, maxCount: 2 })).toHaveLength(2);
    expect(await store.readAll({ after: 7, batchSize: 3 })).toHaveLength(3);
    expect(store.failures()).toEqual([]);
    await store.append(YEAR, [newEvent('ScoreRecorded', { points: 1 })], 9);
    expect(await store.readStream(YEAR)).toHaveLength(11);
    await store.close();
  });

  it('refuses an edited score on every read path, names it, and appends nothing onto its stream', async () => {
    const file = await buildLog();
    const position = raw(file, (db) => {
      db.prepare(
        "UPDATE events SET data = json_set(data, '$.points', 50) WHERE stream_id = ? AND revision = 4",
      ).run(YEAR);
      return positionOf(db, YEAR, 4);
    });
    const store = await open(file);
    const expected = { problem: 'altered', scope: 'stream', streamId: YEAR, revision: 4, position };
    expect((await failureOf(store.readStream(YEAR))).failure).toMatchObject(expected);
    expect((await failureOf(store.readAll({ batchSize: 100 }))).failure).toMatchObject(expected);
    expect(store.failureOf(YEAR)).toMatchObject(expected);

    const head = await store.headPosition();
    const refused = await failureOf(store.append(YEAR, [newEvent('ScoreRecorded', { points: 1 })], 'any'));
    expect(refused.code).toBe('INTEGRITY_FAILURE');
    expect(refused.message).toContain('nothing was written');
    expect(await store.headPosition()).toBe(head);
    // Another stream is not affected.
    await store.append(UNIT, [newEvent('UnitRenamed', { name: 'Công an tỉnh Thừa Thiên Huế' })], 'exists');
    await store.close();
  });

  it('refuses an event read by position once it is edited, also after the same events were read whole', async () => {
    const file = await buildLog();
    const store = await open(file);
    const [p2, p7] = raw(file, (db) => [positionOf(db, YEAR, 2), positionOf(db, YEAR, 7)]);
    // Read by readPositions' own connection (its page cache holds the page) before the edit.
    expect((await store.readPositions!([p7, p2])).map((e) => [e.position, e.revision])).toEqual([
      [p7, 7],
      [p2, 2],
    ]);
    raw(file, (db) =>
      db.prepare("UPDATE events SET data = json_set(data, '$.points', 50) WHERE position = ?").run(p7),
    );
    expect((await failureOf(store.readPositions!([p2, p7]))).failure).toMatchObject({
      problem: 'altered',
      streamId: YEAR,
      revision: 7,
      position: p7,
    });
    // The unedited one still reads.
    expect((await store.readPositions!([p2])).map((e) => e.data['points'])).toEqual([82]);
    await store.close();
  });

  it('refuses an edited event read by position or id whose stored hash was taken out of its metadata', async () => {
    const file = await buildLog();
    const [position, eventId] = raw(file, (db) => {
      const at = positionOf(db, YEAR, 5);
      db.prepare(
        "UPDATE events SET data = json_set(data, '$.points', 50), metadata = json_remove(metadata, '$.hash') WHERE position = ?",
      ).run(at);
      return [at, db.prepare('SELECT event_id FROM events WHERE position = ?').pluck().get(at) as string];
    });
    const store = await open(file);
    const expected = { problem: 'altered', streamId: YEAR, revision: 5, position };
    // No stored hash is not a match: out of order, only the event's own hash guards it.
    expect((await failureOf(store.readPositions!([position]))).failure).toMatchObject(expected);
    expect((await failureOf(store.findEvent!(YEAR, eventId))).failure).toMatchObject(expected);
    await store.close();
  });

  it('refuses a rewritten type column and a deleted row (the log as a whole)', async () => {
    const typed = await buildLog();
    raw(typed, (db) =>
      db.prepare("UPDATE events SET type = 'ScoreWithdrawn' WHERE stream_id = ? AND revision = 2").run(YEAR),
    );
    const a = await open(typed);
    expect((await failureOf(a.readStream(YEAR))).failure).toMatchObject({ problem: 'altered', revision: 2 });
    await a.close();

    const deleted = await buildLog();
    const gone = raw(deleted, (db) => {
      const p = positionOf(db, YEAR, 3);
      db.prepare('DELETE FROM events WHERE position = ?').run(p);
      return p;
    });
    const b = await open(deleted);
    expect((await failureOf(b.readAll({ batchSize: 100 }))).failure).toMatchObject({
      problem: 'gap',
      scope: 'log',
      position: gone,
    });
    expect((await failureOf(b.readStream(YEAR))).failure).toMatchObject({ problem: 'removed', revision: 3 });
    // A broken log takes no append at all.
    await failureOf(b.append(UNIT, [newEvent('UnitRenamed', { name: 'x' })], 'exists'));
    await b.close();
  });

  it('names a re-hashed predecessor when a read starts after it', async () => {
    const file = await buildLog();
    const position = raw(file, (db) => {
      const r = db
        .prepare('SELECT event_id, data, metadata FROM events WHERE stream_id = ? AND revision = 4')
        .get(YEAR) as { event_id: string; data: string; metadata: string };
      const { hash: _h, prevHash, ...meta } = JSON.parse(r.metadata) as EventMetadata;
      const data = { ...(JSON.parse(r.data) as Record<string, unknown>), points: 100 };
      const sealed = sealEvent(YEAR, 4, prevHash, {
        eventId: r.event_id,
        type: 'ScoreRecorded',
        data,
        metadata: meta,
      });
      db.prepare('UPDATE events SET data = ?, metadata = ? WHERE event_id = ?').run(
        sealed.dataJson,
        sealed.metadataJson,
        r.event_id,
      );
      return positionOf(db, YEAR, 4);
    });
    const store = await open(file);
    expect((await failureOf(store.readStream(YEAR, { fromRevision: 5 }))).failure).toMatchObject({
      problem: 'altered',
      streamId: YEAR,
      revision: 4,
      position,
    });
    await store.close();
  });

  it('moves across streams break the log chain on a read of the log', async () => {
    const file = await buildLog();
    raw(file, (db) => {
      const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
      // Position 4 is YEAR revision 2, position 5 is UNIT revision 1: each stream keeps its order.
      move.run(-1, 4);
      move.run(4, 5);
      move.run(5, -1);
    });
    const store = await open(file);
    expect((await store.readStream(YEAR)).length).toBe(10); // each stream alone is intact
    expect((await failureOf(store.readAll({ batchSize: 100 }))).failure).toMatchObject({
      problem: 'rewritten',
      scope: 'log',
      position: 4,
      streamId: UNIT,
    });
    await store.close();
  });

  it('a subscription delivers the events before a broken one, then stops with the failure', async () => {
    const file = await buildLog();
    const position = raw(file, (db) => {
      db.prepare(
        "UPDATE events SET data = json_set(data, '$.points', 0) WHERE stream_id = ? AND revision = 6",
      ).run(YEAR);
      return positionOf(db, YEAR, 6);
    });
    const store = await open(file);
    const delivered: StoredEvent[] = [];
    const error = await new Promise<unknown>((resolve) => {
      store.subscribe(0, {
        onEvents: async (events) => {
          delivered.push(...events);
        },
        onError: resolve,
      });
    });
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as IntegrityError).failure).toMatchObject({ streamId: YEAR, revision: 6, position });
    expect(delivered.map((e) => e.position)).toEqual(Array.from({ length: position - 1 }, (_, i) => i + 1));
    await store.close();
  });
});
