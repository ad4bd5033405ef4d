import type { EventStore } from '@thidua/event-store';
import type { ReadStore, Target } from '@thidua/read-store';
import { ProjectionRunner } from '../runner/projection-runner.js';
import {
  BCA_AWARDS,
  C7,
  CLUSTER_7,
  CSTD_CAND,
  FLAG,
  GOV_FLAG,
  HA_TINH,
  HC3,
  HC3_AWARDS,
  BK,
  MINISTRY,
  playCluster7,
  REVOKED,
  YEAR,
} from '../testing/yearly-totals/cluster-7-2023.scenario.js';
import {
  documentsOf,
  feed,
  GuardedDocs,
  openEvents,
  openReads,
  reachHead,
  readLog,
  runToHead,
  TempDir,
} from '../testing/yearly-totals/projection-check.js';
import { TOTALS, totalsDocId, YEARLY_TOTALS_PROJECTION, type TotalsDoc } from './yearly-totals.documents.js';
import { yearlyTotalsProjection } from './yearly-totals.projection.js';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const counts = (doc: TotalsDoc | null) =>
  Object.fromEntries((doc?.awards ?? []).map((a) => [a.code, [a.collective, a.individual]]));

async function totals(reads: ReadStore, target: Target, scope: TotalsDoc['scope'], id: string) {
  return (await reads.get(target, TOTALS, totalsDocId(scope, id, YEAR))) as TotalsDoc | null;
}

describe('yearly-totals projection (real SQLite event store, read store and runner)', () => {
  let events: EventStore;
  let reads: ReadStore;
  let runner: ProjectionRunner;
  const seen: Record<string, TotalsDoc | null> = {};

  beforeAll(async () => {
    events = await openEvents(tmp.file('events'));
    reads = await openReads(tmp.file('reads'));
    // Incremental: the runner follows the scenario as it is written, one event per batch.
    runner = new ProjectionRunner(events, reads, [yearlyTotalsProjection()], { batchSize: 1 });
    await runner.start();
    let step = 0;
    await playCluster7(events, {
      onStep: async () => {
        step += 1;
        await reachHead(runner, events);
        const target = runner.target(YEARLY_TOTALS_PROJECTION);
        seen[`cluster@${step}`] = await totals(reads, target, 'cluster', CLUSTER_7);
      },
    });
    await reachHead(runner, events);
  });
  afterAll(async () => {
    await runner.stop();
    await reads.close();
    await events.close();
  });

  it('counts awards by catalog code × collective/individual per unit, cluster and organizer, revoked ones excluded', async () => {
    const target = runner.target(YEARLY_TOTALS_PROJECTION);
    const cluster = await totals(reads, target, 'cluster', CLUSTER_7);
    // Members at the end: ctd, tt, tccb, dt and ttr (admitted late); ubkt withdrawn.
    // HC3: 1 collective (tccb); 3 tccb + 2 tt + 2 dt + 1 ttr individuals, one of dt's revoked.
    // Flags: tccb's revoked, dt's (by override) stands. Bằng khen: tt and ttr collectives, ctd's two
    // individuals (ubkt's left with the unit). CSTĐ toàn lực lượng CAND: tt and ctd.
    expect(counts(cluster)).toEqual({ [HC3]: [1, 7], [FLAG]: [1, 0], [BK]: [2, 2], [CSTD_CAND]: [0, 2] });
    expect(cluster).toMatchObject({
      scope: 'cluster',
      scopeId: CLUSTER_7,
      clusterId: CLUSTER_7,
      organizerUnitId: MINISTRY.id,
      collective: 4,
      individual: 11,
      total: 15,
      units: [C7.dt.id, C7.tccb.id, C7.tt.id, C7.ctd.id, C7.ttr.id].sort(),
    });
    expect(cluster!.awards.map((a) => a.name)).toEqual([
      'Huân chương Bảo vệ Tổ quốc hạng Ba',
      'Cờ thi đua của Bộ Công an',
      'Chiến sĩ thi đua toàn lực lượng Công an nhân dân',
      'Bằng khen của Bộ trưởng Bộ Công an',
    ]);
    expect(cluster!.flags).toEqual([
      { awardId: BCA_AWARDS[1]!.awardId, code: FLAG, unitId: C7.dt.id, overridden: true },
    ]);
    // The organizer has this one cluster: the same counts.
    const organizer = await totals(reads, target, 'organizer', MINISTRY.id);
    expect(counts(organizer)).toEqual(counts(cluster));
    expect(organizer).toMatchObject({ organizerUnitId: MINISTRY.id, clusterId: null, total: 15 });
    // The other organizer's totals are apart (no award there).
    expect((await totals(reads, target, 'organizer', HA_TINH.id))?.total ?? 0).toBe(0);

    // A unit keeps its own awards whatever its membership; revoked ones are gone.
    expect(counts(await totals(reads, target, 'unit', C7.ubkt.id))).toEqual({ [BK]: [0, 1] });
    const tccb = await totals(reads, target, 'unit', C7.tccb.id);
    expect(counts(tccb)).toEqual({ [HC3]: [1, 3] });
    expect(tccb).toMatchObject({ memberships: [{ clusterId: CLUSTER_7, organizerUnitId: MINISTRY.id }] });
    expect(counts(await totals(reads, target, 'unit', C7.dt.id))).toEqual({ [HC3]: [0, 1], [FLAG]: [1, 0] });
    expect(REVOKED).toEqual([HC3_AWARDS[6]!.awardId, BCA_AWARDS[0]!.awardId]);
  });

  it('moves a unit’s tally with its membership: admitted after its awards, withdrawn after them', () => {
    const hc3 = (doc: TotalsDoc | null | undefined) => counts(doc ?? null)[HC3];
    const bk = (doc: TotalsDoc | null | undefined) => counts(doc ?? null)[BK];
    // Steps: 1 formed, 2 admitted, 3 closed, 4 awarded, 5 late admission + revocations, 6 withdrawal.
    expect(seen['cluster@3']?.total ?? 0).toBe(0);
    expect(hc3(seen['cluster@4'])).toEqual([1, 7]); // ttr's individual not counted yet
    expect(bk(seen['cluster@4'])).toEqual([1, 3]); // tt; ctd ×2 and ubkt
    expect(hc3(seen['cluster@5'])).toEqual([1, 7]); // ttr's in, dt's revoked
    expect(bk(seen['cluster@5'])).toEqual([2, 3]); // ttr's collective in
    expect(bk(seen['cluster@6'])).toEqual([2, 2]); // ubkt's individual out
  });

  it('reports pledge fulfilment: registered titles vs titles conferred and not revoked', async () => {
    const target = runner.target(YEARLY_TOTALS_PROJECTION);
    const cluster = await totals(reads, target, 'cluster', CLUSTER_7);
    const row = (unitId: string) => cluster!.pledges.find((p) => p.unitId === unitId);
    expect(row(C7.dt.id)).toEqual({
      clusterId: CLUSTER_7,
      unitId: C7.dt.id,
      registered: [FLAG],
      conferred: [FLAG],
      fulfilled: true,
    });
    expect(row(C7.tccb.id)).toMatchObject({ registered: [FLAG, GOV_FLAG], conferred: [], fulfilled: false });
    // Five pledges signed (the withdrawn unit's stays with the cluster-year where it was signed).
    expect(cluster!.pledgeSummary).toEqual({ pledges: 5, registered: 6, conferred: 1, fulfilled: 1 });
    const organizer = await totals(reads, target, 'organizer', MINISTRY.id);
    expect(organizer!.pledgeSummary).toEqual(cluster!.pledgeSummary);
    expect((await totals(reads, target, 'unit', C7.dt.id))!.pledges).toEqual([row(C7.dt.id)]);
  });

  it('is idempotent if run twice: a redelivered event changes nothing', async () => {
    const definition = yearlyTotalsProjection();
    const log = await readLog(events);
    const once = new GuardedDocs();
    await feed(definition, once, log);
    // Matches what the runner built incrementally.
    expect(once.documents(definition)).toEqual(
      await documentsOf(reads, runner.target(YEARLY_TOTALS_PROJECTION), definition),
    );
    // The whole log again: evolve itself emits nothing, the documents stay the same.
    const again = await feed(definition, once, log);
    expect(again.flat()).toEqual([]);
    // Each event twice in a row.
    const twice = new GuardedDocs();
    for (const event of log) {
      await feed(definition, twice, [event]);
      expect((await feed(definition, twice, [event])).flat()).toEqual([]);
    }
    expect(twice.documents(definition)).toEqual(once.documents(definition));
    // A runner restarted on the same read store resumes from its checkpoint: same documents.
    const target = runner.target(YEARLY_TOTALS_PROJECTION);
    const before = await documentsOf(reads, target, definition);
    const restarted = await runToHead(events, reads, [yearlyTotalsProjection()]);
    try {
      expect(await documentsOf(reads, restarted.target(YEARLY_TOTALS_PROJECTION), definition)).toEqual(
        before,
      );
    } finally {
      await restarted.stop();
    }
  });

  it('rebuild equals incremental', async () => {
    const definition = yearlyTotalsProjection();
    const incremental = await documentsOf(reads, runner.target(YEARLY_TOTALS_PROJECTION), definition);
    expect(incremental[TOTALS]!.length).toBeGreaterThan(5);
    // A rebuild beside the served generation…
    await runner.rebuild(YEARLY_TOTALS_PROJECTION);
    expect(await documentsOf(reads, runner.target(YEARLY_TOTALS_PROJECTION), definition)).toEqual(
      incremental,
    );
    // …and a fresh read store built from the whole log in large batches.
    const fresh = await openReads(tmp.file('reads-fresh'));
    const rebuilt = await runToHead(events, fresh, [yearlyTotalsProjection()], 500);
    try {
      expect(await documentsOf(fresh, rebuilt.target(YEARLY_TOTALS_PROJECTION), definition)).toEqual(
        incremental,
      );
    } finally {
      await rebuilt.stop();
      await fresh.close();
    }
  });
});
