/**
 * event_tags: written in the append's transaction with the domain's tagger, rebuilt at open for a file
 * written without them, and checked against the events by verifyTags (a tampered table is found).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

import Database from 'better-sqlite3';
import { type EventTagger, unitTagger } from '@thidua/domain';

import type { EventStore, NewEvent } from '../event-store.port.js';
import { verifyTags } from '../integrity/verify-tags.js';
import { newEvent } from '../testing/event-store.contract.js';
import { EVENT_TAGS_VERSION } from './sqlite-tags.js';
import { openSqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'event-tags-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (): string => path.join(dir, `${randomUUID()}.sqlite`);

/** A small log touching several units, with key tags found across appends and inside one append. */
async function writeLog(store: EventStore): Promise<void> {
  await store.append(
    'unit-u1',
    [newEvent('UnitRegistered', { unitId: 'u1', name: 'Cục Đào tạo' })],
    'no-stream',
  );
  await store.append(
    'unit-u2',
    [newEvent('UnitRegistered', { unitId: 'u2', name: 'Công an tỉnh Huế' })],
    'no-stream',
  );
  await store.append(
    'cluster-c1',
    [
      newEvent('ClusterFormed', { clusterId: 'c1', organizerUnitId: 'u1', number: 7, name: 'Cụm 7' }),
      newEvent('ClusterRenamed', { clusterId: 'c1', number: 8, name: 'Cụm 8' }),
    ],
    'no-stream',
  );
  await store.append('cluster-c1', [newEvent('ClusterDissolved', { clusterId: 'c1', reason: 'x' })], 1);
  await store.append('unit-u2', [newEvent('UnitMerged', { unitId: 'u2', intoUnitId: 'u1', reason: 'y' })], 0);
  await store.append('unit-u3', [newEvent('SomethingElse', { unitId: 'u3' })], 'no-stream');
}

const U1 = [1, 3, 4, 5, 6];
const U2 = [2, 6];

async function tagsOf(store: EventStore): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const tag of ['unit:u1', 'unit:u2', 'unit:u3', 'cluster:c1']) out[tag] = await store.readTagged!(tag);
  return out;
}

async function opened<T>(
  f: string,
  run: (store: EventStore) => Promise<T>,
  options: SqliteEventStoreOptions = {},
) {
  const store = await openSqliteEventStore(f, options);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

describe('event_tags (SQLite)', () => {
  it("tags each event in its append's transaction, finding a key tag of an earlier event", async () => {
    const f = file();
    await opened(f, async (store) => {
      await writeLog(store);
      expect(await tagsOf(store)).toEqual({ 'unit:u1': U1, 'unit:u2': U2, 'unit:u3': [], 'cluster:c1': [3] });
      expect(await store.countTagged!('unit:u1')).toBe(5);
      expect(await store.countTagged!('unit:u1', 4)).toBe(3);
      expect(await store.readTagged!('unit:u1', { after: 3, limit: 2 })).toEqual([4, 5]);
      expect(await store.readTagged!('unit:u1', { after: 2, to: 5 })).toEqual([3, 4, 5]);
      expect((await verifyTags(store, unitTagger)).ok).toBe(true);
    });
  });

  it('rebuilds the tags of a file written before them at open, equal to those written live', async () => {
    const f = file();
    await opened(f, writeLog);
    const db = new Database(f);
    db.exec(`DROP TABLE event_tags; DELETE FROM meta WHERE key = '${EVENT_TAGS_VERSION}'`);
    db.close();
    await opened(f, async (store) => {
      expect(await tagsOf(store)).toEqual({ 'unit:u1': U1, 'unit:u2': U2, 'unit:u3': [], 'cluster:c1': [3] });
    });
  });

  it('rebuilds them after a store without a tagger appended, and when the tagger changes', async () => {
    const f = file();
    await opened(f, writeLog);
    await opened(
      f,
      async (store) => {
        await store.append('unit-u1', [newEvent('UnitDissolved', { unitId: 'u1', reason: 'z' })], 0);
        expect(await store.readTagged!('unit:u1')).toEqual(U1); // not tagged by this store
      },
      { tagger: null },
    );
    await opened(f, async (store) => expect(await store.readTagged!('unit:u1')).toEqual([...U1, 8]));
    const everything: EventTagger = {
      version: 'test-all-1',
      keyOf: () => undefined,
      tagsOf: (e) => [`type:${e.type}`],
    };
    await opened(
      f,
      async (store) => {
        expect(await store.readTagged!('type:UnitRegistered')).toEqual([1, 2]);
        expect(await store.readTagged!('unit:u1')).toEqual([]);
        await store.append('unit-u9', [newEvent('UnitRegistered', { unitId: 'u9', name: 'n' })], 'no-stream');
        expect(await store.readTagged!('type:UnitRegistered')).toEqual([1, 2, 9]);
      },
      { tagger: everything },
    );
    await opened(f, async (store) => expect(await store.readTagged!('unit:u9')).toEqual([9]));
  });

  it('tags nothing of an append refused for a reused event id, and the replay returns the stored result', async () => {
    const f = file();
    await opened(f, async (store) => {
      const e: NewEvent = newEvent('UnitRegistered', { unitId: 'u5', name: 'n' });
      const first = await store.append('unit-u5', [e], 'no-stream');
      const again = await store.append('unit-u5', [e], 'no-stream');
      expect(again.duplicate).toBe(true);
      await expect(
        store.append('unit-u6', [newEvent('UnitRegistered', { unitId: 'u6', name: 'm' }), e], 'no-stream'),
      ).rejects.toThrow();
      expect(await store.readTagged!('unit:u5')).toEqual([first.position]);
      expect(await store.readTagged!('unit:u6')).toEqual([]);
      expect((await verifyTags(store, unitTagger)).ok).toBe(true);
    });
  });

  it('verifyTags finds a tag row deleted (an event hidden from a unit) or added', async () => {
    const f = file();
    await opened(f, writeLog);
    const db = new Database(f);
    db.prepare("DELETE FROM event_tags WHERE tag = 'unit:u2' AND position = 6").run();
    db.prepare("INSERT INTO event_tags (tag, position) VALUES ('unit:u1', 2)").run();
    db.close();
    await opened(f, async (store) => {
      const report = await verifyTags(store, unitTagger);
      expect(report).toMatchObject({ ok: false, events: 7, tags: 3 });
      expect(report.failures).toEqual([
        { problem: 'extra', tag: 'unit:u1', position: 2 },
        { problem: 'missing', tag: 'unit:u2', position: 6 },
      ]);
    });
  });
});
