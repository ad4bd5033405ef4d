import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { allProjections } from '@thidua/projections';
import { EVENT_STORE, type EventStore } from '@thidua/event-store';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitUntil } from './support/wait-until.js';

/**
 * Issue 12, part A, through HTTP: the person registry with crypto-shredded names, title registrations under
 * the organizer's deadline, the prerequisites, the 15 % quota and duplicates on award decisions, and
 * revocation showing that a dependent award's basis no longer holds.
 */
const ORG = 'bo-cong-an';
const UNIT = 'cuc-tccb-phong-01';
const NAME = 'Nguyễn Thị Hằng (dữ liệu mẫu)';
const CSTT = 'chien-si-tien-tien';
const CSTDCS = 'chien-si-thi-dua-co-so';
const TLL = 'chien-si-thi-dua-toan-luc-luong-cand';

describe('people, registrations, prerequisites, erasure (issue 12 part A, e2e)', () => {
  let t: TestApp;
  const tk: Record<string, string> = {};
  const send = (method: 'post' | 'put', path: string, token: string, body?: object) =>
    request(t.server)[method](path).set('authorization', `Bearer ${token}`).send(body);
  const post = (path: string, token: string, body?: object) => send('post', path, token, body);
  const get = (path: string, token = tk.inspector!) =>
    request(t.server).get(path).set('authorization', `Bearer ${token}`);
  const ok = async (res: request.Test | Promise<request.Response>, status = 201) => {
    const r = await res;
    if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const refused = async (res: request.Test, status: number, code: string, field?: string) => {
    const r = await res;
    expect({ status: r.status, code: r.body.code, ...(field && { field: r.body.field }) }).toEqual({
      status,
      code,
      ...(field && { field }),
    });
  };
  const person = (personId: string, fullName = `Cán bộ ${personId} (dữ liệu mẫu)`) =>
    ok(
      post('/people', tk.admin!, {
        personId,
        unitId: UNIT,
        fullName,
        rankTitle: 'Thiếu tá',
        effectiveDate: '2020-01-02',
      }),
    );
  // Recorded by the authority's office (the recipients' organizer rule and proposals have their own specs).
  const decision = (authority: string, awards: object[], date = '2023-12-20') =>
    post('/award-decisions', tk.admin!, { number: `${awards.length}/QĐ (mẫu)`, date, authority, awards });
  const award = (code: string, personId: string, year = 2023, extra: object = {}) => ({
    code,
    recipient: { kind: 'individual', personId },
    year,
    citation: 'Hoàn thành xuất sắc nhiệm vụ (dữ liệu mẫu)',
    adHoc: { reason: 'Khen thưởng đột xuất (dữ liệu mẫu)' },
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp({ projections: allProjections });
    tk.admin = await t.token({ role: 'admin', sub: 'admin-1' });
    tk.organizer = await t.token({ role: 'organizer', sub: 'org-1', unitId: ORG });
    tk.inspector = await t.token({ role: 'inspector', sub: 'insp-1' });
    tk.viewer = await t.token({ role: 'viewer', sub: 'viewer-1' });
    tk.officer = await t.token({ role: 'unit-officer', sub: 'off-1', unitId: UNIT });
    await ok(post('/units', tk.admin, { unitId: ORG, name: 'Bộ Công an', kind: 'bo' }));
    await ok(
      post('/units', tk.admin, {
        unitId: 'cuc-tccb',
        name: 'Cục Tổ chức cán bộ',
        kind: 'cuc',
        parentUnitId: ORG,
      }),
    );
    for (const [unitId, name] of [
      [UNIT, 'Phòng 01 (dữ liệu mẫu)'],
      ['cuc-tccb-phong-02', 'Phòng 02 (dữ liệu mẫu)'],
    ] as const)
      await ok(post('/units', tk.admin, { unitId, name, kind: 'phong', parentUnitId: 'cuc-tccb' }));
  });
  afterAll(() => t.close());

  it('registers a person with the name sealed: the log and its file never hold it in clear', async () => {
    const res = await ok(
      post('/people', tk.officer!, {
        personId: 'cb-hang',
        unitId: UNIT,
        fullName: NAME,
        rankTitle: 'Trung tá',
        position: 'Phó Trưởng phòng',
      }),
    );
    const events = await t.app.get<EventStore>(EVENT_STORE).readStream('person-cb-hang');
    expect(events.map((e) => e.type)).toEqual(['PersonRegistered']);
    expect(JSON.stringify(events[0]!.data)).not.toContain('Hằng');
    expect(events[0]!.data).toMatchObject({
      personId: 'cb-hang',
      unitId: UNIT,
      personal: { alg: 'A256GCM' },
    });
    const read = await ok(get(`/people/cb-hang?minPosition=${res.body.position}`), 200);
    expect(read.body).toMatchObject({
      fullName: NAME,
      rankTitle: 'Trung tá',
      positionHeld: 'Phó Trưởng phòng',
      unitId: UNIT,
      erased: null,
    });
    await refused(
      post('/people', tk.admin!, { personId: 'cb-hang', unitId: UNIT, fullName: 'x' }),
      409,
      'PERSON_ALREADY_REGISTERED',
      'personId',
    );
    await refused(
      post('/people', tk.admin!, { personId: 'cb-x', unitId: 'khong-co', fullName: 'x' }),
      404,
      'UNIT_NOT_FOUND',
      'unitId',
    );
    await refused(
      post('/people', tk.admin!, { personId: 'cb-x', unitId: UNIT, fullName: 'x', hoTen: 'y' }),
      400,
      'VALIDATION_FAILED',
      'hoTen',
    );
    await refused(get('/people/cb-hang', tk.viewer!), 403, 'FORBIDDEN');
    // The refused registration left no key behind.
    await refused(get('/people/cb-x'), 404, 'PERSON_NOT_FOUND', 'personId');
  });

  it('transfers a person; the next award names the new unit', async () => {
    await person('cb-move');
    await refused(
      post('/people/cb-move/transfers', tk.admin!, { toUnitId: UNIT }),
      422,
      'SAME_UNIT',
      'toUnitId',
    );
    await ok(
      post('/people/cb-move/transfers', tk.organizer!, {
        toUnitId: 'cuc-tccb-phong-02',
        effectiveDate: '2022-06-01',
      }),
    );
    const res = await ok(decision('thu-truong-don-vi', [award('giay-khen', 'cb-move')]));
    const stored = await t.app
      .get<EventStore>(EVENT_STORE)
      .readStream(`award-decision-${res.body.decisionId}`);
    expect((stored[0]!.data.awards as Array<{ recipient: unknown }>)[0]!.recipient).toEqual({
      kind: 'individual',
      personId: 'cb-move',
      unitId: 'cuc-tccb-phong-02',
    });
    await refused(
      decision('thu-truong-don-vi', [award('giay-khen', 'khong-co-ai')]),
      404,
      'PERSON_NOT_FOUND',
      'awards.0.recipient.personId',
    );
  });

  it('refuses a title registration after the organizer’s deadline (the deadline day is in time)', async () => {
    await person('cb-reg');
    await ok(
      send('put', `/organizers/${ORG}/years/2023/registration-deadline`, tk.organizer!, {
        deadline: '2023-03-25',
        effectiveDate: '2023-01-05',
      }),
    );
    await refused(
      send('put', `/organizers/${ORG}/years/2023/registration-deadline`, tk.organizer!, {
        deadline: '2023-03-31',
      }),
      422,
      'REASON_REQUIRED',
      'reason',
    );
    const reg = (code: string, effectiveDate: string) =>
      post('/people/cb-reg/title-registrations', tk.officer!, {
        year: 2023,
        code,
        organizerUnitId: ORG,
        effectiveDate,
      });
    await ok(reg(CSTT, '2023-03-25'));
    await refused(reg(CSTDCS, '2023-03-26'), 422, 'REGISTRATION_CLOSED', 'effectiveDate');
    await refused(reg('giay-khen', '2023-03-01'), 422, 'TITLE_NOT_REGISTRABLE', 'code');
    await refused(reg(CSTT, '2023-03-01'), 409, 'TITLE_ALREADY_REGISTERED', 'code');
    // The registration is read beside the deadline it was checked against (and the event that set it), on
    // the person and on the unit's list of people.
    const deadlineSet = (await t.app.get<EventStore>(EVENT_STORE).readStream(`registration-${ORG}-2023`))[0]!;
    const registered = {
      year: 2023,
      code: CSTT,
      organizerUnitId: ORG,
      on: '2023-03-25',
      deadline: {
        date: '2023-03-25',
        event: expect.objectContaining({
          eventId: deadlineSet.eventId,
          streamId: `registration-${ORG}-2023`,
        }),
      },
    };
    const read = await ok(get('/people/cb-reg'), 200);
    expect(read.body.registrations).toEqual([registered]);
    const listed = await ok(get(`/units/${UNIT}/people`), 200);
    expect(listed.body).toMatchObject({ unitId: UNIT, unitName: 'Phòng 01 (dữ liệu mẫu)' });
    expect(listed.body.people.find((p: { personId: string }) => p.personId === 'cb-reg')).toMatchObject({
      fullName: 'Cán bộ cb-reg (dữ liệu mẫu)',
      registrations: [registered],
    });
    const names = listed.body.people.map((p: { fullName: string }) => p.fullName);
    expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
    await refused(get(`/units/${UNIT}/people`, tk.viewer!), 403, 'FORBIDDEN');
    await refused(get('/units/khong-co/people'), 404, 'UNIT_NOT_FOUND', 'unitId');
    // A title needs its registration on the decision.
    await refused(
      decision('thu-truong-don-vi', [award(CSTDCS, 'cb-reg')]),
      422,
      'TITLE_NOT_REGISTERED',
      'awards.0.code',
    );
  });

  it('checks the prerequisites (3 consecutive CSTĐ cơ sở) and refuses a second copy, recording nothing', async () => {
    await person('cb-tll');
    await ok(
      post('/people/cb-tll/title-registrations', tk.admin!, {
        year: 2023,
        code: TLL,
        organizerUnitId: 'ca-khac',
        effectiveDate: '2023-02-01',
      }),
    );
    await ok(
      post('/people/cb-tll/prior-titles', tk.organizer!, {
        code: CSTDCS,
        year: 2020,
        decisionRef: '10/QĐ (mẫu)',
      }),
    );
    await ok(
      post('/people/cb-tll/prior-titles', tk.organizer!, {
        code: CSTDCS,
        year: 2022,
        decisionRef: '12/QĐ (mẫu)',
      }),
    );
    const store = t.app.get<EventStore>(EVENT_STORE);
    const head = await store.headPosition();
    await refused(
      decision('bo-truong-bca', [award(TLL, 'cb-tll')]),
      422,
      'PREREQUISITE_NOT_MET',
      'awards.0.code',
    );
    expect(await store.headPosition()).toBe(head);
    // 2021 as an award of the ledger (registered, within the quota: 1 of 7 CSTT).
    await ok(
      post('/people/cb-tll/title-registrations', tk.admin!, {
        year: 2021,
        code: CSTDCS,
        organizerUnitId: 'ca-khac',
        effectiveDate: '2021-02-01',
      }),
    );
    const staff = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((s) => `cb-2021-${s}`);
    for (const p of staff) {
      await person(p);
      await ok(
        post(`/people/${p}/title-registrations`, tk.admin!, {
          year: 2021,
          code: CSTT,
          organizerUnitId: 'ca-khac',
          effectiveDate: '2021-02-01',
        }),
      );
    }
    const coso2021 = await ok(
      decision(
        'thu-truong-don-vi',
        [...staff.map((p) => award(CSTT, p, 2021)), award(CSTDCS, 'cb-tll', 2021)],
        '2021-12-20',
      ),
    );
    const tll = await ok(decision('bo-truong-bca', [award(TLL, 'cb-tll')]));
    await refused(
      decision('bo-truong-bca', [award(TLL, 'cb-tll')]),
      422,
      'TITLE_ALREADY_HELD',
      'awards.0.code',
    );
    const read = await ok(get(`/people/cb-tll?minPosition=${tll.body.position}`), 200);
    const tllAward = read.body.awards.find((a: { code: string }) => a.code === TLL);
    expect(tllAward.basis).toEqual([
      { code: CSTDCS, year: 2020, awardId: null },
      { code: CSTDCS, year: 2021, awardId: coso2021.body.awardIds.at(-1) },
      { code: CSTDCS, year: 2022, awardId: null },
    ]);
    expect(tllAward.basisNoLongerHolds).toEqual([]);

    // Revoking the 2021 CSTĐ cơ sở: by its conferrer or one above (a lower authority is refused), with
    // ground and recovery; the toàn lực lượng title then shows that its basis no longer holds.
    await refused(
      post(`/awards/${coso2021.body.awardIds.at(-1)}/revocation`, tk.organizer!, {
        reason: 'Kê khai thành tích không trung thực (dữ liệu mẫu)',
        decisionRef: '76/QĐ (mẫu)',
        ground: 'false-declaration',
        authority: 'thu-truong-don-vi',
        recovery: { insignia: true, moneyVnd: -5 },
      }),
      400,
      'VALIDATION_FAILED',
      'recovery.moneyVnd',
    );
    const revoked = await ok(
      post(`/awards/${coso2021.body.awardIds.at(-1)}/revocation`, tk.organizer!, {
        reason: 'Kê khai thành tích không trung thực (dữ liệu mẫu)',
        decisionRef: '77/QĐ (mẫu)',
        ground: 'false-declaration',
        authority: 'thu-truong-don-vi',
        recovery: { insignia: true, moneyVnd: 0 },
      }),
    );
    const register = await t.app.get<EventStore>(EVENT_STORE).readStream('person-cb-tll');
    expect(register.at(-1)).toMatchObject({
      type: 'TitleClaimReleased',
      data: { awardId: coso2021.body.awardIds.at(-1), cause: 'revoked' },
    });
    const after = await ok(get(`/people/cb-tll?minPosition=${register.at(-1)!.position}`), 200);
    const dependent = after.body.awards.find((a: { code: string }) => a.code === TLL);
    expect(after.body.awards.find((a: { code: string }) => a.code === CSTDCS).revoked).toMatchObject({
      ground: 'false-declaration',
      decisionRef: '77/QĐ (mẫu)',
    });
    expect(dependent.basisNoLongerHolds).toEqual([
      {
        code: 'PREREQUISITE_REVOKED',
        since: revoked.body.position,
        detail: expect.stringContaining('77/QĐ (mẫu)'),
      },
    ]);
    // The award register (GET /totals/{y}/awards) lists both: the revoked one with its ground, authority,
    // decision and recovery, each with its event; the dependent one, still conferred, whose basis no longer holds.
    const since = `minPosition=${register.at(-1)!.position}`;
    const coso = await ok(get(`/totals/2021/awards?unit=${UNIT}&code=${CSTDCS}&${since}`), 200);
    expect(coso.body).toMatchObject({ scope: 'unit', scopeId: UNIT, total: 1, counted: 0 });
    expect(coso.body.items).toEqual([
      expect.objectContaining({
        awardId: coso2021.body.awardIds.at(-1),
        kind: 'individual',
        personId: 'cb-tll',
        personName: 'Cán bộ cb-tll (dữ liệu mẫu)',
        unitName: 'Phòng 01 (dữ liệu mẫu)',
        authority: 'thu-truong-don-vi',
        authorityName: 'Thủ trưởng đơn vị',
        issued: expect.objectContaining({ streamId: expect.stringMatching(/^award-decision-/), revision: 0 }),
        revoked: expect.objectContaining({
          ground: 'false-declaration',
          authority: 'thu-truong-don-vi',
          decisionRef: '77/QĐ (mẫu)',
          recovery: { insignia: true, moneyVnd: 0 },
          event: expect.objectContaining({
            position: revoked.body.position,
            actor: expect.objectContaining({ role: 'organizer' }),
          }),
        }),
      }),
    ]);
    const tllListed = await ok(get(`/totals/2023/awards?unit=${UNIT}&code=${TLL}&${since}`), 200);
    expect(tllListed.body).toMatchObject({ total: 1, counted: 1 });
    expect(tllListed.body.items[0]).toMatchObject({
      awardId: tllAward.awardId,
      revoked: null,
      // Each basis title named; the revoked one points at its revocation event.
      basis: [
        { code: CSTDCS, year: 2020, awardId: null, revokedBy: null },
        {
          code: CSTDCS,
          name: 'Chiến sĩ thi đua cơ sở',
          year: 2021,
          awardId: coso2021.body.awardIds.at(-1),
          revokedBy: expect.objectContaining({ position: revoked.body.position }),
        },
        { code: CSTDCS, year: 2022, awardId: null, revokedBy: null },
      ],
      basisNoLongerHolds: dependent.basisNoLongerHolds,
    });
    // Personal data: not for viewers.
    await refused(get(`/totals/2023/awards?unit=${UNIT}`, tk.viewer!), 403, 'FORBIDDEN');
    // The award read (GET /awards/{awardId}, part B's flag basis) answers the same issue from the log, and
    // nothing for the revoked title itself.
    const tllRead = await ok(get(`/awards/${dependent.awardId}`), 200);
    expect(tllRead.body.basisNoLongerHolds).toEqual(dependent.basisNoLongerHolds);
    const cosoRead = await ok(get(`/awards/${coso2021.body.awardIds.at(-1)}`), 200);
    expect(cosoRead.body).toMatchObject({ revoked: true, basisNoLongerHolds: [] });
  });

  it('caps Chiến sĩ thi đua cơ sở at 15 % of the unit’s Chiến sĩ tiên tiến (3 of 20 yes, the 4th no)', async () => {
    const staff = Array.from({ length: 20 }, (_, i) => `cb-q-${i + 1}`);
    for (const p of staff) {
      await person(p);
      for (const code of [CSTT, CSTDCS])
        await ok(
          post(`/people/${p}/title-registrations`, tk.admin!, {
            year: 2024,
            code,
            organizerUnitId: 'ca-khac',
            effectiveDate: '2024-02-01',
          }),
        );
    }
    const cstt = staff.map((p) => award(CSTT, p, 2024));
    const coso = (ps: string[]) => ps.map((p) => award(CSTDCS, p, 2024));
    await refused(
      decision('thu-truong-don-vi', [...cstt, ...coso(staff.slice(0, 4))], '2024-12-20'),
      422,
      'TITLE_QUOTA_EXCEEDED',
      'awards.23.code',
    );
    await ok(decision('thu-truong-don-vi', [...cstt, ...coso(staff.slice(0, 2))], '2024-12-20'));
    const store = t.app.get<EventStore>(EVENT_STORE);
    // Two decisions for the last place (the 3rd), at the same instant: decided on the log
    // (`title-quota-{unit}-{year}`, expected revision), not on the totals — exactly one is recorded.
    const head = await store.headPosition();
    const raced = await Promise.all(
      [2, 3].map((i) => decision('thu-truong-don-vi', coso(staff.slice(i, i + 1)), '2024-12-21')),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([201, 422]);
    const lost = raced.find((r) => r.status === 422)!;
    expect([lost.body.code, lost.body.field]).toEqual(['TITLE_QUOTA_EXCEEDED', 'awards.0.code']);
    const quota = (await store.readStream(`title-quota-${UNIT}-2024`)).filter((e) => e.position > head);
    expect(quota.map((e) => e.type)).toEqual(['UnitTitleClaimed']);
    // Nothing of the loser stands: any claim it made in its person's stream was released.
    const loser = lost === raced[0] ? staff[2]! : staff[3]!;
    const coso2024 = (await store.readStream(`person-${loser}`)).filter((e) => e.position > head);
    const claimedThere = coso2024.filter((e) => e.type === 'TitleClaimed').length;
    expect(coso2024.filter((e) => e.type === 'TitleClaimReleased')).toHaveLength(claimedThere);
    // The winner shows the quota place it holds (and its title in the person's register), with the events.
    const won = raced.find((r) => r.status === 201)!;
    const winner = won === raced[0] ? staff[2]! : staff[3]!;
    const place = (await store.readStream(`title-quota-${UNIT}-2024`)).find(
      (e) => e.data.awardId === won.body.awardIds[0],
    )!;
    const read = await ok(get(`/awards/${won.body.awardIds[0]}`, tk.viewer!), 200);
    expect(
      read.body.claims.map((c: { kind: string; streamId: string; holds: boolean; released: unknown }) => [
        c.kind,
        c.streamId,
        c.holds,
        c.released,
      ]),
    ).toEqual([
      ['person-title', `person-${winner}`, true, null],
      ['title-quota', `title-quota-${UNIT}-2024`, true, null],
    ]);
    expect(read.body.claims[1].claimed).toMatchObject({
      eventId: place.eventId,
      revision: place.revision,
      position: place.position,
    });
    // A later decision for the same unit and year counts the earlier ones at once (no projection to wait for).
    await refused(
      decision('thu-truong-don-vi', coso(staff.slice(4, 5)), '2024-12-22'),
      422,
      'TITLE_QUOTA_EXCEEDED',
      'awards.0.code',
    );
  });

  it('revoking an award recorded before claims existed frees its 15 % place at once: the baseline is lowered', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const P2 = 'cuc-tccb-phong-02';
    const OLD = 'qdcu2022';
    // A decision as an older log holds it: written before claims existed, so it claims nothing (20 + 2).
    const codes = [...Array<string>(20).fill(CSTT), CSTDCS, CSTDCS];
    const appended = await store.append(
      `award-decision-${OLD}`,
      [
        {
          eventId: randomUUID(),
          type: 'AwardDecisionIssued',
          data: {
            decisionId: OLD,
            number: '9/QĐ (mẫu, trước khi có sổ giữ suất)',
            date: '2022-12-01',
            authority: 'thu-truong-don-vi',
            awards: codes.map((code, i) => ({
              awardId: `${OLD}-${i + 1}`,
              code,
              recipient: { kind: 'individual', fullName: `Cán bộ cũ ${i + 1} (dữ liệu mẫu)`, unitId: P2 },
              year: 2022,
              citation: 'Hoàn thành xuất sắc nhiệm vụ (dữ liệu mẫu)',
            })),
          },
          metadata: {
            actor: { id: 'admin-1', role: 'admin' },
            occurredAt: '2022-12-01T02:00:00.000Z',
            correlationId: randomUUID(),
            causationId: randomUUID(),
            schemaVersion: 1,
          },
        },
      ],
      'no-stream',
    );
    await ok(get(`/totals/2022?unit=${P2}&minPosition=${appended.position}`), 200);
    const staff = ['cb-cu-1', 'cb-cu-2'];
    for (const p of staff) {
      await ok(
        post('/people', tk.admin!, { personId: p, unitId: P2, fullName: `Cán bộ ${p} (dữ liệu mẫu)` }),
      );
      await ok(
        post(`/people/${p}/title-registrations`, tk.admin!, {
          year: 2022,
          code: CSTDCS,
          organizerUnitId: 'ca-khac',
          effectiveDate: '2022-02-01',
        }),
      );
    }
    // 2 older + 1 = 3 of 20: the first claim records the baseline; a 4th is refused.
    await ok(decision('thu-truong-don-vi', [award(CSTDCS, staff[0]!, 2022)], '2022-12-20'));
    await refused(
      decision('thu-truong-don-vi', [award(CSTDCS, staff[1]!, 2022)], '2022-12-21'),
      422,
      'TITLE_QUOTA_EXCEEDED',
      'awards.0.code',
    );
    // Revoking an older Chiến sĩ thi đua cơ sở: it held no claim, the baseline counted it — now it does not.
    await ok(
      post(`/awards/${OLD}-21/revocation`, tk.admin!, {
        reason: 'Kê khai thành tích không đúng (dữ liệu mẫu)',
        decisionRef: '10/QĐ (mẫu)',
        ground: 'false-declaration',
        authority: 'thu-truong-don-vi',
        recovery: { insignia: true, moneyVnd: 0 },
        effectiveDate: '2022-12-21',
      }),
    );
    const quota = await store.readStream(`title-quota-${P2}-2022`);
    expect(quota.map((e) => e.type)).toEqual([
      'UnitTitleBaselineRecorded',
      'UnitTitleClaimed',
      'UnitTitleClaimReleased',
    ]);
    expect(quota[2]!.data).toEqual({
      unitId: P2,
      year: 2022,
      code: CSTDCS,
      awardId: `${OLD}-21`,
      cause: 'revoked',
      fromBaseline: true,
    });
    await ok(decision('thu-truong-don-vi', [award(CSTDCS, staff[1]!, 2022)], '2022-12-22'));
    // The older award shows its release, with no claim before it.
    const read = await ok(get(`/awards/${OLD}-21`), 200);
    expect(read.body.claims).toEqual([
      {
        kind: 'title-quota',
        streamId: `title-quota-${P2}-2022`,
        claimed: null,
        released: expect.objectContaining({ position: quota[2]!.position, cause: 'revoked' }),
        holds: false,
      },
    ]);
  });

  it('erases a person: the key is gone, the chain verifies, "đã xoá" is read, a rebuild changes no total', async () => {
    await person('cb-erase', NAME);
    const given = await ok(decision('thu-truong-don-vi', [award('giay-khen', 'cb-erase')]));
    const totalsBefore = (
      await ok(get(`/totals/2023?unit=${UNIT}&minPosition=${given.body.position}`, tk.viewer!), 200)
    ).body;
    await refused(post('/people/cb-erase/erasure', tk.organizer!, { requestRef: 'YC-1' }), 403, 'FORBIDDEN');
    const erased = await ok(post('/people/cb-erase/erasure', tk.admin!, { requestRef: 'YC-1/2024 (mẫu)' }));
    await refused(
      post('/people/cb-erase/erasure', tk.admin!, { requestRef: 'YC-1/2024 (mẫu)' }),
      409,
      'PERSON_ALREADY_ERASED',
      'personId',
    );

    // The key store no longer holds the key, and no file of DATA_DIR holds the name in clear.
    for (const file of readdirSync(t.dataDir))
      expect({ file, clear: readFileSync(join(t.dataDir, file)).includes(Buffer.from('Hằng')) }).toEqual({
        file,
        clear: false,
      });

    const read = await ok(get(`/people/cb-erase?minPosition=${erased.body.position}`), 200);
    expect(read.body).toMatchObject({
      fullName: 'đã xoá',
      rankTitle: null,
      positionHeld: null,
      erased: { requestRef: 'YC-1/2024 (mẫu)' },
    });
    expect(read.body.awards.map((a: { code: string }) => a.code)).toEqual(['giay-khen']);
    // The award register still lists and counts the award, its recipient "đã xoá".
    const listed = await ok(
      get(`/totals/2023/awards?unit=${UNIT}&code=giay-khen&minPosition=${erased.body.position}`),
      200,
    );
    expect(listed.body.items.filter((a: { personId: string | null }) => a.personId === 'cb-erase')).toEqual([
      expect.objectContaining({ personName: 'đã xoá', rankTitle: null, revoked: null }),
    ]);
    await refused(
      decision('thu-truong-don-vi', [award('giay-khen', 'cb-erase')]),
      422,
      'PERSON_ERASED',
      'awards.0.recipient.personId',
    );

    const verify = await ok(get('/audit/verify'), 200);
    expect(verify.body).toMatchObject({ ok: true });

    for (const name of ['people', 'yearly-totals']) {
      const generation = (await ok(get('/admin/projections', tk.admin!), 200)).body.find(
        (p: { name: string }) => p.name === name,
      ).generation;
      await request(t.server)
        .post(`/admin/projections/${name}/rebuild`)
        .set('authorization', `Bearer ${tk.admin}`)
        .expect(202);
      await waitUntil(async () => {
        const s = (await get('/admin/projections', tk.admin!)).body.find(
          (p: { name: string }) => p.name === name,
        );
        return s.generation > generation && s.status === 'running';
      }, `${name} rebuilt`);
    }
    const totalsAfter = (
      await ok(get(`/totals/2023?unit=${UNIT}&minPosition=${erased.body.position}`, tk.viewer!), 200)
    ).body;
    expect(totalsAfter.awards).toEqual(totalsBefore.awards);
    expect(totalsAfter.total).toBe(totalsBefore.total);
    const rebuilt = await ok(get(`/people/cb-erase?minPosition=${erased.body.position}`), 200);
    expect(rebuilt.body.fullName).toBe('đã xoá');
    expect(rebuilt.body.awards).toHaveLength(1);
  });
});
