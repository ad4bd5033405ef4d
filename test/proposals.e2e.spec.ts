import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@thidua/event-store';
import { allProjections } from '@thidua/projections';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * A proposal's path over HTTP (issue 12, part B): tờ trình → công khai (working days counted by the domain) →
 * góp ý → Hội đồng → biểu quyết (90 % of all members for Chiến sĩ thi đua cấp Bộ) → trình or trả lại.
 */
const DIGEST = 'b'.repeat(64);
const members = Array.from({ length: 10 }, (_, i) => `hd-tv-${i + 1}`);

describe('proposals: submitted, published, commented, council, forwarded (e2e)', () => {
  let t: TestApp;
  let store: EventStore;
  const tk: Record<string, string> = {};
  const post = (path: string, token: string, body: object) =>
    request(t.server).post(path).set('authorization', `Bearer ${token}`).send(body);
  const refused = (res: request.Response) => [res.status, res.body.code, res.body.field];
  /** The proposal the first test forwards: item 1 (CSTĐ cấp Bộ) approved, item 2 (the flag) not. */
  const forwardedProposal = { proposalId: '', itemIds: [] as string[] };

  beforeAll(async () => {
    t = await startTestApp({ projections: allProjections });
    store = t.app.get<EventStore>(EVENT_STORE);
    tk.admin = await t.token({ role: 'admin', sub: 'admin-1' });
    tk.office = await t.token({ role: 'organizer', sub: 'td-bca', unitId: 'bo-cong-an' });
    tk.anm = await t.token({ role: 'unit-officer', sub: 'cb-anm', unitId: 'cuc-anm' });
    tk.ktnv = await t.token({ role: 'unit-officer', sub: 'cb-ktnv', unitId: 'cuc-ktnv' });
    tk.viewer = await t.token({ role: 'viewer', sub: 'viewer-1' });
    // Award decisions name registered units and people (issue 12, part A): the recipients' units exist.
    for (const unit of [
      { unitId: 'bo-cong-an', name: 'Bộ Công an', kind: 'bo' },
      { unitId: 'cuc-anm', name: 'Cục An ninh mạng', kind: 'cuc', parentUnitId: 'bo-cong-an' },
    ])
      expect((await post('/units', tk.admin!, unit)).status).toBe(201);
  });
  afterAll(() => t.close());

  const proposal = (items: object[]) => ({
    proposerUnitId: 'cuc-anm',
    authority: 'bo-truong-bca',
    items,
    documents: [{ kind: 'tờ trình', reference: '12/TTr-ANM', sha256: DIGEST }],
    effectiveDate: '2023-12-01',
  });
  const cstd = {
    code: 'chien-si-thi-dua-toan-luc-luong-cand',
    recipient: { kind: 'individual', personId: 'can-bo-anm-07', unitId: 'cuc-anm' },
    year: 2023,
    achievement: 'Ba năm liên tục đạt Chiến sĩ thi đua cơ sở',
  };
  const flag = {
    code: 'co-thi-dua-bo-cong-an',
    recipient: { kind: 'collective', unitId: 'cuc-anm' },
    year: 2023,
    achievement: 'Dẫn đầu Cụm thi đua năm 2023',
  };

  it('runs the whole path and counts the council vote against ALL members (9 of 10 is 90 %)', async () => {
    // Only the proposer unit (or an administrator) submits.
    let res = await post('/proposals', tk.ktnv!, proposal([cstd, flag]));
    expect(res.status).toBe(403);
    res = await post('/proposals', tk.anm!, proposal([cstd, flag]));
    expect(res.status).toBe(201);
    const { proposalId, itemIds } = res.body as { proposalId: string; itemIds: string[] };
    Object.assign(forwardedProposal, { proposalId, itemIds });
    expect(itemIds).toEqual([`${proposalId}-1`, `${proposalId}-2`]);
    const P = `/proposals/${proposalId}`;
    // The review steps belong to the emulation office.
    res = await post(`${P}/public-notice`, tk.anm!, {
      from: '2023-12-04',
      to: '2023-12-08',
      where: 'Cổng TTĐT',
    });
    expect(res.status).toBe(403);
    res = await post(`${P}/public-notice`, tk.office!, {
      from: '2023-12-04',
      to: '2023-12-08',
      where: 'Cổng TTĐT',
    });
    expect(res.status).toBe(201);
    res = await post(`${P}/comments`, tk.office!, { content: 'Nhất trí', effectiveDate: '2023-12-05' });
    expect(res.status).toBe(201);
    expect(res.body.commentId).toEqual(expect.any(String));
    res = await post(`${P}/council-meetings`, tk.office!, {
      members,
      present: [...members.slice(0, 9), 'khach-moi'],
      minutes: { reference: 'BB-HĐ-01', sha256: DIGEST },
      effectiveDate: '2023-12-11',
    });
    expect(refused(res)).toEqual([422, 'NOT_A_COUNCIL_MEMBER', 'present.9']);
    res = await post(`${P}/council-meetings`, tk.office!, {
      members,
      present: members.slice(0, 9),
      minutes: { reference: 'BB-HĐ-01', sha256: DIGEST },
      effectiveDate: '2023-12-11',
    });
    expect(res.status).toBe(201);
    const { meetingId } = res.body as { meetingId: string };
    const vote = (itemId: string, yes: number, no: number, secret: boolean) =>
      post(`${P}/council-votes`, tk.office!, {
        meetingId,
        itemId,
        yes,
        no,
        secret,
        effectiveDate: '2023-12-11',
      });
    expect(refused(await vote(itemIds[0]!, 9, 0, false))).toEqual([422, 'SECRET_BALLOT_REQUIRED', 'secret']);
    expect(refused(await vote(itemIds[0]!, 9, 1, true))).toEqual([422, 'VOTES_EXCEED_PRESENT', 'yes']);
    // Forwarding before every item is voted is refused.
    res = await post(`${P}/outcome`, tk.office!, { outcome: 'forwarded', reference: '45/TTr-X01' });
    expect(refused(res)).toEqual([422, 'ITEMS_NOT_VOTED', 'proposalId']);
    expect((await vote(itemIds[0]!, 9, 0, true)).status).toBe(201);
    expect((await vote(itemIds[1]!, 5, 4, false)).status).toBe(201);
    expect(refused(await vote(itemIds[1]!, 6, 0, false))).toEqual([409, 'ITEM_ALREADY_VOTED', 'itemId']);
    const votes = (await store.readStream(`proposal-${proposalId}`)).filter(
      (e) => e.type === 'CouncilVoteRecorded',
    );
    expect(votes.map((e) => e.data)).toEqual([
      expect.objectContaining({
        yes: 9,
        members: 10,
        threshold: { kind: 'at-least-percent', percent: 90 },
        approved: true,
      }),
      expect.objectContaining({ yes: 5, members: 10, threshold: { kind: 'majority' }, approved: false }),
    ]);
    res = await post(`${P}/outcome`, tk.office!, {
      outcome: 'forwarded',
      reference: '45/TTr-X01',
      effectiveDate: '2023-12-12',
    });
    expect(res.status).toBe(201);
    const [forwarded] = (await store.readStream(`proposal-${proposalId}`)).slice(-1);
    expect(forwarded).toMatchObject({ type: 'ProposalForwarded', data: { approvedItems: [itemIds[0]] } });
    const head = res.body.position as number;
    res = await post(`${P}/outcome`, tk.office!, { outcome: 'returned', reason: 'Muộn' });
    expect(refused(res)).toEqual([409, 'PROPOSAL_CLOSED', 'proposalId']);
    // The proposer's history shows every step, with the council's count against all members.
    const history = await request(t.server)
      .get(`/units/cuc-anm/history?minPosition=${head}`)
      .set('authorization', `Bearer ${tk.admin}`);
    expect(history.status).toBe(200);
    const summaries = (history.body.items as Array<{ summary: string; refs: object }>).map((e) => e.summary);
    expect(summaries).toEqual(
      expect.arrayContaining([
        'Trình đề nghị khen thưởng (2 mục) lên bo-truong-bca',
        'Công khai danh sách đề nghị từ 04/12/2023 đến 08/12/2023 (5 ngày làm việc)',
        'Hội đồng biểu quyết Chiến sĩ thi đua toàn lực lượng Công an nhân dân: 9/10 thành viên đồng ý (cần 90% tổng số thành viên) — đạt',
        'Hội đồng biểu quyết Cờ thi đua của Bộ Công an: 5/10 thành viên đồng ý (cần quá nửa tổng số thành viên) — không đạt',
        'Trình cấp có thẩm quyền 1 mục được Hội đồng thông qua (45/TTr-X01)',
      ]),
    );
    // GET /proposals/{id} reads the whole path back, each step with its event (the console's award page).
    const read = await request(t.server).get(P).set('authorization', `Bearer ${tk.viewer!}`);
    expect(read.status).toBe(200);
    const steps = await store.readStream(`proposal-${proposalId}`);
    const at = (type: string, nth = 0) => {
      const e = steps.filter((x) => x.type === type)[nth]!;
      return expect.objectContaining({
        eventId: e.eventId,
        streamId: `proposal-${proposalId}`,
        revision: e.revision,
      });
    };
    expect(read.body).toMatchObject({
      proposalId,
      proposerUnitId: 'cuc-anm',
      authority: 'bo-truong-bca',
      authorityName: 'Bộ trưởng Bộ Công an',
      status: 'forwarded',
      submitted: { event: at('ProposalSubmitted') },
      notice: {
        from: '2023-12-04',
        to: '2023-12-08',
        workingDays: 5,
        where: 'Cổng TTĐT',
        event: at('ProposalPublished'),
      },
      comments: [
        { content: 'Nhất trí', fromUnitId: null, on: '2023-12-05', event: at('ProposalCommentReceived') },
      ],
      meetings: [
        {
          meetingId,
          on: '2023-12-11',
          members,
          present: members.slice(0, 9),
          event: at('CouncilMeetingHeld'),
        },
      ],
      forwarded: {
        approvedItems: [itemIds[0]],
        reference: '45/TTr-X01',
        on: '2023-12-12',
        event: at('ProposalForwarded'),
      },
      returned: null,
      position: head,
    });
    expect(read.body.items.map((i: { itemId: string; vote: unknown }) => [i.itemId, i.vote])).toEqual([
      [
        itemIds[0],
        expect.objectContaining({
          yes: 9,
          no: 0,
          members: 10,
          present: 9,
          secret: true,
          approved: true,
          event: at('CouncilVoteRecorded', 0),
        }),
      ],
      [
        itemIds[1],
        expect.objectContaining({
          yes: 5,
          no: 4,
          secret: false,
          threshold: { kind: 'majority' },
          approved: false,
          event: at('CouncilVoteRecorded', 1),
        }),
      ],
    ]);
    const missing = await request(t.server)
      .get('/proposals/khong-co')
      .set('authorization', `Bearer ${tk.viewer!}`);
    expect([missing.status, missing.body.code, missing.body.field]).toEqual([
      404,
      'PROPOSAL_NOT_FOUND',
      'proposalId',
    ]);
  });

  it('needs at least 10 working days of public notice for Chiến sĩ thi đua toàn quốc, and the council after it', async () => {
    const res0 = await post('/proposals', tk.admin!, {
      ...proposal([{ ...cstd, code: 'chien-si-thi-dua-toan-quoc' }]),
      authority: 'thu-tuong',
    });
    expect(res0.status).toBe(201);
    const P = `/proposals/${res0.body.proposalId as string}`;
    const meet = (effectiveDate: string) =>
      post(`${P}/council-meetings`, tk.office!, {
        members,
        present: members,
        minutes: { reference: 'BB', sha256: DIGEST },
        effectiveDate,
      });
    expect(refused(await meet('2023-12-20'))).toEqual([422, 'NOTICE_NOT_ENDED', 'effectiveDate']);
    // Mon 4/12 … Thu 14/12/2023 is 9 working days; to Fri 15/12 it is 10.
    let res = await post(`${P}/public-notice`, tk.office!, {
      from: '2023-12-04',
      to: '2023-12-14',
      where: 'Cổng TTĐT',
    });
    expect(refused(res)).toEqual([422, 'NOTICE_TOO_SHORT', 'to']);
    res = await post(`${P}/public-notice`, tk.office!, {
      from: '2023-12-04',
      to: '2023-12-15',
      where: 'Cổng TTĐT',
    });
    expect(res.status).toBe(201);
    expect((await store.readStream(`proposal-${res0.body.proposalId as string}`)).at(-1)!.data).toMatchObject(
      {
        workingDays: 10,
      },
    );
    expect(refused(await meet('2023-12-15'))).toEqual([422, 'NOTICE_NOT_ENDED', 'effectiveDate']);
    expect((await meet('2023-12-18')).status).toBe(201);
    res = await post(`${P}/outcome`, tk.office!, { outcome: 'returned' });
    expect(refused(res)).toEqual([422, 'REASON_REQUIRED', 'reason']);
    res = await post(`${P}/outcome`, tk.office!, { outcome: 'returned', reason: 'Chưa đủ hồ sơ sáng kiến' });
    expect(res.status).toBe(201);
  });

  it('an award decision carries out an approved item (or is đột xuất with a reason); only the office or the recipients’ organizer records it', async () => {
    const { proposalId, itemIds } = forwardedProposal;
    // The person the item names, as part A's registry needs them: registered in Cục An ninh mạng, the title
    // registered for 2023, and Chiến sĩ thi đua cơ sở in 2020–2022 (its prerequisite).
    const personId = 'can-bo-anm-07';
    const created = async (path: string, body: object) =>
      expect((await post(path, tk.admin!, body)).status).toBe(201);
    await created('/people', {
      personId,
      unitId: 'cuc-anm',
      fullName: 'Cán bộ minh họa (dữ liệu mẫu)',
      rankTitle: 'Thiếu tá',
      effectiveDate: '2020-01-02',
    });
    await created(`/people/${personId}/title-registrations`, {
      year: 2023,
      code: 'chien-si-thi-dua-toan-luc-luong-cand',
      organizerUnitId: 'bo-cong-an',
      effectiveDate: '2023-02-01',
    });
    for (const year of [2020, 2021, 2022])
      await created(`/people/${personId}/prior-titles`, {
        code: 'chien-si-thi-dua-co-so',
        year,
        decisionRef: `${year}/QĐ (mẫu)`,
      });
    // A person is named by id only: the registry gives the unit.
    const award = (over: object) => ({
      code: 'chien-si-thi-dua-toan-luc-luong-cand',
      recipient: { kind: 'individual', personId },
      year: 2023,
      citation: 'Ba năm liên tục đạt Chiến sĩ thi đua cơ sở',
      ...over,
    });
    const decision = (awards: object[]) => ({
      number: '9120/QĐ-BCA',
      date: '2023-12-20',
      authority: 'bo-truong-bca',
      awards,
    });
    const head = async () => store.headPosition();
    const before = await head();
    expect(refused(await post('/award-decisions', tk.admin!, decision([award({})])))).toEqual([
      422,
      'PROPOSAL_REQUIRED',
      'awards.0.proposalItem',
    ]);
    expect(
      refused(
        await post(
          '/award-decisions',
          tk.admin!,
          decision([award({ proposalItem: { proposalId, itemId: itemIds[0] }, year: 2022 })]),
        ),
      ),
    ).toEqual([422, 'PROPOSAL_ITEM_MISMATCH', 'awards.0.year']);
    expect(
      refused(
        await post(
          '/award-decisions',
          tk.admin!,
          decision([
            {
              code: 'co-thi-dua-bo-cong-an',
              recipient: { kind: 'collective', unitId: 'cuc-anm' },
              year: 2023,
              citation: 'Dẫn đầu',
              proposalItem: { proposalId, itemId: itemIds[1] },
            },
          ]),
        ),
      ),
    ).toEqual([422, 'PROPOSAL_ITEM_NOT_APPROVED', 'awards.0.proposalItem.itemId']);
    // An organizer none of whose clusters holds Cục An ninh mạng: 403, nothing recorded.
    const carried = decision([award({ proposalItem: { proposalId, itemId: itemIds[0] } })]);
    const denied = await post('/award-decisions', tk.office!, carried);
    expect([denied.status, denied.body.code]).toEqual([403, 'NOT_THE_RECIPIENTS_ORGANIZER']);
    expect(await head()).toBe(before);
    // The authority's office records it.
    const res = await post('/award-decisions', tk.admin!, carried);
    expect(res.status).toBe(201);
    const [issued] = await store.readStream(`award-decision-${res.body.decisionId as string}`);
    expect(issued!.data).toMatchObject({ awards: [{ proposalItem: { proposalId, itemId: itemIds[0] } }] });
    // Khen thưởng đột xuất: no proposal, a reason.
    const adHoc = await post(
      '/award-decisions',
      tk.admin!,
      decision([
        {
          code: 'bang-khen-bo-truong-bca',
          recipient: { kind: 'collective', unitId: 'cuc-anm' },
          year: 2023,
          citation: 'Phá chuyên án đặc biệt',
          adHoc: { reason: 'Thành tích đột xuất trong đấu tranh phòng, chống tội phạm' },
        },
      ]),
    );
    expect(adHoc.status).toBe(201);
  });
});
