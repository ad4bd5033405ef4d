import { IntegrityError, VerifyingEventStore, type EventStore, type StoredEvent } from '@thidua/event-store';
import type { ReadStore } from '@thidua/read-store';
import { ProjectionRunner } from '../runner/projection-runner.js';
import {
  C7,
  HA_TINH,
  HT_UNIT,
  MINISTRY,
  playCluster7,
} from '../testing/yearly-totals/cluster-7-2023.scenario.js';
import { openEvents, openReads, reachHead, TempDir } from '../testing/yearly-totals/projection-check.js';
import { KeptHistoryEntries, readUnitHistoryEntries } from './kept-entries.js';
import { pageBytes } from './page-bytes.js';
import { KeptHistoryDocs } from './lookups.js';
import { UNIT_HISTORY_PROJECTION } from './unit-history.documents.js';
import { unitHistoryProjection } from './unit-history.projection.js';
import { readUnitHistory, type HistoryFilter } from './unit-history.query.js';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const UNITS = [MINISTRY.id, ...Object.values(C7).map((u) => u.id), HA_TINH.id, HT_UNIT.id];

describe('KeptHistoryEntries: history entries kept as their JSON bytes (real SQLite stores and runner)', () => {
  let sqlite: EventStore;
  let events: VerifyingEventStore;
  let reads: ReadStore;
  let runner: ProjectionRunner;
  /** Events read by position through the check, and an edit made to the rows as they are read. */
  const probe = { read: 0, alter: undefined as number | undefined };

  beforeAll(async () => {
    sqlite = await openEvents(tmp.file('events'));
    const readPositions = sqlite.readPositions!.bind(sqlite);
    // The log as the check reads it: counted, and one event's data changed behind its hash on demand.
    const underneath = new Proxy(sqlite, {
      get: (store, key) =>
        key === 'readPositions'
          ? async (positions: readonly number[]): Promise<StoredEvent[]> => {
              probe.read += positions.length;
              return (await readPositions(positions)).map((e) =>
                e.position === probe.alter ? { ...e, data: { ...e.data, edited: true } } : e,
              );
            }
          : (store[key as keyof EventStore] as unknown),
    });
    events = new VerifyingEventStore(underneath);
    reads = await openReads(tmp.file('reads'));
    runner = new ProjectionRunner(events, reads, [unitHistoryProjection()], { batchSize: 3 });
    await runner.start();
    await playCluster7(events, { corrections: 300, onStep: () => reachHead(runner, events) });
    await reachHead(runner, events);
  });
  afterAll(async () => {
    await runner.stop();
    await reads.close();
    await sqlite.close();
  });

  /** Every page of every unit, paged by 7 (filtered when asked): as bytes through `entries`, and the plain pages. */
  async function allPages(entries: KeptHistoryEntries, filter?: HistoryFilter) {
    const target = runner.target(UNIT_HISTORY_PROJECTION);
    const docs = new KeptHistoryDocs(() => runner.servedPosition(UNIT_HISTORY_PROJECTION));
    const asked: Array<{ unitId: string; after: number; bytes: Buffer }> = [];
    probe.read = 0;
    for (const unitId of UNITS)
      for (let after = 0, guard = 0; guard < 100; guard++) {
        const page = await readUnitHistoryEntries(
          reads,
          events,
          target,
          unitId,
          after,
          7,
          filter,
          docs,
          entries,
        );
        asked.push({ unitId, after, bytes: pageBytes(page) });
        if (page.nextAfter === null) break;
        after = page.nextAfter;
      }
    const eventsRead = probe.read;
    const plain = await Promise.all(
      asked.map(({ unitId, after }) => readUnitHistory(reads, events, target, unitId, after, 7, filter)),
    );
    return {
      bytes: asked.map((a) => a.bytes),
      plain: plain.map((p) => Buffer.from(JSON.stringify(p))),
      eventsRead,
    };
  }

  it('serves the bytes of the rendered page, and a page asked a third time reads no event', async () => {
    const entries = new KeptHistoryEntries(() => true);
    const first = await allPages(entries);
    expect(first.bytes.length).toBeGreaterThan(UNITS.length * 2);
    expect(first.bytes.map(String)).toEqual(first.plain.map(String));
    // Rendered again (kept this time), then served as kept.
    const second = await allPages(entries);
    const third = await allPages(entries);
    for (const again of [second, third]) expect(again.bytes.map(String)).toEqual(first.plain.map(String));
    expect([first, second, third].map((pass) => pass.eventsRead)).toEqual([
      first.eventsRead,
      first.eventsRead,
      0,
    ]);
    // Filtered: only the entries of its types are rendered and kept; the others are read again to be skipped.
    const types = new Set(['ScoreCorrected', 'BallotCast']);
    const filtered = new KeptHistoryEntries(() => true);
    const passes = [];
    for (let i = 0; i < 3; i++) passes.push(await allPages(filtered, { types, scanLimit: 40 }));
    for (const pass of passes) expect(pass.bytes.map(String)).toEqual(passes[0]!.plain.map(String));
    expect(passes[2]!.eventsRead).toBeLessThan(passes[0]!.eventsRead / 2);
  });

  it('keeps nothing and reads every event through the check once a check of this process failed', async () => {
    const target = runner.target(UNIT_HISTORY_PROJECTION);
    const docs = new KeptHistoryDocs(() => runner.servedPosition(UNIT_HISTORY_PROJECTION));
    const entries = new KeptHistoryEntries(() => events.failures().length === 0);
    const page = () =>
      readUnitHistoryEntries(reads, events, target, C7.tt.id, 0, 50, undefined, docs, entries);
    await page();
    const kept = pageBytes(await page());
    expect(entries.bytes).toBeGreaterThan(0);
    // An event of the page edited behind the store's back: the kept entry is what was checked, served again.
    probe.alter = (await page()).items[10]!.position;
    try {
      expect(pageBytes(await page()).equals(kept)).toBe(true);
      // Another read meets the edit: from now on this process serves nothing kept, and the page fails.
      await expect(readUnitHistory(reads, events, target, C7.tt.id, 0, 50)).rejects.toThrow(IntegrityError);
      probe.read = 0;
      await expect(page()).rejects.toThrow(IntegrityError);
      expect({ eventsRead: probe.read, kept: entries.bytes }).toEqual({ eventsRead: 50, kept: 0 });
    } finally {
      probe.alter = undefined;
    }
  });
});
