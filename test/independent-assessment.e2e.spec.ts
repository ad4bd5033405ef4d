import request from 'supertest';
import { allProjections } from '@thidua/projections';
import { startTestApp, type TestApp } from './support/test-app.js';
import { scheme } from '@thidua/domain/testing';

/**
 * Independent assessment through HTTP, on Cụm thi đua số 2 of 2021 (seed 003): the chair unit never scores
 * itself, cross-inspection, the appraisal tier, knock-outs raised by findings, rows missing criteria and
 * the reasoned acceptance that seals them, and discipline barring awards.
 */
const ORGANIZER = 'bo-cong-an';
const CLUSTER = 'bca-cum-2';
const Y = `/clusters/${CLUSTER}/years/2021`;
const U = {
  anm: {
    unitId: 'cuc-anm',
    name: 'Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao',
    kind: 'cuc',
  },
  ktnv: { unitId: 'cuc-ktnv', name: 'Cục Kỹ thuật nghiệp vụ', kind: 'cuc' },
  xnc: { unitId: 'cuc-qlxnc', name: 'Cục Quản lý xuất nhập cảnh', kind: 'cuc' },
};
const KNOCK_OUTS = [
  {
    code: 'su-co-nghiem-trong',
    label: 'Để xảy ra sự cố nghiêm trọng',
    effect: 'cap-classification',
    capTo: 'kha',
  },
  { code: 'ky-luat', label: 'Có cán bộ bị kỷ luật', effect: 'bar-rank-1' },
];

describe('independent assessment through HTTP (e2e)', () => {
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
  const score = (token: string, unitId: string, criterion: string, points: number, assessment: string) =>
    post(`${Y}/scores`, token, { unitId, period: 'Q1', criterion, points, assessment });

  beforeAll(async () => {
    t = await startTestApp({ projections: allProjections });
    tk.admin = await t.token({ role: 'admin', sub: 'admin-1' });
    tk.org = await t.token({ role: 'organizer', sub: 'phong-td-kt', unitId: ORGANIZER });
    tk.inspector = await t.token({ role: 'inspector', sub: 'inspector-1' });
    for (const u of Object.values(U))
      tk[u.unitId] = await t.token({ role: 'unit-officer', sub: `officer-${u.unitId}`, unitId: u.unitId });
    await ok(post('/units', tk.admin!, { unitId: ORGANIZER, name: 'Bộ Công an', kind: 'bo' }));
    for (const u of Object.values(U)) await ok(post('/units', tk.admin!, { ...u, parentUnitId: ORGANIZER }));
    await ok(
      post('/clusters', tk.admin!, {
        clusterId: CLUSTER,
        organizerUnitId: ORGANIZER,
        number: 2,
        name: 'Cụm thi đua số 2',
      }),
    );
    for (const u of Object.values(U)) await ok(post(`${Y}/members`, tk.org!, { unitId: u.unitId }));
    await ok(post(`${Y}/chair`, tk.org!, { unitId: U.anm.unitId, role: 'chair', source: 'organizer' }));
    await ok(post(`${Y}/chair`, tk.org!, { unitId: U.ktnv.unitId, role: 'vice-chair', source: 'organizer' }));
    await ok(
      request(t.server)
        .put(`${Y}/scheme`)
        .set('authorization', `Bearer ${tk.org}`)
        .send({ ...scheme, knockOuts: KNOCK_OUTS }),
    );
    await ok(post(`${Y}/periods/Q1/open`, tk.org!));
  });
  afterAll(() => t?.close());

  it('refuses the chair unit its own cluster score (403 OWN_UNIT_ASSESSMENT); the vice-chair gives it', async () => {
    const own = await score(tk[U.anm.unitId]!, U.anm.unitId, 'xd-dang', 30, 'cluster');
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('OWN_UNIT_ASSESSMENT');
    await ok(score(tk[U.ktnv.unitId]!, U.anm.unitId, 'xd-dang', 29, 'cluster'));
    await ok(score(tk[U.anm.unitId]!, U.ktnv.unitId, 'xd-dang', 28, 'cluster'));
  });

  it('gives the cluster score of an inspected unit to its assigned inspector alone', async () => {
    await ok(
      post(`${Y}/inspections`, tk.org!, {
        period: 'Q1',
        inspectedUnitId: U.xnc.unitId,
        inspectorUnitId: U.ktnv.unitId,
      }),
    );
    const chair = await score(tk[U.anm.unitId]!, U.xnc.unitId, 'xd-dang', 27, 'cluster');
    expect([chair.status, chair.body.code]).toEqual([403, 'NOT_THE_ASSIGNED_INSPECTOR']);
    await ok(score(tk[U.ktnv.unitId]!, U.xnc.unitId, 'xd-dang', 27, 'cluster'));
  });

  it('ranks by the appraisal of the emulation office over the cluster score, and explain names the source', async () => {
    const res = await ok(score(tk.org!, U.ktnv.unitId, 'xd-dang', 26.5, 'appraisal'));
    const explained = await get(`${Y}/rankings/Q1/explain?minPosition=${res.position}`);
    const ktnv = explained.rows.find((r: { unitId: string }) => r.unitId === U.ktnv.unitId);
    expect(ktnv.criteria[0]).toMatchObject({ code: 'xd-dang', points: 26.5, source: 'appraisal' });
  });

  it('caps a row raised by a finding, bars another from rank 1, and leaves rows missing criteria unclassified', async () => {
    for (const [unitId, by] of [
      [U.anm.unitId, U.ktnv.unitId],
      [U.ktnv.unitId, U.anm.unitId],
      [U.xnc.unitId, U.ktnv.unitId],
    ] as const) {
      await ok(score(tk[by]!, unitId, 'chuyen-mon', 48, 'cluster'));
      if (unitId !== U.ktnv.unitId) await ok(score(tk[by]!, unitId, 'phong-trao', 18, 'cluster'));
    }
    await ok(
      post(`${Y}/findings`, tk.org!, {
        unitId: U.anm.unitId,
        period: 'Q1',
        knockOut: 'ky-luat',
        evidence: 'Quyết định kỷ luật số 7/QĐ (minh họa)',
      }),
    );
    const finding = await ok(
      post(`${Y}/findings`, tk.org!, {
        unitId: U.xnc.unitId,
        period: 'Q1',
        knockOut: 'su-co-nghiem-trong',
        evidence: 'Biên bản sự cố số 3/BB (minh họa)',
      }),
    );
    const ranking = await get(`${Y}/rankings/Q1?minPosition=${finding.position}`);
    const row = (u: string) => ranking.rows.find((r: { unitId: string }) => r.unitId === u);
    // anm 95 and xnc 93 would lead; anm is barred from rank 1, xnc capped at Khá; ktnv misses phong-trao.
    expect(row(U.xnc.unitId)).toMatchObject({ rank: 1, total: 93, classification: { code: 'kha' } });
    expect(row(U.xnc.unitId).cappedBy[0]).toMatchObject({
      findingId: finding.findingId,
      effect: 'cap-classification',
      capTo: 'kha',
    });
    expect(row(U.anm.unitId)).toMatchObject({ rank: 2, total: 95, classification: { code: 'xuat-sac' } });
    expect(row(U.anm.unitId).cappedBy[0]).toMatchObject({ effect: 'bar-rank-1' });
    // Explain says the bar, not the points, put it second.
    const explained = await get(`${Y}/rankings/Q1/explain?minPosition=${finding.position}`);
    expect(explained.rows.find((r: { unitId: string }) => r.unitId === U.anm.unitId).placedBy).toEqual({
      aboveUnitId: U.xnc.unitId,
      by: 'barred-from-rank-1',
    });
    expect(row(U.ktnv.unitId)).toMatchObject({
      classification: null,
      unclassified: 'chưa đủ điểm',
      missingCriteria: ['phong-trao'],
    });
  });

  it('seals a period with incomplete rows only with a reasoned acceptance', async () => {
    const refused = await post(`${Y}/periods/Q1/close`, tk.org!);
    expect([refused.status, refused.body.code, refused.body.field]).toEqual([
      422,
      'INCOMPLETE_ROWS',
      'acceptIncomplete',
    ]);
    const closed = await ok(
      post(`${Y}/periods/Q1/close`, tk.org!, {
        acceptIncomplete: { reason: 'Cục Kỹ thuật nghiệp vụ chưa nộp báo cáo phong trào (minh họa)' },
      }),
    );
    const ranking = await get(`${Y}/rankings/Q1?minPosition=${closed.position}`);
    expect(ranking.finality).toBe('final');
    expect(ranking.acceptedIncomplete).toEqual({
      reason: 'Cục Kỹ thuật nghiệp vụ chưa nộp báo cáo phong trào (minh họa)',
      unitIds: [U.ktnv.unitId],
    });
  });

  it('refuses an award to a unit while its discipline is pending, and records it once cleared', async () => {
    const opened = await ok(
      post(`/discipline/unit/${U.xnc.unitId}/cases`, tk.org!, {
        note: 'Vi phạm quy trình nghiệp vụ (minh họa)',
        effectiveDate: '2021-10-01',
      }),
    );
    const decision = (date: string) => ({
      number: '99/QĐ-BCA',
      date,
      authority: 'bo-truong-bca',
      awards: [
        {
          code: 'bang-khen-bo-truong-bca',
          recipient: { kind: 'collective', unitId: U.xnc.unitId },
          year: 2021,
          citation: 'Thành tích năm 2021 (minh họa)',
          adHoc: { reason: 'Khen thưởng đột xuất (kiểm thử)' },
        },
      ],
    });
    const refused = await post('/award-decisions', tk.org!, decision('2021-12-20'));
    expect([refused.status, refused.body.code, refused.body.field]).toEqual([
      422,
      'RECIPIENT_UNDER_DISCIPLINE',
      'awards.0.recipient',
    ]);
    // The day before the case opened, the unit was not yet barred.
    await ok(post('/award-decisions', tk.org!, decision('2021-09-30')));
    await ok(
      post(`/discipline/unit/${U.xnc.unitId}/cases/${opened.caseId}/clearance`, tk.org!, {
        reason: 'Không đủ căn cứ xử lý',
        effectiveDate: '2021-12-01',
      }),
    );
    await ok(post('/award-decisions', tk.org!, decision('2021-12-20')));
    const history = await get(`/units/${U.xnc.unitId}/history?limit=500&minPosition=${opened.position}`);
    expect(history.items.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining([
        'DisciplineCaseOpened',
        'DisciplineCleared',
        'FindingRecorded',
        'InspectionAssigned',
      ]),
    );
  });
});
