import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { allProjections } from '@thidua/projections';
import { EVENT_STORE, type EventStore } from '@thidua/event-store';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Award decisions through HTTP, from seed 000: Cụm thi đua số 7 of Bộ Công an in 2023, its six units, and
 * the Huân chương Bảo vệ Tổ quốc hạng Ba conferred on 1 collective and 8 individuals; cluster flags
 * against the closed ranking of the year; revocation out of the totals but kept in the history.
 */
const ORGANIZER = { unitId: 'bo-cong-an', name: 'Bộ Công an', kind: 'bo' };
const UNITS = [
  { unitId: 'cuc-ctd-ctct', name: 'Cục Công tác Đảng và công tác chính trị', kind: 'cuc' },
  { unitId: 'cuc-truyen-thong', name: 'Cục Truyền thông', kind: 'cuc' },
  { unitId: 'cuc-tccb', name: 'Cục Tổ chức cán bộ', kind: 'cuc' },
  { unitId: 'cuc-dao-tao', name: 'Cục Đào tạo', kind: 'cuc' },
  { unitId: 'thanh-tra-cand', name: 'Thanh tra Công an nhân dân', kind: 'thanh-tra' },
  { unitId: 'co-quan-ubkt', name: 'Cơ quan Ủy ban kiểm tra Đảng ủy Công an Trung ương', kind: 'co-quan' },
];
const CLUSTER = 'bca-cum-7';
const YEAR_PATH = `/clusters/${CLUSTER}/years/2023`;
const HC3 = 'huan-chuong-bao-ve-to-quoc-hang-ba';
const FLAG = 'co-thi-dua-bo-cong-an';
/** Year scores: Cục Tổ chức cán bộ first, Cục Đào tạo second. */
const POINTS: Record<string, number> = {
  'cuc-tccb': 96,
  'cuc-dao-tao': 93.5,
  'cuc-truyen-thong': 90,
  'cuc-ctd-ctct': 88,
  'thanh-tra-cand': 87.25,
  'co-quan-ubkt': 85,
};

/** The people of the decision, registered first (issue 12: an individual award names a registered person). */
const PEOPLE: Array<{ personId: string; unitId: string; fullName: string }> = [];
const individual = (n: number, unitId: string) => {
  if (!PEOPLE.some((p) => p.personId === `dong-chi-${n}`))
    PEOPLE.push({ personId: `dong-chi-${n}`, unitId, fullName: `Đồng chí số ${n} (dữ liệu mẫu)` });
  return {
    code: HC3,
    recipient: { kind: 'individual', personId: `dong-chi-${n}` },
    year: 2023,
    citation: 'Đã có thành tích xuất sắc trong công tác bảo vệ an ninh Tổ quốc',
    adHoc: { reason: 'Khen thưởng đột xuất (kiểm thử)' },
  };
};
/** 1 collective and 8 individuals (seed 000). */
const HC3_DECISION = {
  number: '1234/QĐ-CTN',
  date: '2023-12-15',
  authority: 'chu-tich-nuoc',
  awards: [
    {
      code: HC3,
      recipient: { kind: 'collective', unitId: 'cuc-tccb' },
      year: 2023,
      citation: 'Đã có thành tích xuất sắc',
      adHoc: { reason: 'Khen thưởng đột xuất (kiểm thử)' },
    },
    ...UNITS.flatMap((u, i) =>
      i < 2
        ? [individual(i * 2 + 1, u.unitId), individual(i * 2 + 2, u.unitId)]
        : [individual(i + 3, u.unitId)],
    ),
  ],
};
const flagDecision = (unitId: string, override?: { reason: string }) => ({
  number: '9876/QĐ-BCA',
  date: '2023-12-20',
  authority: 'bo-truong-bca',
  awards: [
    {
      code: FLAG,
      recipient: { kind: 'collective', unitId },
      year: 2023,
      citation: 'Đã hoàn thành xuất sắc toàn diện nhiệm vụ công tác, dẫn đầu Cụm thi đua số 7 năm 2023',
      adHoc: { reason: 'Khen thưởng đột xuất (kiểm thử)' },
      ...(override && { override }),
    },
  ],
});

describe('award decisions, totals and history through HTTP (e2e)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const post = (
    path: string,
    token: string | undefined,
    body?: object,
    headers: Record<string, string> = {},
  ) => {
    const req = request(t.server)
      .post(path)
      .set('authorization', `Bearer ${token ?? ''}`)
      .set(headers);
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
  const totals = async (query: string, minPosition: number) =>
    (await ok(get(`/totals/2023?${query}&minPosition=${minPosition}`), 200)).body;
  const byCode = (body: { awards: Array<{ code: string; collective: number; individual: number }> }) =>
    Object.fromEntries(body.awards.map((a) => [a.code, [a.collective, a.individual]]));

  beforeAll(async () => {
    t = await startTestApp({ projections: allProjections });
    tokens.admin = await t.token({ role: 'admin', sub: 'admin-1' });
    tokens.organizer = await t.token({ role: 'organizer', sub: 'phong-td-kt', unitId: ORGANIZER.unitId });
    tokens.viewer = await t.token({ role: 'viewer', sub: 'viewer-1' });
    for (const u of UNITS)
      tokens[u.unitId] = await t.token({
        role: 'unit-officer',
        sub: `officer-${u.unitId}`,
        unitId: u.unitId,
      });
    // The cluster-year through the write routes: units, cluster, members, scheme, year scores, closed.
    for (const u of [ORGANIZER, ...UNITS]) await ok(post('/units', tokens.admin, u));
    await ok(
      post('/clusters', tokens.admin, {
        clusterId: CLUSTER,
        organizerUnitId: ORGANIZER.unitId,
        number: 7,
        name: 'Cụm thi đua số 7',
      }),
    );
    for (const u of UNITS) await ok(post(`${YEAR_PATH}/members`, tokens.organizer, { unitId: u.unitId }));
    await ok(
      request(t.server)
        .put(`${YEAR_PATH}/scheme`)
        .set('authorization', `Bearer ${tokens.organizer}`)
        .send({
          criteria: [
            { code: 'tong-hop', title: 'Kết quả tổng hợp', group: 'Chung', maxPoints: 100, kind: 'score' },
          ],
          thresholds: [{ code: 'xuat-sac', label: 'Xuất sắc', minTotal: 0 }],
          tieBreaks: [],
        }),
    );
    await ok(post(`${YEAR_PATH}/periods/Y/open`, tokens.organizer));
    for (const u of UNITS)
      await ok(
        post(`${YEAR_PATH}/scores`, tokens[u.unitId]!, {
          unitId: u.unitId,
          period: 'Y',
          criterion: 'tong-hop',
          points: POINTS[u.unitId],
          assessment: 'self',
        }),
      );
    await ok(post(`${YEAR_PATH}/periods/Y/close`, tokens.organizer));
    for (const p of PEOPLE) await ok(post('/people', tokens.admin, { ...p, rankTitle: 'Đại tá' }));
  });
  afterAll(() => t.close());

  it('issues a decision with server-made ids, and the cluster totals count it by code × kind', async () => {
    const res = await ok(post('/award-decisions', tokens.organizer, HC3_DECISION));
    const { decisionId, awardIds } = res.body as { decisionId: string; awardIds: string[] };
    expect(res.body).toMatchObject({ streamId: `award-decision-${decisionId}`, revision: 0 });
    expect(awardIds).toEqual(HC3_DECISION.awards.map((_, i) => `${decisionId}-${i + 1}`));
    const events = await t.app.get<EventStore>(EVENT_STORE).readStream(`award-decision-${decisionId}`);
    expect(events.map((e) => e.type)).toEqual(['AwardDecisionIssued']);
    expect(events[0]!.metadata.actor).toMatchObject({ id: 'phong-td-kt', role: 'organizer' });
    // The stored recipient names the person and the unit the registry has them in (no name: it is sealed).
    expect((events[0]!.data.awards as Array<{ recipient: unknown }>)[1]!.recipient).toEqual({
      ...HC3_DECISION.awards[1]!.recipient,
      unitId: 'cuc-ctd-ctct',
    });

    const cluster = await totals(`cluster=${CLUSTER}`, res.body.position);
    expect(byCode(cluster)).toEqual({ [HC3]: [1, 8] });
    expect(cluster).toMatchObject({
      collective: 1,
      individual: 8,
      total: 9,
      organizerUnitId: ORGANIZER.unitId,
    });
    expect(cluster.awards[0].name).toBe('Huân chương Bảo vệ Tổ quốc hạng Ba');
    expect(byCode(await totals(`organizer=${ORGANIZER.unitId}`, res.body.position))).toEqual({
      [HC3]: [1, 8],
    });
    expect(byCode(await totals('unit=cuc-tccb', res.body.position))).toEqual({ [HC3]: [1, 1] });
  });

  it('gives a cluster flag only within the quota of the closed ranking, unless overridden with a reason', async () => {
    const refused = await post('/award-decisions', tokens.organizer, flagDecision('cuc-dao-tao'));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'FLAG_QUOTA_EXCEEDED', field: 'awards.0.recipient' });

    const first = await ok(post('/award-decisions', tokens.organizer, flagDecision('cuc-tccb')));
    const reason = 'Hội đồng Thi đua - Khen thưởng Bộ xét đặc cách';
    const overridden = await ok(
      post('/award-decisions', tokens.organizer, flagDecision('cuc-dao-tao', { reason })),
    );
    const stored = await t.app
      .get<EventStore>(EVENT_STORE)
      .readStream(`award-decision-${overridden.body.decisionId}`);
    expect((stored[0]!.data.awards as Array<{ override?: unknown }>)[0]!.override).toEqual({ reason });

    const cluster = await totals(`cluster=${CLUSTER}`, overridden.body.position);
    expect(byCode(cluster)[FLAG]).toEqual([2, 0]);
    expect(cluster.flags).toEqual(
      [
        { awardId: first.body.awardIds[0], code: FLAG, unitId: 'cuc-tccb', overridden: false },
        { awardId: overridden.body.awardIds[0], code: FLAG, unitId: 'cuc-dao-tao', overridden: true },
      ].sort((a, b) => (a.unitId < b.unitId ? -1 : 1)),
    );
    // An administrator may record a flag within the quota (the cluster found through the directory, the
    // standing from the event store), not an override (the organizer's call).
    const head = await t.app.get<EventStore>(EVENT_STORE).headPosition();
    await ok(get(`/clusters/${CLUSTER}/years/2023?minPosition=${head}`), 200);
    const byAdmin = await post('/award-decisions', tokens.admin, flagDecision('cuc-dao-tao', { reason }));
    expect(byAdmin.status).toBe(403);
    expect((await post('/award-decisions', tokens.admin, flagDecision('cuc-dao-tao'))).body.code).toBe(
      'FLAG_QUOTA_EXCEEDED',
    );
    // The quota (1) is taken: flags already conferred count against it (issue 12).
    const exhausted = await post('/award-decisions', tokens.admin, flagDecision('cuc-tccb'));
    expect([exhausted.status, exhausted.body.code]).toEqual([422, 'FLAG_QUOTA_EXHAUSTED']);
  });

  it('flags of 2022: the recorded quota, a tie at its boundary, Cờ Chính phủ after Cờ Bộ, the stored basis, and "basis no longer holds" after an upheld dispute until the organizer confirms', async () => {
    const Y22 = `/clusters/${CLUSTER}/years/2022`;
    const store = t.app.get<EventStore>(EVENT_STORE);
    const put = (path: string, token: string, body: object) =>
      request(t.server).put(path).set('authorization', `Bearer ${token}`).send(body);
    for (const u of UNITS) await ok(post(`${Y22}/members`, tokens.organizer, { unitId: u.unitId }));
    await ok(
      put(`${Y22}/scheme`, tokens.organizer!, {
        criteria: [
          { code: 'tong-hop', title: 'Kết quả tổng hợp', group: 'Chung', maxPoints: 100, kind: 'score' },
        ],
        thresholds: [{ code: 'xuat-sac', label: 'Xuất sắc', minTotal: 0 }],
        tieBreaks: [],
      }),
    );
    await ok(post(`${Y22}/periods/Y/open`, tokens.organizer));
    const points: Record<string, number> = { ...POINTS, 'cuc-dao-tao': 96 }; // tied first with Cục Tổ chức cán bộ
    const entries: Record<string, string> = {};
    for (const u of UNITS)
      entries[u.unitId] = (
        await ok(
          post(`${Y22}/scores`, tokens[u.unitId]!, {
            unitId: u.unitId,
            period: 'Y',
            criterion: 'tong-hop',
            points: points[u.unitId],
            assessment: 'self',
          }),
        )
      ).body.entryId;
    await ok(post(`${Y22}/periods/Y/close`, tokens.organizer));
    const flag22 = (unitId: string, code = FLAG, authority = 'bo-truong-bca') => ({
      number: '77/QĐ-BCA',
      date: '2022-12-20',
      authority,
      awards: [
        {
          code,
          recipient: { kind: 'collective', unitId },
          year: 2022,
          citation: 'Dẫn đầu Cụm',
          adHoc: { reason: 'Kiểm thử' },
        },
      ],
    });
    const quota = (count: number, reason?: string) =>
      put(`/organizers/${ORGANIZER.unitId}/years/2022/flag-quota`, tokens.organizer!, {
        code: FLAG,
        rule: { kind: 'per-cluster', count },
        ...(reason && { reason }),
      });
    await ok(quota(1));
    let res = await post('/award-decisions', tokens.organizer, flag22('cuc-tccb'));
    expect([res.status, res.body.code, res.body.field]).toEqual([
      422,
      'FLAG_QUOTA_TIE',
      'awards.0.recipient',
    ]);
    res = await quota(2);
    expect([res.status, res.body.code]).toEqual([422, 'REASON_REQUIRED']);
    await ok(quota(2, 'Bộ giao 2 Cờ thi đua cho Cụm năm 2022'));
    const given = await ok(post('/award-decisions', tokens.organizer, flag22('cuc-tccb')));
    const awardId = given.body.awardIds[0] as string;
    let award = (await ok(get(`/awards/${awardId}`), 200)).body;
    expect(award).toMatchObject({
      awardId,
      code: FLAG,
      flagBasis: {
        clusterId: CLUSTER,
        year: 2022,
        rank: 1,
        quota: 2,
        conferredBefore: 0,
        rankingDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      basisNoLongerHolds: [],
    });
    // Cờ thi đua của Chính phủ: only for a unit holding Cờ thi đua của Bộ Công an of the year.
    await ok(get(`/totals/2022?cluster=${CLUSTER}&minPosition=${given.body.position}`), 200);
    res = await post(
      '/award-decisions',
      tokens.admin,
      flag22('cuc-dao-tao', 'co-thi-dua-chinh-phu', 'thu-tuong'),
    );
    expect([res.status, res.body.code]).toEqual([422, 'MINISTRY_FLAG_STANDARD_NOT_MET']);
    // Its own quota (none recorded: 1) is tied at rank 1: the organizer decides with a reason.
    const gov = flag22('cuc-tccb', 'co-thi-dua-chinh-phu', 'thu-tuong');
    res = await post('/award-decisions', tokens.organizer, gov);
    expect([res.status, res.body.code]).toEqual([422, 'FLAG_QUOTA_TIE']);
    const reason = 'Chỉ Cục Tổ chức cán bộ đạt tiêu chuẩn Cờ thi đua của Bộ Công an';
    const govGiven = await ok(
      post('/award-decisions', tokens.organizer, {
        ...gov,
        awards: gov.awards.map((a) => ({ ...a, override: { reason } })),
      }),
    );
    // The Government flag names the Ministry's flag it rests on, as a title names its prerequisite.
    const govAwardId = govGiven.body.awardIds[0] as string;
    expect((await ok(get(`/awards/${govAwardId}`), 200)).body).toMatchObject({
      basis: [{ code: FLAG, year: 2022, awardId }],
      basisNoLongerHolds: [],
    });
    // Two upheld disputes raise two units above Cục Tổ chức cán bộ: its flag's basis no longer holds.
    let moved = 0;
    for (const [unitId, corrected] of [
      ['cuc-truyen-thong', 99],
      ['cuc-ctd-ctct', 98],
    ] as const) {
      const filed = await ok(
        post(`${Y22}/disputes`, tokens[unitId]!, {
          entryId: entries[unitId],
          reason: 'Chấm thiếu điểm',
          proposedPoints: corrected,
        }),
      );
      moved = (
        await ok(
          post(`${Y22}/disputes/${filed.body.disputeId}/resolution`, tokens.organizer, {
            outcome: 'upheld',
            reason: 'Chấp nhận',
            correctedPoints: corrected,
          }),
        )
      ).body.position;
    }
    award = (await ok(get(`/awards/${awardId}`), 200)).body;
    expect(award.basisNoLongerHolds).toEqual([
      { code: 'FLAG_OUTSIDE_QUOTA', since: moved, detail: expect.stringContaining('now ranks 3') },
    ]);
    // The award list (the console's) says the same of the flag, with the basis it was conferred on.
    const listed = (
      await ok(
        get(`/totals/2022/awards?cluster=${CLUSTER}&code=${FLAG}&minPosition=${moved}`, tokens.admin),
        200,
      )
    ).body;
    expect(listed.items).toEqual([
      expect.objectContaining({
        awardId,
        flagBasis: expect.objectContaining({ rank: 1, quota: 2, conferredBefore: 0 }),
        adHocReason: 'Kiểm thử',
        proposalItem: null,
        basisNoLongerHolds: award.basisNoLongerHolds,
        basisConfirmations: [],
      }),
    ]);
    const other = await t.token({ role: 'organizer', sub: 'ht', unitId: 'ca-ha-tinh' });
    const before = await store.headPosition();
    res = await post(`/awards/${awardId}/basis-confirmation`, other, { reason: 'Giữ nguyên' });
    expect(res.status).toBe(403);
    expect(await store.headPosition()).toBe(before);
    await ok(
      post(`/awards/${awardId}/basis-confirmation`, tokens.organizer, {
        reason: 'Giữ nguyên theo kết quả bình xét của Hội nghị',
      }),
    );
    award = (await ok(get(`/awards/${awardId}`), 200)).body;
    expect(award.basisNoLongerHolds).toEqual([]);
    expect(award.basisConfirmations).toEqual([
      { reason: 'Giữ nguyên theo kết quả bình xét của Hội nghị', position: expect.any(Number) },
    ]);
    res = await post(`/awards/${awardId}/basis-confirmation`, tokens.organizer, { reason: 'Lần nữa' });
    expect([res.status, res.body.code]).toEqual([422, 'BASIS_HOLDS']);

    // Revoking the Ministry's flag: the Government flag's basis no longer holds (PREREQUISITE_REVOKED, part A's
    // words) until the organizer confirms it.
    const revoked = await ok(
      post(`/awards/${awardId}/revocation`, tokens.organizer, {
        reason: 'Hồ sơ đề nghị không trung thực (kiểm thử)',
        decisionRef: '88/QĐ-BCA',
        ground: 'false-declaration',
        authority: 'bo-truong-bca',
        recovery: { insignia: true, moneyVnd: 0 },
      }),
    );
    const govRead = (await ok(get(`/awards/${govAwardId}`), 200)).body;
    expect(govRead.basisNoLongerHolds).toEqual([
      {
        code: 'PREREQUISITE_REVOKED',
        since: revoked.body.position,
        detail: expect.stringContaining('88/QĐ-BCA'),
      },
    ]);
    await ok(
      post(`/awards/${govAwardId}/basis-confirmation`, tokens.organizer, {
        reason: 'Giữ nguyên: Thủ tướng Chính phủ chưa thu hồi (kiểm thử)',
      }),
    );
    expect((await ok(get(`/awards/${govAwardId}`), 200)).body.basisNoLongerHolds).toEqual([]);
  });

  it('refuses an authority not allowed for a code, and bad input, recording nothing', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const head = await store.headPosition();
    const wrongAuthority = await post('/award-decisions', tokens.organizer, {
      ...HC3_DECISION,
      authority: 'bo-truong-bca',
    });
    expect(wrongAuthority.status).toBe(422);
    expect(wrongAuthority.body).toMatchObject({ code: 'AUTHORITY_NOT_ALLOWED', field: 'awards.0.code' });

    const cases: Array<[object, number, string, string?]> = [
      [{ ...HC3_DECISION, extra: 1 }, 400, 'VALIDATION_FAILED', 'extra'],
      [{ ...HC3_DECISION, date: '2023-02-30' }, 400, 'VALIDATION_FAILED', 'date'],
      [{ ...HC3_DECISION, date: '2999-01-01' }, 400, 'VALIDATION_FAILED', 'date'],
      [{ ...HC3_DECISION, awards: [] }, 400, 'VALIDATION_FAILED', 'awards'],
      [
        {
          ...HC3_DECISION,
          awards: [{ ...HC3_DECISION.awards[0], recipient: { kind: 'nhóm', unitId: 'cuc-tccb' } }],
        },
        400,
        'VALIDATION_FAILED',
        'awards.0.recipient.kind',
      ],
      [
        {
          ...HC3_DECISION,
          awards: [{ ...individual(1, 'cuc-tccb'), recipient: { kind: 'individual' } }],
        },
        400,
        'VALIDATION_FAILED',
        'awards.0.recipient.personId',
      ],
      [
        {
          ...HC3_DECISION,
          awards: [
            {
              ...HC3_DECISION.awards[0],
              recipient: { kind: 'collective', unitId: 'cuc-tccb', fullName: 'x' },
            },
          ],
        },
        400,
        'VALIDATION_FAILED',
        'awards.0.recipient.fullName',
      ],
      [
        {
          ...HC3_DECISION,
          awards: [{ ...HC3_DECISION.awards[0], citation: 'Thành tích xuất sắc'.normalize('NFD') }],
        },
        400,
        'VALIDATION_FAILED',
        'awards.0.citation',
      ],
      [{ ...HC3_DECISION, awards: [{ ...HC3_DECISION.awards[0], code: 'khong-co' }] }, 422, 'UNKNOWN_AWARD'],
      [{ ...HC3_DECISION, authority: 'vua' }, 422, 'UNKNOWN_AUTHORITY'],
      [
        { ...HC3_DECISION, awards: [{ ...HC3_DECISION.awards[0], year: 2024 }] },
        422,
        'AWARD_YEAR_AFTER_DECISION',
      ],
      [
        {
          ...flagDecision('cuc-tccb'),
          awards: [{ ...flagDecision('cuc-tccb').awards[0], recipient: individual(1, 'cuc-tccb').recipient }],
        },
        422,
        'RECIPIENT_KIND_NOT_ALLOWED',
      ],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await post('/award-decisions', tokens.organizer, body);
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      if (field) expect(res.body.field).toBe(field);
    }
    expect((await post('/award-decisions', tokens['cuc-tccb']!, HC3_DECISION)).status).toBe(403);
    expect((await post('/award-decisions', tokens.viewer!, HC3_DECISION)).status).toBe(403);
    expect(await store.headPosition()).toBe(head);
  });

  it('answers the same decision to a replayed Idempotency-Key, and refuses the key with another body', async () => {
    const key = { 'idempotency-key': 'qd-2023-hc3-lan-2' };
    const body = { ...HC3_DECISION, number: '1235/QĐ-CTN', awards: HC3_DECISION.awards.slice(0, 1) };
    const a = await ok(post('/award-decisions', tokens.organizer, body, key));
    const b = await ok(post('/award-decisions', tokens.organizer, body, key));
    expect(b.body).toEqual(a.body);
    const c = await post('/award-decisions', tokens.organizer, { ...body, number: '1236/QĐ-CTN' }, key);
    expect(c.status).toBe(422);
    expect(c.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Leave the totals as the other tests expect them.
    await ok(
      post(`/awards/${a.body.awardIds[0]}/revocation`, tokens.organizer, {
        reason: 'Trùng quyết định',
        decisionRef: '1/QĐ-CTN',
        ground: 'appraisal-contrary-to-rules',
        authority: 'chu-tich-nuoc',
        recovery: { insignia: true, moneyVnd: 0 },
      }),
    );
  });

  it('revokes an award: out of the totals, still in the unit history', async () => {
    const issued = await ok(post('/award-decisions', tokens.organizer, HC3_DECISION));
    const awardId: string = issued.body.awardIds[8]; // the individual of Cơ quan Ủy ban kiểm tra
    const before = await totals(`cluster=${CLUSTER}`, issued.body.position);
    expect(byCode(before)[HC3]).toEqual([2, 16]);

    const revocation = {
      reason: 'Hồ sơ đề nghị khen thưởng không trung thực',
      decisionRef: '55/QĐ-CTN',
      ground: 'false-declaration',
      authority: 'chu-tich-nuoc',
      recovery: { insignia: true, moneyVnd: 0 },
    };
    const res = await ok(post(`/awards/${awardId}/revocation`, tokens.organizer, revocation));
    expect(res.body).toMatchObject({
      streamId: `award-decision-${issued.body.decisionId}`,
      revision: 1,
      decisionId: issued.body.decisionId,
      awardId,
    });
    const after = await totals(`cluster=${CLUSTER}`, res.body.position);
    expect(byCode(after)[HC3]).toEqual([2, 15]);
    expect(after.total).toBe(before.total - 1);
    expect(byCode(await totals('unit=co-quan-ubkt', res.body.position))).toEqual({ [HC3]: [0, 1] });

    const history = await ok(get(`/units/co-quan-ubkt/history?minPosition=${res.body.position}`), 200);
    const summaries = history.body.items.map((e: { summary: string }) => e.summary);
    expect(summaries.filter((s: string) => s.startsWith('Quyết định khen thưởng số 1234/QĐ-CTN'))).toEqual([
      'Quyết định khen thưởng số 1234/QĐ-CTN ngày 15/12/2023 (Chủ tịch nước): Huân chương Bảo vệ Tổ quốc hạng Ba (1 cá nhân)',
      'Quyết định khen thưởng số 1234/QĐ-CTN ngày 15/12/2023 (Chủ tịch nước): Huân chương Bảo vệ Tổ quốc hạng Ba (1 cá nhân)',
    ]);
    expect(history.body.items.at(-1)).toMatchObject({
      type: 'AwardRevoked',
      streamId: `award-decision-${issued.body.decisionId}`,
      revision: 1,
      position: res.body.position,
      reason: revocation.reason,
      actor: { id: 'phong-td-kt', role: 'organizer', unitId: ORGANIZER.unitId },
      summary:
        'Thu hồi Huân chương Bảo vệ Tổ quốc hạng Ba năm 2023 (cá nhân dong-chi-8) theo quyết định 55/QĐ-CTN: Hồ sơ đề nghị khen thưởng không trung thực',
    });

    const again = await post(`/awards/${awardId}/revocation`, tokens.organizer, revocation);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('AWARD_ALREADY_REVOKED');
    const unknownInDecision = await post(
      `/awards/${issued.body.decisionId}-99/revocation`,
      tokens.organizer,
      revocation,
    );
    expect(unknownInDecision.status).toBe(404);
    const unknown = await post('/awards/khong-co-1/revocation', tokens.organizer, revocation);
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({
      status: 404,
      code: 'AWARD_NOT_FOUND',
    });
    expect((await post(`/awards/${awardId}/revocation`, tokens.organizer, { reason: 'x' })).status).toBe(400);
    expect((await post(`/awards/${awardId}/revocation`, tokens['co-quan-ubkt']!, revocation)).status).toBe(
      403,
    );
  });

  it('bình xét at the tổng kết of 2021: a secret vote among candidates from the final ranking decides a flag tie', async () => {
    const Y21 = `/clusters/${CLUSTER}/years/2021`;
    const put = (path: string, token: string, body: object) =>
      request(t.server).put(path).set('authorization', `Bearer ${token}`).send(body);
    for (const u of UNITS) await ok(post(`${Y21}/members`, tokens.organizer, { unitId: u.unitId }));
    await ok(
      put(`${Y21}/scheme`, tokens.organizer!, {
        criteria: [
          { code: 'tong-hop', title: 'Kết quả tổng hợp', group: 'Chung', maxPoints: 100, kind: 'score' },
        ],
        thresholds: [{ code: 'xuat-sac', label: 'Xuất sắc', minTotal: 0 }],
        tieBreaks: [],
      }),
    );
    await ok(post(`${Y21}/periods/Y/open`, tokens.organizer));
    const points: Record<string, number> = { ...POINTS, 'cuc-dao-tao': 96 }; // tied first
    for (const u of UNITS)
      await ok(
        post(`${Y21}/scores`, tokens[u.unitId]!, {
          unitId: u.unitId,
          period: 'Y',
          criterion: 'tong-hop',
          points: points[u.unitId],
          assessment: 'self',
        }),
      );
    const conference = await ok(
      post(`${Y21}/conferences`, tokens.organizer, {
        kind: 'tổng kết',
        date: '2021-11-28',
        place: 'Hà Nội',
        presidingUnitId: 'cuc-ctd-ctct',
        minutes: { reference: 'Biên bản Hội nghị tổng kết', sha256: 'f'.repeat(64) },
      }),
    );
    const review = {
      conferenceId: conference.body.conferenceId,
      code: FLAG,
      seats: 1,
      secret: true,
      candidates: ['cuc-tccb', 'cuc-dao-tao', 'cuc-truyen-thong'],
      voters: UNITS.map((u) => u.unitId),
      tally: [
        { unitId: 'cuc-dao-tao', votes: 4 },
        { unitId: 'cuc-tccb', votes: 2 },
        { unitId: 'cuc-truyen-thong', votes: 0 },
      ],
    };
    // Candidates come from the final ranking: not before the year is closed.
    let res = await post(`${Y21}/title-reviews`, tokens.organizer, review);
    expect([res.status, res.body.code, res.body.field]).toEqual([
      422,
      'CLUSTER_RANKING_NOT_FINAL',
      'candidates',
    ]);
    await ok(post(`${Y21}/periods/Y/close`, tokens.organizer));
    res = await post(`${Y21}/title-reviews`, tokens.organizer, {
      ...review,
      voters: [...review.voters, 'cuc-tccb'],
    });
    expect([res.status, res.body.code, res.body.field]).toEqual([422, 'ALREADY_VOTED', 'voters']);
    const held = await ok(post(`${Y21}/title-reviews`, tokens.organizer, review));
    const [event] = (await t.app.get<EventStore>(EVENT_STORE).readStream(`emulation-${CLUSTER}-2021`)).filter(
      (e) => e.type === 'TitleReviewHeld',
    );
    expect(event!.data).toMatchObject({
      reviewId: held.body.reviewId,
      outcome: 'chosen',
      chosen: ['cuc-dao-tao'],
      reasons: {},
    });
    expect(Object.keys(event!.data).sort()).not.toContain('ballots');
    // The flag: Cục Tổ chức cán bộ and Cục Đào tạo share rank 1 at a quota of 1 — the vote decides for Cục Đào tạo.
    const flag21 = (unitId: string) => ({
      number: '21/QĐ-BCA',
      date: '2021-12-20',
      authority: 'bo-truong-bca',
      awards: [
        {
          code: FLAG,
          recipient: { kind: 'collective', unitId },
          year: 2021,
          citation: 'Dẫn đầu Cụm',
          adHoc: { reason: 'Kiểm thử' },
        },
      ],
    });
    res = await post('/award-decisions', tokens.organizer, flag21('cuc-tccb'));
    expect([res.status, res.body.code]).toEqual([422, 'FLAG_QUOTA_TIE']);
    const given = await ok(post('/award-decisions', tokens.organizer, flag21('cuc-dao-tao')));
    const award = (await ok(get(`/awards/${given.body.awardIds[0] as string}`), 200)).body;
    expect(award.flagBasis).toMatchObject({ rank: 1, quota: 1, decidedBy: 'vote' });
    // The unit's history tells the vote, never who chose whom.
    const history = (await ok(get(`/units/cuc-dao-tao/history?minPosition=${given.body.position}`), 200))
      .body;
    expect(history.items.map((e: { summary: string }) => e.summary)).toContain(
      'Bình xét Cờ thi đua của Bộ Công an năm 2021 tại hội nghị tổng kết Cụm thi đua số 7 (bỏ phiếu kín): 4/6 phiếu — được suy tôn',
    );
  });
  it('flags of 2020: two decisions racing for the last place of the quota give one 201 and one 422, decided on the log; a revocation frees the place', async () => {
    const Y20 = `/clusters/${CLUSTER}/years/2020`;
    const store = t.app.get<EventStore>(EVENT_STORE);
    const put = (path: string, token: string, body: object) =>
      request(t.server).put(path).set('authorization', `Bearer ${token}`).send(body);
    for (const u of UNITS) await ok(post(`${Y20}/members`, tokens.organizer, { unitId: u.unitId }));
    await ok(
      put(`${Y20}/scheme`, tokens.organizer!, {
        criteria: [
          { code: 'tong-hop', title: 'Kết quả tổng hợp', group: 'Chung', maxPoints: 100, kind: 'score' },
        ],
        thresholds: [{ code: 'xuat-sac', label: 'Xuất sắc', minTotal: 0 }],
        tieBreaks: [],
      }),
    );
    await ok(post(`${Y20}/periods/Y/open`, tokens.organizer));
    for (const u of UNITS)
      await ok(
        post(`${Y20}/scores`, tokens[u.unitId]!, {
          unitId: u.unitId,
          period: 'Y',
          criterion: 'tong-hop',
          points: POINTS[u.unitId],
          assessment: 'self',
        }),
      );
    await ok(post(`${Y20}/periods/Y/close`, tokens.organizer));
    await ok(
      put(`/organizers/${ORGANIZER.unitId}/years/2020/flag-quota`, tokens.organizer!, {
        code: FLAG,
        rule: { kind: 'per-cluster', count: 2 },
      }),
    );
    const flag20 = (unitId: string, n: number, override?: { reason: string }) => ({
      number: `${n}/QĐ-BCA`,
      date: '2020-12-20',
      authority: 'bo-truong-bca',
      awards: [
        {
          code: FLAG,
          recipient: { kind: 'collective', unitId },
          year: 2020,
          citation: 'Dẫn đầu Cụm',
          adHoc: { reason: 'Kiểm thử' },
          ...(override && { override }),
        },
      ],
    });
    // Cục Truyền thông (3rd) by the organizer's override: it holds one of the two places.
    const overridden = await ok(
      post('/award-decisions', tokens.organizer, flag20('cuc-truyen-thong', 200, { reason: 'Đặc cách' })),
    );
    // Cục Tổ chức cán bộ (1st) and Cục Đào tạo (2nd) race for the last place, before any projection moved.
    const raced = await Promise.all(
      [
        ['cuc-tccb', 201],
        ['cuc-dao-tao', 202],
      ].map(([unitId, n]) =>
        post('/award-decisions', tokens.organizer, flag20(unitId as string, n as number)),
      ),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([201, 422]);
    const lost = raced.find((r) => r.status === 422)!;
    expect([lost.body.code, lost.body.field]).toEqual(['FLAG_QUOTA_EXHAUSTED', 'awards.0.recipient']);
    const won = raced.find((r) => r.status === 201)!;
    const claims = await store.readStream(`flag-claims-${CLUSTER}-2020`);
    expect(claims.map((e) => [e.type, e.data.awardId, e.data.override ?? false])).toEqual([
      ['FlagClaimed', overridden.body.awardIds[0], true],
      ['FlagClaimed', won.body.awardIds[0], false],
    ]);
    expect(claims[1]!.data).toMatchObject({ quota: 2, decisionId: won.body.decisionId });
    // Only the winner's decision stream exists: nothing was recorded for the loser.
    const decisions = await Promise.all(
      raced.map(async (r) =>
        r.body.decisionId ? store.readStream(`award-decision-${r.body.decisionId}`) : [],
      ),
    );
    expect(decisions.map((d) => d.length).sort()).toEqual([0, 1]);
    // Revoking the override frees its place: the other unit now gets the flag.
    const freed = await ok(
      post(`/awards/${overridden.body.awardIds[0]}/revocation`, tokens.organizer, {
        reason: 'Hồ sơ không trung thực',
        decisionRef: '5/QĐ-BCA',
        ground: 'false-declaration',
        authority: 'bo-truong-bca',
        recovery: { insignia: true, moneyVnd: 0 },
        effectiveDate: '2020-12-28',
      }),
    );
    expect((await store.readStream(`flag-claims-${CLUSTER}-2020`)).at(-1)).toMatchObject({
      type: 'FlagClaimReleased',
      data: { awardId: overridden.body.awardIds[0], cause: 'revoked' },
    });
    // The award shows the place it held: claimed at which revision and position, released and why.
    const after = await store.readStream(`flag-claims-${CLUSTER}-2020`);
    const read = await ok(get(`/awards/${overridden.body.awardIds[0]}`), 200);
    expect(read.body.claims).toEqual([
      {
        kind: 'flag-place',
        streamId: `flag-claims-${CLUSTER}-2020`,
        quota: 2,
        override: true,
        claimed: expect.objectContaining({
          eventId: after[0]!.eventId,
          revision: 0,
          position: after[0]!.position,
        }),
        released: expect.objectContaining({
          eventId: after.at(-1)!.eventId,
          revision: after.at(-1)!.revision,
          position: after.at(-1)!.position,
          cause: 'revoked',
        }),
        holds: false,
      },
    ]);
    const held = await ok(get(`/awards/${won.body.awardIds[0]}`), 200);
    expect(
      held.body.claims.map((c: { kind: string; holds: boolean; claimed: { position: number } }) => [
        c.kind,
        c.holds,
        c.claimed.position,
      ]),
    ).toEqual([['flag-place', true, after[1]!.position]]);
    const loser = lost === raced[0] ? 'cuc-tccb' : 'cuc-dao-tao';
    const second = await ok(
      post('/award-decisions', tokens.organizer, { ...flag20(loser, 203), date: '2020-12-29' }),
    );
    expect(second.body.position).toBeGreaterThan(freed.body.position);
    // The unit history shows the place its flag holds.
    const history = await ok(get(`/units/${loser}/history?minPosition=${second.body.position}`), 200);
    expect(history.body.items.map((e: { summary: string }) => e.summary)).toEqual(
      expect.arrayContaining([
        `Giữ 1 suất Cờ thi đua của Bộ Công an năm 2020 của Cụm thi đua số 7 (chỉ tiêu 2), khen thưởng ${second.body.awardIds[0]}`,
      ]),
    );

    // A flag recorded before claims existed (as an older log holds it: no claim, no basis) is counted from
    // the yearly totals; revoking it releases it in the cluster-year's flag-claims stream at once.
    const OLD = 'qdcu2020';
    const appended = await store.append(
      `award-decision-${OLD}`,
      [
        {
          eventId: randomUUID(),
          type: 'AwardDecisionIssued',
          data: {
            decisionId: OLD,
            number: '99/QĐ-BCA (mẫu, trước khi có sổ giữ suất)',
            date: '2020-12-18',
            authority: 'bo-truong-bca',
            awards: [
              {
                awardId: `${OLD}-1`,
                code: FLAG,
                recipient: { kind: 'collective', unitId: 'cuc-truyen-thong' },
                year: 2020,
                citation: 'Dẫn đầu Cụm (mẫu)',
              },
            ],
          },
          metadata: {
            actor: { id: 'admin-1', role: 'admin' },
            occurredAt: '2020-12-18T02:00:00.000Z',
            correlationId: randomUUID(),
            causationId: randomUUID(),
            schemaVersion: 1,
          },
        },
      ],
      'no-stream',
    );
    await ok(get(`/totals/2020?cluster=${CLUSTER}&minPosition=${appended.position}`), 200);
    await ok(
      post(`/awards/${OLD}-1/revocation`, tokens.organizer, {
        reason: 'Hồ sơ không trung thực (mẫu)',
        decisionRef: '6/QĐ-BCA',
        ground: 'forged-dossier',
        authority: 'bo-truong-bca',
        recovery: { insignia: true, moneyVnd: 0 },
        effectiveDate: '2020-12-30',
      }),
    );
    const released = (await store.readStream(`flag-claims-${CLUSTER}-2020`)).at(-1)!;
    expect([released.type, released.data]).toEqual([
      'FlagClaimReleased',
      {
        clusterId: CLUSTER,
        year: 2020,
        code: FLAG,
        unitId: 'cuc-truyen-thong',
        awardId: `${OLD}-1`,
        cause: 'revoked',
        recordedBefore: true,
      },
    ]);
    const older = await ok(get(`/awards/${OLD}-1`), 200);
    expect(older.body.claims).toEqual([]); // no basis: the reader does not know its cluster (documented)
  });
});
