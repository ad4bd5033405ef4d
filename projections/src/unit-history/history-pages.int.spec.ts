import Database from 'better-sqlite3';
import { type EventStore, IntegrityError, VerifyingEventStore } from '@thidua/event-store';
import { resealStream } from '@thidua/event-store/testing';
import type { ReadStore, Target } from '@thidua/read-store';
import { ProjectionRunner } from '../runner/projection-runner.js';
import {
  C7,
  HA_TINH,
  HT_UNIT,
  MINISTRY,
  playCluster7,
} from '../testing/yearly-totals/cluster-7-2023.scenario.js';
import { openEvents, openReads, reachHead, TempDir } from '../testing/yearly-totals/projection-check.js';
import { UnitHistoryPages } from './history-pages.js';
import { INDEX_PAGE_SIZE, UNIT_HISTORY_PROJECTION, type HistoryEntryDoc } from './unit-history.documents.js';
import { unitHistoryProjection } from './unit-history.projection.js';
import { readUnitHistory, type HistoryFilter } from './unit-history.query.js';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const UNITS = [MINISTRY.id, ...Object.values(C7).map((u) => u.id), HA_TINH.id, HT_UNIT.id];

/** The store, counting the positions read in full (readPositions) and those only confirmed. */
class Counting {
  read = 0;
  confirmed = 0;
  constructor(readonly inner: EventStore) {}
  store(withConfirmed = true): EventStore {
    const inner = this.inner;
    return {
      kind: inner.kind,
      capabilities: inner.capabilities,
      append: (...a) => inner.append(...a),
      readStream: (...a) => inner.readStream(...a),
      readAll: (...a) => inner.readAll(...a),
      headPosition: () => inner.headPosition(),
      subscribe: (...a) => inner.subscribe(...a),
      close: () => inner.close(),
      readPositions: (positions) => {
        this.read += positions.length;
        return inner.readPositions!(positions);
      },
      ...(withConfirmed && {
        confirmedHashes: (positions: readonly number[]) => {
          this.confirmed += positions.length;
          return inner.confirmedHashes!(positions);
        },
      }),
    };
  }
}

describe('UnitHistoryPages: pages as JSON text, rendered entries kept while the log confirms them', () => {
  let file: string;
  let raw: EventStore;
  let verifying: VerifyingEventStore;
  let reads: ReadStore;
  let runner: ProjectionRunner;
  let target: Target;

  /** The reference: readUnitHistory's page as Fastify would have serialized it. */
  const reference = async (unitId: string, after: number, limit: number, filter?: HistoryFilter) =>
    JSON.stringify(await readUnitHistory(reads, verifying, target, unitId, after, limit, filter));

  beforeAll(async () => {
    file = tmp.file('events');
    raw = await openEvents(file);
    verifying = new VerifyingEventStore(raw);
    reads = await openReads(tmp.file('reads'));
    runner = new ProjectionRunner(raw, reads, [unitHistoryProjection()], { batchSize: 7 });
    await runner.start();
    // Cục Truyền thông's entry corrected many times: its history spans more than one index page.
    await playCluster7(raw, { corrections: INDEX_PAGE_SIZE + 20, onStep: () => reachHead(runner, raw) });
    await reachHead(runner, raw);
    target = runner.target(UNIT_HISTORY_PROJECTION);
  });
  afterAll(async () => {
    await runner.stop();
    await reads.close();
    await raw.close();
  });

  it('answers the same bytes as readUnitHistory, rendered first and then from the entries kept', async () => {
    const counting = new Counting(verifying);
    const pages = new UnitHistoryPages(reads, counting.store());
    const whole = JSON.parse(await reference(C7.tt.id, 0, 1_000)) as { items: HistoryEntryDoc[] };
    const middle = whole.items[INDEX_PAGE_SIZE - 3]!.position;
    const kinds = [...new Set(whole.items.map((e) => e.type))];
    const asked: Array<[string, number, number, HistoryFilter?]> = [
      ...UNITS.map((u): [string, number, number] => [u, 0, 50]),
      [C7.tt.id, 0, 7],
      [C7.tt.id, middle, 5],
      [C7.tt.id, middle, 500],
      [C7.tt.id, 0, 5, { types: new Set([kinds[0]!]) }],
      [C7.tt.id, middle, 9, { types: new Set(kinds.slice(-2)), scanLimit: 40 }],
      ['khong-co', 0, 50],
    ];
    for (const pass of ['rendered', 'kept']) {
      for (const [unitId, after, limit, filter] of asked) {
        const page = await pages.pageText(target, unitId, after, limit, filter);
        expect({ pass, unitId, after, limit, text: page.text }).toEqual({
          pass,
          unitId,
          after,
          limit,
          text: await reference(unitId, after, limit, filter),
        });
        expect(page.total).toBe((JSON.parse(page.text) as { total: number }).total);
      }
    }
    expect(counting.read).toBeGreaterThan(INDEX_PAGE_SIZE);
    // Asked again, the unfiltered pages read no event in full: every entry confirmed and served as kept.
    counting.read = 0;
    counting.confirmed = 0;
    let served = 0;
    for (const [unitId, after, limit, filter] of asked)
      if (filter === undefined)
        served += (JSON.parse((await pages.pageText(target, unitId, after, limit)).text) as { items: [] })
          .items.length;
    expect(served).toBeGreaterThan(100);
    expect(counting.read).toBe(0);
    expect(counting.confirmed).toBe(served);
    expect(pages.size.entries).toBeGreaterThan(100);
  });

  it('keeps an entry the second time it renders it, not the first', async () => {
    const counting = new Counting(verifying);
    const pages = new UnitHistoryPages(reads, counting.store());
    await pages.pageText(target, C7.tt.id, 0, 50);
    expect(pages.size.entries).toBe(0);
    await pages.pageText(target, C7.tt.id, 0, 50);
    expect(pages.size.entries).toBe(50);
    counting.read = 0;
    await pages.pageText(target, C7.tt.id, 0, 50);
    expect(counting.read).toBe(0);
  });

  it('keeps at most its bound of characters, and a store without confirmedHashes reads every event', async () => {
    const counting = new Counting(verifying);
    const bounded = new UnitHistoryPages(reads, counting.store(), 5_000);
    for (let i = 0; i < 3; i++)
      for (const unitId of UNITS) {
        expect((await bounded.pageText(target, unitId, 0, 50)).text).toBe(await reference(unitId, 0, 50));
        expect(bounded.size.chars).toBeLessThanOrEqual(5_000);
      }
    expect(bounded.size.entries).toBeGreaterThan(0);
    const plain = new Counting(verifying);
    const pages = new UnitHistoryPages(reads, plain.store(false));
    for (let i = 0; i < 2; i++) await pages.pageText(target, C7.tt.id, 0, 50);
    expect(plain.read).toBe(100);
    expect(plain.confirmed).toBe(0);
    expect(pages.size).toEqual({ entries: 0, chars: 0 });
  });

  it('forgets what it kept when the served generation changes', async () => {
    const counting = new Counting(verifying);
    const pages = new UnitHistoryPages(reads, counting.store());
    for (let i = 0; i < 2; i++) await pages.pageText(target, C7.tt.id, 0, 50);
    expect(pages.size.entries).toBe(50);
    await pages.pageText({ ...target, generation: target.generation + 1 }, 'khong-co', 0, 50);
    expect(pages.size.entries).toBe(0);
    counting.read = 0;
    await pages.pageText(target, C7.tt.id, 0, 50);
    expect(counting.read).toBe(50);
  });

  // Last: it edits the log.
  it('never serves a kept entry whose event changed: a tampered event fails, a resealed one is rendered anew', async () => {
    const pages = new UnitHistoryPages(reads, verifying);
    // Rendered twice: kept from then on.
    await pages.pageText(target, C7.tt.id, 0, 50);
    const first = await pages.pageText(target, C7.tt.id, 0, 50);
    expect(pages.size.entries).toBe(50);
    const items = (JSON.parse(first.text) as { items: HistoryEntryDoc[] }).items;
    const score = items.find((e) => e.type === 'ScoreRecorded')!;
    const db = new Database(file);
    try {
      const data = db
        .prepare('SELECT data FROM events WHERE position = ?')
        .pluck()
        .get(score.position) as string;
      const points = (JSON.parse(data) as { points: number }).points;
      const edited = data.replace(`"points":${points}`, `"points":${points - 1}`);
      expect(edited).not.toBe(data);
      // Edited behind the store's back, its hash left as it was: refused, not served from what was kept.
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(edited, score.position);
      await expect(pages.pageText(target, C7.tt.id, 0, 50)).rejects.toBeInstanceOf(IntegrityError);
      // Put back: served again, the same bytes.
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(data, score.position);
      expect((await pages.pageText(target, C7.tt.id, 0, 50)).text).toBe(first.text);
      // Edited and re-sealed (the stream's chain recomputed from there): the entry is rendered from the
      // event as it now reads, as readUnitHistory renders it, not as it was kept.
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(edited, score.position);
      resealStream(db, score.streamId, score.revision);
    } finally {
      db.close();
    }
    const after = await pages.pageText(target, C7.tt.id, 0, 50);
    expect(after.text).not.toBe(first.text);
    expect(after.text).toBe(await reference(C7.tt.id, 0, 50));
    const entry = (JSON.parse(after.text) as { items: HistoryEntryDoc[] }).items.find(
      (e) => e.position === score.position,
    )!;
    expect(entry.hash).not.toBe(score.hash);
    expect(entry.summary).not.toBe(score.summary);
  });
});
