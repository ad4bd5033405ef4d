// Two awards of one decision carrying out two different items of one proposal are both accepted; the
// same item twice is refused (issue 17: found by mutation testing — the key compared is proposal and item).
import type { AwardDecisionEvent, AwardItem } from '../events/award-decision.events.js';
import type { ProposalEvent } from '../events/proposal.events.js';
import { foldEvents } from '../decider.js';
import { proposalDecider } from '../proposal/proposal.decider.js';
import { spec } from '../testing/given-when-then.js';
import { DIGEST, organizer, UNITS } from '../testing/fixtures.js';
import type { AwardDecisionCommand, AwardDecisionContext } from './award-decision.commands.js';
import { awardDecisionDecider } from './award-decision.decider.js';

const makeSpec = () =>
  spec<
    AwardDecisionCommand,
    ReturnType<typeof awardDecisionDecider.evolve>,
    AwardDecisionEvent,
    AwardDecisionContext
  >(awardDecisionDecider);

describe('proposal items carried out by one decision', () => {
  let decisions: ReturnType<typeof makeSpec>;
  let context: AwardDecisionContext;
  let award: (unitId: string, itemId: string, awardId: string) => AwardItem;
  let issue: (awards: AwardItem[]) => AwardDecisionCommand;

  beforeEach(() => {
    decisions = makeSpec();
    const [ktnv, xnc] = [UNITS.ktnv.id, UNITS.xnc.id];
    const item = (itemId: string, unitId: string) => ({
      itemId,
      code: 'bang-khen-bo-truong-bca',
      recipient: { kind: 'collective' as const, unitId },
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
    const events: ProposalEvent[] = [
      {
        type: 'ProposalSubmitted',
        data: {
          proposalId: 'tt-1',
          proposerUnitId: ktnv,
          authority: 'bo-truong-bca',
          items: [item('tt-1-1', ktnv), item('tt-1-2', xnc)],
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
    context = {
      proposals: { 'tt-1': foldEvents(proposalDecider, events) },
      heldBy: [ktnv, xnc].map((unitId) => ({ unitId, year: 2023, organizerUnitId: organizer.unitId! })),
    };
    award = (unitId, itemId, awardId) => ({
      awardId,
      code: 'bang-khen-bo-truong-bca',
      recipient: { kind: 'collective', unitId },
      year: 2023,
      citation: 'Đã có thành tích xuất sắc',
      proposalItem: { proposalId: 'tt-1', itemId },
    });
    issue = (awards) => ({
      type: 'IssueAwardDecision',
      actor: organizer,
      at: '2024-01-10T02:00:00.000Z',
      data: { decisionId: 'qd', number: '1/QĐ-BCA', date: '2023-12-20', authority: 'bo-truong-bca', awards },
    });
  });

  it('accepts two different items of one proposal', () => {
    const awards = [award(UNITS.ktnv.id, 'tt-1-1', 'qd-1'), award(UNITS.xnc.id, 'tt-1-2', 'qd-2')];
    decisions
      .given()
      .when(issue(awards), context)
      .then([
        {
          type: 'AwardDecisionIssued',
          data: {
            decisionId: 'qd',
            number: '1/QĐ-BCA',
            date: '2023-12-20',
            authority: 'bo-truong-bca',
            awards,
          },
        },
      ]);
  });

  it('refuses the same item twice', () => {
    decisions
      .given()
      .when(issue([award(UNITS.ktnv.id, 'tt-1-1', 'qd-1'), award(UNITS.ktnv.id, 'tt-1-1', 'qd-2')]), context)
      .thenThrows('DUPLICATE_PROPOSAL_ITEM', 'unprocessable', 'awards');
  });
});
