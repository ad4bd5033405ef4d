/**
 * confirmedHashes (SQLite): the stored hash of each event at the positions asked, only where the row's
 * stored bytes still hash to it. Tampered rows behind the store's back (a second raw connection) are left
 * out, for the caller to read in full; a resealed row is confirmed with its new hash.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';

import { IntegrityError } from '../errors.js';
import { newEvent } from '../testing/event-store.contract.js';
import { resealStream } from '../testing/forger.js';
import { openSqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { VerifyingEventStore } from './verifying-event-store.js';

const EMU = 'emulation-c1-2025';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confirmed-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function raw(file: string, sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

describe('confirmedHashes (SQLite)', () => {
  it('confirms untampered rows with their stored hash and leaves out tampered ones and missing positions', async () => {
    const file = path.join(dir, 'log.sqlite');
    const store = await openSqliteEventStore(file);
    for (let i = 0; i < 6; i++)
      await store.append(
        EMU,
        [newEvent('ScoreRecorded', { unitId: 'cuc-anm', points: 80 + i, note: 'Điểm tự chấm' })],
        i === 0 ? 'no-stream' : i - 1,
      );
    const events = await store.readAll();
    const hashes = new Map(events.map((e) => [e.position, e.metadata.hash]));
    const verifying = new VerifyingEventStore(store);
    expect(verifying.confirmedHashes).toBeDefined();
    // Asked out of order, with a position past the head: the same hashes the events carry, no more.
    expect(await verifying.confirmedHashes!([3, 1, 99, 2, 4, 5, 6])).toEqual(hashes);

    // Data edited without its hash; the stored hash edited alone; metadata that is no longer JSON.
    raw(file, "UPDATE events SET data = replace(data, '81', '99') WHERE position = 2");
    raw(
      file,
      'UPDATE events SET metadata = replace(metadata, ?, ?) WHERE position = 3',
      hashes.get(3),
      'f'.repeat(64),
    );
    raw(file, 'UPDATE events SET metadata = substr(metadata, 2) WHERE position = 4');
    const confirmed = await verifying.confirmedHashes!([1, 2, 3, 4, 5, 6]);
    expect([...confirmed.keys()]).toEqual([1, 5, 6]);
    // What is left out is what the full check refuses.
    await expect(verifying.readPositions!([2])).rejects.toBeInstanceOf(IntegrityError);
    await expect(verifying.readPositions!([3])).rejects.toBeInstanceOf(IntegrityError);

    // A forger who re-seals the stream's last revision after editing it: confirmed, with its new hash.
    raw(file, "UPDATE events SET data = replace(data, '85', '50') WHERE position = 6");
    expect([...(await verifying.confirmedHashes!([5, 6])).keys()]).toEqual([5]);
    const db = new Database(file);
    try {
      resealStream(db, EMU, 5);
    } finally {
      db.close();
    }
    const resealed = await verifying.confirmedHashes!([5, 6]);
    expect(resealed.get(5)).toBe(hashes.get(5));
    expect(resealed.get(6)).not.toBe(hashes.get(6));
    expect(resealed.get(6)).toBe((await store.readPositions([6]))[0]!.metadata.hash);
    await store.close();
  });
});
