/**
 * SqliteEventStore.commitAppends: the group commit without a promise per append (what the append thread
 * calls once per turn, and flush once per group). Each append is checked on its own, in order, against the
 * effects of the earlier ones; a refusal fails alone; a failed transaction fails all of its appends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';

import {
  EventIdConflictError,
  InvalidAppendError,
  PartialDuplicateError,
  RevisionConflictError,
  StorageError,
  StoreClosedError,
} from '../errors.js';
import type { AppendResult } from '../event-store.port.js';
import { newEvent } from '../testing/event-store.contract.js';
import { openSqliteEventStore, type AppendInput, type CommitOutcome } from './sqlite-event-store.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'commit-appends-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
let files = 0;
const tempFile = (): string => path.join(work, `events-${++files}.sqlite`);

const rowsOf = (file: string): unknown[][] => {
  const raw = new Database(file, { readonly: true });
  const rows = raw.prepare('SELECT * FROM events ORDER BY position').raw().all() as unknown[][];
  raw.close();
  return rows;
};
const result = (outcome: CommitOutcome | undefined): AppendResult => {
  if (!outcome?.ok) throw new Error(`expected a result, got ${String(outcome?.error)}`);
  return outcome.result;
};
const error = (outcome: CommitOutcome | undefined): unknown => {
  if (outcome?.ok !== false) throw new Error('expected a refusal');
  return outcome.error;
};

describe('SqliteEventStore.commitAppends', () => {
  it('checks each append in order against the earlier ones; refusals fail alone, replays answer as stored', async () => {
    const file = tempFile();
    const store = await openSqliteEventStore(file);
    const a = newEvent('A');
    await store.append('s-1', [a], 'no-stream'); // position 1
    const [d, e] = [newEvent('D'), newEvent('E')];
    const outcomes = store.commitAppends([
      { streamId: 's-1', events: [newEvent('B')], expected: 0 }, // 0: lands, position 2
      { streamId: 's-1', events: [newEvent('C')], expected: 0 }, // 1: stale, B took revision 1
      { streamId: 's-2', events: [d, e], expected: 'no-stream' }, // 2: lands, positions 3, 4
      { streamId: 's-1', events: [a], expected: 'no-stream' }, // 3: a replay, answered as stored
      { streamId: 's-1', events: [newEvent('F')], expected: 1 }, // 4: sees B, not C: lands, position 5
      { streamId: 's-3', events: [newEvent('G', {}, d.eventId)], expected: 'any' }, // 5: D's id, in s-2
      { streamId: 's-2', events: [d, newEvent('H')], expected: 'any' }, // 6: only some ids stored
      { streamId: 's-2', events: [d, e], expected: 'no-stream' }, // 7: a replay of 2, same group
      { streamId: '$s', events: [newEvent('I')], expected: 'any' }, // 8: invalid
      { streamId: 's-3', events: [newEvent('J')], expected: 'no-stream' }, // 9: 5 created nothing
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([
      true,
      false,
      true,
      true,
      true,
      false,
      false,
      true,
      false,
      true,
    ]);
    expect(result(outcomes[0])).toMatchObject({ revision: 1, position: 2, positions: [2], duplicate: false });
    expect(error(outcomes[1])).toBeInstanceOf(RevisionConflictError);
    expect(error(outcomes[1])).toMatchObject({ streamId: 's-1', expected: '0', actual: 1 });
    expect(result(outcomes[2])).toEqual({
      streamId: 's-2',
      revision: 1,
      position: 4,
      eventIds: [d.eventId, e.eventId],
      positions: [3, 4],
      duplicate: false,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
    expect(result(outcomes[3])).toMatchObject({ revision: 0, position: 1, duplicate: true });
    expect(result(outcomes[4])).toMatchObject({ streamId: 's-1', revision: 2, position: 5 });
    expect(error(outcomes[5])).toBeInstanceOf(EventIdConflictError);
    expect(error(outcomes[6])).toBeInstanceOf(PartialDuplicateError);
    expect(result(outcomes[7])).toEqual({ ...result(outcomes[2]), duplicate: true });
    expect(error(outcomes[8])).toMatchObject({ code: 'RESERVED_NAME' });
    expect(error(outcomes[8])).toBeInstanceOf(InvalidAppendError);
    expect(result(outcomes[9])).toMatchObject({ streamId: 's-3', revision: 0, position: 6 });
    await store.close();
    expect(rowsOf(file).map((r) => [r[0], r[2], r[3], r[4]])).toEqual([
      [1, 's-1', 0, 'A'],
      [2, 's-1', 1, 'B'],
      [3, 's-2', 0, 'D'],
      [4, 's-2', 1, 'E'],
      [5, 's-1', 2, 'F'],
      [6, 's-3', 0, 'J'],
    ]);
  });

  it('writes the same rows, hashes and log chain as the same appends committed one by one', async () => {
    const files = [tempFile(), tempFile()];
    const appends: AppendInput[] = Array.from({ length: 40 }, (_, i) => ({
      streamId: `s-${i % 5}`,
      events: [newEvent('A', { i, text: 'Công an tỉnh Thừa Thiên Huế' }), newEvent('B', { i })],
      expected: i < 5 ? 'no-stream' : Math.floor(i / 5) * 2 - 1,
    }));
    const [one, each] = [
      await openSqliteEventStore(files[0] as string),
      await openSqliteEventStore(files[1] as string),
    ];
    const together = one.commitAppends(appends);
    const alone: AppendResult[] = [];
    for (const a of appends) alone.push(await each.append(a.streamId, a.events, a.expected));
    expect(together.map(result)).toEqual(alone);
    await Promise.all([one.close(), each.close()]);
    expect(rowsOf(files[0] as string)).toHaveLength(80);
    expect(rowsOf(files[0] as string)).toEqual(rowsOf(files[1] as string));
  });

  it('keeps the order across transactions when given more appends than one group holds', async () => {
    const file = tempFile();
    const store = await openSqliteEventStore(file);
    const outcomes = store.commitAppends(
      Array.from({ length: 2100 }, (_, i) => ({
        streamId: 's',
        events: [newEvent('A', { i })],
        expected: i === 0 ? ('no-stream' as const) : i - 1,
      })),
    );
    expect(outcomes.map((o) => result(o).position)).toEqual(Array.from({ length: 2100 }, (_, i) => i + 1));
    await store.close();
    expect(rowsOf(file).map((r) => JSON.parse(r[5] as string) as unknown)).toEqual(
      Array.from({ length: 2100 }, (_, i) => ({ i })),
    );
  });

  it('fails every append of a transaction that cannot commit, and stores none of them', async () => {
    const file = tempFile();
    const store = await openSqliteEventStore(file);
    await store.append('s-1', [newEvent('A')], 'no-stream');
    store.setMaxPageCount(1); // the file may not grow
    const big = { text: 'x'.repeat(200_000) };
    const outcomes = store.commitAppends([
      { streamId: 's-1', events: [newEvent('B')], expected: 0 },
      { streamId: 's-2', events: [newEvent('C', big)], expected: 'no-stream' },
    ]);
    expect(outcomes.map(error)).toEqual([expect.any(StorageError), expect.any(StorageError)]);
    expect(error(outcomes[0])).toMatchObject({ code: 'STORAGE_FULL' });
    store.setMaxPageCount(undefined);
    expect(
      result(store.commitAppends([{ streamId: 's-1', events: [newEvent('B')], expected: 0 }])[0]),
    ).toMatchObject({
      revision: 1,
      position: 2,
    });
    await store.close();
    expect(rowsOf(file)).toHaveLength(2);
  });

  it('refuses to run on a closed store', async () => {
    const store = await openSqliteEventStore(tempFile());
    await store.close();
    expect(() => store.commitAppends([{ streamId: 's', events: [newEvent('A')], expected: 'any' }])).toThrow(
      StoreClosedError,
    );
  });
});
