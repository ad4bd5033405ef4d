/**
 * Tampering with the SQLite file behind the store's back (a second raw connection), then checking
 * that verifyLog names the right problem and the right event.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';

import { newEvent } from '../testing/event-store.contract.js';
import type { EventMetadata, StoredEvent } from '../event-store.port.js';
import { openSqliteEventStore, type SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { computeDigest, generateSigningKeyPair, signDigest, type SignedDigest } from './digest.js';
import { sealEvent } from './hash-chain.js';
import { rechainLog, resealStream } from '../testing/forger.js';
import { verifyLog, type VerifyReport } from './verify-log.js';

const EMU = 'emulation-c1-2025';
const UNIT = 'unit-hue';
const CLUSTER = 'cluster-c1';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tamper-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let fileCounter = 0;
/** 16 events: EMU 0..9, UNIT 0..3, CLUSTER 0..1, interleaved. */
async function buildLog(): Promise<string> {
  const file = path.join(dir, `log-${++fileCounter}.sqlite`);
  const store = await openSqliteEventStore(file);
  await store.append(CLUSTER, [newEvent('ClusterFormed', { name: 'Cụm thi đua số 1' })], 'no-stream');
  await store.append(
    UNIT,
    [newEvent('UnitRegistered', { name: 'Công an tỉnh Thừa Thiên Huế' })],
    'no-stream',
  );
  for (let i = 0; i < 10; i++) {
    await store.append(
      EMU,
      [newEvent('ScoreRecorded', { unit: UNIT, points: 80 + i })],
      i === 0 ? 'no-stream' : i - 1,
    );
    if (i % 3 === 2) await store.append(UNIT, [newEvent('UnitRenamed', { name: `Công an Huế ${i}` })], 'any');
  }
  await store.append(CLUSTER, [newEvent('ClusterRenamed', { name: 'Cụm số 1' })], 0);
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

function row(
  db: Database.Database,
  streamId: string,
  revision: number,
): { position: number; event_id: string; data: string; metadata: string } {
  const r = db
    .prepare('SELECT position, event_id, data, metadata FROM events WHERE stream_id = ? AND revision = ?')
    .get(streamId, revision);
  if (!r) throw new Error(`no ${streamId}/${revision}`);
  return r as { position: number; event_id: string; data: string; metadata: string };
}

async function verify(file: string, options: Parameters<typeof verifyLog>[1] = {}): Promise<VerifyReport> {
  const store = await openSqliteEventStore(file);
  try {
    return await verifyLog(store, options);
  } finally {
    await store.close();
  }
}

async function withStore<T>(file: string, fn: (s: SqliteEventStore) => Promise<T>): Promise<T> {
  const store = await openSqliteEventStore(file);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

describe('tamper evidence on a SQLite log', () => {
  it('verifies the untouched log', async () => {
    const file = await buildLog();
    expect(await verify(file)).toEqual({ ok: true, checkedEvents: 16, checkedStreams: 3, headPosition: 16 });
  });

  it('(a) an edited event is reported as altered, by stream, revision, position and id', async () => {
    const file = await buildLog();
    const target = raw(file, (db) => {
      db.prepare(
        "UPDATE events SET data = json_set(data, '$.points', 100) WHERE stream_id = ? AND revision = 4",
      ).run(EMU);
      return row(db, EMU, 4);
    });
    const report = await verify(file);
    expect(report.ok).toBe(false);
    expect(report.firstFailure).toMatchObject({
      problem: 'altered',
      streamId: EMU,
      revision: 4,
      position: target.position,
      eventId: target.event_id,
    });
    expect((await verify(file, { streamId: EMU })).firstFailure).toMatchObject({
      problem: 'altered',
      revision: 4,
    });
    expect((await verify(file, { streamId: UNIT })).ok).toBe(true);
  });

  it('(b) a deleted event is reported as removed at its stream, revision and former position', async () => {
    const file = await buildLog();
    const gone = raw(file, (db) => {
      const r = row(db, EMU, 3);
      db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 3').run(EMU);
      return r;
    });
    const report = await verify(file);
    expect(report.firstFailure).toMatchObject({
      problem: 'removed',
      streamId: EMU,
      revision: 3,
      position: gone.position,
    });
    expect(report.firstFailure?.detail).toContain(`${EMU} revision 3 is missing`);
    expect((await verify(file, { streamId: EMU })).firstFailure).toMatchObject({
      problem: 'removed',
      streamId: EMU,
      revision: 3,
    });
  });

  it('(c) swapping the data of two events names the first one as altered', async () => {
    const file = await buildLog();
    const first = raw(file, (db) => {
      const r1 = row(db, EMU, 1);
      const r2 = row(db, EMU, 2);
      const set = db.prepare('UPDATE events SET data = ? WHERE position = ?');
      set.run(r2.data, r1.position);
      set.run(r1.data, r2.position);
      return r1;
    });
    expect((await verify(file)).firstFailure).toMatchObject({
      problem: 'altered',
      streamId: EMU,
      revision: 1,
      position: first.position,
      eventId: first.event_id,
    });
  });

  it('(c) swapping the positions of two events of a stream is reported as reordered at the first', async () => {
    const file = await buildLog();
    const [r1, r2] = raw(file, (db) => {
      const a = row(db, EMU, 1);
      const b = row(db, EMU, 2);
      const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
      move.run(-1, a.position);
      move.run(a.position, b.position);
      move.run(b.position, -1);
      return [a, b];
    });
    const report = await verify(file);
    expect(report.firstFailure).toMatchObject({
      problem: 'reordered',
      streamId: EMU,
      revision: 2,
      position: r1.position,
      eventId: r2.event_id,
    });
    expect(report.firstFailure?.detail).toContain(`revision 1 (position ${r2.position})`);
  });

  it('(c) swapping the revision numbers of two events names the first as altered (revisions are hashed)', async () => {
    const file = await buildLog();
    const r1 = raw(file, (db) => {
      const a = row(db, EMU, 5);
      const renumber = db.prepare('UPDATE events SET revision = ? WHERE stream_id = ? AND revision = ?');
      renumber.run(-1, EMU, 5);
      renumber.run(5, EMU, 6);
      renumber.run(6, EMU, -1);
      return a;
    });
    expect((await verify(file)).firstFailure).toMatchObject({
      problem: 'altered',
      streamId: EMU,
      revision: 6,
      position: r1.position,
      eventId: r1.event_id,
    });
  });

  it('an edited and re-hashed event is still named, through its successor’s link', async () => {
    const file = await buildLog();
    const target = raw(file, (db) => {
      db.prepare(
        "UPDATE events SET data = json_set(data, '$.points', 1) WHERE stream_id = ? AND revision = 2",
      ).run(UNIT);
      const r = row(db, UNIT, 2);
      const { hash: _h, prevHash, ...meta } = JSON.parse(r.metadata) as EventMetadata;
      const sealed = sealEvent(UNIT, 2, prevHash, {
        eventId: r.event_id,
        type: 'UnitRenamed',
        data: JSON.parse(r.data),
        metadata: meta,
      });
      db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(sealed.metadataJson, r.position);
      return r;
    });
    expect((await verify(file)).firstFailure).toMatchObject({
      problem: 'altered',
      streamId: UNIT,
      revision: 2,
      position: target.position,
    });
  });

  it('swapping the content of two consecutive events blames the first whose own hash fails, not its predecessor', async () => {
    const file = await buildLog();
    const seventh = raw(file, (db) => {
      const r7 = row(db, EMU, 7);
      const r8 = row(db, EMU, 8);
      const set = db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?');
      set.run(r8.data, r8.metadata, r7.position);
      set.run(r7.data, r7.metadata, r8.position);
      return r7;
    });
    const report = await verify(file);
    expect(report.firstFailure).toMatchObject({
      problem: 'altered',
      streamId: EMU,
      revision: 7,
      position: seventh.position,
    });
    expect((await verify(file, { streamId: EMU })).firstFailure).toMatchObject({ revision: 7 });
  });

  it('swapping the positions of two events of different streams is reported at the first moved position', async () => {
    const file = await buildLog();
    const [a, b] = raw(file, (db) => {
      // Position 5 is EMU revision 2, position 6 is UNIT revision 1: each stream keeps its own order.
      const x = db.prepare('SELECT stream_id, revision FROM events WHERE position = 5').get() as {
        stream_id: string;
      };
      const y = db.prepare('SELECT stream_id, revision FROM events WHERE position = 6').get() as {
        stream_id: string;
      };
      const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
      move.run(-1, 5);
      move.run(5, 6);
      move.run(6, -1);
      return [x, y];
    });
    expect(a.stream_id).not.toBe(b.stream_id);
    const report = await verify(file);
    expect(report.ok).toBe(false);
    expect(report.firstFailure).toMatchObject({ problem: 'reordered', position: 5, streamId: b.stream_id });
  });

  describe('(d) against a signed digest', () => {
    const keys = generateSigningKeyPair();

    /** Log of 16, digest at 12, then 6 more appends (head 22). */
    async function withDigest(): Promise<{ file: string; digest: SignedDigest }> {
      const file = await buildLog();
      const digest = await withStore(file, async (store) => {
        const d = signDigest(await computeDigest(store, 12), keys.privateKeyPem);
        for (let i = 10; i < 13; i++)
          await store.append(EMU, [newEvent('ScoreRecorded', { points: i })], i - 1);
        await store.append(UNIT, [newEvent('UnitRenamed', { name: 'Công an Thừa Thiên Huế' })], 'exists');
        await store.append(
          'award-decision-1',
          [newEvent('AwardDecisionIssued', { number: '12/QĐ-BCA' }), newEvent('AwardRevoked')],
          'no-stream',
        );
        return d;
      });
      return { file, digest };
    }

    it('takes the heads as of the digest position, whatever was appended since', async () => {
      const { file, digest } = await withDigest();
      const heads = raw(file, (db) =>
        db
          .prepare(
            'SELECT stream_id, MAX(revision) AS revision FROM events WHERE position <= 12 GROUP BY stream_id ORDER BY stream_id',
          )
          .all(),
      ) as Array<{ stream_id: string; revision: number }>;
      expect(digest.heads?.map((h) => [h.streamId, h.revision])).toEqual(
        heads.map((h) => [h.stream_id, h.revision]),
      );
      const again = await withStore(file, (store) => computeDigest(store, 12));
      expect(again.root).toBe(digest.root);
      expect(await verify(file, { against: digest, trustedPublicKeyPem: keys.publicKeyPem })).toMatchObject({
        ok: true,
        headPosition: 22,
      });
    });

    it('catches a truncation that cuts into history covered by the digest', async () => {
      const { file, digest } = await withDigest();
      raw(file, (db) => db.prepare('DELETE FROM events WHERE position > 10').run());
      expect((await verify(file)).ok).toBe(true); // the chains alone cannot see a clean cut at the end
      const report = await verify(file, { against: digest });
      expect(report.ok).toBe(false);
      // The first missing position, not the last revision of a stream that was cut.
      expect(report.firstFailure).toMatchObject({ problem: 'truncated', position: 11 });
      expect(report.firstFailure?.detail).toContain('position 11');
    });

    it('names the first missing position when a stream’s tail inside the digest was deleted', async () => {
      const { file, digest } = await withDigest();
      // UNIT's head in the digest is revision 2 (position 10); every revision from 2 on is deleted.
      const firstGone = raw(file, (db) => {
        const r = row(db, UNIT, 2);
        db.prepare('DELETE FROM events WHERE stream_id = ? AND revision >= 2').run(UNIT);
        return r.position;
      });
      const report = await verify(file, { against: digest });
      expect(report.firstFailure).toMatchObject({
        problem: 'truncated',
        position: firstGone,
        streamId: UNIT,
        revision: 2,
      });
    });

    it('catches a whole stream deleted and the positions closed up, naming the stream', async () => {
      const file = await buildLog();
      const digest = await withStore(file, async (s) =>
        signDigest(await computeDigest(s), keys.privateKeyPem),
      );
      raw(file, (db) => {
        db.prepare('DELETE FROM events WHERE stream_id = ?').run(CLUSTER);
        const rows = db.prepare('SELECT position FROM events ORDER BY position').pluck().all() as number[];
        const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
        rows.forEach((p, i) => move.run(i + 1, p));
      });
      // The log chain no longer leads to the event now at position 1.
      expect((await verify(file)).firstFailure).toMatchObject({ problem: 'rewritten', position: 1 });
      expect((await verify(file, { against: digest })).firstFailure).toMatchObject({
        problem: 'truncated',
        streamId: CLUSTER,
        revision: 0,
        position: 1,
      });
    });

    it('catches a stream rewritten and re-hashed before the digest position', async () => {
      const { file, digest } = await withDigest();
      const head = raw(file, (db) => {
        db.prepare(
          "UPDATE events SET data = json_set(data, '$.points', 0) WHERE stream_id = ? AND revision = 1",
        ).run(EMU);
        resealStream(db, EMU, 1);
        return db
          .prepare('SELECT MAX(position) FROM events WHERE stream_id = ? AND position <= 12')
          .pluck()
          .get(EMU) as number;
      });
      // The stream chain is consistent again, but the log chain recorded the first revision's old hash.
      const rewritten = raw(file, (db) => row(db, EMU, 1));
      const alone = await verify(file);
      expect(alone.firstFailure).toMatchObject({
        problem: 'rewritten',
        streamId: EMU,
        revision: 1,
        position: rewritten.position,
      });
      const report = await verify(file, { against: digest });
      expect(report.firstFailure).toMatchObject({ problem: 'rewritten', streamId: EMU, revision: 1 });
      expect(head).toBeGreaterThan(rewritten.position);
      const oneStream = await verify(file, { against: digest, streamId: EMU });
      expect(oneStream.firstFailure).toMatchObject({ problem: 'rewritten', streamId: EMU });
      expect((await verify(file, { against: digest, streamId: UNIT })).ok).toBe(true);
      const { heads: _heads, ...rootOnly } = digest;
      expect((await verify(file, { against: rootOnly })).firstFailure?.problem).toBe('rewritten');
    });

    it('a forger who moves events across streams and re-chains the whole log is caught by the signed log hash', async () => {
      const { file, digest } = await withDigest();
      expect(digest.logHash).toMatch(/^[0-9a-f]{64}$/);
      raw(file, (db) => {
        const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
        move.run(-1, 5);
        move.run(5, 6);
        move.run(6, -1);
        rechainLog(db);
      });
      expect((await verify(file)).ok).toBe(true); // every chain consistent: only the digest can tell
      const report = await verify(file, { against: digest });
      expect(report.firstFailure).toMatchObject({ problem: 'rewritten', position: 12 });
      expect(report.firstFailure?.detail).toContain('log hash');
    });

    it('refuses a digest whose signature or content was tampered with', async () => {
      const { file, digest } = await withDigest();
      const flipped = digest.signature.startsWith('A')
        ? `B${digest.signature.slice(1)}`
        : `A${digest.signature.slice(1)}`;
      for (const bad of [
        { ...digest, signature: flipped },
        { ...digest, position: 11 },
        { ...digest, heads: digest.heads?.filter((h) => h.streamId !== CLUSTER) ?? [] },
      ]) {
        expect((await verify(file, { against: bad })).firstFailure).toMatchObject({
          problem: 'bad-signature',
        });
      }
      const otherKeys = generateSigningKeyPair();
      const forged = signDigest(await withStore(file, (s) => computeDigest(s, 12)), otherKeys.privateKeyPem);
      expect((await verify(file, { against: forged })).ok).toBe(true);
      expect(
        (await verify(file, { against: forged, trustedPublicKeyPem: keys.publicKeyPem })).firstFailure
          ?.problem,
      ).toBe('bad-signature');
    });
  });

  it('reads positions, revisions and ids exactly as the store wrote them', async () => {
    // Guard for the raw-SQL cases above: the column layout they rely on is the store's.
    const file = await buildLog();
    const viaStore = await withStore(file, (s) => s.readAll({ batchSize: 100 }));
    const viaSql = raw(file, (db) =>
      db.prepare('SELECT position, event_id, stream_id, revision FROM events ORDER BY position').all(),
    ) as Array<{
      position: number;
      event_id: string;
      stream_id: string;
      revision: number;
    }>;
    expect(viaStore.map((e: StoredEvent) => [e.position, e.eventId, e.streamId, e.revision])).toEqual(
      viaSql.map((r) => [r.position, r.event_id, r.stream_id, r.revision]),
    );
  });
});
