import request from 'supertest';
import { allProjections } from '@thidua/projections';
import { startTestApp, type TestApp } from './support/test-app.js';
import { scheme } from '@thidua/domain/testing';

/**
 * Complaints (khiếu nại) through HTTP: the 90-day limit on both sides, the due date, the competent
 * authority and the second level, a disputed Y ranking that bars a cluster flag until it is resolved, and a
 * complaint about an award decision going up to the Prime Minister. Dates of the acts are given (minh họa).
 */
const CLUSTER = 'ht-cum-4';
const Y = `/clusters/${CLUSTER}/years/2021`;
const UNITS = [
  { unitId: 'ht-phong-tham-muu', name: 'Phòng Tham mưu' },
  { unitId: 'ht-phong-tccb', name: 'Phòng Tổ chức cán bộ' },
];

describe('complaints through HTTP (e2e)', () => {
  let t: TestApp;
  const tk: Record<string, string> = {};
  const post = (path: string, token: string, body?: object) =>
    request(t.server).post(path).set('authorization', `Bearer ${token}`).send(body);
  const ok = async (res: Promise<request.Response>, status = 201) => {
    const r = await res;
    if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const get = async (path: string) =>
    ok(request(t.server).get(path).set('authorization', `Bearer ${tk.inspector}`), 200);
  const flag = (date: string) => ({
    number: '88/QĐ-BCA',
    date,
    authority: 'bo-truong-bca',
    awards: [
      {
        code: 'co-thi-dua-bo-cong-an',
        recipient: { kind: 'collective', unitId: UNITS[0]!.unitId },
        year: 2021,
        citation: 'Dẫn đầu Cụm thi đua số 4 (minh họa)',
        adHoc: { reason: 'Khen thưởng đột xuất (kiểm thử)' },
      },
    ],
  });
  const complaintOn = (receivedOn: string) => ({
    target: { kind: 'ranking', period: 'Y' },
    filer: { kind: 'unit', unitId: UNITS[1]!.unitId },
    content: 'Kết quả xếp hạng năm chưa tính thành tích chuyên đề (minh họa)',
    receivedOn,
  });

  beforeAll(async () => {
    t = await startTestApp({ projections: allProjections });
    tk.admin = await t.token({ role: 'admin', sub: 'admin-1' });
    tk.bca = await t.token({ role: 'organizer', sub: 'td-bca', unitId: 'bo-cong-an' });
    tk.ht = await t.token({ role: 'organizer', sub: 'td-ht', unitId: 'ca-ha-tinh' });
    tk.inspector = await t.token({ role: 'inspector', sub: 'inspector-1' });
    for (const u of UNITS)
      tk[u.unitId] = await t.token({ role: 'unit-officer', sub: `o-${u.unitId}`, unitId: u.unitId });
    await ok(post('/units', tk.admin!, { unitId: 'bo-cong-an', name: 'Bộ Công an', kind: 'bo' }));
    await ok(
      post('/units', tk.admin!, {
        unitId: 'ca-ha-tinh',
        name: 'Công an tỉnh Hà Tĩnh',
        kind: 'cong-an-tinh',
        parentUnitId: 'bo-cong-an',
      }),
    );
    for (const u of UNITS)
      await ok(post('/units', tk.admin!, { ...u, kind: 'phong', parentUnitId: 'ca-ha-tinh' }));
    await ok(
      post('/clusters', tk.admin!, {
        clusterId: CLUSTER,
        organizerUnitId: 'ca-ha-tinh',
        number: 4,
        name: 'Cụm thi đua số 4',
      }),
    );
    for (const u of UNITS)
      await ok(post(`${Y}/members`, tk.ht!, { unitId: u.unitId, effectiveDate: '2021-01-05' }));
    await ok(
      request(t.server)
        .put(`${Y}/scheme`)
        .set('authorization', `Bearer ${tk.ht}`)
        .send({ ...scheme, effectiveDate: '2021-01-05' }),
    );
    await ok(post(`${Y}/periods/Y/open`, tk.ht!, { effectiveDate: '2021-01-05' }));
    for (const [i, u] of UNITS.entries())
      for (const c of scheme.criteria.filter((x) => x.kind === 'score'))
        await ok(
          post(`${Y}/scores`, tk[u.unitId]!, {
            unitId: u.unitId,
            period: 'Y',
            criterion: c.code,
            points: c.maxPoints - i - 1,
            assessment: 'self',
            effectiveDate: '2021-12-20',
          }),
        );
    await ok(post(`${Y}/periods/Y/close`, tk.ht!, { effectiveDate: '2022-01-05' }));
  });
  afterAll(() => t?.close());

  it('refuses a complaint received 91 days after the decision, accepts one on day 90, due 30 days later', async () => {
    const late = await post(`${Y}/complaints`, tk[UNITS[1]!.unitId]!, complaintOn('2022-04-06'));
    expect([late.status, late.body.code, late.body.field]).toEqual([
      422,
      'COMPLAINT_TIME_BARRED',
      'receivedOn',
    ]);
    const filed = await ok(post(`${Y}/complaints`, tk[UNITS[1]!.unitId]!, complaintOn('2022-04-05')));
    const page = await get(`/audit/streams/emulation-${CLUSTER}-2021?limit=200`);
    const event = page.events.find((e: { type: string }) => e.type === 'ComplaintFiled');
    expect(event.data).toMatchObject({
      complaintId: filed.complaintId,
      decisionOn: '2022-01-05',
      receivedOn: '2022-04-05',
      dueOn: '2022-05-05',
      authority: { kind: 'unit', unitId: 'ca-ha-tinh' },
    });
  });

  it('reads the Y ranking as disputed and refuses a flag on it until the organizer resolves the complaint', async () => {
    const page = await get(`/audit/streams/emulation-${CLUSTER}-2021?limit=200`);
    const { complaintId } = page.events.find((e: { type: string }) => e.type === 'ComplaintFiled').data;
    const head = page.events.at(-1).position;
    const disputed = await get(`${Y}/rankings/Y?minPosition=${head}`);
    expect(disputed.finality).toBe('disputed');
    expect(disputed.disputedBy).toEqual([complaintId]);
    const refused = await post('/award-decisions', tk.admin!, flag('2022-04-20'));
    expect([refused.status, refused.body.code, refused.body.field]).toEqual([
      422,
      'CLUSTER_RANKING_DISPUTED',
      'awards.0.recipient',
    ]);

    const notTheAuthority = await post(`${Y}/complaints/${complaintId}/resolution`, tk.bca!, {
      outcome: 'rejected',
      reason: 'r',
      decisionRef: '1',
    });
    expect(notTheAuthority.status).toBe(403);
    const resolved = await ok(
      post(`${Y}/complaints/${complaintId}/resolution`, tk.ht!, {
        outcome: 'rejected',
        reason: 'Không có căn cứ (minh họa)',
        decisionRef: '45/QĐ-CAT',
        effectiveDate: '2022-04-25',
      }),
    );
    expect((await get(`${Y}/rankings/Y?minPosition=${resolved.position}`)).finality).toBe('final');
    await ok(post('/award-decisions', tk.admin!, flag('2022-04-28')));

    // The second level: Bộ Công an, the parent of Công an tỉnh Hà Tĩnh, within 30 days of the first decision.
    const tooLate = await post(`${Y}/complaints/${complaintId}/escalation`, tk[UNITS[1]!.unitId]!, {
      reason: 'Không đồng ý',
      receivedOn: '2022-05-26',
    });
    expect([tooLate.status, tooLate.body.code]).toEqual([422, 'ESCALATION_TIME_BARRED']);
    await ok(
      post(`${Y}/complaints/${complaintId}/escalation`, tk[UNITS[1]!.unitId]!, {
        reason: 'Không đồng ý (minh họa)',
        receivedOn: '2022-05-25',
      }),
    );
    expect((await get(`${Y}/rankings/Y?minPosition=${resolved.position + 1}`)).finality).toBe('disputed');
    await ok(
      post(`${Y}/complaints/${complaintId}/resolution`, tk.bca!, {
        outcome: 'upheld',
        reason: 'Chấp nhận (minh họa)',
        decisionRef: '12/QĐ-BCA',
        effectiveDate: '2022-06-20',
      }),
    );
  });

  it('takes a complaint about an award decision to the next authority up (the Prime Minister after the Minister)', async () => {
    const decision = await ok(
      post('/award-decisions', tk.admin!, {
        ...flag('2022-04-29'),
        number: '89/QĐ-BCA',
        awards: [
          {
            code: 'bang-khen-bo-truong-bca',
            recipient: { kind: 'collective', unitId: UNITS[1]!.unitId },
            year: 2021,
            citation: 'Thành tích năm 2021 (minh họa)',
            adHoc: { reason: 'Khen thưởng đột xuất (kiểm thử)' },
          },
        ],
      }),
    );
    const filed = await ok(
      post(`/award-decisions/${decision.decisionId}/complaints`, tk[UNITS[0]!.unitId]!, {
        filer: { kind: 'unit', unitId: UNITS[0]!.unitId },
        content: 'Đề nghị xem xét (minh họa)',
        receivedOn: '2022-05-10',
      }),
    );
    const pending = await post(
      `/award-decisions/${decision.decisionId}/complaints/${filed.complaintId}/escalation`,
      tk[UNITS[0]!.unitId]!,
      { reason: 'Chưa giải quyết', receivedOn: '2022-06-09' },
    );
    expect([pending.status, pending.body.code]).toEqual([422, 'FIRST_LEVEL_PENDING']);
    await ok(
      post(
        `/award-decisions/${decision.decisionId}/complaints/${filed.complaintId}/escalation`,
        tk[UNITS[0]!.unitId]!,
        { reason: 'Quá hạn chưa giải quyết (minh họa)', receivedOn: '2022-06-10' },
      ),
    );
    const page = await get(`/audit/streams/award-decision-${decision.decisionId}?limit=10`);
    expect(page.events.at(-1).data).toMatchObject({
      level: 2,
      authority: { kind: 'authority', code: 'thu-tuong' },
      dueOn: '2022-07-25',
    });
  });
});
