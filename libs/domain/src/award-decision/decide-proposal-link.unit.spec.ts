import type { AwardDecisionEvent, AwardItem } from '../events/award-decision.events.js';
import type { ProposalEvent } from '../events/proposal.events.js';
import type { ProposalCommand } from '../proposal/proposal.commands.js';
import { foldEvents } from '../decider.js';
import { proposalDecider } from '../proposal/proposal.decider.js';
import { spec } from '../testing/given-when-then.js';
import { admin, DIGEST, officerOf, organizer, otherOrganizer, UNITS } from '../testing/fixtures.js';
import type { AwardDecisionCommand, AwardDecisionContext } from './award-decision.commands.js';
import { awardDecisionDecider } from './award-decision.decider.js';

const decisions = spec<
  AwardDecisionCommand,
  ReturnType<typeof awardDecisionDecider.evolve>,
  AwardDecisionEvent,
  AwardDecisionContext
>(awardDecisionDecider);
const ktnv = UNITS.ktnv.id;
const AT = '2024-01-10T02:00:00.000Z';

const submitted: ProposalEvent = {
  type: 'ProposalSubmitted',
  data: {
    proposalId: 'tt-1',
    proposerUnitId: ktnv,
    authority: 'bo-truong-bca',
    items: [
      {
        itemId: 'tt-1-1',
        code: 'bang-khen-bo-truong-bca',
        recipient: { kind: 'collective', unitId: ktnv },
        year: 2023,
        achievement: 'Hoàn thành xuất sắc nhiệm vụ',
      },
      {
        itemId: 'tt-1-2',
        code: 'bang-khen-bo-truong-bca',
        recipient: { kind: 'individual', personId: 'p-1', unitId: ktnv },
        year: 2023,
        achievement: 'Cá nhân xuất sắc',
      },
    ],
    documents: [{ kind: 'tờ trình', reference: '1/TTr', sha256: DIGEST }],
    effectiveDate: '2023-12-01',
  },
};
const meeting: ProposalEvent = {
  type: 'CouncilMeetingHeld',
  data: {
    meetingId: 'hd',
    members: ['a', 'b', 'c'],
    present: ['a', 'b', 'c'],
    minutes: { reference: 'BB', sha256: DIGEST },
  },
};
const vote = (itemId: string, approved: boolean): ProposalEvent => ({
  type: 'CouncilVoteRecorded',
  data: {
    meetingId: 'hd',
    itemId,
    yes: approved ? 3 : 1,
    no: approved ? 0 : 2,
    members: 3,
    present: 3,
    secret: false,
    threshold: { kind: 'majority' },
    approved,
  },
});
const forwarded: ProposalEvent = {
  type: 'ProposalForwarded',
  data: { approvedItems: ['tt-1-1'], reference: '45/TTr', effectiveDate: '2023-12-12' },
};
const fold = (events: ProposalEvent[]) => foldEvents(proposalDecider, events);
const reviewed = [submitted, meeting, vote('tt-1-1', true), vote('tt-1-2', false)];
const ctx = (
  events: ProposalEvent[] = [...reviewed, forwarded],
  over: Partial<AwardDecisionContext> = {},
) => ({
  proposals: { 'tt-1': fold(events) },
  heldBy: [{ unitId: ktnv, year: 2023, organizerUnitId: organizer.unitId! }],
  ...over,
});

const award = (over: Partial<AwardItem> = {}): AwardItem => ({
  awardId: 'qd-1',
  code: 'bang-khen-bo-truong-bca',
  recipient: { kind: 'collective', unitId: ktnv },
  year: 2023,
  citation: 'Đã có thành tích xuất sắc',
  proposalItem: { proposalId: 'tt-1', itemId: 'tt-1-1' },
  ...over,
});
const issue = (awards: AwardItem[], actor = organizer, date = '2023-12-20'): AwardDecisionCommand => ({
  type: 'IssueAwardDecision',
  actor,
  at: AT,
  data: { decisionId: 'qd', number: '1/QĐ-BCA', date, authority: 'bo-truong-bca', awards },
});

describe('an award decision item carries out an approved proposal item; the exception is đột xuất', () => {
  it('accepts the approved item of a forwarded proposal, and an ad hoc award with its reason', () => {
    decisions
      .given()
      .when(issue([award()]), ctx())
      .then([
        {
          type: 'AwardDecisionIssued',
          data: {
            decisionId: 'qd',
            number: '1/QĐ-BCA',
            date: '2023-12-20',
            authority: 'bo-truong-bca',
            awards: [award()],
          },
        },
      ]);
    const adHoc = award({ proposalItem: undefined, adHoc: { reason: 'Thành tích đột xuất trong vụ án' } });
    delete (adHoc as Partial<AwardItem>).proposalItem;
    decisions
      .given()
      .when(issue([adHoc]), ctx())
      .then([expect.objectContaining({ data: expect.objectContaining({ awards: [adHoc] }) })]);
  });

  it('refuses, with code and field: no basis, both, a bad reason, an unknown, unforwarded or returned proposal', () => {
    const g = decisions.given();
    const noBasis = award();
    delete (noBasis as Partial<AwardItem>).proposalItem;
    g.when(issue([noBasis]), ctx()).thenThrows(
      'PROPOSAL_REQUIRED',
      'unprocessable',
      'awards[0].proposalItem',
    );
    g.when(issue([award({ adHoc: { reason: 'x y' } })]), ctx()).thenThrows(
      'BASIS_AMBIGUOUS',
      'unprocessable',
      'awards[0]',
    );
    g.when(issue([{ ...noBasis, adHoc: { reason: ' ' } }]), ctx()).thenThrows(
      'REASON_REQUIRED',
      'unprocessable',
      'awards[0].adHoc.reason',
    );
    g.when(issue([award({ proposalItem: { proposalId: 'tt-9', itemId: 'tt-9-1' } })]), ctx()).thenThrows(
      'PROPOSAL_NOT_FOUND',
      'unprocessable',
      'awards[0].proposalItem.proposalId',
    );
    g.when(issue([award()]), ctx(reviewed)).thenThrows(
      'PROPOSAL_NOT_FORWARDED',
      'unprocessable',
      'awards[0].proposalItem.proposalId',
    );
    const returned: ProposalEvent = { type: 'ProposalReturned', data: { reason: 'Thiếu hồ sơ' } };
    g.when(issue([award()]), ctx([...reviewed, returned])).thenThrows(
      'PROPOSAL_NOT_FORWARDED',
      'unprocessable',
      'awards[0].proposalItem.proposalId',
    );
  });

  it('refuses an item not approved, not in the proposal, or that differs in code, year, recipient or authority', () => {
    const g = decisions.given();
    g.when(
      issue([
        award({
          recipient: { kind: 'individual', fullName: 'A', unitId: ktnv, personId: 'p-1' },
          proposalItem: { proposalId: 'tt-1', itemId: 'tt-1-2' },
        }),
      ]),
      ctx(),
    ).thenThrows('PROPOSAL_ITEM_NOT_APPROVED', 'unprocessable', 'awards[0].proposalItem.itemId');
    g.when(issue([award({ proposalItem: { proposalId: 'tt-1', itemId: 'tt-1-7' } })]), ctx()).thenThrows(
      'PROPOSAL_ITEM_NOT_FOUND',
      'unprocessable',
      'awards[0].proposalItem.itemId',
    );
    g.when(issue([award({ year: 2022 })]), ctx()).thenThrows(
      'PROPOSAL_ITEM_MISMATCH',
      'unprocessable',
      'awards[0].year',
    );
    g.when(
      issue([award({ recipient: { kind: 'collective', unitId: UNITS.xnc.id } })]),
      ctx(undefined, {
        heldBy: [{ unitId: UNITS.xnc.id, year: 2023, organizerUnitId: organizer.unitId! }],
      }),
    ).thenThrows('PROPOSAL_ITEM_MISMATCH', 'unprocessable', 'awards[0].recipient');
    g.when(issue([award({ code: 'giay-khen' })]), ctx()).thenThrows(
      'AUTHORITY_NOT_ALLOWED',
      'unprocessable',
      'awards[0].code',
    );
    const toPM = foldEvents(proposalDecider, [
      { ...submitted, data: { ...submitted.data, authority: 'thu-tuong' } } as ProposalEvent,
      meeting,
      vote('tt-1-1', true),
      vote('tt-1-2', true),
      forwarded,
    ]);
    g.when(issue([award()]), { ...ctx(), proposals: { 'tt-1': toPM } }).thenThrows(
      'PROPOSAL_AUTHORITY_MISMATCH',
      'unprocessable',
      'awards[0].proposalItem.proposalId',
    );
    g.when(issue([award(), award({ awardId: 'qd-2' })]), ctx()).thenThrows(
      'DUPLICATE_PROPOSAL_ITEM',
      'unprocessable',
      'awards',
    );
    g.when(issue([award()], organizer, '2023-12-11'), ctx()).thenThrows(
      'EFFECTIVE_DATE_OUT_OF_ORDER',
      'unprocessable',
      'date',
    );
  });

  it("who records: the authority's office (administrator) or an organizer whose clusters hold the recipient", () => {
    const g = decisions.given();
    g.when(issue([award()], admin), ctx(undefined, { heldBy: [] })).then(expect.any(Array));
    g.when(issue([award()], organizer), ctx()).then(expect.any(Array));
    g.when(issue([award()], otherOrganizer), ctx()).thenThrows('NOT_THE_RECIPIENTS_ORGANIZER', 'forbidden');
    g.when(issue([award()], organizer), ctx(undefined, { heldBy: [] })).thenThrows(
      'NOT_THE_RECIPIENTS_ORGANIZER',
      'forbidden',
    );
    // the year matters: held in 2022 is not held in 2023
    g.when(
      issue([award()], organizer),
      ctx(undefined, { heldBy: [{ unitId: ktnv, year: 2022, organizerUnitId: organizer.unitId! }] }),
    ).thenThrows('NOT_THE_RECIPIENTS_ORGANIZER', 'forbidden');
    g.when(issue([award()], officerOf(ktnv)), ctx()).thenThrows('FORBIDDEN', 'forbidden');
  });
});

describe('one approved proposal item is carried out once (claimed in the proposal stream)', () => {
  const proposals = spec(proposalDecider, {});
  const carried = [...reviewed, forwarded];
  const claim = (decisionId: string, awardId: string, actor = organizer): ProposalCommand => ({
    type: 'ClaimProposalItems',
    actor,
    at: AT,
    data: {
      proposalId: 'tt-1',
      decisionId,
      claims: [{ itemId: 'tt-1-1', awardId, field: 'awards[0].proposalItem' }],
    },
  });
  const release = (awardIds: string[], cause: 'decision-failed' | 'revoked'): ProposalCommand => ({
    type: 'ReleaseProposalItemClaims',
    actor: organizer,
    at: AT,
    data: { proposalId: 'tt-1', awardIds, cause },
  });
  const claimed: ProposalEvent = {
    type: 'ProposalItemClaimed',
    data: { itemId: 'tt-1-1', decisionId: 'qd', awardId: 'qd-1' },
  };

  it('claims a forwarded, approved item once; a second decision is refused with code and field', () => {
    proposals.given(carried).when(claim('qd', 'qd-1')).then([claimed]);
    proposals
      .given([...carried, claimed])
      .when(claim('qd2', 'qd2-1'))
      .thenThrows('PROPOSAL_ITEM_ALREADY_CARRIED_OUT', 'unprocessable', 'awards[0].proposalItem');
    // the same award again (a retried decision) records nothing more
    proposals
      .given([...carried, claimed])
      .when(claim('qd', 'qd-1'))
      .then([]);
  });

  it('refuses a claim on an open proposal, an unapproved item, and by an officer', () => {
    proposals
      .given(reviewed)
      .when(claim('qd', 'qd-1'))
      .thenThrows('PROPOSAL_NOT_FORWARDED', 'unprocessable', 'proposalId');
    const g = proposals.given(carried);
    g.when({
      ...claim('qd', 'qd-1'),
      data: {
        proposalId: 'tt-1',
        decisionId: 'qd',
        claims: [{ itemId: 'tt-1-2', awardId: 'qd-1', field: 'awards[0].proposalItem' }],
      },
    } as ProposalCommand).thenThrows('PROPOSAL_ITEM_NOT_APPROVED', 'unprocessable', 'awards[0].proposalItem');
    g.when(claim('qd', 'qd-1', officerOf(ktnv))).thenThrows('FORBIDDEN', 'forbidden');
  });

  it('a release (decision failed or award revoked) frees the item for another decision; a repeat records nothing', () => {
    for (const cause of ['decision-failed', 'revoked'] as const) {
      const released: ProposalEvent = {
        type: 'ProposalItemClaimReleased',
        data: { itemId: 'tt-1-1', awardId: 'qd-1', cause },
      };
      proposals
        .given([...carried, claimed])
        .when(release(['qd-1'], cause))
        .then([released]);
      proposals
        .given([...carried, claimed, released])
        .when(release(['qd-1'], cause))
        .then([]);
      proposals
        .given([...carried, claimed, released])
        .when(claim('qd2', 'qd2-1'))
        .then([
          { type: 'ProposalItemClaimed', data: { itemId: 'tt-1-1', decisionId: 'qd2', awardId: 'qd2-1' } },
        ]);
    }
    // another award's release leaves the claim standing
    proposals
      .given([...carried, claimed])
      .when(release(['qd9-1'], 'revoked'))
      .then([]);
  });

  it('the decision itself is refused when another award holds the item, and accepted when it is its own', () => {
    decisions
      .given()
      .when(issue([award({ awardId: 'qd2-1' })]), ctx([...carried, claimed]))
      .thenThrows('PROPOSAL_ITEM_ALREADY_CARRIED_OUT', 'unprocessable', 'awards[0].proposalItem');
    decisions
      .given()
      .when(issue([award()]), ctx([...carried, claimed]))
      .then([expect.objectContaining({ type: 'AwardDecisionIssued' })]);
  });
});
