// The proposal's register of carried-out items (item-claims.ts), each refusal with its exact code and field
// (issue 17: found by mutation testing); the main cases are in decide-proposal-link.unit.spec.ts.
import type { ProposalEvent } from '../events/proposal.events.js';
import { spec } from '../testing/given-when-then.js';
import { DIGEST, organizer, UNITS } from '../testing/fixtures.js';
import type { ProposalCommand } from './proposal.commands.js';
import { proposalDecider } from './proposal.decider.js';

describe('proposal item claims: refusals and several items at once', () => {
  let proposals: ReturnType<typeof spec<ProposalCommand, unknown, ProposalEvent, object>>;
  let forwarded: ProposalEvent[];
  let claim: (claims: unknown, decisionId?: unknown) => ProposalCommand;
  let release: (awardIds: unknown) => ProposalCommand;

  beforeEach(() => {
    proposals = spec(proposalDecider as never, {});
    const ktnv = UNITS.ktnv.id;
    const item = (itemId: string) => ({
      itemId,
      code: 'bang-khen-bo-truong-bca',
      recipient: { kind: 'collective' as const, unitId: ktnv },
      year: 2023,
      achievement: 'Hoàn thành xuất sắc nhiệm vụ',
    });
    const vote = (itemId: string): ProposalEvent => ({
      type: 'CouncilVoteRecorded',
      data: {
        meetingId: 'hd',
        itemId,
        yes: 3,
        no: 0,
        members: 3,
        present: 3,
        secret: false,
        threshold: { kind: 'majority' },
        approved: true,
      },
    });
    forwarded = [
      {
        type: 'ProposalSubmitted',
        data: {
          proposalId: 'tt-1',
          proposerUnitId: ktnv,
          authority: 'bo-truong-bca',
          items: [item('tt-1-1'), item('tt-1-2')],
          documents: [{ kind: 'tờ trình', reference: '1/TTr', sha256: DIGEST }],
          effectiveDate: '2023-12-01',
        },
      },
      {
        type: 'CouncilMeetingHeld',
        data: {
          meetingId: 'hd',
          members: ['a', 'b', 'c'],
          present: ['a', 'b', 'c'],
          minutes: { reference: 'BB', sha256: DIGEST },
        },
      },
      vote('tt-1-1'),
      vote('tt-1-2'),
      {
        type: 'ProposalForwarded',
        data: { approvedItems: ['tt-1-1', 'tt-1-2'], reference: '45/TTr', effectiveDate: '2023-12-12' },
      },
    ];
    const at = '2024-01-10T02:00:00.000Z';
    claim = (claims, decisionId = 'qd') =>
      ({
        type: 'ClaimProposalItems',
        actor: organizer,
        at,
        data: { proposalId: 'tt-1', decisionId, claims },
      }) as never;
    release = (awardIds) =>
      ({
        type: 'ReleaseProposalItemClaims',
        actor: organizer,
        at,
        data: { proposalId: 'tt-1', awardIds, cause: 'decision-failed' },
      }) as never;
  });

  const line = (itemId: string, awardId: string) => ({
    itemId,
    awardId,
    field: `awards[${awardId.at(-1)}].proposalItem`,
  });

  it('refuses a claim or a release on a proposal never submitted', () => {
    proposals
      .given([])
      .when(claim([line('tt-1-1', 'qd-0')]))
      .thenThrows('PROPOSAL_NOT_FOUND', 'not-found', 'proposalId');
    proposals
      .given([])
      .when(release(['qd-0']))
      .thenThrows('PROPOSAL_NOT_FOUND', 'not-found', 'proposalId');
  });

  it('claims several items of one decision at once, each named once', () => {
    proposals
      .given(forwarded)
      .when(claim([line('tt-1-1', 'qd-0'), line('tt-1-2', 'qd-1')]))
      .then([
        { type: 'ProposalItemClaimed', data: { itemId: 'tt-1-1', decisionId: 'qd', awardId: 'qd-0' } },
        { type: 'ProposalItemClaimed', data: { itemId: 'tt-1-2', decisionId: 'qd', awardId: 'qd-1' } },
      ]);
    proposals
      .given(forwarded)
      .when(claim([line('tt-1-1', 'qd-0'), line('tt-1-1', 'qd-1')]))
      .thenThrows('DUPLICATE_PROPOSAL_ITEM', 'unprocessable', 'claims');
  });

  it('names the field of a bad decision id, and of an item the proposal does not have', () => {
    proposals
      .given(forwarded)
      .when(claim([line('tt-1-1', 'qd-0')], 'QĐ 1'))
      .thenThrows('INVALID_ID', 'unprocessable', 'decisionId');
    proposals
      .given(forwarded)
      .when(claim([line('tt-1-9', 'qd-0')]))
      .thenThrows('PROPOSAL_ITEM_NOT_APPROVED', 'unprocessable', 'awards[0].proposalItem');
  });

  it('names the field of a release’s bad award ids', () => {
    const g = proposals.given(forwarded);
    g.when(release('qd-0')).thenThrows('INVALID_LIST', 'unprocessable', 'awardIds');
    g.when(release(['qd-0', 'QĐ 1'])).thenThrows('INVALID_ID', 'unprocessable', 'awardIds[1]');
    g.when(release(['qd-0', 'qd-0'])).thenThrows('DUPLICATE_VALUE', 'unprocessable', 'awardIds');
  });
});
