import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { StoredEvent } from '@thidua/event-store';
import { openSqliteReadStore, type ReadStore } from '@thidua/read-store';
import { canonicalJson, emulationStream, evaluateRanking, PERIODS, type PeriodCode } from '@thidua/domain';
import {
  rankingDocument,
  rankingDocId,
  RANKINGS_COLLECTION,
  type RankingDocument,
} from './ranking-document.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { testEvent } from '../testing/test-events.js';
import { rankingsProjection } from './rankings.projection.js';
import {
  CLUSTER,
  playCluster2,
  UNITS,
  YEAR,
  type MarkName,
} from '../testing/rankings/cluster-2-2021.scenario.js';
import {
  MemoryView,
  readLog,
  runToHead,
  snapshot,
  unitNamesIn,
} from '../testing/rankings/projection-harness.js';
import { withStores } from '../testing/with-stores.js';

const streamId = emulationStream(CLUSTER, YEAR);
let dir: string;
let fileNo = 0;
const file = (name: string): string => join(dir, `${name}-${(fileNo += 1)}.sqlite`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rankings-projection-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The last event of the stream the period's ranking depends on: its own events and those naming no period. */
async function getRanking(
  reads: ReadStore,
  runner: ProjectionRunner,
  period: PeriodCode,
): Promise<RankingDocument | null> {
  const doc = await reads.get(
    runner.target('rankings'),
    RANKINGS_COLLECTION,
    rankingDocId(CLUSTER, YEAR, period),
  );
  return doc as unknown as RankingDocument | null;
}

function lastConcerning(stream: StoredEvent[], period: PeriodCode): number {
  const concerning = stream.filter((e) => e.data['period'] === undefined || e.data['period'] === period);
  return concerning[concerning.length - 1]!.position;
}

describe('rankings projection (SQLite event store + read store + runner)', () => {
  it('stores, per opened period, exactly the evaluator ranking of the stream up to the event that produced it', async () => {
    await withStores(dir, async (events, reads) => {
      const scenario = await playCluster2(events);
      const projection = rankingsProjection();
      const runner = await runToHead(events, reads, [projection], 7);
      const target = runner.target('rankings');
      const stream = await events.readStream(streamId);
      // The scenario registers its units and renames one: the rows carry the names as they stand.
      const names = unitNamesIn(await readLog(events));

      const stored = await reads.find(target, RANKINGS_COLLECTION, {
        where: { clusterId: CLUSTER, year: YEAR },
      });
      expect(stored.map((d) => d.period).sort()).toEqual(['Q1', 'Q2']);
      for (const period of ['Q1', 'Q2'] as const) {
        const doc = (await getRanking(reads, runner, period))!;
        expect(doc.position).toBe(lastConcerning(stream, period));
        const upTo = stream.filter((e) => e.position <= doc.position);
        expect(canonicalJson(doc)).toBe(
          canonicalJson(rankingDocument(evaluateRanking(upTo, period), streamId, names)),
        );
        // Later events of other periods change nothing but the evaluator's `position`.
        const { position: _p, ...now } = evaluateRanking(stream, period);
        const { position: _q, streamId: _s, finality: _f, currentDigest: _c, ...fromDoc } = doc;
        // Names are beside the evaluator's rows, never in them.
        const rows = fromDoc.rows.map(({ unitName: _n, ...row }) => row);
        expect(canonicalJson({ ...fromDoc, rows })).toBe(canonicalJson(now));
      }

      const q1 = (await getRanking(reads, runner, 'Q1'))!;
      const sealed = stream.find((e) => e.type === 'PeriodClosed')!.data['rankingDigest'];
      expect(q1).toMatchObject({ status: 'revised', finality: 'revised', sealedDigest: sealed });
      expect(q1.currentDigest).not.toBe(sealed);
      expect(q1.revisedBy.map((r) => r.position)).toContain(scenario.marks.disputeUpheld.position);
      const q2 = (await getRanking(reads, runner, 'Q2'))!;
      expect(q2).toMatchObject({ status: 'open', finality: 'provisional' });
      expect(q2.rows.find((r) => r.unitId === UNITS.ngoaiTuyen.id)?.missingCriteria).toContain('xd-dang');
      // The unit withdrawn during Q2 is gone from Q2 and still ranked in the sealed Q1.
      expect(q2.rows.map((r) => r.unitId)).not.toContain(UNITS.canhVe.id);
      expect(q1.rows.map((r) => r.unitId)).toContain(UNITS.canhVe.id);
      expect(q1.position).toBe(scenario.marks.q2Done.position);
      await runner.stop();
    });
  });

  it('follows the period live: provisional, final with the sealed digest, then revised with both digests', async () => {
    await withStores(dir, async (events, reads) => {
      const runner = new ProjectionRunner(events, reads, [rankingsProjection()], { batchSize: 3 });
      await runner.start();
      const seen: Partial<Record<MarkName, RankingDocument>> = {};
      const seenAt: Partial<Record<MarkName, number>> = {};
      await playCluster2(events, {
        onMark: async (name, position) => {
          expect(await runner.waitFor(position, 20_000)).toBe(true);
          const doc = await getRanking(reads, runner, 'Q1');
          if (doc) seen[name] = doc;
          seenAt[name] = position;
        },
      });
      const stream = await events.readStream(streamId);
      const log = await readLog(events);
      for (const [name, doc] of Object.entries(seen)) {
        const upTo = stream.filter((e) => e.position <= doc.position);
        // Names as the projection had them when the document was read (a rename reaches it later).
        const names = unitNamesIn(log, seenAt[name as MarkName]);
        expect({ name, doc: canonicalJson(doc) }).toEqual({
          name,
          doc: canonicalJson(rankingDocument(evaluateRanking(upTo, 'Q1'), streamId, names)),
        });
      }
      expect(seen.yearStarted).toMatchObject({ status: 'open', finality: 'provisional' });
      const before = seen.beforeCorrection!.rows.find((r) => r.unitId === UNITS.canhVe.id)!;
      const after = seen.corrected!.rows.find((r) => r.unitId === UNITS.canhVe.id)!;
      expect(after.total - before.total).toBe(2); // chuyen-mon corrected from 47 to 49
      expect(seen.q1Closed).toMatchObject({ status: 'closed', finality: 'final' });
      expect(seen.q1Closed!.currentDigest).toBe(seen.q1Closed!.sealedDigest);
      expect(seen.disputeUpheld).toMatchObject({
        status: 'revised',
        sealedDigest: seen.q1Closed!.sealedDigest,
      });
      expect(seen.disputeUpheld!.currentDigest).not.toBe(seen.q1Closed!.sealedDigest);
      await runner.stop();
    });
  });

  it('rebuilds byte-for-byte what it built incrementally while the events arrived', async () => {
    await withStores(dir, async (events, reads) => {
      const projection = rankingsProjection();
      const runner = new ProjectionRunner(events, reads, [projection], { batchSize: 4 });
      await runner.start();
      await playCluster2(events);
      expect(await runner.waitFor(await events.headPosition(), 20_000)).toBe(true);
      const incremental = await snapshot(reads, runner, projection);
      expect(Object.keys(incremental.rankings!).sort()).toEqual([
        rankingDocId(CLUSTER, YEAR, 'Q1'),
        rankingDocId(CLUSTER, YEAR, 'Q2'),
      ]);
      const readsBefore = projection.cache.reads;
      await runner.rebuild('rankings');
      expect(runner.target('rankings').generation).toBe(2);
      expect(canonicalJson(await snapshot(reads, runner, projection))).toBe(canonicalJson(incremental));
      // The rebuild folded from the cached stream: no stream was read again.
      expect(projection.cache.reads).toBe(readsBefore);

      // A fresh projection (empty cache, reading the store) over a fresh read store agrees too.
      const cleanReads = await openSqliteReadStore(file('clean'));
      const clean = await runToHead(events, cleanReads, [rankingsProjection()], 500);
      expect(canonicalJson(await snapshot(cleanReads, clean, projection))).toBe(canonicalJson(incremental));
      await clean.stop();
      await cleanReads.close();
      await runner.stop();
    });
  });

  it('folds each event once: reads no stream from the start of the log, a stream once when resuming mid-stream', async () => {
    await withStores(dir, async (events, reads, readsFile) => {
      await playCluster2(events);
      const projection = rankingsProjection();
      const runner = await runToHead(events, reads, [projection], 7);
      expect(projection.cache.reads).toBe(0);
      const expected = canonicalJson(await snapshot(reads, runner, projection));
      await runner.stop();

      // A restart (empty cache) from a checkpoint in the middle of the stream reads it once, then folds on.
      const stream = await events.readStream(streamId);
      const raw = new Database(readsFile);
      raw
        .prepare('UPDATE checkpoints SET position = ? WHERE projection = ?')
        .run(stream[20]!.position, 'rankings');
      raw.close();
      const resumed = rankingsProjection();
      const again = await runToHead(events, reads, [resumed], 7);
      expect(resumed.cache.reads).toBe(1);
      expect(canonicalJson(await snapshot(reads, again, resumed))).toBe(expected);
      await again.stop();
    });
  });

  it('writes a rename into every ranking that shows the unit, without touching its digest or position', async () => {
    await withStores(dir, async (events, reads) => {
      await playCluster2(events);
      const before = await runToHead(events, reads, [rankingsProjection()]);
      const q1 = (await getRanking(reads, before, 'Q1'))!;
      const q2 = (await getRanking(reads, before, 'Q2'))!;
      await before.stop();
      const renamed = 'Cục An ninh mạng (tên mới)';
      await events.append(
        `unit-${UNITS.anm.id}`,
        [
          testEvent(
            { unitId: UNITS.anm.id, name: renamed, previousName: 'x', reason: 'Đổi tên' },
            'UnitRenamed',
          ),
        ],
        'any',
      );
      const after = await runToHead(events, reads, [rankingsProjection()]);
      for (const doc of [q1, q2]) {
        const now = (await getRanking(reads, after, doc.period))!;
        const expected = {
          ...doc,
          rows: doc.rows.map((r) => (r.unitId === UNITS.anm.id ? { ...r, unitName: renamed } : r)),
        };
        expect(canonicalJson(now)).toBe(canonicalJson(expected));
        expect(now.rows.find((r) => r.unitId === UNITS.anm.id)!.unitName).toBe(renamed);
      }
      await after.stop();
    });
  });

  it('is idempotent if the same events are applied twice', async () => {
    await withStores(dir, async (events, reads, readsFile) => {
      await playCluster2(events);
      const projection = rankingsProjection();
      const once = await runToHead(events, reads, [projection], 5);
      const expected = canonicalJson(await snapshot(reads, once, projection));
      await once.stop();
      for (const rewindTo of [0, 30]) {
        // Documents written, checkpoint not: the runner delivers the events again.
        const raw = new Database(readsFile);
        raw.prepare('UPDATE checkpoints SET position = ? WHERE projection = ?').run(rewindTo, 'rankings');
        raw.close();
        const twice = await runToHead(events, reads, [rankingsProjection()], 5);
        expect(canonicalJson(await snapshot(reads, twice, projection))).toBe(expected);
        await twice.stop();
      }

      // And evolve itself, fed every event twice in a row, ends with the same documents as fed once.
      const log = (await readLog(events)).filter((e) => projection.handles.includes(e.type));
      const single = new MemoryView(events);
      const doubled = new MemoryView(events);
      const p1 = rankingsProjection();
      const p2 = rankingsProjection();
      // Each event a batch of its own: evolve, then flush (what the runner does).
      for (const event of log) {
        single.apply([...(await p1.evolve(event, single)), ...(await p1.flush!(single))]);
        doubled.apply([...(await p2.evolve(event, doubled)), ...(await p2.flush!(doubled))]);
        doubled.apply([...(await p2.evolve(event, doubled)), ...(await p2.flush!(doubled))]);
      }
      expect(canonicalJson(doubled.sorted())).toBe(canonicalJson(single.sorted()));
      const rankingsOnly = single.sorted().filter(([key]) => key.startsWith(`${RANKINGS_COLLECTION}/`));
      expect(canonicalJson(Object.fromEntries(rankingsOnly))).toBe(
        canonicalJson(
          Object.fromEntries(
            Object.entries(JSON.parse(expected).rankings as Record<string, unknown>).map(([id, doc]) => [
              `rankings/${id}`,
              doc,
            ]),
          ),
        ),
      );
    });
  });

  it("flushes a batch's own state when another generation moved the shared fold on meanwhile", async () => {
    await withStores(dir, async (events) => {
      await playCluster2(events);
      const stream = await events.readStream(streamId);
      const projection = rankingsProjection();
      // Generation A's batch evolves the stream up to event k; before A flushes, generation B (same
      // projection object, another view) folds event k + 1 into the same fold.
      const k = stream.findIndex((e) => e.type === 'PeriodClosed');
      const batchA = new MemoryView(events);
      const batchB = new MemoryView(events);
      for (const event of stream.slice(0, k + 1)) await projection.evolve(event, batchA);
      await projection.evolve(stream[k + 1]!, batchB);
      const readsBefore = projection.cache.reads;
      batchA.apply(await projection.flush!(batchA));
      expect(projection.cache.reads).toBe(readsBefore + 1); // the fold was made again up to event k
      const q1 = batchA.docs.get(`${RANKINGS_COLLECTION}/${rankingDocId(CLUSTER, YEAR, 'Q1')}`)!;
      expect(q1['position']).toBe(stream[k]!.position);
      expect(canonicalJson(q1)).toBe(
        canonicalJson(rankingDocument(evaluateRanking(stream.slice(0, k + 1), 'Q1'), streamId, () => null)),
      );
      batchB.apply(await projection.flush!(batchB));
      const after = batchB.docs.get(`${RANKINGS_COLLECTION}/${rankingDocId(CLUSTER, YEAR, 'Q1')}`);
      expect(stream[k + 1]!.data).toMatchObject({ period: 'Q1' }); // the dispute filed after the close
      expect(canonicalJson(after)).toBe(
        canonicalJson(rankingDocument(evaluateRanking(stream.slice(0, k + 2), 'Q1'), streamId, () => null)),
      );
    });
  });

  it('writes no document for a period never opened', async () => {
    await withStores(dir, async (events, reads) => {
      await playCluster2(events);
      const runner = await runToHead(events, reads, [rankingsProjection()]);
      const target = runner.target('rankings');
      for (const { code } of PERIODS.filter((p) => p.code !== 'Q1' && p.code !== 'Q2')) {
        expect(await reads.get(target, RANKINGS_COLLECTION, rankingDocId(CLUSTER, YEAR, code))).toBeNull();
      }
      await runner.stop();
    });
  });
});
