// The folded proposal state, exactly: dates kept only when the events carry them, votes only on items of
// the proposal, comments in order (issue 17: found by mutation testing).
import type { ProposalEvent } from '../events/proposal.events.js';
import { DIGEST } from '../testing/fixtures.js';
import { evolveProposal, initialProposalState, type ProposalState } from './proposal.state.js';

describe('proposal state', () => {
  let submitted: ProposalEvent;
  let fold: (events: ProposalEvent[]) => ProposalState;
  let base: ProposalState;
  beforeEach(() => {
    submitted = {
      type: 'ProposalSubmitted',
      data: {
        proposalId: 'tt-1',
        proposerUnitId: 'cuc-anm',
        authority: 'bo-truong-bca',
        items: [
          {
            itemId: 'i-1',
            code: 'bang-khen-bo-truong-bca',
            recipient: { kind: 'collective', unitId: 'cuc-anm' },
            year: 2023,
            achievement: 'Xuất sắc',
          },
        ],
        documents: [{ kind: 'tờ trình', reference: '1/TTr', sha256: DIGEST }],
      },
    };
    fold = (events) => events.reduce(evolveProposal, initialProposalState);
    base = {
      submitted: true,
      proposerUnitId: 'cuc-anm',
      authority: 'bo-truong-bca',
      items: {
        'i-1': {
          code: 'bang-khen-bo-truong-bca',
          recipient: { kind: 'collective', unitId: 'cuc-anm' },
          year: 2023,
        },
      },
      comments: [],
      meetings: {},
      status: 'open',
    };
  });

  it('starts empty and open', () => {
    expect(initialProposalState).toStrictEqual({
      submitted: false,
      items: {},
      comments: [],
      meetings: {},
      status: 'open',
    });
  });

  it('keeps the submission date only when the event has one', () => {
    expect(fold([submitted])).toStrictEqual(base);
    expect(
      fold([{ ...submitted, data: { ...submitted.data, effectiveDate: '2023-12-01' } } as ProposalEvent]),
    ).toStrictEqual({
      ...base,
      submittedOn: '2023-12-01',
    });
  });

  it('comments in order; a meeting with its date, or without one', () => {
    const comment = (commentId: string): ProposalEvent => ({
      type: 'ProposalCommentReceived',
      data: { commentId, content: 'Đồng ý' },
    });
    const meeting = (meetingId: string, effectiveDate?: string): ProposalEvent =>
      ({
        type: 'CouncilMeetingHeld',
        data: {
          meetingId,
          members: ['a', 'b', 'c'],
          present: ['a', 'b'],
          minutes: { reference: 'BB', sha256: DIGEST },
          ...(effectiveDate !== undefined && { effectiveDate }),
        },
      }) as ProposalEvent;
    expect(
      fold([submitted, comment('gy-1'), comment('gy-2'), meeting('hd-1', '2023-12-10'), meeting('hd-2')]),
    ).toStrictEqual({
      ...base,
      comments: ['gy-1', 'gy-2'],
      meetings: { 'hd-1': { on: '2023-12-10', members: 3, present: 2 }, 'hd-2': { members: 3, present: 2 } },
    });
  });

  it('a vote on an item the proposal does not hold changes nothing', () => {
    const vote = (itemId: string): ProposalEvent => ({
      type: 'CouncilVoteRecorded',
      data: {
        meetingId: 'hd-1',
        itemId,
        yes: 2,
        no: 0,
        members: 3,
        present: 2,
        secret: false,
        threshold: { kind: 'majority' },
        approved: true,
      },
    });
    const s = fold([submitted]);
    expect(evolveProposal(s, vote('i-9'))).toBe(s);
    expect(evolveProposal(s, vote('i-1')).items).toStrictEqual({
      'i-1': { ...base.items['i-1'], approved: true },
    });
  });

  it('forwarded or returned, closed on the event’s date when it has one', () => {
    const forwarded = (effectiveDate?: string): ProposalEvent =>
      ({
        type: 'ProposalForwarded',
        data: {
          approvedItems: ['i-1'],
          reference: '45/TTr',
          ...(effectiveDate !== undefined && { effectiveDate }),
        },
      }) as ProposalEvent;
    const returned = (effectiveDate?: string): ProposalEvent =>
      ({
        type: 'ProposalReturned',
        data: { reason: 'Không đủ phiếu', ...(effectiveDate !== undefined && { effectiveDate }) },
      }) as ProposalEvent;
    expect(fold([submitted, forwarded('2023-12-12')])).toStrictEqual({
      ...base,
      status: 'forwarded',
      closedOn: '2023-12-12',
    });
    expect(fold([submitted, forwarded()])).toStrictEqual({ ...base, status: 'forwarded' });
    expect(fold([submitted, returned('2023-12-12')])).toStrictEqual({
      ...base,
      status: 'returned',
      closedOn: '2023-12-12',
    });
    expect(fold([submitted, returned()])).toStrictEqual({ ...base, status: 'returned' });
  });

  it('an event of another kind leaves the state as it is', () => {
    const s = fold([submitted]);
    expect(evolveProposal(s, { type: 'SomethingElse', data: {} } as unknown as ProposalEvent)).toBe(s);
  });
});
