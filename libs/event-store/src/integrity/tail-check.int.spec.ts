import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';

import { openSqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { newEvent } from '../testing/event-store.contract.js';
import { GENESIS_HASH, logChainHash } from './hash-chain.js';
import { verifyTail } from './tail-check.js';
import { VerifyingEventStore } from './verifying-event-store.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tail-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let counter = 0;
async function logOf(events: number): Promise<string> {
  const file = path.join(dir, `log-${++counter}.sqlite`);
  const store = await openSqliteEventStore(file);
  for (let i = 0; i < events; i++)
    await store.append(`s-${i % 3}`, [newEvent('ScoreRecorded', { points: i })], 'any');
  await store.close();
  return file;
}

async function withStore<T>(file: string, fn: (s: VerifyingEventStore) => Promise<T>): Promise<T> {
  const store = new VerifyingEventStore(await openSqliteEventStore(file));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function sql(file: string, text: string): void {
  const db = new Database(file);
  db.exec(text);
  db.close();
}

describe('verifyTail (start-up check)', () => {
  it('checks the whole log the first time, then only what follows the anchor', async () => {
    const file = await logOf(12);
    const first = await withStore(file, (s) => verifyTail(s));
    expect(first).toMatchObject({ checkedEvents: 12, anchor: { position: 12 } });
    expect(first.anchor.logHash).toMatch(/^[0-9a-f]{64}$/);
    await withStore(file, (s) => s.append('s-0', [newEvent('ScoreRecorded', { points: 1 })], 'any'));
    const second = await withStore(file, (s) => verifyTail(s, first.anchor));
    expect(second).toMatchObject({ checkedEvents: 1, anchor: { position: 13 } });
    expect(second.failure).toBeUndefined();
  });

  it('names an edited event after the anchor and records it for readiness and appends', async () => {
    const file = await logOf(12);
    const { anchor } = await withStore(file, (s) => verifyTail(s));
    await withStore(file, async (s) => {
      for (let i = 0; i < 4; i++) await s.append('s-1', [newEvent('ScoreRecorded', { points: i })], 'any');
    });
    sql(file, `UPDATE events SET data = json_set(data, '$.points', 77) WHERE position = 14`);
    await withStore(file, async (s) => {
      const result = await verifyTail(s, anchor);
      expect(result.failure).toMatchObject({ problem: 'altered', position: 14 });
      expect(s.failures()).toHaveLength(1);
    });
  });

  it('refuses a log truncated below the anchor, or rewritten and re-chained up to it', async () => {
    const file = await logOf(12);
    const { anchor } = await withStore(file, (s) => verifyTail(s));
    const copy = path.join(dir, 'copy.sqlite');
    fs.copyFileSync(file, copy);
    sql(file, 'DELETE FROM events WHERE position > 9');
    expect((await withStore(file, (s) => verifyTail(s, anchor))).failure).toMatchObject({
      problem: 'truncated',
      position: 12,
    });
    // A forger changes position 3's stream order away and recomputes every log hash.
    const db = new Database(copy);
    const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
    move.run(-1, 3);
    move.run(3, 4);
    move.run(4, -1);
    const rows = db.prepare('SELECT position, metadata FROM events ORDER BY position').all() as Array<{
      position: number;
      metadata: string;
    }>;
    let logHash = GENESIS_HASH;
    for (const r of rows) {
      logHash = logChainHash(logHash, (JSON.parse(r.metadata) as { hash: string }).hash);
      db.prepare('UPDATE events SET log_hash = ? WHERE position = ?').run(logHash, r.position);
    }
    db.close();
    expect((await withStore(copy, (s) => verifyTail(s, anchor))).failure).toMatchObject({
      problem: 'rewritten',
      position: 12,
    });
  });
});
