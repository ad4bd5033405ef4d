// Every refusal of the proposal decider with its exact code and field, and the edges of its checks
// (issue 17: found by mutation testing). The happy paths are in proposal.decider.unit.spec.ts.
import type { Actor } from '../actor.js';
import type { ProposalEvent } from '../events/proposal.events.js';
import { spec, type Spec } from '../testing/given-when-then.js';
import { DIGEST, officerOf, organizer, UNITS } from '../testing/fixtures.js';
import type { ProposalCommand, ProposalContext } from './proposal.commands.js';
import { proposalDecider } from './proposal.decider.js';
import type { ProposalState } from './proposal.state.js';

type Of<T extends ProposalCommand['type']> = Extract<ProposalCommand, { type: T }>;
type ProposalSpec = Spec<ProposalCommand, ProposalState, ProposalEvent, ProposalContext>;
const AT = '2023-12-20T09:00:00.000Z';
const cmd = <T extends ProposalCommand['type']>(
  type: T,
  actor: Actor,
  data: Record<string, unknown>,
): Of<T> => ({ type, actor, at: AT, data: { proposalId: 'tt-1', ...data } }) as unknown as Of<T>;

let proposals: ProposalSpec;
let anm: string;
let flagItem: Record<string, unknown>;
let submitted: ProposalEvent;
let published: ProposalEvent;
let meeting: ProposalEvent;
const members = ['m1', 'm2', 'm3', 'm4'];

// Top-level hooks are not run by the mutation runner (mutation/runner/suite.js): each suite calls it.
const setUp = (): void => {
  proposals = spec(proposalDecider, {});
  anm = UNITS.anm.id;
  flagItem = {
    itemId: 'i-co',
    code: 'co-thi-dua-bo-cong-an',
    recipient: { kind: 'collective', unitId: anm },
    year: 2023,
    achievement: 'Dẫn đầu Cụm thi đua năm 2023',
  };
  submitted = {
    type: 'ProposalSubmitted',
    data: {
      proposalId: 'tt-1',
      proposerUnitId: anm,
      authority: 'bo-truong-bca',
      items: [flagItem as never],
      documents: [{ kind: 'tờ trình', reference: '123/TTr-ANM', sha256: DIGEST }],
      effectiveDate: '2023-12-01',
    },
  };
  published = {
    type: 'ProposalPublished',
    data: {
      from: '2023-12-04',
      to: '2023-12-08',
      workingDays: 5,
      where: 'Cổng',
      effectiveDate: '2023-12-04',
    },
  };
  meeting = {
    type: 'CouncilMeetingHeld',
    data: {
      meetingId: 'hd-1',
      members,
      present: members,
      minutes: { reference: 'BB-01', sha256: DIGEST },
      effectiveDate: '2023-12-10',
    },
  };
};

describe('SubmitProposal refusals', () => {
  beforeEach(setUp);
  const submit = (over: Record<string, unknown>) =>
    cmd('SubmitProposal', officerOf(anm), {
      proposerUnitId: anm,
      authority: 'bo-truong-bca',
      items: [flagItem],
      documents: [{ kind: 'tờ trình', reference: '123/TTr-ANM', sha256: DIGEST }],
      effectiveDate: '2023-12-01',
      ...over,
    });
  const item = (over: Record<string, unknown>) => ({ items: [{ ...flagItem, ...over }] });
  const doc = (over: Record<string, unknown>) => ({
    documents: [{ kind: 'tờ trình', reference: '123/TTr-ANM', sha256: DIGEST, ...over }],
  });

  it.each([
    ['proposalId', () => ({ proposalId: 'TT 1' }), 'INVALID_ID', 'proposalId'],
    ['proposer unit', () => ({ proposerUnitId: 'A N M' }), 'INVALID_ID', 'proposerUnitId'],
    ['no recipient', () => item({ recipient: undefined }), 'INVALID_RECIPIENT', 'items[0].recipient.kind'],
    [
      'recipient kind',
      () => item({ recipient: { kind: 'x', personId: 'p', unitId: 'u' } }),
      'INVALID_RECIPIENT',
      'items[0].recipient.kind',
    ],
    [
      'collective unit',
      () => item({ recipient: { kind: 'collective' } }),
      'INVALID_ID',
      'items[0].recipient.unitId',
    ],
    ['item id', () => item({ itemId: 'I CO' }), 'INVALID_ID', 'items[0].itemId'],
    ['year', () => item({ year: 2023.5 }), 'INVALID_YEAR', 'items[0].year'],
    ['achievement', () => item({ achievement: '' }), 'TEXT_REQUIRED', 'items[0].achievement'],
    ['document kind', () => doc({ kind: '' }), 'TEXT_REQUIRED', 'documents[0].kind'],
    ['document reference', () => doc({ reference: '' }), 'TEXT_REQUIRED', 'documents[0].reference'],
    ['digest, not a string', () => doc({ sha256: [DIGEST] }), 'INVALID_DIGEST', 'documents[0].sha256'],
    ['digest, text before', () => doc({ sha256: `x${DIGEST}` }), 'INVALID_DIGEST', 'documents[0].sha256'],
    ['digest, text after', () => doc({ sha256: `${DIGEST}x` }), 'INVALID_DIGEST', 'documents[0].sha256'],
  ])('%s', (_, over, code, field) => {
    proposals.given().when(submit(over())).thenThrows(code, 'unprocessable', field);
  });

  it('an individual recipient needs a person and a unit', () => {
    const cstd = {
      itemId: 'i-cstd',
      code: 'chien-si-thi-dua-toan-luc-luong-cand',
      recipient: { kind: 'individual', personId: 'p-1', unitId: anm },
      year: 2023,
      achievement: 'Ba năm liên tục',
    };
    const [ok] = proposals
      .given()
      .when(submit({ items: [cstd] }))
      .then(expect.any(Array));
    expect(ok).toMatchObject({
      data: { items: [{ recipient: { kind: 'individual', personId: 'p-1', unitId: anm } }] },
    });
    proposals
      .given()
      .when(submit({ items: [{ ...cstd, recipient: { kind: 'individual', unitId: anm } }] }))
      .thenThrows('INVALID_ID', 'unprocessable', 'items[0].recipient.personId');
    proposals
      .given()
      .when(submit({ items: [{ ...cstd, recipient: { kind: 'individual', personId: 'p-1' } }] }))
      .thenThrows('INVALID_ID', 'unprocessable', 'items[0].recipient.unitId');
  });
});

describe('PublishProposal refusals and edges', () => {
  beforeEach(setUp);
  const publish = (over: Record<string, unknown>) =>
    cmd('PublishProposal', organizer, { from: '2023-12-04', to: '2023-12-08', where: 'Cổng', ...over });

  it('a notice may start and end on the same day when no item needs one', () => {
    proposals
      .given([submitted])
      .when(publish({ to: '2023-12-04' }))
      .then([
        {
          type: 'ProposalPublished',
          data: {
            from: '2023-12-04',
            to: '2023-12-04',
            workingDays: 1,
            where: 'Cổng',
            effectiveDate: '2023-12-04',
          },
        },
      ]);
  });

  it.each([
    ['from not a date', { from: '4/12/2023' }, 'INVALID_DATE', 'from'],
    [
      'from after the recording',
      { from: '2023-12-21', to: '2023-12-29' },
      'EFFECTIVE_DATE_AFTER_RECORDING',
      'from',
    ],
    ['to not a date', { to: '8/12/2023' }, 'INVALID_DATE', 'to'],
    ['no place', { where: '' }, 'TEXT_REQUIRED', 'where'],
  ])('%s', (_, over, code, field) => {
    proposals.given([submitted]).when(publish(over)).thenThrows(code, 'unprocessable', field);
  });

  it('is published once', () => {
    proposals
      .given([submitted, published])
      .when(publish({}))
      .thenThrows('ALREADY_PUBLISHED', 'conflict', 'from');
  });
});

describe('ReceiveProposalComment', () => {
  beforeEach(setUp);
  const comment = (over: Record<string, unknown>) =>
    cmd('ReceiveProposalComment', organizer, {
      commentId: 'gy-1',
      content: 'Đồng ý',
      effectiveDate: '2023-12-05',
      ...over,
    });

  it('keeps the unit a comment came from, and only when given', () => {
    proposals
      .given([submitted, published])
      .when(comment({ fromUnitId: 'ca-ha-tinh' }))
      .then([
        {
          type: 'ProposalCommentReceived',
          data: {
            commentId: 'gy-1',
            content: 'Đồng ý',
            fromUnitId: 'ca-ha-tinh',
            effectiveDate: '2023-12-05',
          },
        },
      ]);
    const [plain] = proposals.given([submitted, published]).when(comment({})).then(expect.any(Array));
    expect(Object.keys(plain!.data)).toEqual(['commentId', 'content', 'effectiveDate']);
  });

  it.each([
    ['comment id', { commentId: 'GY 1' }, 'INVALID_ID', 'commentId'],
    ['from unit', { fromUnitId: 'CA HT' }, 'INVALID_ID', 'fromUnitId'],
    ['content', { content: '' }, 'TEXT_REQUIRED', 'content'],
  ])('%s', (_, over, code, field) => {
    proposals.given([submitted, published]).when(comment(over)).thenThrows(code, 'unprocessable', field);
  });

  it('a comment id is taken once', () => {
    const received: ProposalEvent = {
      type: 'ProposalCommentReceived',
      data: { commentId: 'gy-1', content: 'Đồng ý', effectiveDate: '2023-12-05' },
    };
    proposals
      .given([submitted, published, received])
      .when(comment({}))
      .thenThrows('COMMENT_ID_TAKEN', 'conflict', 'commentId');
    proposals
      .given([submitted, published, received])
      .when(comment({ commentId: 'gy-2' }))
      .then(expect.any(Array));
  });
});

describe('HoldCouncilMeeting refusals', () => {
  beforeEach(setUp);
  const meet = (over: Record<string, unknown>) =>
    cmd('HoldCouncilMeeting', organizer, {
      meetingId: 'hd-1',
      members,
      present: members,
      minutes: { reference: 'BB-01', sha256: DIGEST },
      effectiveDate: '2023-12-10',
      ...over,
    });

  it.each([
    ['meeting id', { meetingId: 'HD 1' }, 'INVALID_ID', 'meetingId'],
    ['a member', { members: ['m1', 'M 2'] }, 'INVALID_ID', 'members[1]'],
    ['members twice', { members: ['m1', 'm1'], present: [] }, 'DUPLICATE_VALUE', 'members'],
    ['one present', { present: ['P 1'] }, 'INVALID_ID', 'present[0]'],
    ['present twice', { present: ['m1', 'm1'] }, 'DUPLICATE_VALUE', 'present'],
    ['no minutes', { minutes: undefined }, 'TEXT_REQUIRED', 'minutes.reference'],
  ])('%s', (_, over, code, field) => {
    proposals.given([submitted]).when(meet(over)).thenThrows(code, 'unprocessable', field);
  });

  it('nobody present is a meeting on record', () => {
    const [held] = proposals
      .given([submitted])
      .when(meet({ present: [] }))
      .then(expect.any(Array));
    expect(held).toMatchObject({ data: { present: [] } });
  });
});

describe('RecordCouncilVote refusals and edges', () => {
  beforeEach(setUp);
  const vote = (over: Record<string, unknown>) =>
    cmd('RecordCouncilVote', organizer, {
      meetingId: 'hd-1',
      itemId: 'i-co',
      yes: 3,
      no: 1,
      secret: false,
      effectiveDate: '2023-12-10',
      ...over,
    });

  it.each([
    ['meeting id', { meetingId: 'HD 1' }, 'INVALID_ID', 'meetingId'],
    ['item id', { itemId: 'I CO' }, 'INVALID_ID', 'itemId'],
    ['yes not whole', { yes: 1.5 }, 'INVALID_VOTES', 'yes'],
    ['yes as text', { yes: '3' }, 'INVALID_VOTES', 'yes'],
    ['no below 0', { no: -1 }, 'INVALID_VOTES', 'no'],
    ['secret missing', { secret: undefined }, 'INVALID_SECRET', 'secret'],
    ['secret as text', { secret: 'false' }, 'INVALID_SECRET', 'secret'],
  ])('%s', (_, over, code, field) => {
    proposals.given([submitted, meeting]).when(vote(over)).thenThrows(code, 'unprocessable', field);
  });

  it('votes up to those present are counted; 0 is a count', () => {
    const [v] = proposals
      .given([submitted, meeting])
      .when(vote({ yes: 0, no: 4 }))
      .then(expect.any(Array));
    expect(v).toMatchObject({ data: { yes: 0, no: 4, approved: false } });
  });
});

describe('ForwardProposal', () => {
  beforeEach(setUp);
  it('needs a reference', () => {
    const voted: ProposalEvent = {
      type: 'CouncilVoteRecorded',
      data: {
        meetingId: 'hd-1',
        itemId: 'i-co',
        yes: 3,
        no: 1,
        members: 4,
        present: 4,
        secret: false,
        threshold: { kind: 'majority' },
        approved: true,
        effectiveDate: '2023-12-10',
      },
    };
    proposals
      .given([submitted, meeting, voted])
      .when(cmd('ForwardProposal', organizer, { reference: '', effectiveDate: '2023-12-12' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'reference');
  });
});
