/**
 * A log written before the log-wide chain existed (no `log_hash` column) opens, gets the column filled
 * deterministically, verifies, and later appends continue the chain.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';

import { newEvent } from '../testing/event-store.contract.js';
import { GENESIS_HASH, logChainHash, sealEvent } from '../integrity/hash-chain.js';
import { verifyLog } from '../integrity/verify-log.js';
import { LOG_CHAIN_MIGRATED_AT } from './schema.js';
import { openSqliteEventStore } from './sqlite-event-store.js';

/** The table as the store created it before the log chain (and nothing else). */
const OLD_DDL = `CREATE TABLE events (
  position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
  revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
  UNIQUE (stream_id, revision))`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-chain-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeOldFile(file: string): string[] {
  const db = new Database(file);
  db.exec(OLD_DDL);
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)');
  const heads = new Map<string, { revision: number; hash: string }>();
  const hashes: string[] = [];
  for (let i = 0; i < 30; i++) {
    const streamId = `s-${i % 4}`;
    const head = heads.get(streamId);
    const revision = head ? head.revision + 1 : 0;
    const e = newEvent('ScoreRecorded', { points: i, note: 'Công an tỉnh Thừa Thiên Huế' });
    const sealed = sealEvent(streamId, revision, head?.hash ?? GENESIS_HASH, e);
    insert.run(i + 1, e.eventId, streamId, revision, e.type, sealed.dataJson, sealed.metadataJson);
    heads.set(streamId, { revision, hash: sealed.hash });
    hashes.push(sealed.hash);
  }
  db.close();
  return hashes;
}

describe('log chain on a file written before it', () => {
  it('fills log_hash in position order, verifies, and chains later appends', async () => {
    const file = path.join(dir, 'old.sqlite');
    const hashes = writeOldFile(file);
    const store = await openSqliteEventStore(file);
    const events = await store.readAll({ batchSize: 100 });
    let expected = GENESIS_HASH;
    expect(events.map((e) => e.logHash)).toEqual(hashes.map((h) => (expected = logChainHash(expected, h))));
    expect(await verifyLog(store)).toMatchObject({ ok: true, checkedEvents: 30 });
    const appended = await store.append('s-1', [newEvent('ScoreRecorded', { points: 99 })], 'exists');
    const [last] = await store.readAll({ after: appended.position - 1 });
    expect(last?.logHash).toBe(logChainHash(expected, last!.metadata.hash));
    await store.close();

    // Reopened: nothing is recomputed, the migration mark stays where it was.
    const again = await openSqliteEventStore(file);
    expect(await verifyLog(again)).toMatchObject({ ok: true, checkedEvents: 31 });
    await again.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(LOG_CHAIN_MIGRATED_AT)).toBe('30');
    db.close();
  });

  it('gives two copies of the same old file the same log hashes', async () => {
    const a = path.join(dir, 'a.sqlite');
    writeOldFile(a);
    const b = path.join(dir, 'b.sqlite');
    fs.copyFileSync(a, b);
    const read = async (file: string) => {
      const store = await openSqliteEventStore(file);
      const logHashes = (await store.readAll({ batchSize: 100 })).map((e) => e.logHash);
      await store.close();
      return logHashes;
    };
    expect(await read(a)).toEqual(await read(b));
  });
});
