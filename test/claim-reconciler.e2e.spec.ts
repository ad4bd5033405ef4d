import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { awardDecisionDecider, type AwardItem } from '@thidua/domain';
import { EVENT_STORE, type EventStore } from '@thidua/event-store';
import { allProjections } from '@thidua/projections';
import type { CommandContext } from '../apps/api/src/common/command-context.js';
import { AwardPeople } from '../apps/api/src/features/awards/award-people.js';
import { AwardTitleQuota } from '../apps/api/src/features/awards/award-title-quota.js';
import { ClaimReconciler } from '../apps/api/src/features/awards/claim-reconciler.js';
import { StreamWriter } from '../apps/api/src/features/write/stream-writer.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 12: a request killed between its claims and its decision leaves claims nobody releases. Over the real
 * SQLite store: a process claims a person's title and a 15 % place for a decision and stops (closed without
 * writing the decision); the next process on the same files settles them at startup — fences the decision's
 * stream, releases the claims (decision-failed) — and the decision, were it sent late, is refused.
 */
const ORG = 'bo-cong-an';
const UNIT = 'cuc-tccb-phong-01';
const CSTT = 'chien-si-tien-tien';
const DECISION = 'qd-dung-giua-chung';

describe('claims left by a stopped request are released by the claim reconciler (e2e, real store)', () => {
  let dataDir: string;
  let t: TestApp | undefined;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'thidua-reconcile-'));
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const start = async (grace: string) => {
    t = await startTestApp({
      dataDir,
      projections: allProjections,
      env: { CLAIM_RECONCILE_GRACE: grace },
    });
    await t.app.get(ClaimReconciler).started();
    return t;
  };
  const send = (app: TestApp, path: string, body: object) =>
    app
      .token({ role: 'admin', sub: 'admin-1' })
      .then((token) => request(app.server).post(path).set('authorization', `Bearer ${token}`).send(body));
  const ok = async (res: Promise<request.Response>, status = 201) => {
    const r = await res;
    if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const award = (personId: string): AwardItem => ({
    awardId: `${DECISION}-1`,
    code: CSTT,
    recipient: { kind: 'individual', personId, unitId: UNIT },
    year: 2023,
    citation: 'Hoàn thành tốt nhiệm vụ (dữ liệu mẫu)',
    adHoc: { reason: 'Khen thưởng đột xuất (dữ liệu mẫu)' },
  });
  const decisionBody = (personId: string, number: string) => ({
    number,
    date: '2023-12-20',
    authority: 'thu-truong-don-vi',
    awards: [
      {
        code: CSTT,
        recipient: { kind: 'individual', personId },
        year: 2023,
        citation: 'Hoàn thành tốt nhiệm vụ (dữ liệu mẫu)',
        adHoc: { reason: 'Khen thưởng đột xuất (dữ liệu mẫu)' },
      },
    ],
  });
  const claimsOf = async (store: EventStore, streamId: string) =>
    (await store.readStream(streamId)).filter((e) => e.data.awardId === `${DECISION}-1`).map((e) => e.type);

  it('a claim whose decision was never written: kept while young, released once old, and the late decision refused', async () => {
    // Process 1: the world, then a request that claims and stops before its decision.
    const a = await start('2m');
    await ok(send(a, '/units', { unitId: ORG, name: 'Bộ Công an', kind: 'bo' }));
    await ok(
      send(a, '/units', { unitId: 'cuc-tccb', name: 'Cục Tổ chức cán bộ', kind: 'cuc', parentUnitId: ORG }),
    );
    await ok(
      send(a, '/units', {
        unitId: UNIT,
        name: 'Phòng 01 (dữ liệu mẫu)',
        kind: 'phong',
        parentUnitId: 'cuc-tccb',
      }),
    );
    for (const p of ['cb-a', 'cb-b', 'cb-c', 'cb-d']) {
      await ok(send(a, '/people', { personId: p, unitId: UNIT, fullName: `Cán bộ ${p} (dữ liệu mẫu)` }));
      await ok(
        send(a, `/people/${p}/title-registrations`, {
          year: 2023,
          code: CSTT,
          organizerUnitId: 'ca-khac',
          effectiveDate: '2023-02-01',
        }),
      );
    }
    const ctx: CommandContext = {
      actor: { id: 'admin-1', role: 'admin' },
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      newId: randomUUID,
    };
    // What the decision handler does before writing the decision: the person's title, the unit-year's place.
    await a.app.get(AwardPeople).claim(ctx, DECISION, [award('cb-a')]);
    await a.app.get(AwardTitleQuota).claim(ctx, DECISION, [award('cb-a')]);
    await a.close(); // the process stops here: no decision, no release
    t = undefined;

    // Process 2, with the default grace: the claims are younger than it, so they stand (a slow replica's).
    const b = await start('2m');
    const store = b.app.get<EventStore>(EVENT_STORE);
    expect(await claimsOf(store, 'person-cb-a')).toEqual(['TitleClaimed']);
    expect(await store.readStream(`award-decision-${DECISION}`)).toEqual([]);
    await b.close();
    t = undefined;

    // Process 3, grace 0: at startup the decision's stream is fenced, then the claims are released.
    const c = await start('0');
    const log = c.app.get<EventStore>(EVENT_STORE);
    const fence = await log.readStream(`award-decision-${DECISION}`);
    expect(fence.map((e) => [e.type, e.metadata.actor.id])).toEqual([
      ['AwardDecisionAbandoned', 'system:claim-reconciler'],
    ]);
    for (const streamId of ['person-cb-a', `title-quota-${UNIT}-2023`]) {
      const events = (await log.readStream(streamId)).filter((e) => e.data.awardId === `${DECISION}-1`);
      expect(events.map((e) => [e.type, e.data.cause ?? null])).toEqual([
        [events[0]!.type, null],
        [events[1]!.type, 'decision-failed'],
      ]);
      // released after the fence: the decision could no longer be recorded on them
      expect(events[1]!.position).toBeGreaterThan(fence[0]!.position);
    }
    // The request, had it gone on, could not record its decision now.
    const writer = c.app.get(StreamWriter);
    await expect(
      writer.execute(
        awardDecisionDecider,
        StreamWriter.command(ctx, 'IssueAwardDecision', {
          decisionId: DECISION,
          number: '1/QĐ (mẫu)',
          date: '2023-12-20',
          authority: 'thu-truong-don-vi',
          awards: [award('cb-a')],
        }),
        ctx,
        { streamId: `award-decision-${DECISION}`, context: async () => ({}) },
      ),
    ).rejects.toMatchObject({ code: 'DECISION_ABANDONED' });
    // The person's title is free again: another decision gives it.
    const again = await ok(send(c, '/award-decisions', decisionBody('cb-a', '2/QĐ (mẫu)')));
    // Decisions racing with the reconciler at grace 0 are never taken for abandoned while in flight here.
    const raced = await Promise.all(
      ['cb-b', 'cb-c', 'cb-d'].map((p, i) =>
        send(c, '/award-decisions', decisionBody(p, `${3 + i}/QĐ (mẫu)`)),
      ),
    );
    expect(raced.map((r) => r.status)).toEqual([201, 201, 201]);
    const abandoned = (await log.readAll({ after: 0, batchSize: 10_000 })).filter(
      (e) => e.type === 'AwardDecisionAbandoned',
    );
    expect(abandoned).toHaveLength(1);

    // A process stopped between a revocation and its releases: the revocation is written, the claims not.
    const [awardId] = again.body.awardIds as string[];
    await writer.execute(
      awardDecisionDecider,
      StreamWriter.command(ctx, 'RevokeAward', {
        decisionId: again.body.decisionId as string,
        awardId: awardId!,
        reason: 'Kê khai không đúng (dữ liệu mẫu)',
        decisionRef: '9/QĐ (mẫu)',
        ground: 'false-declaration',
        authority: 'thu-truong-don-vi',
        recovery: { insignia: true, moneyVnd: 0 },
      }),
      { ...ctx, occurredAt: new Date().toISOString() },
      { streamId: `award-decision-${again.body.decisionId as string}`, context: async () => ({}) },
    );
    const live = (await log.readStream('person-cb-a')).filter((e) => e.data.awardId === awardId);
    expect(live.map((e) => e.type)).toEqual(['TitleClaimed']);
    await c.close();
    t = undefined;
    // The next process releases them with the revocation's cause.
    const d = await start('2m');
    const after = (await d.app.get<EventStore>(EVENT_STORE).readStream('person-cb-a')).filter(
      (e) => e.data.awardId === awardId,
    );
    expect(after.map((e) => [e.type, e.data.cause ?? null])).toEqual([
      ['TitleClaimed', null],
      ['TitleClaimReleased', 'revoked'],
    ]);
  });
});
