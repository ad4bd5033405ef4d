import request from 'supertest';
import {
  canonicalJson,
  evaluateRanking,
  type ChainLink,
  type ExplainedRanking,
  type PlacedRow,
} from '@thidua/domain';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@thidua/event-store';
import {
  clusterDirectoryProjection,
  rankingDocument,
  type RankingDocument,
  rankingsProjection,
  yearlyTotalsProjection,
} from '@thidua/projections';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The read side of a cluster-year through HTTP, from the seeds: Cụm thi đua số 2 of Bộ Công an in 2021
 * (seed 003), written through the command routes, read through the query routes.
 */
const ORGANIZER = { id: 'bo-cong-an', name: 'Bộ Công an' };
const UNITS = {
  anm: {
    id: 'cuc-anm',
    name: 'Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao',
    kind: 'cuc',
  },
  ktnv: { id: 'cuc-ktnv', name: 'Cục Kỹ thuật nghiệp vụ', kind: 'cuc' },
  ngoaiTuyen: { id: 'cuc-ngoai-tuyen', name: 'Cục Ngoại tuyến', kind: 'cuc' },
  xnc: { id: 'cuc-qlxnc', name: 'Cục Quản lý xuất nhập cảnh', kind: 'cuc' },
  canhVe: { id: 'bo-tu-lenh-canh-ve', name: 'Bộ Tư lệnh Cảnh vệ', kind: 'bo-tu-lenh' },
};
const UNIT_LIST = Object.values(UNITS);
const CLUSTER = 'bca-cum-2';
const YEAR_PATH = `/clusters/${CLUSTER}/years/2021`;
const Q1 = `${YEAR_PATH}/rankings/Q1`;
const STREAM = `emulation-${CLUSTER}-2021`;

const SCHEME = {
  criteria: [
    {
      code: 'xd-dang',
      title: 'Công tác xây dựng Đảng',
      group: 'Xây dựng lực lượng',
      maxPoints: 30,
      kind: 'score',
    },
    {
      code: 'chuyen-mon',
      title: 'Kết quả công tác chuyên môn',
      group: 'Nghiệp vụ',
      maxPoints: 50,
      kind: 'score',
    },
    {
      code: 'diem-thuong',
      title: 'Điểm thưởng thành tích đột xuất',
      group: 'Thưởng',
      maxPoints: 5,
      kind: 'bonus',
    },
    { code: 'diem-tru', title: 'Vi phạm kỷ luật', group: 'Trừ', maxPoints: 10, kind: 'penalty' },
  ],
  thresholds: [
    { code: 'xuat-sac', label: 'Xuất sắc', minTotal: 70 },
    { code: 'tot', label: 'Tốt', minTotal: 60 },
    { code: 'trung-binh', label: 'Trung bình', minTotal: 0 },
  ],
  tieBreaks: ['group:Nghiệp vụ', 'penalty'],
};

/** Q1 self points [xd-dang, chuyen-mon] per unit. */
const SELF: Record<string, [number, number]> = {
  [UNITS.anm.id]: [28, 45],
  [UNITS.ktnv.id]: [27, 44],
  [UNITS.ngoaiTuyen.id]: [26, 40],
  [UNITS.xnc.id]: [25, 38],
  [UNITS.canhVe.id]: [26, 41],
};

/** Every unit of this suite is registered with its name: the rows carry it. */
const unitName = (unitId: string): string | null => UNIT_LIST.find((u) => u.id === unitId)?.name ?? null;

describe('rankings, explain, what-if and the directory through HTTP (e2e)', () => {
  let t: TestApp;
  let store: EventStore;
  const tokens: Record<string, string> = {};
  const officer = (unitId: string) => tokens[`officer:${unitId}`]!;
  const entries: Record<string, string> = {};
  const at: Record<string, number> = {};

  const post = async (path: string, token: string, body?: object) => {
    const req = request(t.server).post(path).set('authorization', `Bearer ${token}`);
    const res = await (body === undefined ? req : req.send(body));
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { position: number; entryId?: string; disputeId?: string };
  };
  const get = (path: string, token = tokens.viewer!) =>
    request(t.server).get(path).set('authorization', `Bearer ${token}`);
  const whatIf = (body: object, token = tokens.inspector!, query = '') =>
    request(t.server).post(`${Q1}/what-if${query}`).set('authorization', `Bearer ${token}`).send(body);
  const streamEvents = (): Promise<StoredEvent[]> => store.readStream(STREAM);
  const rowOf = (ranking: { rows: Array<{ unitId: string }> }, unitId: string) =>
    ranking.rows.find((r) => r.unitId === unitId) as RankingDocument['rows'][number];

  beforeAll(async () => {
    t = await startTestApp({
      projections: [clusterDirectoryProjection(), rankingsProjection(), yearlyTotalsProjection()],
      env: { READ_WAIT_MAX_MS: '1500' },
    });
    store = t.app.get<EventStore>(EVENT_STORE);
    tokens.admin = await t.token({ role: 'admin', sub: 'admin-1' });
    tokens.organizer = await t.token({ role: 'organizer', sub: 'to-thi-dua-bca', unitId: ORGANIZER.id });
    tokens.inspector = await t.token({ role: 'inspector', sub: 'inspector-1' });
    tokens.viewer = await t.token({ role: 'viewer', sub: 'viewer-1' });
    for (const u of UNIT_LIST) {
      tokens[`officer:${u.id}`] = await t.token({
        role: 'unit-officer',
        sub: `officer-${u.id}`,
        unitId: u.id,
      });
    }

    await post('/units', tokens.admin!, { unitId: ORGANIZER.id, name: ORGANIZER.name, kind: 'bo' });
    for (const u of UNIT_LIST) {
      await post('/units', tokens.admin!, {
        unitId: u.id,
        name: u.name,
        kind: u.kind,
        parentUnitId: ORGANIZER.id,
      });
    }
    await post('/clusters', tokens.admin!, {
      clusterId: CLUSTER,
      organizerUnitId: ORGANIZER.id,
      number: 2,
      name: 'Cụm thi đua số 2',
    });
    for (const u of UNIT_LIST) await post(`${YEAR_PATH}/members`, tokens.organizer!, { unitId: u.id });
    await post(`${YEAR_PATH}/chair`, tokens.organizer!, {
      unitId: UNITS.anm.id,
      role: 'chair',
      source: 'organizer',
    });
    const schemeRes = await request(t.server)
      .put(`${YEAR_PATH}/scheme`)
      .set('authorization', `Bearer ${tokens.organizer}`)
      .send(SCHEME);
    expect(schemeRes.status).toBe(201);
    for (const u of UNIT_LIST.slice(0, 4)) {
      await post(`${YEAR_PATH}/pledges`, officer(u.id), {
        unitId: u.id,
        titles: ['co-thi-dua-bo-cong-an'],
        targets: [{ text: 'Hoàn thành vượt mức 77 chỉ tiêu công tác năm 2021 Bộ Công an giao', count: 77 }],
        keyTasks: ['Bảo vệ tuyệt đối an toàn các mục tiêu', 'Phòng, chống tội phạm', 'Xây dựng lực lượng'],
      });
    }
    await post(`${YEAR_PATH}/periods/Q1/open`, tokens.organizer!);
    for (const u of UNIT_LIST) {
      const [xd, cm] = SELF[u.id]!;
      const a = await post(`${YEAR_PATH}/scores`, officer(u.id), {
        unitId: u.id,
        period: 'Q1',
        criterion: 'xd-dang',
        points: xd,
        assessment: 'self',
      });
      const b = await post(`${YEAR_PATH}/scores`, officer(u.id), {
        unitId: u.id,
        period: 'Q1',
        criterion: 'chuyen-mon',
        points: cm,
        assessment: 'self',
      });
      entries[`${u.id}:xd-dang`] = a.entryId!;
      entries[`${u.id}:chuyen-mon`] = b.entryId!;
    }
    // The chair's verified score for Cục Quản lý xuất nhập cảnh (cluster over self), then corrected.
    const cluster = await post(`${YEAR_PATH}/scores`, officer(UNITS.anm.id), {
      unitId: UNITS.xnc.id,
      period: 'Q1',
      criterion: 'chuyen-mon',
      points: 36,
      assessment: 'cluster',
    });
    entries.xncCluster = cluster.entryId!;
    at.beforeCorrection = cluster.position;
    at.corrected = (
      await post(`${YEAR_PATH}/scores/${entries.xncCluster}/corrections`, officer(UNITS.anm.id), {
        points: 39.5,
        reason: 'Bổ sung minh chứng chuyên án',
      })
    ).position;
    at.closed = (await post(`${YEAR_PATH}/periods/Q1/close`, tokens.organizer!)).position;
    // After the close, Bộ Tư lệnh Cảnh vệ disputes its chuyen-mon score; the organizer upholds it.
    const dispute = await post(`${YEAR_PATH}/disputes`, officer(UNITS.canhVe.id), {
      entryId: entries[`${UNITS.canhVe.id}:chuyen-mon`],
      reason: 'Chưa tính chuyên án tháng 3',
      proposedPoints: 46,
    });
    at.disputeFiled = dispute.position;
    at.upheld = (
      await post(`${YEAR_PATH}/disputes/${dispute.disputeId}/resolution`, tokens.organizer!, {
        outcome: 'upheld',
        reason: 'Chấp nhận khiếu nại: có minh chứng',
        correctedPoints: 46,
      })
    ).position;
  });
  afterAll(() => t.close());

  it('serves the projected ranking with ?minPosition=: revised after the upheld dispute, with both digests', async () => {
    const res = await get(`${Q1}?minPosition=${at.upheld}`);
    expect(res.status).toBe(200);
    const doc = res.body as RankingDocument;
    const events = await streamEvents();
    const sealed = events.find((e) => e.type === 'PeriodClosed')!.data['rankingDigest'];
    expect(doc).toMatchObject({
      clusterId: CLUSTER,
      year: 2021,
      period: 'Q1',
      status: 'revised',
      finality: 'revised',
    });
    expect(doc.sealedDigest).toBe(sealed);
    expect(doc.currentDigest).not.toBe(sealed);
    expect(doc.revisedBy.map((r) => r.position)).toContain(at.upheld);
    // The document is the evaluator over the stream up to the event that produced it.
    expect(doc.position).toBe(events.at(-1)!.position);
    expect(canonicalJson(doc)).toBe(
      canonicalJson(rankingDocument(evaluateRanking(events, 'Q1'), STREAM, unitName)),
    );
    // Cluster over self: xnc's chuyen-mon counts the chair's corrected 39.5, from `cluster`.
    expect(rowOf(doc, UNITS.xnc.id).criteria).toContainEqual({
      code: 'chuyen-mon',
      points: 39.5,
      source: 'cluster',
      entryId: entries.xncCluster,
    });
    expect(rowOf(doc, UNITS.canhVe.id).total).toBe(26 + 46);
    expect(rowOf(doc, UNITS.anm.id)).toMatchObject({
      total: 73,
      rank: 1,
      classification: { code: 'xuat-sac' },
    });
    expect(rowOf(doc, UNITS.canhVe.id).missingCriteria).toEqual([]);
  });

  it('replays ?asOf= a position: before and after the correction, and at the close (the sealed ranking)', async () => {
    const events = await streamEvents();
    const before = await get(`${Q1}?asOf=${at.beforeCorrection}`);
    const after = await get(`${Q1}?asOf=${at.corrected}`);
    expect(before.status).toBe(200);
    expect(after.status).toBe(200);
    expect(rowOf(before.body, UNITS.xnc.id).total).toBe(25 + 36);
    expect(rowOf(after.body, UNITS.xnc.id).total).toBe(25 + 39.5);
    expect(before.body).toMatchObject({
      status: 'open',
      finality: 'provisional',
      position: at.beforeCorrection,
    });
    // The same function as the projection, over the events up to that position.
    expect(canonicalJson(before.body)).toBe(
      canonicalJson(
        rankingDocument(
          evaluateRanking(events, 'Q1', { upToPosition: at.beforeCorrection }),
          STREAM,
          unitName,
        ),
      ),
    );

    const sealed = await get(`${Q1}?asOf=${at.closed}`);
    expect(sealed.body).toMatchObject({ status: 'closed', finality: 'final' });
    expect(sealed.body.currentDigest).toBe(sealed.body.sealedDigest);
    expect(rowOf(sealed.body, UNITS.canhVe.id).total).toBe(26 + 41);
    const revised = await get(`${Q1}?asOf=${at.upheld}`);
    expect(rowOf(revised.body, UNITS.canhVe.id).total).toBe(26 + 46);
  });

  it('replays ?asOf= an ISO time', async () => {
    const events = await streamEvents();
    const closedAt = events.find((e) => e.position === at.closed)!.metadata.occurredAt;
    const res = await get(`${Q1}?asOf=${encodeURIComponent(closedAt)}`);
    expect(res.status).toBe(200);
    expect(canonicalJson(res.body)).toBe(
      canonicalJson(rankingDocument(evaluateRanking(events, 'Q1', { upToTime: closedAt }), STREAM, unitName)),
    );
    // Before the period was opened: what the plain read of a period never opened answers.
    const early = await get(`${Q1}?asOf=2020-12-31T23:59:59Z`);
    expect({ status: early.status, body: early.body }).toEqual({
      status: 404,
      body: expect.objectContaining({ code: 'PERIOD_NOT_OPENED', field: 'period' }),
    });
    const plain = await get(`/clusters/${CLUSTER}/years/2021/rankings/Q4`);
    expect({ status: plain.status, code: plain.body.code }).toEqual({
      status: 404,
      code: 'PERIOD_NOT_OPENED',
    });
    const opened = events.find((e) => e.type === 'PeriodOpened' && e.data['period'] === 'Q1')!.position;
    for (const path of [`${Q1}?asOf=${opened - 1}`, `${Q1}/explain?asOf=${opened - 1}`]) {
      const res = await get(path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({
        path,
        status: 404,
        code: 'PERIOD_NOT_OPENED',
      });
    }
  });

  it("answers 422 with the log's head for an asOf position beyond it", async () => {
    const head = await store.headPosition();
    for (const path of [`${Q1}?asOf=${head + 1}`, `${Q1}/explain?asOf=${head + 1}`]) {
      const res = await get(path);
      expect({ path, status: res.status, body: res.body }).toEqual({
        path,
        status: 422,
        body: expect.objectContaining({ code: 'AS_OF_BEYOND_HEAD', field: 'asOf', head }),
      });
    }
    const whatIfRes = await whatIf({ exclude: [] }, tokens.inspector!, `?asOf=${head + 1}`);
    expect(whatIfRes.body).toMatchObject({ code: 'AS_OF_BEYOND_HEAD', head });
    expect((await get(`${Q1}?asOf=${head}`)).status).toBe(200);
  });

  it("carries each unit's name beside its id, in the stored ranking, explain, as-of and what-if", async () => {
    const expected = UNIT_LIST.map((u) => ({ unitId: u.id, unitName: u.name }));
    const pick = (rows: Array<{ unitId: string; unitName: string | null }>) =>
      rows
        .map(({ unitId, unitName }) => ({ unitId, unitName }))
        .sort((a, b) => a.unitId.localeCompare(b.unitId));
    const sorted = [...expected].sort((a, b) => a.unitId.localeCompare(b.unitId));
    for (const path of [Q1, `${Q1}/explain`, `${Q1}?asOf=${at.corrected}`]) {
      const res = await get(path);
      expect({ path, rows: pick(res.body.rows) }).toEqual({ path, rows: sorted });
      // The name sits right after the id in every row.
      expect(Object.keys(res.body.rows[0]).slice(0, 2)).toEqual(['unitId', 'unitName']);
    }
    const res = await whatIf({ exclude: [entries.xncCluster] });
    expect(pick(res.body.actual.rows)).toEqual(sorted);
    expect(pick(res.body.hypothetical.rows)).toEqual(sorted);
    for (const d of res.body.diff) expect(d.unitName).toBe(UNIT_LIST.find((u) => u.id === d.unitId)!.name);
  });

  it('explains each row: the correction chain with event ids, positions, actors and times', async () => {
    const res = await get(`${Q1}/explain`, tokens.inspector!);
    expect(res.status).toBe(200);
    const explained = res.body as ExplainedRanking;
    const events = await streamEvents();
    const byPosition = new Map(events.map((e) => [e.position, e]));
    const chainOf = (unitId: string, code: string, entryId: string): ChainLink[] => {
      const row = explained.rows.find((r) => r.unitId === unitId)!;
      const criterion = row.explain.find((c) => c.code === code)!;
      return criterion.entries.find((e) => e.entryId === entryId)!.chain;
    };

    const xnc = chainOf(UNITS.xnc.id, 'chuyen-mon', entries.xncCluster!);
    expect(xnc.map((l) => [l.kind, l.points])).toEqual([
      ['recorded', 36],
      ['corrected', 39.5],
    ]);
    expect(xnc[1]).toMatchObject({
      position: at.corrected,
      reason: 'Bổ sung minh chứng chuyên án',
      actor: { id: `officer-${UNITS.anm.id}`, role: 'unit-officer', unitId: UNITS.anm.id },
    });
    const canhVe = chainOf(UNITS.canhVe.id, 'chuyen-mon', entries[`${UNITS.canhVe.id}:chuyen-mon`]!);
    expect(canhVe.map((l) => l.kind)).toEqual(['recorded', 'dispute-filed', 'dispute-resolved', 'corrected']);
    expect(canhVe[2]).toMatchObject({
      outcome: 'upheld',
      actor: { id: 'to-thi-dua-bca', role: 'organizer' },
    });
    // Every link names a real event of the stream: id, position, revision and time agree with the log.
    for (const link of [...xnc, ...canhVe]) {
      const event = byPosition.get(link.position)!;
      expect([link.eventId, link.revision, link.at]).toEqual([
        event.eventId,
        event.revision,
        event.metadata.occurredAt,
      ]);
    }
    // As of the close, the dispute is not there yet.
    const sealed = await get(`${Q1}/explain?asOf=${at.closed}`, tokens.inspector!);
    const sealedRow = (sealed.body as ExplainedRanking).rows.find((r) => r.unitId === UNITS.canhVe.id)!;
    const sealedChain = sealedRow.explain.find((c) => c.code === 'chuyen-mon')!.entries[0]!.chain;
    expect(sealedChain.map((l) => l.kind)).toEqual(['recorded']);
  });

  it('answers what-if with the actual, the hypothetical ranking and the diff, recording nothing', async () => {
    const head = await store.headPosition();
    // Had Cục Ngoại tuyến's chuyen-mon been 49, it would lead the cluster.
    const res = await whatIf({
      overrides: [{ entryId: entries[`${UNITS.ngoaiTuyen.id}:chuyen-mon`], points: 49 }],
    });
    expect(res.status).toBe(200);
    expect(rowOf(res.body.actual, UNITS.ngoaiTuyen.id)).toMatchObject({ total: 66 });
    expect(rowOf(res.body.hypothetical, UNITS.ngoaiTuyen.id)).toMatchObject({ total: 75, rank: 1 });
    expect(res.body.hypothetical.hypothetical).toBe(true);
    expect(res.body.diff).toContainEqual(
      expect.objectContaining({ unitId: UNITS.ngoaiTuyen.id, totalBefore: 66, totalAfter: 75, rankAfter: 1 }),
    );
    expect(res.body.diff.map((d: { unitId: string }) => d.unitId)).toContain(UNITS.anm.id); // pushed to rank 2
    expect(await store.headPosition()).toBe(head);
    // Each row says how it was placed against the row above; the actual side as explain says it.
    expect(res.body.hypothetical.rows.find((r: PlacedRow) => r.unitId === UNITS.anm.id).placedBy).toEqual({
      aboveUnitId: UNITS.ngoaiTuyen.id,
      by: 'total',
    });
    const explained = await get(`${Q1}/explain`, tokens.inspector!);
    const placedBy = (rows: Array<{ unitId: string; placedBy: unknown }>) =>
      rows.map(({ unitId, placedBy: p }) => ({ unitId, placedBy: p }));
    expect(placedBy(res.body.actual.rows)).toEqual(placedBy(explained.body.rows));

    // Excluding the chair's verified score: the self score counts again.
    const excluded = await whatIf({ exclude: [entries.xncCluster] }, tokens.viewer!);
    expect(excluded.status).toBe(200);
    expect(excluded.body.diff).toEqual([
      expect.objectContaining({ unitId: UNITS.xnc.id, totalBefore: 64.5, totalAfter: 63 }),
    ]);
    // As of the close, the actual side is the sealed ranking.
    const asOf = await whatIf({ exclude: [entries.xncCluster] }, tokens.organizer!, `?asOf=${at.closed}`);
    expect(asOf.body.actual.status).toBe('closed');
    expect(await store.headPosition()).toBe(head);
  });

  it('refuses what-if input it cannot use: 422 naming the field, 400 for a malformed body, 403 for an officer', async () => {
    let res = await whatIf({ overrides: [{ entryId: 'no-such-entry', points: 1 }] });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'ENTRY_NOT_FOUND', field: 'overrides.0.entryId' });
    res = await whatIf({ exclude: [entries.xncCluster, 'nope'] });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'ENTRY_NOT_FOUND', field: 'exclude.1' });
    res = await whatIf({ overrides: [{ entryId: entries.xncCluster, points: 51 }] });
    expect(res.status).toBe(422);
    expect(res.body.field).toBe('overrides.0.points');
    res = await whatIf({ overrides: [{ entryId: entries.xncCluster, points: 'ten' }] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'overrides.0.points' });
    res = await whatIf({ overrides: [], surprise: true });
    expect(res.status).toBe(400);
    res = await whatIf({}, officer(UNITS.xnc.id));
    expect(res.status).toBe(403);
  });

  it('answers 404 with a code for an unknown cluster, year or unopened period', async () => {
    const cases: Array<[string, number, string, string]> = [
      [`/clusters/no-cluster/years/2021/rankings/Q1`, 404, 'CLUSTER_NOT_FOUND', 'clusterId'],
      [`/clusters/${CLUSTER}/years/2022/rankings/Q1`, 404, 'CLUSTER_YEAR_NOT_FOUND', 'year'],
      [`${YEAR_PATH}/rankings/Q3`, 404, 'PERIOD_NOT_OPENED', 'period'],
      [`/clusters/no-cluster/years/2021/rankings/Q1?asOf=5`, 404, 'CLUSTER_NOT_FOUND', 'clusterId'],
      [`/clusters/${CLUSTER}/years/2022/rankings/Q1/explain`, 404, 'CLUSTER_YEAR_NOT_FOUND', 'year'],
      [`/clusters/no-cluster/years/2021`, 404, 'CLUSTER_NOT_FOUND', 'clusterId'],
      [`/clusters/${CLUSTER}/years/2020`, 404, 'CLUSTER_YEAR_NOT_FOUND', 'year'],
      [`/clusters/${CLUSTER}/years/2020/pledges`, 404, 'CLUSTER_YEAR_NOT_FOUND', 'year'],
    ];
    for (const [path, status, code, field] of cases) {
      const res = await get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${at.upheld}`);
      expect({ path, status: res.status, body: res.body }).toEqual({
        path,
        status,
        body: { code, field, message: expect.any(String) },
      });
    }
  });

  it('answers 400 naming the field for a bad period, year, asOf or minPosition', async () => {
    const cases: Array<[string, string]> = [
      [`${YEAR_PATH}/rankings/Q5`, 'period'],
      [`${YEAR_PATH}/rankings/q1/explain`, 'period'],
      [`/clusters/${CLUSTER}/years/20x1/rankings/Q1`, 'year'],
      [`/clusters/Bad_Id/years/2021`, 'clusterId'],
      [`${Q1}?asOf=yesterday`, 'asOf'],
      [`${Q1}?asOf=2021-13-45T00:00:00Z`, 'asOf'],
      [`${Q1}?asOf=2021-02-30T00:00:00Z`, 'asOf'],
      [`${Q1}?asOf=2021-03-31`, 'asOf'],
      [`${Q1}/explain?asOf=-4`, 'asOf'],
      [`${Q1}?minPosition=-1`, 'minPosition'],
      [`/clusters?sort=size`, 'sort'],
      [`/clusters?unknown=1`, 'unknown'],
    ];
    for (const [path, field] of cases) {
      const res = await get(path);
      expect({ path, status: res.status, code: res.body.code, field: res.body.field }).toEqual({
        path,
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
      });
    }
  });

  it('refuses ?minPosition= beyond the head at once (no projection can reach it)', async () => {
    const ahead = await get(`${Q1}?minPosition=${(await store.headPosition()) + 50}`);
    expect(ahead.status).toBe(422);
    expect(ahead.body.code).toBe('POSITION_BEYOND_HEAD');
    const unauthenticated = await request(t.server).get(Q1);
    expect(unauthenticated.status).toBe(401);
  });

  it('lists the directory: clusters, the cluster-year and the pledges with fulfilment (no award of the year yet: no decision yet)', async () => {
    const clusters = await get(`/clusters?minPosition=${at.upheld}`, officer(UNITS.xnc.id));
    expect(clusters.status).toBe(200);
    expect(clusters.body.clusters).toEqual([
      expect.objectContaining({
        clusterId: CLUSTER,
        name: 'Cụm thi đua số 2',
        number: 2,
        organizerUnitId: ORGANIZER.id,
        status: 'active',
        years: [2021],
      }),
    ]);
    const byNumber = await get(`/clusters?sort=number&organizer=${ORGANIZER.id}`);
    expect(byNumber.body.clusters.map((c: { clusterId: string }) => c.clusterId)).toEqual([CLUSTER]);
    const other = await get(`/clusters?organizer=ca-ha-tinh`);
    expect(other.body.clusters).toEqual([]);

    const year = await get(`${YEAR_PATH}?minPosition=${at.upheld}`);
    expect(year.status).toBe(200);
    expect(year.body.members.map((m: { name: string }) => m.name)).toEqual([
      UNITS.canhVe.name,
      UNITS.anm.name,
      UNITS.ktnv.name,
      UNITS.ngoaiTuyen.name,
      UNITS.xnc.name,
    ]);
    expect(year.body.chair).toMatchObject({ unitId: UNITS.anm.id, name: UNITS.anm.name });
    expect(year.body.scheme).toMatchObject({ version: 1 });
    expect(year.body.periods.Q1).toMatchObject({ status: 'closed', position: at.closed });

    const pledges = await get(`${YEAR_PATH}/pledges?minPosition=${at.upheld}`);
    expect(pledges.status).toBe(200);
    expect(pledges.body.pledges).toHaveLength(4);
    expect(pledges.body.notSigned).toEqual([UNITS.canhVe.id]);
    expect(pledges.body.pledges[0]).toMatchObject({
      unitId: UNITS.anm.id,
      unitName: UNITS.anm.name,
      version: 1,
      titles: [{ code: 'co-thi-dua-bo-cong-an', name: 'Cờ thi đua của Bộ Công an' }],
      targets: [{ count: 77 }],
      fulfilment: {
        status: 'no-decision-yet',
        titles: [{ code: 'co-thi-dua-bo-cong-an', conferred: false }],
      },
    });
    expect(pledges.body.pledges[0].keyTasks).toHaveLength(3);
  });

  it('documents the query routes in the OpenAPI description', async () => {
    const res = await request(t.server).get('/docs-json');
    const paths = Object.keys(res.body.paths as object);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/clusters',
        '/clusters/{clusterId}/years/{year}',
        '/clusters/{clusterId}/years/{year}/pledges',
        '/clusters/{clusterId}/years/{year}/rankings/{period}',
        '/clusters/{clusterId}/years/{year}/rankings/{period}/explain',
        '/clusters/{clusterId}/years/{year}/rankings/{period}/what-if',
      ]),
    );
    expect(res.body.paths['/clusters/{clusterId}/years/{year}/rankings/{period}'].get.description).toContain(
      'xếp hạng',
    );
  });
});
