import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ReadStore } from '@thidua/read-store';
import { canonicalJson, emulationStream } from '@thidua/domain';
import { ProjectionRunner } from '../runner/projection-runner.js';
import {
  CLUSTER,
  NEW_XNC_NAME,
  playCluster2,
  UNITS,
  YEAR,
  type MarkName,
} from '../testing/rankings/cluster-2-2021.scenario.js';
import { MemoryView, readLog, runToHead, snapshot } from '../testing/rankings/projection-harness.js';
import { clusterDirectoryProjection } from './cluster-directory.projection.js';
import {
  CLUSTER_YEARS,
  CLUSTERS,
  clusterYearId,
  PLEDGES,
  pledgeId,
  UNITS as UNITS_COLLECTION,
  type ClusterDoc,
  type ClusterYearDoc,
  type PledgeDoc,
  type UnitDoc,
} from './directory.documents.js';
import { withStores } from '../testing/with-stores.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cluster-directory-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function get<T>(
  reads: ReadStore,
  runner: ProjectionRunner,
  collection: string,
  id: string,
): Promise<T> {
  return (await reads.get(runner.target('cluster-directory'), collection, id)) as unknown as T;
}

describe('cluster-directory projection (SQLite event store + read store + runner)', () => {
  it('lists the cluster, its year with members, seats, scheme, periods and pledges', async () => {
    await withStores(dir, async (events, reads) => {
      const scenario = await playCluster2(events);
      const runner = await runToHead(events, reads, [clusterDirectoryProjection()], 6);
      const stream = await events.readStream(emulationStream(CLUSTER, YEAR));

      const cluster = await get<ClusterDoc>(reads, runner, CLUSTERS, CLUSTER);
      expect(cluster).toMatchObject({
        clusterId: CLUSTER,
        name: 'Cụm thi đua số 2',
        number: 2,
        organizerUnitId: 'bo-cong-an',
        status: 'active',
        years: [YEAR],
      });

      const year = await get<ClusterYearDoc>(reads, runner, CLUSTER_YEARS, clusterYearId(CLUSTER, YEAR));
      // Vietnamese order (Bộ < Cục; An < Cảnh < Kỹ < Ngoại), the renamed unit moved to its new place.
      expect(year.members.map((m) => m.name)).toEqual([
        UNITS.canhVe.name,
        UNITS.anm.name,
        NEW_XNC_NAME,
        UNITS.ktnv.name,
        UNITS.ngoaiTuyen.name,
      ]);
      const canhVe = year.members.find((m) => m.unitId === UNITS.canhVe.id)!;
      const withdrawal = stream.find((e) => e.type === 'UnitWithdrawn')!;
      expect(canhVe.withdrawn).toEqual({
        at: withdrawal.metadata.occurredAt,
        // The business date: recorded without one, the date it was recorded on (in Vietnam).
        on: withdrawal.data['effectiveDate'],
        position: scenario.marks.q2Done.position,
        reason: 'Điều chuyển sang cụm khác',
      });
      expect(year.members.filter((m) => m.withdrawn)).toHaveLength(1);
      expect(year.chair).toMatchObject({ unitId: UNITS.anm.id, name: UNITS.anm.name, source: 'organizer' });
      expect(year.viceChair).toMatchObject({ unitId: UNITS.ktnv.id, name: UNITS.ktnv.name });
      expect(year.scheme).toMatchObject({ version: 1, versions: [1] });
      const closed = stream.find((e) => e.type === 'PeriodClosed')!;
      expect(year.periods.Q1).toMatchObject({
        status: 'closed',
        position: closed.position,
        rankingDigest: closed.data['rankingDigest'],
        schemeVersion: 1,
      });
      expect(year.periods.Q1!.history.map((h) => h.event)).toEqual(['opened', 'closed']);
      expect(year.periods.Q2).toMatchObject({ status: 'open' });
      expect(year.periods.Q3).toBeUndefined();
      expect(year.pledgedUnits).toHaveLength(5);
      expect(year.position).toBe(scenario.marks.renamed.position);

      const pledge = await get<PledgeDoc>(reads, runner, PLEDGES, pledgeId(CLUSTER, YEAR, UNITS.xnc.id));
      expect(pledge).toMatchObject({
        unitId: UNITS.xnc.id,
        version: 2,
        titles: ['co-thi-dua-bo-cong-an'],
        targets: [{ text: 'Hoàn thành 80 chỉ tiêu công tác', count: 80 }],
        amendments: [{ version: 2, reason: 'Bổ sung chỉ tiêu sau hội nghị giao ban' }],
      });
      const pledges = await reads.find(runner.target('cluster-directory'), PLEDGES, {
        where: { clusterId: CLUSTER, year: YEAR },
      });
      expect(pledges).toHaveLength(5);

      const unit = await get<UnitDoc>(reads, runner, UNITS_COLLECTION, UNITS.xnc.id);
      expect(unit).toMatchObject({
        name: NEW_XNC_NAME,
        kind: 'cuc',
        status: 'active',
        clusterYears: ['bca-cum-2:2021'],
      });
      await runner.stop();
    });
  });

  it('follows the year live: period statuses, then a rename that moves the unit in the collated list', async () => {
    await withStores(dir, async (events, reads) => {
      const runner = new ProjectionRunner(events, reads, [clusterDirectoryProjection()], { batchSize: 2 });
      await runner.start();
      const seen: Partial<Record<MarkName, ClusterYearDoc>> = {};
      await playCluster2(events, {
        onMark: async (name, position) => {
          expect(await runner.waitFor(position, 20_000)).toBe(true);
          seen[name] = await get<ClusterYearDoc>(reads, runner, CLUSTER_YEARS, clusterYearId(CLUSTER, YEAR));
        },
      });
      expect(seen.q2Done!.members.map((m) => m.unitId).at(-1)).toBe(UNITS.xnc.id);
      expect(seen.renamed!.members.map((m) => m.unitId)[2]).toBe(UNITS.xnc.id);
      expect(seen.q1Closed!.periods.Q1?.status).toBe('closed');
      expect(seen.yearStarted!.periods.Q1?.status).toBe('open');
      await runner.stop();
    });
  });

  it('rebuilds byte-for-byte what it built incrementally', async () => {
    await withStores(dir, async (events, reads) => {
      const projection = clusterDirectoryProjection();
      const runner = new ProjectionRunner(events, reads, [projection], { batchSize: 3 });
      await runner.start();
      await playCluster2(events);
      expect(await runner.waitFor(await events.headPosition(), 20_000)).toBe(true);
      const incremental = canonicalJson(await snapshot(reads, runner, projection));
      await runner.rebuild('cluster-directory');
      expect(runner.target('cluster-directory').generation).toBe(2);
      expect(canonicalJson(await snapshot(reads, runner, projection))).toBe(incremental);
      await runner.stop();
    });
  });

  it('is idempotent if the same events are applied twice', async () => {
    await withStores(dir, async (events, reads, readsFile) => {
      await playCluster2(events);
      const projection = clusterDirectoryProjection();
      const once = await runToHead(events, reads, [projection], 4);
      const expected = canonicalJson(await snapshot(reads, once, projection));
      await once.stop();
      for (const rewindTo of [0, 17, 44]) {
        const raw = new Database(readsFile);
        raw
          .prepare('UPDATE checkpoints SET position = ? WHERE projection = ?')
          .run(rewindTo, 'cluster-directory');
        raw.close();
        const twice = await runToHead(events, reads, [clusterDirectoryProjection()], 4);
        expect(canonicalJson(await snapshot(reads, twice, projection))).toBe(expected);
        await twice.stop();
      }

      // evolve itself: every event fed twice in a row gives the documents of feeding it once.
      const log = (await readLog(events)).filter((e) => projection.handles.includes(e.type));
      const single = new MemoryView(events);
      const doubled = new MemoryView(events);
      for (const event of log) {
        single.apply(await projection.evolve(event, single));
        doubled.apply(await projection.evolve(event, doubled));
        doubled.apply(await projection.evolve(event, doubled));
      }
      expect(canonicalJson(doubled.sorted())).toBe(canonicalJson(single.sorted()));
    });
  });
});
