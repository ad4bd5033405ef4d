import type { Actor } from '../actor.js';
import type { ProposalEvent } from '../events/proposal.events.js';
import { spec } from '../testing/given-when-then.js';
import { admin, DIGEST, officerOf, organizer, UNITS } from '../testing/fixtures.js';
import type { ProposalCommand } from './proposal.commands.js';
import { proposalDecider } from './proposal.decider.js';
import { workingDaysBetween } from './working-days.js';

const proposals = spec(proposalDecider, {});
const AT = '2023-12-20T09:00:00.000Z';
const anm = UNITS.anm.id;
type Of<T extends ProposalCommand['type']> = Extract<ProposalCommand, { type: T }>;
const cmd = <T extends ProposalCommand['type']>(
  type: T,
  actor: Actor,
  data: Omit<Of<T>['data'], 'proposalId'>,
  at = AT,
): Of<T> => ({ type, actor, at, data: { proposalId: 'tt-1', ...data } }) as unknown as Of<T>;

const flagItem = {
  itemId: 'i-co',
  code: 'co-thi-dua-bo-cong-an',
  recipient: { kind: 'collective' as const, unitId: anm },
  year: 2023,
  achievement: 'Dẫn đầu Cụm thi đua năm 2023',
};
const cstdItem = {
  itemId: 'i-cstd',
  code: 'chien-si-thi-dua-toan-luc-luong-cand',
  recipient: { kind: 'individual' as const, personId: 'p-1', unitId: anm },
  year: 2023,
  achievement: 'Ba năm liên tục Chiến sĩ thi đua cơ sở',
};
const toanQuoc = {
  itemId: 'i-tq',
  code: 'chien-si-thi-dua-toan-quoc',
  recipient: { kind: 'individual' as const, personId: 'p-2', unitId: anm },
  year: 2023,
  achievement: 'Hai lần liên tục Chiến sĩ thi đua toàn lực lượng',
};
const documents = [{ kind: 'tờ trình', reference: '123/TTr-ANM', sha256: DIGEST }];
const submit = (over: Record<string, unknown> = {}, actor: Actor = officerOf(anm)) =>
  cmd('SubmitProposal', actor, {
    proposerUnitId: anm,
    authority: 'bo-truong-bca',
    items: [flagItem, cstdItem],
    documents,
    effectiveDate: '2023-12-01',
    ...over,
  });
const submitted: ProposalEvent = {
  type: 'ProposalSubmitted',
  data: {
    proposalId: 'tt-1',
    proposerUnitId: anm,
    authority: 'bo-truong-bca',
    items: [flagItem, cstdItem],
    documents,
    effectiveDate: '2023-12-01',
  },
};
const members = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10'];
const meeting: ProposalEvent = {
  type: 'CouncilMeetingHeld',
  data: {
    meetingId: 'hd-1',
    members,
    present: members.slice(0, 9),
    minutes: { reference: 'BB-01', sha256: DIGEST },
    effectiveDate: '2023-12-10',
  },
};
const vote = (itemId: string, yes: number, no: number, secret = true) =>
  cmd('RecordCouncilVote', organizer, {
    meetingId: 'hd-1',
    itemId,
    yes,
    no,
    secret,
    effectiveDate: '2023-12-10',
  });

describe('working days (ngày làm việc), counted in the pure domain', () => {
  it('counts Monday to Friday, both ends included, less the fixed holidays', () => {
    // Mon 4/12/2023 … Fri 15/12/2023: two weeks, 10 working days; ending Thu 14/12: 9.
    expect(workingDaysBetween('2023-12-04', '2023-12-15')).toBe(10);
    expect(workingDaysBetween('2023-12-04', '2023-12-14')).toBe(9);
    expect(workingDaysBetween('2023-12-09', '2023-12-10')).toBe(0); // a weekend
    // 1/1/2024 (Monday) is a holiday: 1/1 … 12/1/2024 has 9 working days
    expect(workingDaysBetween('2024-01-01', '2024-01-12')).toBe(9);
    expect(workingDaysBetween('2024-01-02', '2024-01-12', ['2024-01-05'])).toBe(8);
    expect(workingDaysBetween('2024-01-12', '2024-01-02')).toBe(0);
  });
});

describe('proposal: submitted, published, commented, council, forwarded or returned', () => {
  it('the proposer unit submits items and documents with sha256 to an authority', () => {
    proposals.given().when(submit()).then([submitted]);
    proposals.given().when(submit({}, admin)).then([submitted]);
    proposals
      .given()
      .when(submit({}, officerOf(UNITS.ktnv.id)))
      .thenThrows('FORBIDDEN', 'forbidden');
    proposals.given([submitted]).when(submit()).thenThrows('PROPOSAL_EXISTS', 'conflict', 'proposalId');
    const refusals: Array<[Record<string, unknown>, string, string]> = [
      [{ authority: 'vua' }, 'UNKNOWN_AUTHORITY', 'authority'],
      [{ items: [] }, 'LIST_TOO_SHORT', 'items'],
      [{ items: [{ ...flagItem, code: 'khong-co' }] }, 'UNKNOWN_AWARD', 'items[0].code'],
      [{ items: [toanQuoc] }, 'AUTHORITY_NOT_ALLOWED', 'items[0].code'],
      [
        { items: [{ ...flagItem, recipient: { kind: 'individual', personId: 'p', unitId: anm } }] },
        'RECIPIENT_KIND_NOT_ALLOWED',
        'items[0].recipient',
      ],
      [{ items: [flagItem, flagItem] }, 'DUPLICATE_ITEM_ID', 'items'],
      [{ documents: [{ ...documents[0], sha256: 'abc' }] }, 'INVALID_DIGEST', 'documents[0].sha256'],
      [{ documents: [] }, 'LIST_TOO_SHORT', 'documents'],
    ];
    for (const [over, code, field] of refusals)
      proposals.given().when(submit(over)).thenThrows(code, 'unprocessable', field);
  });

  it('publishes for public notice: at least 10 working days where an item asks for it', () => {
    const tq = [
      {
        ...submitted,
        data: { ...submitted.data, authority: 'thu-tuong', items: [toanQuoc] },
      } as ProposalEvent,
    ];
    const publish = (from: string, to: string) =>
      cmd('PublishProposal', organizer, { from, to, where: 'Cổng thông tin Bộ Công an' });
    proposals
      .given(tq)
      .when(publish('2023-12-04', '2023-12-15'))
      .then([
        {
          type: 'ProposalPublished',
          data: {
            from: '2023-12-04',
            to: '2023-12-15',
            workingDays: 10,
            where: 'Cổng thông tin Bộ Công an',
            effectiveDate: '2023-12-04',
          },
        },
      ]);
    proposals
      .given(tq)
      .when(publish('2023-12-04', '2023-12-14'))
      .thenThrows('NOTICE_TOO_SHORT', 'unprocessable', 'to');
    // the Ministry's items ask for no notice: a short one is accepted
    proposals.given([submitted]).when(publish('2023-12-04', '2023-12-05')).then(expect.any(Array));
    proposals
      .given(tq)
      .when(publish('2023-12-04', '2023-12-01'))
      .thenThrows('NOTICE_ENDS_BEFORE_START', 'unprocessable', 'to');
    proposals
      .given(tq)
      .when(publish('2023-11-30', '2023-12-31'))
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'from');
    proposals
      .given()
      .when(publish('2023-12-04', '2023-12-15'))
      .thenThrows('PROPOSAL_NOT_FOUND', 'not-found', 'proposalId');
    proposals
      .given(tq)
      .when({ ...publish('2023-12-04', '2023-12-15'), actor: officerOf(anm) })
      .thenThrows('FORBIDDEN', 'forbidden');
    // the council meets only after the notice ran its course
    const published = [
      ...tq,
      ...proposals.given(tq).when(publish('2023-12-04', '2023-12-15')).then(expect.any(Array)),
    ];
    const meet = (effectiveDate: string) =>
      cmd('HoldCouncilMeeting', organizer, {
        meetingId: 'hd-1',
        members,
        present: members,
        minutes: { reference: 'BB-01', sha256: DIGEST },
        effectiveDate,
      });
    proposals
      .given(published)
      .when(meet('2023-12-15'))
      .thenThrows('NOTICE_NOT_ENDED', 'unprocessable', 'effectiveDate');
    proposals.given(published).when(meet('2023-12-16')).then(expect.any(Array));
    proposals
      .given(tq)
      .when(meet('2023-12-16'))
      .thenThrows('NOTICE_NOT_ENDED', 'unprocessable', 'effectiveDate');
    // comments during the notice
    proposals
      .given(published)
      .when(
        cmd('ReceiveProposalComment', organizer, {
          commentId: 'gy-1',
          content: 'Đồng ý',
          effectiveDate: '2023-12-05',
        }),
      )
      .then([
        {
          type: 'ProposalCommentReceived',
          data: { commentId: 'gy-1', content: 'Đồng ý', effectiveDate: '2023-12-05' },
        },
      ]);
    proposals
      .given(tq)
      .when(cmd('ReceiveProposalComment', organizer, { commentId: 'gy-1', content: 'Đồng ý' }))
      .thenThrows('NOT_PUBLISHED', 'unprocessable', 'proposalId');
    proposals
      .given(published)
      .when(
        cmd('ReceiveProposalComment', organizer, {
          commentId: 'gy-1',
          content: 'x',
          effectiveDate: '2023-12-03',
        }),
      )
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'effectiveDate');
  });

  it('the council meets: members and those present', () => {
    const meet = (over: Record<string, unknown>) =>
      cmd('HoldCouncilMeeting', organizer, {
        meetingId: 'hd-1',
        members,
        present: members.slice(0, 9),
        minutes: { reference: 'BB-01', sha256: DIGEST },
        effectiveDate: '2023-12-10',
        ...over,
      });
    proposals.given([submitted]).when(meet({})).then([meeting]);
    proposals
      .given([submitted, meeting])
      .when(meet({}))
      .thenThrows('MEETING_ID_TAKEN', 'conflict', 'meetingId');
    proposals
      .given([submitted])
      .when(meet({ present: ['m1', 'x'] }))
      .thenThrows('NOT_A_COUNCIL_MEMBER', 'unprocessable', 'present[1]');
    proposals
      .given([submitted])
      .when(meet({ members: [] }))
      .thenThrows('LIST_TOO_SHORT', 'unprocessable', 'members');
    proposals
      .given([submitted])
      .when(meet({ minutes: { reference: 'BB', sha256: 'x' } }))
      .thenThrows('INVALID_DIGEST', 'unprocessable', 'minutes.sha256');
  });

  it('votes per item: 90 % of ALL members for Chiến sĩ thi đua cấp Bộ (9 of 10 passes, 8 does not), by secret ballot', () => {
    const g = proposals.given([submitted, meeting]);
    const [passed] = g.when(vote('i-cstd', 9, 0)).then(expect.any(Array));
    expect(passed).toMatchObject({
      type: 'CouncilVoteRecorded',
      data: {
        yes: 9,
        no: 0,
        members: 10,
        present: 9,
        threshold: { kind: 'at-least-percent', percent: 90 },
        approved: true,
      },
    });
    const [failed] = g.when(vote('i-cstd', 8, 1)).then(expect.any(Array));
    expect(failed).toMatchObject({ data: { approved: false } });
    g.when(vote('i-cstd', 9, 0, false)).thenThrows('SECRET_BALLOT_REQUIRED', 'unprocessable', 'secret');
    g.when(vote('i-cstd', 9, 1)).thenThrows('VOTES_EXCEED_PRESENT', 'unprocessable', 'yes');
    g.when(vote('i-cstd', -1, 1)).thenThrows('INVALID_VOTES', 'unprocessable', 'yes');
    g.when(vote('i-x', 1, 1)).thenThrows('ITEM_NOT_FOUND', 'not-found', 'itemId');
    g.when({ ...vote('i-cstd', 9, 0), data: { ...vote('i-cstd', 9, 0).data, meetingId: 'hd-9' } }).thenThrows(
      'MEETING_NOT_FOUND',
      'not-found',
      'meetingId',
    );
    proposals
      .given([submitted, meeting, passed!])
      .when(vote('i-cstd', 9, 0))
      .thenThrows('ITEM_ALREADY_VOTED', 'conflict', 'itemId');
    // any other item: more than half of all members — 5 of 10 is not, 6 is
    expect(g.when(vote('i-co', 5, 4, false)).then(expect.any(Array))[0]).toMatchObject({
      data: { threshold: { kind: 'majority' }, approved: false },
    });
    expect(g.when(vote('i-co', 6, 3, false)).then(expect.any(Array))[0]).toMatchObject({
      data: { approved: true },
    });
  });

  it('forwards the approved items once every item is voted; returns with a reason; then it is closed', () => {
    const voted = (yes: number): ProposalEvent[] => [
      submitted,
      meeting,
      ...proposals
        .given([submitted, meeting])
        .when(vote('i-cstd', yes, 0))
        .then(expect.any(Array)),
    ];
    const forward = cmd('ForwardProposal', organizer, {
      reference: '45/TTr-X01',
      effectiveDate: '2023-12-12',
    });
    proposals.given(voted(9)).when(forward).thenThrows('ITEMS_NOT_VOTED', 'unprocessable', 'proposalId');
    const all = [
      ...voted(9),
      ...proposals
        .given(voted(9))
        .when(vote('i-co', 6, 0, false))
        .then(expect.any(Array)),
    ];
    proposals
      .given(all)
      .when(forward)
      .then([
        {
          type: 'ProposalForwarded',
          data: { approvedItems: ['i-co', 'i-cstd'], reference: '45/TTr-X01', effectiveDate: '2023-12-12' },
        },
      ]);
    const none = [
      ...voted(5),
      ...proposals
        .given(voted(5))
        .when(vote('i-co', 2, 0, false))
        .then(expect.any(Array)),
    ];
    proposals.given(none).when(forward).thenThrows('NOTHING_APPROVED', 'unprocessable', 'proposalId');
    const ret = cmd('ReturnProposal', organizer, {
      reason: 'Không đủ số phiếu',
      effectiveDate: '2023-12-12',
    });
    const returned = proposals
      .given(none)
      .when(ret)
      .then([
        { type: 'ProposalReturned', data: { reason: 'Không đủ số phiếu', effectiveDate: '2023-12-12' } },
      ]);
    proposals
      .given([...none, ...returned])
      .when(forward)
      .thenThrows('PROPOSAL_CLOSED', 'conflict', 'proposalId');
    proposals
      .given(none)
      .when(cmd('ReturnProposal', organizer, { reason: ' ' }))
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
    expect(
      proposals.given([...all, ...proposals.given(all).when(forward).then(expect.any(Array))]).state,
    ).toMatchObject({
      status: 'forwarded',
      items: { 'i-co': { approved: true }, 'i-cstd': { approved: true } },
    });
  });
});
