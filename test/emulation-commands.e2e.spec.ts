import { createHash } from 'node:crypto';
import request from 'supertest';
import { evaluateRanking, rankingDigestInput, recordingDate } from '@thidua/domain';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@thidua/event-store';
import { startTestApp, type TestApp } from './support/test-app.js';
import { scheme } from '@thidua/domain/testing';

/**
 * The write side through HTTP, from the seeds: Cụm thi đua số 2 of Bộ Công an in 2021 (seed 003), its
 * five units, Cục An ninh mạng… as chair, and Cục Kỹ thuật nghiệp vụ elected chair for 2022.
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
const STREAM = `emulation-${CLUSTER}-2021`;

// The criteria of the domain's seed fixtures: one definition of Cụm 2's demo scheme.
const SCHEME = {
  criteria: scheme.criteria,
  thresholds: [
    { code: 'xuat-sac', label: 'Xuất sắc', minTotal: 90 },
    { code: 'tot', label: 'Tốt', minTotal: 75 },
    { code: 'trung-binh', label: 'Trung bình', minTotal: 0 },
  ],
  tieBreaks: ['group:Nghiệp vụ', 'penalty', 'bonus'],
};

const pledge = (unitId: string) => ({
  unitId,
  titles: ['co-thi-dua-bo-cong-an'],
  targets: [{ text: 'Hoàn thành vượt mức 77 chỉ tiêu công tác năm 2021 Bộ Công an giao', count: 77 }],
  keyTasks: [
    'Bảo vệ tuyệt đối an toàn các mục tiêu trọng điểm',
    'Đấu tranh phòng, chống tội phạm sử dụng công nghệ cao',
    'Xây dựng lực lượng trong sạch, vững mạnh',
  ],
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const created = (streamId: string) => ({
  streamId,
  revision: expect.any(Number),
  position: expect.any(Number),
  eventIds: [expect.stringMatching(UUID)],
});

describe('emulation-year commands through HTTP (e2e)', () => {
  let t: TestApp;
  let store: EventStore;
  const tokens: Record<string, string> = {};
  const officer = (unitId: string) => tokens[`officer:${unitId}`]!;

  /** POST (or PUT) as someone; the body as given. */
  const send = (
    method: 'post' | 'put',
    path: string,
    token: string,
    body?: object,
    headers: Record<string, string> = {},
  ) => {
    const req = request(t.server)[method](path).set('authorization', `Bearer ${token}`).set(headers);
    return body === undefined ? req : req.send(body);
  };
  const post = (path: string, token: string, body?: object, headers?: Record<string, string>) =>
    send('post', path, token, body, headers);
  const streamEvents = (streamId: string): Promise<StoredEvent[]> => store.readStream(streamId);
  const head = () => store.headPosition();

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get<EventStore>(EVENT_STORE);
    tokens.admin = await t.token({ role: 'admin', sub: 'admin-1' });
    tokens.organizer = await t.token({ role: 'organizer', sub: 'to-thi-dua-bca', unitId: ORGANIZER.id });
    tokens.otherOrganizer = await t.token({ role: 'organizer', sub: 'ca-ha-tinh-1', unitId: 'ca-ha-tinh' });
    tokens.inspector = await t.token({ role: 'inspector', sub: 'inspector-1' });
    for (const u of UNIT_LIST)
      tokens[`officer:${u.id}`] = await t.token({
        role: 'unit-officer',
        sub: `officer-${u.id}`,
        unitId: u.id,
      });
  });
  afterAll(() => t.close());

  it('records Cụm thi đua số 2 in 2021: units, cluster, members, chair, scheme, pledges, Q1 scores, a correction, the close', async () => {
    // Units (đơn vị), by an administrator; the names round-trip exactly.
    let res = await post('/units', tokens.admin!, { unitId: ORGANIZER.id, name: ORGANIZER.name, kind: 'bo' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ...created('unit-bo-cong-an'), revision: 0 });
    for (const u of UNIT_LIST) {
      res = await post('/units', tokens.admin!, {
        unitId: u.id,
        name: u.name,
        kind: u.kind,
        parentUnitId: ORGANIZER.id,
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ ...created(`unit-${u.id}`), revision: 0 });
    }
    const [anmRegistered] = await streamEvents('unit-cuc-anm');
    expect(anmRegistered!.data).toEqual({
      unitId: 'cuc-anm',
      name: 'Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao',
      kind: 'cuc',
      parentUnitId: 'bo-cong-an',
      // No date given: the act is dated on the day it is recorded (in Vietnam).
      effectiveDate: recordingDate(anmRegistered!.metadata.occurredAt),
    });
    expect(anmRegistered!.metadata).toMatchObject({
      actor: { id: 'admin-1', role: 'admin' },
      schemaVersion: 2,
    });

    // The cluster, formed for its organizer.
    res = await post('/clusters', tokens.admin!, {
      clusterId: CLUSTER,
      organizerUnitId: ORGANIZER.id,
      number: 2,
      name: 'Khối các đơn vị thuộc Bộ trưởng',
    });
    expect(res.status).toBe(201);
    const [formed] = await streamEvents('cluster-bca-cum-2');
    expect(formed!.data).toEqual({
      clusterId: CLUSTER,
      organizerUnitId: ORGANIZER.id,
      number: 2,
      name: 'Khối các đơn vị thuộc Bộ trưởng',
      effectiveDate: recordingDate(formed!.metadata.occurredAt),
    });

    // Members: reserved in the organizer's registry, then admitted in the cluster-year.
    for (const u of UNIT_LIST) {
      res = await post(`${YEAR_PATH}/members`, tokens.organizer!, { unitId: u.id });
      expect(res.status).toBe(201);
      expect(res.body).toEqual(created(STREAM));
    }
    expect((await streamEvents('membership-bo-cong-an-2021')).map((e) => [e.type, e.data])).toEqual(
      UNIT_LIST.map((u) => ['MembershipReserved', { unitId: u.id, clusterId: CLUSTER }]),
    );

    // The chair (Cụm trưởng) for 2021, assigned by the organizer; then the scheme.
    res = await post(`${YEAR_PATH}/chair`, tokens.organizer!, {
      unitId: UNITS.anm.id,
      role: 'chair',
      source: 'organizer',
    });
    expect(res.status).toBe(201);
    res = await send('put', `${YEAR_PATH}/scheme`, tokens.organizer!, SCHEME);
    expect(res.status).toBe(201);

    // Pledges, each signed by the unit's own officer.
    for (const u of UNIT_LIST) {
      res = await post(`${YEAR_PATH}/pledges`, officer(u.id), pledge(u.id));
      expect(res.status).toBe(201);
    }

    // Q1: self scores by each unit, the cluster's scores by the chair unit.
    res = await post(`${YEAR_PATH}/periods/Q1/open`, tokens.organizer!);
    expect(res.status).toBe(201);
    const selfPoints = [45, 44, 40, 38, 42];
    const clusterPoints = [46, 43, 41, 36, 42];
    const clusterEntries: string[] = [];
    for (const [i, u] of UNIT_LIST.entries()) {
      res = await post(`${YEAR_PATH}/scores`, officer(u.id), {
        unitId: u.id,
        period: 'Q1',
        criterion: 'chuyen-mon',
        points: selfPoints[i],
        assessment: 'self',
        evidence: 'Báo cáo kết quả công tác Quý I/2021',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ ...created(STREAM), entryId: expect.stringMatching(UUID) });
      // The chair unit verifies the others; its own cluster score comes from the organizer (never itself).
      const verifier = u.id === UNITS.anm.id ? tokens.organizer! : officer(UNITS.anm.id);
      res = await post(`${YEAR_PATH}/scores`, verifier, {
        unitId: u.id,
        period: 'Q1',
        criterion: 'chuyen-mon',
        points: clusterPoints[i],
        assessment: 'cluster',
      });
      expect(res.status).toBe(201);
      clusterEntries.push(res.body.entryId);
    }
    const recorded = (await streamEvents(STREAM)).find(
      (e) => e.type === 'ScoreRecorded' && (e.data as { entryId: string }).entryId === clusterEntries[3],
    );
    expect(recorded!.data).toMatchObject({
      unitId: UNITS.xnc.id,
      points: 36,
      assessment: 'cluster',
      schemeVersion: 1,
    });
    expect(recorded!.metadata.actor).toEqual({
      id: 'officer-cuc-anm',
      role: 'unit-officer',
      unitId: 'cuc-anm',
    });

    // A correction by the chair, with its reason in the event and in the metadata.
    res = await post(`${YEAR_PATH}/scores/${clusterEntries[3]}/corrections`, officer(UNITS.anm.id), {
      points: 39.5,
      reason: 'Bổ sung minh chứng chuyên án',
    });
    expect(res.status).toBe(201);
    const corrected = (await streamEvents(STREAM)).at(-1)!;
    expect(corrected.type).toBe('ScoreCorrected');
    expect(corrected.data).toMatchObject({ entryId: clusterEntries[3], previousPoints: 36, points: 39.5 });
    expect(corrected.metadata.reason).toBe('Bổ sung minh chứng chuyên án');

    // The close seals the ranking of exactly the events before it.
    const beforeClose = await streamEvents(STREAM);
    // Only chuyen-mon was scored: every row misses criteria, so the close must accept that, with a reason.
    res = await post(`${YEAR_PATH}/periods/Q1/close`, tokens.organizer!);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'INCOMPLETE_ROWS', field: 'acceptIncomplete' });
    const acceptance = 'Quý I chấm thí điểm tiêu chí chuyên môn';
    res = await post(`${YEAR_PATH}/periods/Q1/close`, tokens.organizer!, {
      acceptIncomplete: { reason: acceptance },
    });
    expect(res.status).toBe(201);
    const closed = (await streamEvents(STREAM)).at(-1)!;
    expect(closed.type).toBe('PeriodClosed');
    const ranking = evaluateRanking(beforeClose, 'Q1');
    const expectedDigest = createHash('sha256').update(rankingDigestInput(ranking), 'utf8').digest('hex');
    expect(closed.data).toEqual({
      period: 'Q1',
      rankingDigest: expectedDigest,
      schemeVersion: 1,
      acceptedIncomplete: { reason: acceptance, unitIds: UNIT_LIST.map((u) => u.id).sort() },
      effectiveDate: recordingDate(closed.metadata.occurredAt),
    });
    // The ranking sealed uses the cluster's (corrected) score over the self score.
    const xnc = ranking.rows.find((r) => r.unitId === UNITS.xnc.id)!;
    expect(xnc.criteria).toEqual([
      expect.objectContaining({
        code: 'chuyen-mon',
        points: 39.5,
        source: 'cluster',
        entryId: clusterEntries[3],
      }),
    ]);

    // After the close only a dispute changes it: filed by the unit, upheld by the organizer.
    res = await post(`${YEAR_PATH}/disputes`, officer(UNITS.xnc.id), {
      entryId: clusterEntries[3],
      reason: 'Đơn vị đã hoàn thành chuyên án trước hạn',
      proposedPoints: 44,
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ...created(STREAM), disputeId: expect.stringMatching(UUID) });
    res = await post(`${YEAR_PATH}/disputes/${res.body.disputeId}/resolution`, tokens.organizer!, {
      outcome: 'upheld',
      reason: 'Chấp nhận khiếu nại',
      correctedPoints: 44,
    });
    expect(res.status).toBe(201);
    expect(res.body.eventIds).toHaveLength(2);
    expect((await streamEvents(STREAM)).slice(-2).map((e) => e.type)).toEqual([
      'DisputeResolved',
      'ScoreCorrected',
    ]);
  });

  it("refuses, recording nothing: another unit's score (403), unknown fields (400), points above max (422), a unit of another cluster (422)", async () => {
    let res = await post(`${YEAR_PATH}/periods/Q2/open`, tokens.organizer!);
    expect(res.status).toBe(201);
    const before = await head();

    // A unit officer scoring another unit, and a non-chair officer giving the cluster's score.
    res = await post(`${YEAR_PATH}/scores`, officer(UNITS.ktnv.id), {
      unitId: UNITS.ngoaiTuyen.id,
      period: 'Q2',
      criterion: 'chuyen-mon',
      points: 10,
      assessment: 'self',
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: 'FORBIDDEN', message: expect.any(String) });
    res = await post(`${YEAR_PATH}/scores`, officer(UNITS.ktnv.id), {
      unitId: UNITS.ktnv.id,
      period: 'Q2',
      criterion: 'chuyen-mon',
      points: 10,
      assessment: 'cluster',
    });
    expect(res.status).toBe(403);
    // The organizer of another cluster cannot open this one's periods; a viewer role never reaches it.
    res = await post(`${YEAR_PATH}/periods/Q3/open`, tokens.otherOrganizer!);
    expect(res.status).toBe(403);
    res = await post(`${YEAR_PATH}/periods/Q3/open`, tokens.inspector!);
    expect(res.status).toBe(403);

    // Malformed input: 400 with the field.
    res = await post(`${YEAR_PATH}/scores`, officer(UNITS.ktnv.id), {
      unitId: UNITS.ktnv.id,
      period: 'Q2',
      criterion: 'chuyen-mon',
      points: 10,
      assessment: 'self',
      approvedBy: 'cuc-anm',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'approvedBy' });
    res = await post(`${YEAR_PATH}/scores`, officer(UNITS.ktnv.id), {
      unitId: UNITS.ktnv.id,
      period: 'Q2',
      criterion: 'chuyen-mon',
      points: 10.125,
      assessment: 'self',
    });
    expect(res).toMatchObject({ status: 400, body: { field: 'points' } });
    res = await post(`${YEAR_PATH}/periods/Q5/open`, tokens.organizer!);
    expect(res).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', field: 'period' } });
    res = await post('/units', tokens.admin!, {
      unitId: 'cuc-x',
      name: 'Cục Ngoại tuyến'.normalize('NFD'),
      kind: 'cuc',
    });
    expect(res).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', field: 'name' } });
    res = await post(`${YEAR_PATH}/scores/NOT_AN_ID/withdrawal`, officer(UNITS.ktnv.id), { reason: 'nhầm' });
    expect(res).toMatchObject({ status: 400, body: { field: 'entryId' } });

    // A broken rule: 422 with the field.
    res = await post(`${YEAR_PATH}/scores`, officer(UNITS.ktnv.id), {
      unitId: UNITS.ktnv.id,
      period: 'Q2',
      criterion: 'chuyen-mon',
      points: 50.5,
      assessment: 'self',
    });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ code: 'POINTS_OUT_OF_RANGE', message: expect.any(String), field: 'points' });

    // A unit already in Cụm 2 cannot join another cluster of Bộ Công an in 2021.
    const beforeCluster = await head();
    res = await post('/clusters', tokens.admin!, {
      clusterId: 'bca-cum-3',
      organizerUnitId: ORGANIZER.id,
      number: 3,
      name: 'Cụm thi đua số 3',
    });
    expect(res.status).toBe(201);
    expect(await head()).toBe(beforeCluster + 1);
    const beforeAdmit = await head();
    res = await post('/clusters/bca-cum-3/years/2021/members', tokens.organizer!, { unitId: UNITS.ktnv.id });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'ALREADY_IN_ANOTHER_CLUSTER', field: 'unitId' });
    // …and an admission the cluster-year would refuse reserves nothing either.
    res = await post('/clusters/bca-cum-3/years/2021/members', tokens.organizer!, {
      unitId: 'cuc-chua-dang-ky',
    });
    expect(res.status).toBe(404);
    expect(await head()).toBe(beforeAdmit);

    expect(await head()).toBe(before + 1); // only the cluster formed above
  });

  it('answers a repeated Idempotency-Key with the first answer and no new event; another body gets 422', async () => {
    const score = {
      unitId: UNITS.ktnv.id,
      period: 'Q2',
      criterion: 'xd-dang',
      points: 27,
      assessment: 'self',
    };
    const key = { 'idempotency-key': 'ktnv-q2-xd-dang-1' };
    const first = await post(`${YEAR_PATH}/scores`, officer(UNITS.ktnv.id), score, key);
    expect(first.status).toBe(201);
    const after = await head();
    const again = await post(`${YEAR_PATH}/scores`, officer(UNITS.ktnv.id), score, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await head()).toBe(after);
    const other = await post(`${YEAR_PATH}/scores`, officer(UNITS.ktnv.id), { ...score, points: 28 }, key);
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
    expect(await head()).toBe(after);

    // An admission (two streams) replays too.
    await post('/units', tokens.admin!, {
      unitId: 'cuc-canh-sat-moi-truong',
      name: 'Cục Cảnh sát môi trường',
      kind: 'cuc',
    });
    const admitKey = { 'idempotency-key': 'admit-cstmt-2021' };
    const admitted = await post(
      '/clusters/bca-cum-3/years/2021/members',
      tokens.organizer!,
      { unitId: 'cuc-canh-sat-moi-truong' },
      admitKey,
    );
    expect(admitted.status).toBe(201);
    const afterAdmit = await head();
    const replayed = await post(
      '/clusters/bca-cum-3/years/2021/members',
      tokens.organizer!,
      { unitId: 'cuc-canh-sat-moi-truong' },
      admitKey,
    );
    expect(replayed.body).toEqual(admitted.body);
    expect(await head()).toBe(afterAdmit);
  });

  it('admits a unit raced into two clusters of the same organizer exactly once', async () => {
    await post('/units', tokens.admin!, {
      unitId: 'cuc-an-ninh-noi-dia',
      name: 'Cục An ninh nội địa',
      kind: 'cuc',
    });
    const form = { organizerUnitId: ORGANIZER.id, name: 'Cụm thi đua số 4' };
    expect(
      (await post('/clusters', tokens.admin!, { ...form, clusterId: 'bca-cum-4', number: 4 })).status,
    ).toBe(201);
    const before = await head();
    const results = await Promise.all(
      ['bca-cum-3', 'bca-cum-4'].map((c) =>
        post(`/clusters/${c}/years/2021/members`, tokens.organizer!, { unitId: 'cuc-an-ninh-noi-dia' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(results.find((r) => r.status === 422)!.body.code).toBe('ALREADY_IN_ANOTHER_CLUSTER');
    expect(await head()).toBe(before + 2); // one reservation, one admission

    // Withdrawn from the cluster that won, the unit is released and may join the other.
    const [won, lost] = results[0]!.status === 201 ? ['bca-cum-3', 'bca-cum-4'] : ['bca-cum-4', 'bca-cum-3'];
    const withdrawal = await post(
      `/clusters/${won}/years/2021/members/cuc-an-ninh-noi-dia/withdrawal`,
      tokens.organizer!,
      {
        reason: 'Điều chỉnh cụm thi đua',
      },
    );
    expect(withdrawal.status).toBe(201);
    expect((await streamEvents('membership-bo-cong-an-2021')).at(-1)!.data).toEqual({
      unitId: 'cuc-an-ninh-noi-dia',
      clusterId: won,
      cause: 'withdrawn',
      reason: 'Điều chỉnh cụm thi đua',
    });
    const moved = await post(`/clusters/${lost}/years/2021/members`, tokens.organizer!, {
      unitId: 'cuc-an-ninh-noi-dia',
    });
    expect(moved.status).toBe(201);
  });

  it('refuses a stale If-Match with 409 and accepts the current revision', async () => {
    const { revision } = (await streamEvents(STREAM)).at(-1)!;
    const score = {
      unitId: UNITS.canhVe.id,
      period: 'Q2',
      criterion: 'xd-dang',
      points: 25,
      assessment: 'self',
    };
    const before = await head();
    let res = await post(`${YEAR_PATH}/scores`, officer(UNITS.canhVe.id), score, {
      'if-match': `"${revision - 1}"`,
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('REVISION_CONFLICT');
    expect(await head()).toBe(before);
    res = await post(`${YEAR_PATH}/scores`, officer(UNITS.canhVe.id), score, { 'if-match': 'soon' });
    expect(res).toMatchObject({ status: 400, body: { field: 'If-Match' } });
    res = await post(`${YEAR_PATH}/scores`, officer(UNITS.canhVe.id), score, {
      'if-match': String(revision),
    });
    expect(res.status).toBe(201);
    expect(res.body.revision).toBe(revision + 1);
    // "no-stream" on an existing unit stream.
    res = await post(
      '/units',
      tokens.admin!,
      { unitId: UNITS.anm.id, name: UNITS.anm.name, kind: 'cuc' },
      { 'if-match': 'no-stream' },
    );
    expect(res.status).toBe(409);
  });

  it('amends the scheme (version 2) only with a reason, and reopens a closed period with one', async () => {
    const amended = {
      ...SCHEME,
      thresholds: [...SCHEME.thresholds.slice(0, 2), { code: 'kha', label: 'Khá', minTotal: 50 }],
    };
    let res = await send('put', `${YEAR_PATH}/scheme`, tokens.organizer!, amended);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'REASON_REQUIRED', field: 'reason' });
    res = await send('put', `${YEAR_PATH}/scheme`, tokens.organizer!, {
      ...amended,
      reason: 'Bổ sung mức Khá',
    });
    expect(res.status).toBe(201);
    const event = (await streamEvents(STREAM)).at(-1)!;
    expect([event.type, (event.data as { version: number }).version]).toEqual(['ScoringSchemeAmended', 2]);

    res = await post(`${YEAR_PATH}/periods/Q1/reopen`, tokens.organizer!, {
      reason: 'Rà soát lại kết quả Quý I',
    });
    expect(res.status).toBe(201);
    expect((await streamEvents(STREAM)).at(-1)!).toMatchObject({
      type: 'PeriodReopened',
      data: { period: 'Q1', reason: 'Rà soát lại kết quả Quý I' },
      metadata: { reason: 'Rà soát lại kết quả Quý I' },
    });
  });

  it('elects Cục Kỹ thuật nghiệp vụ chair for 2022 and takes the election up in the 2022 cluster-year', async () => {
    let res = await post(`${YEAR_PATH}/elections`, officer(UNITS.anm.id), {
      role: 'chair',
      candidates: [UNITS.ktnv.id, UNITS.ngoaiTuyen.id],
    });
    expect(res.status).toBe(201);
    const { electionId } = res.body;
    expect(electionId).toMatch(UUID);
    const votes = [UNITS.anm, UNITS.ktnv, UNITS.xnc, UNITS.canhVe];
    for (const u of votes) {
      res = await post(`${YEAR_PATH}/elections/${electionId}/ballots`, officer(u.id), {
        voterUnitId: u.id,
        candidateUnitId: UNITS.ktnv.id,
      });
      expect(res.status).toBe(201);
    }
    res = await post(`${YEAR_PATH}/elections/${electionId}/close`, officer(UNITS.anm.id));
    expect(res.status).toBe(201);
    const elected = (await streamEvents(STREAM)).at(-1)!;
    expect(elected.data).toEqual({
      electionId,
      role: 'chair',
      year: 2022,
      unitId: UNITS.ktnv.id,
      effectiveDate: recordingDate(elected.metadata.occurredAt),
    });

    // 2022: the elected unit is admitted and takes up its seat.
    res = await post(`/clusters/${CLUSTER}/years/2022/members`, tokens.organizer!, { unitId: UNITS.ktnv.id });
    expect(res.status).toBe(201);
    res = await post(`/clusters/${CLUSTER}/years/2022/chair`, officer(UNITS.ktnv.id), {
      unitId: UNITS.ktnv.id,
      role: 'chair',
      source: 'election',
      electionId,
    });
    expect(res.status).toBe(201);
    const seated = (await streamEvents(`emulation-${CLUSTER}-2022`)).at(-1)!;
    expect(seated.data).toEqual({
      unitId: UNITS.ktnv.id,
      role: 'chair',
      source: 'election',
      electionId,
      effectiveDate: recordingDate(seated.metadata.occurredAt),
    });
  });
  it('elects the 2022 vice-chair by secret ballot: receipts only, the count, a run-off, a tied run-off, a plurality', async () => {
    const ELECTIONS = `${YEAR_PATH}/elections`;
    const voters = [UNITS.anm, UNITS.ktnv, UNITS.ngoaiTuyen, UNITS.xnc, UNITS.canhVe];
    const candidates = [UNITS.ngoaiTuyen.id, UNITS.xnc.id, UNITS.canhVe.id];
    let res = await post(ELECTIONS, officer(UNITS.anm.id), { role: 'vice-chair', candidates, secret: true });
    expect(res.status).toBe(201);
    const first = res.body.electionId as string;
    const vote = async (electionId: string, units: typeof voters) => {
      for (const u of units) {
        const r = await post(`${ELECTIONS}/${electionId}/ballots`, officer(u.id), { voterUnitId: u.id });
        expect(r.status).toBe(201);
      }
    };
    // A secret ballot names no candidate; a unit votes once.
    res = await post(`${ELECTIONS}/${first}/ballots`, officer(UNITS.anm.id), {
      voterUnitId: UNITS.anm.id,
      candidateUnitId: UNITS.xnc.id,
    });
    expect([res.status, res.body.code, res.body.field]).toEqual([
      422,
      'SECRET_BALLOT_NAMES_NO_CANDIDATE',
      'candidateUnitId',
    ]);
    await vote(first, voters);
    res = await post(`${ELECTIONS}/${first}/ballots`, officer(UNITS.anm.id), { voterUnitId: UNITS.anm.id });
    expect([res.status, res.body.code, res.body.field]).toEqual([409, 'ALREADY_VOTED', 'voterUnitId']);
    const receipts = (await streamEvents(STREAM)).filter(
      (e) => e.type === 'SecretBallotCast' && (e.data as { electionId: string }).electionId === first,
    );
    expect(receipts.map((e) => Object.keys(e.data).sort())).toEqual(
      voters.map(() => ['effectiveDate', 'electionId', 'voterUnitId']),
    );
    // The count must add up to the receipts; 2 of 5 is no majority → run-off between the two leaders.
    const count = (tally: Array<[string, number]>, invalid?: number) => ({
      count: {
        tally: tally.map(([unitId, votes]) => ({ unitId, votes })),
        ...(invalid !== undefined && { invalid }),
      },
    });
    res = await post(
      `${ELECTIONS}/${first}/close`,
      officer(UNITS.anm.id),
      count([
        [UNITS.ngoaiTuyen.id, 2],
        [UNITS.xnc.id, 2],
        [UNITS.canhVe.id, 2],
      ]),
    );
    expect([res.status, res.body.code, res.body.field]).toEqual([422, 'COUNT_MISMATCH', 'count']);
    res = await post(
      `${ELECTIONS}/${first}/close`,
      officer(UNITS.anm.id),
      count([
        [UNITS.ngoaiTuyen.id, 2],
        [UNITS.xnc.id, 2],
        [UNITS.canhVe.id, 1],
      ]),
    );
    expect(res.status).toBe(201);
    expect((await streamEvents(STREAM)).at(-1)!.data).toMatchObject({
      outcome: 'no-majority',
      rule: 'absolute-majority',
      secret: true,
      ballots: 5,
      invalid: 0,
      runOffCandidates: [UNITS.ngoaiTuyen.id, UNITS.xnc.id],
    });
    // The run-off: fixed candidates, still secret; 2–2 is a tie, reported, and a new run-off follows.
    res = await post(ELECTIONS, officer(UNITS.anm.id), { role: 'vice-chair', candidates: candidates });
    expect([res.status, res.body.code, res.body.field]).toEqual([422, 'RUN_OFF_CANDIDATES', 'candidates']);
    res = await post(ELECTIONS, officer(UNITS.anm.id), { role: 'vice-chair' });
    expect(res.status).toBe(201);
    const second = res.body.electionId as string;
    expect((await streamEvents(STREAM)).at(-1)!.data).toMatchObject({
      round: 2,
      secret: true,
      runOffOf: first,
      candidates: [UNITS.ngoaiTuyen.id, UNITS.xnc.id],
    });
    await vote(second, voters.slice(0, 4));
    res = await post(
      `${ELECTIONS}/${second}/close`,
      officer(UNITS.anm.id),
      count([
        [UNITS.ngoaiTuyen.id, 2],
        [UNITS.xnc.id, 2],
      ]),
    );
    expect(res.status).toBe(201);
    expect((await streamEvents(STREAM)).at(-1)!.data).toMatchObject({ outcome: 'tie', rule: 'plurality' });
    res = await post(ELECTIONS, officer(UNITS.anm.id), { role: 'vice-chair' });
    const third = res.body.electionId as string;
    await vote(third, voters.slice(0, 4));
    // 2 of 4 with one invalid ballot: not a majority, but the most votes of a run-off.
    res = await post(
      `${ELECTIONS}/${third}/close`,
      officer(UNITS.anm.id),
      count(
        [
          [UNITS.ngoaiTuyen.id, 2],
          [UNITS.xnc.id, 1],
        ],
        1,
      ),
    );
    expect(res.status).toBe(201);
    const [closed, elected] = (await streamEvents(STREAM)).slice(-2);
    expect(closed!.data).toMatchObject({ outcome: 'elected', rule: 'plurality', invalid: 1, ballots: 4 });
    expect(elected!.data).toMatchObject({ role: 'vice-chair', year: 2022, unitId: UNITS.ngoaiTuyen.id });
    // Nowhere in the log of these rounds is a voter linked to a candidate.
    const ids = new Set([first, second, third]);
    const leaks = (await streamEvents(STREAM)).filter(
      (e) => ids.has((e.data as { electionId?: string }).electionId ?? '') && e.type === 'BallotCast',
    );
    expect(leaks).toEqual([]);
  });

  it('documents every command in OpenAPI with its answers and headers', async () => {
    const res = await request(t.server).get('/docs-json');
    const paths = res.body.paths as Record<
      string,
      Record<string, { responses: object; parameters: { name: string }[] }>
    >;
    const record = paths['/clusters/{clusterId}/years/{year}/scores']!.post!;
    expect(Object.keys(record.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '409', '422']),
    );
    expect(record.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['clusterId', 'year', 'Idempotency-Key', 'If-Match']),
    );
    expect(paths['/clusters/{clusterId}/years/{year}/scheme']!.put).toBeDefined();
    expect(paths['/clusters/{clusterId}/years/{year}/periods/{period}/close']!.post).toBeDefined();
  });
});
