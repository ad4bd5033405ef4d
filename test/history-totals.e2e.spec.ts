import request from 'supertest';
import { allProjections } from '@thidua/projections';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * GET /units/{u}/history and GET /totals/{y} through HTTP, on Cụm thi đua số 2 of Bộ Công an in 2021
 * (seed 003): awards follow the unit into and out of the cluster's totals; the history tells it in order.
 */
const ORGANIZER = { unitId: 'bo-cong-an', name: 'Bộ Công an', kind: 'bo' };
const UNITS = {
  anm: {
    unitId: 'cuc-anm',
    name: 'Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao',
    kind: 'cuc',
  },
  ktnv: { unitId: 'cuc-ktnv', name: 'Cục Kỹ thuật nghiệp vụ', kind: 'cuc' },
  ngoaiTuyen: { unitId: 'cuc-ngoai-tuyen', name: 'Cục Ngoại tuyến', kind: 'cuc' },
  xnc: { unitId: 'cuc-qlxnc', name: 'Cục Quản lý xuất nhập cảnh', kind: 'cuc' },
  canhVe: { unitId: 'bo-tu-lenh-canh-ve', name: 'Bộ Tư lệnh Cảnh vệ', kind: 'bo-tu-lenh' },
};
const CLUSTER = 'bca-cum-2';
const YEAR_PATH = `/clusters/${CLUSTER}/years/2021`;
const BK = 'bang-khen-bo-truong-bca';

describe('unit history and yearly totals through HTTP (e2e)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const post = (path: string, token: string | undefined, body?: object) => {
    const req = request(t.server)
      .post(path)
      .set('authorization', `Bearer ${token ?? ''}`);
    return body === undefined ? req : req.send(body);
  };
  const get = (path: string, token: string | undefined = tokens.viewer) =>
    request(t.server)
      .get(path)
      .set('authorization', `Bearer ${token ?? ''}`);
  const ok = async (res: request.Response | Promise<request.Response>, status = 201) => {
    const r = await res;
    if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const bk = async (query: string, minPosition: number) => {
    const body = (await ok(get(`/totals/2021?${query}&minPosition=${minPosition}`), 200)).body;
    const row = body.awards.find((a: { code: string }) => a.code === BK);
    return row ? [row.collective, row.individual] : [0, 0];
  };
  let decisionPosition = 0;
  let admittedLate = 0;
  let withdrawn = 0;

  beforeAll(async () => {
    t = await startTestApp({ projections: allProjections });
    tokens.admin = await t.token({ role: 'admin', sub: 'admin-1' });
    tokens.organizer = await t.token({ role: 'organizer', sub: 'phong-td-kt', unitId: ORGANIZER.unitId });
    tokens.viewer = await t.token({ role: 'viewer', sub: 'viewer-1' });
    tokens.inspector = await t.token({ role: 'inspector', sub: 'inspector-1' });
    for (const u of Object.values(UNITS))
      tokens[u.unitId] = await t.token({
        role: 'unit-officer',
        sub: `officer-${u.unitId}`,
        unitId: u.unitId,
      });
    for (const u of [ORGANIZER, ...Object.values(UNITS)]) await ok(post('/units', tokens.admin, u));
    await ok(
      post('/clusters', tokens.admin, {
        clusterId: CLUSTER,
        organizerUnitId: ORGANIZER.unitId,
        number: 2,
        name: 'Khối các đơn vị thuộc Bộ trưởng',
      }),
    );
    for (const u of [UNITS.anm, UNITS.ktnv, UNITS.ngoaiTuyen, UNITS.xnc])
      await ok(post(`${YEAR_PATH}/members`, tokens.organizer, { unitId: u.unitId }));
    for (const n of [1, 2])
      await ok(
        post('/people', tokens.admin, {
          personId: `can-bo-${n}`,
          unitId: UNITS.ktnv.unitId,
          fullName: `Cán bộ ${n} (dữ liệu mẫu)`,
        }),
      );
    // Bộ Tư lệnh Cảnh vệ receives its award before it is admitted; Cục Kỹ thuật nghiệp vụ leaves after its own.
    const decision = await ok(
      post('/award-decisions', tokens.admin, {
        number: '3456/QĐ-BCA',
        date: '2021-12-10',
        authority: 'bo-truong-bca',
        awards: [
          {
            code: BK,
            recipient: { kind: 'collective', unitId: UNITS.canhVe.unitId },
            year: 2021,
            citation: 'Đã có thành tích xuất sắc',
            adHoc: { reason: 'Khen thưởng đột xuất (kiểm thử)' },
          },
          ...[1, 2].map((n) => ({
            code: BK,
            recipient: { kind: 'individual', personId: `can-bo-${n}` },
            year: 2021,
            citation: 'Đã có thành tích xuất sắc',
            adHoc: { reason: 'Khen thưởng đột xuất (kiểm thử)' },
          })),
        ],
      }),
    );
    decisionPosition = decision.body.position;
  });
  afterAll(() => t.close());

  it('counts an award for the cluster holding its unit that year, whenever the membership is recorded', async () => {
    expect(await bk(`cluster=${CLUSTER}`, decisionPosition)).toEqual([0, 2]);
    expect(await bk(`unit=${UNITS.canhVe.unitId}`, decisionPosition)).toEqual([1, 0]);

    admittedLate = (await ok(post(`${YEAR_PATH}/members`, tokens.organizer, { unitId: UNITS.canhVe.unitId })))
      .body.position;
    expect(await bk(`cluster=${CLUSTER}`, admittedLate)).toEqual([1, 2]);
    expect(await bk(`organizer=${ORGANIZER.unitId}`, admittedLate)).toEqual([1, 2]);

    withdrawn = (
      await ok(
        post(`${YEAR_PATH}/members/${UNITS.ktnv.unitId}/withdrawal`, tokens.organizer, {
          reason: 'Điều chỉnh thành phần Cụm thi đua',
        }),
      )
    ).body.position;
    expect(await bk(`cluster=${CLUSTER}`, withdrawn)).toEqual([1, 0]);
    expect(await bk(`unit=${UNITS.ktnv.unitId}`, withdrawn)).toEqual([0, 2]);
    const cluster = (await ok(get(`/totals/2021?cluster=${CLUSTER}&minPosition=${withdrawn}`), 200)).body;
    expect(cluster).toMatchObject({
      scope: 'cluster',
      scopeId: CLUSTER,
      year: 2021,
      organizerUnitId: ORGANIZER.unitId,
      units: [UNITS.canhVe.unitId, UNITS.anm.unitId, UNITS.ngoaiTuyen.unitId, UNITS.xnc.unitId].sort(),
      total: 1,
    });
    expect(cluster.position).toBe(withdrawn);
  });

  it('answers zeros for a scope with nothing counted, 404 for one the directory does not know, and validates the query', async () => {
    const empty = (await ok(get(`/totals/2019?cluster=${CLUSTER}`), 200)).body;
    expect(empty).toMatchObject({
      scope: 'cluster',
      scopeId: CLUSTER,
      year: 2019,
      total: 0,
      awards: [],
      position: 0,
    });
    expect((await ok(get(`/totals/2019?unit=${UNITS.anm.unitId}`), 200)).body).toMatchObject({ total: 0 });
    expect((await ok(get(`/totals/2019?organizer=${ORGANIZER.unitId}`), 200)).body).toMatchObject({
      total: 0,
    });
    const unknown: Array<[string, string, string]> = [
      ['cluster=bca-cum-9', 'CLUSTER_NOT_FOUND', 'cluster'],
      ['unit=khong-co', 'UNIT_NOT_FOUND', 'unit'],
      ['organizer=khong-co', 'ORGANIZER_NOT_FOUND', 'organizer'],
      // A registered unit that organizes no cluster is not an organizer.
      [`organizer=${UNITS.anm.unitId}`, 'ORGANIZER_NOT_FOUND', 'organizer'],
    ];
    for (const [query, code, field] of unknown) {
      const res = await get(`/totals/2021?${query}`);
      expect({ query, status: res.status, body: res.body }).toEqual({
        query,
        status: 404,
        body: expect.objectContaining({ code, field }),
      });
    }
    const bad: Array<[string, string]> = [
      ['/totals/2021', 'cluster'],
      [`/totals/2021?cluster=${CLUSTER}&unit=cuc-anm`, 'unit'],
      ['/totals/21?cluster=x', 'year'],
      ['/totals/2021?cluster=Cụm 2', 'cluster'],
      ['/totals/2021?cluster=x&y=1', 'y'],
      ['/totals/2021?cluster=x&minPosition=-1', 'minPosition'],
    ];
    for (const [path, field] of bad) {
      const res = await get(encodeURI(path));
      expect({ path, status: res.status, code: res.body.code, field: res.body.field }).toEqual({
        path,
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
      });
    }
    expect((await request(t.server).get(`/totals/2021?cluster=${CLUSTER}`)).status).toBe(401);
  });

  it("tells a unit's history in order, in Vietnamese, to any role, page by page", async () => {
    const path = `/units/${UNITS.ktnv.unitId}/history?minPosition=${withdrawn}`;
    const answer = await ok(get(path, tokens.inspector), 200);
    // Sent as the JSON's UTF-8 bytes (jsonBytes): labelled JSON, the same text JSON.stringify gives.
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.text).toBe(JSON.stringify(answer.body));
    const whole = answer.body;
    expect(whole).toMatchObject({ unitId: UNITS.ktnv.unitId, name: UNITS.ktnv.name, nextAfter: null });
    expect(whole.items.map((e: { summary: string }) => e.summary)).toEqual([
      'Đăng ký đơn vị “Cục Kỹ thuật nghiệp vụ”',
      'Ghi nhận vào sổ thành viên Cụm thi đua số 2 năm 2021',
      'Được kết nạp vào Cụm thi đua số 2 năm 2021',
      'Quyết định khen thưởng số 3456/QĐ-BCA ngày 10/12/2021 (Bộ trưởng Bộ Công an): Bằng khen của Bộ trưởng Bộ Công an (2 cá nhân)',
      'Rút khỏi Cụm thi đua số 2 năm 2021: Điều chỉnh thành phần Cụm thi đua',
      'Xóa khỏi sổ thành viên Cụm thi đua số 2 năm 2021 (đã rút khỏi Cụm)',
    ]);
    expect(whole.total).toBe(6);
    const positions = whole.items.map((e: { position: number }) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(whole.items[2]).toMatchObject({
      type: 'UnitAdmitted',
      streamId: `emulation-${CLUSTER}-2021`,
      actor: { id: 'phong-td-kt', role: 'organizer', unitId: ORGANIZER.unitId },
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      refs: { clusterId: CLUSTER, year: 2021 },
    });
    // The hash is the one the audit trail shows for that event.
    const audit = await ok(get(`/audit/streams/emulation-${CLUSTER}-2021`, tokens.inspector), 200);
    const stored = JSON.stringify(audit.body);
    expect(stored).toContain(whole.items[2].hash);

    const walked: number[] = [];
    for (let after = 0, guard = 0; guard < 10; guard++) {
      const page = (
        await ok(
          get(`/units/${UNITS.ktnv.unitId}/history?after=${after}&limit=4`, tokens[UNITS.anm.unitId]),
          200,
        )
      ).body;
      walked.push(...page.items.map((e: { position: number }) => e.position));
      if (page.nextAfter === null) break;
      after = page.nextAfter;
    }
    expect(walked).toEqual(positions);
    const late = (await ok(get(`/units/${UNITS.canhVe.unitId}/history?after=${decisionPosition}`), 200)).body;
    expect(late.items.map((e: { type: string }) => e.type)).toEqual(['MembershipReserved', 'UnitAdmitted']);
    expect((await ok(get('/units/khong-co/history'), 404)).body).toMatchObject({
      code: 'UNIT_NOT_FOUND',
      field: 'unitId',
    });
    // Filtered by event type: one type, or several (the parameter repeated), still in order.
    const admitted = (await ok(get(`/units/${UNITS.ktnv.unitId}/history?type=UnitAdmitted`), 200)).body;
    expect(admitted.items.map((e: { summary: string }) => e.summary)).toEqual([
      'Được kết nạp vào Cụm thi đua số 2 năm 2021',
    ]);
    expect(admitted).toMatchObject({ total: 6, nextAfter: null });
    const membership = (
      await ok(get(`/units/${UNITS.ktnv.unitId}/history?type=UnitWithdrawn&type=UnitAdmitted&limit=1`), 200)
    ).body;
    expect(membership.items.map((e: { type: string }) => e.type)).toEqual(['UnitAdmitted']);
    const rest = await ok(
      get(
        `/units/${UNITS.ktnv.unitId}/history?type=UnitWithdrawn&type=UnitAdmitted&after=${membership.nextAfter}`,
      ),
      200,
    );
    expect(rest.body).toMatchObject({ items: [{ type: 'UnitWithdrawn' }], nextAfter: null });
    expect((await ok(get(`/units/${UNITS.ktnv.unitId}/history?type=ScoreRecordd`), 400)).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'type',
    });
    for (const q of ['limit=0', 'limit=501', 'after=-1', 'after=abc', 'page=2'])
      expect((await get(`/units/${UNITS.ktnv.unitId}/history?${q}`)).status).toBe(400);
    expect((await get('/units/Cuc_KTNV/history')).status).toBe(400);
  });
});
