// The edges of an award's proposal basis and of who may record a decision, with each refusal's exact code
// and field (issue 17: found by mutation testing). The decider-level cases are in
// decide-proposal-link.unit.spec.ts.
import type { Actor } from '../actor.js';
import { DomainError } from '../errors.js';
import type { AwardItem } from '../events/award-decision.events.js';
import type { ProposalState } from '../proposal/proposal.state.js';
import { officerOf, organizer, ORGANIZER_UNIT } from '../testing/fixtures.js';
import { checkProposalBasis, requireDecisionRecorder, type HeldRecipient } from './decide-proposal-link.js';

const refusal = (run: () => unknown): Pick<DomainError, 'code' | 'status' | 'field'> | undefined => {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    const { code, status, field } = e as DomainError;
    return { code, status, field };
  }
  return undefined;
};

describe('requireDecisionRecorder', () => {
  let award: { recipient: { unitId: string }; year: number };
  let held: HeldRecipient;
  beforeEach(() => {
    award = { recipient: { unitId: 'ca-ha-tinh' }, year: 2023 };
    held = { unitId: 'ca-ha-tinh', year: 2023, organizerUnitId: ORGANIZER_UNIT } as HeldRecipient;
  });

  it('the organizer whose cluster holds the recipient that year records it', () => {
    expect(refusal(() => requireDecisionRecorder(organizer, [award], [held]))).toBeUndefined();
  });

  it.each<[string, () => Actor]>([
    ['an officer, even of the organizer unit', () => officerOf(ORGANIZER_UNIT)],
    ['an organizer of no unit', () => ({ id: 'u-x', role: 'organizer' })],
  ])('refuses %s', (_, actor) => {
    expect(refusal(() => requireDecisionRecorder(actor(), [], [held]))).toEqual({
      code: 'FORBIDDEN',
      status: 'forbidden',
      field: undefined,
    });
  });

  it.each<[string, () => Partial<HeldRecipient>]>([
    ['another unit', () => ({ unitId: 'ca-nghe-an' })],
    ['another year', () => ({ year: 2022 })],
    ['another organizer', () => ({ organizerUnitId: 'ca-ha-tinh' })],
  ])('refuses when the cluster held is of %s', (_, over) => {
    expect(refusal(() => requireDecisionRecorder(organizer, [award], [{ ...held, ...over() }]))).toEqual({
      code: 'NOT_THE_RECIPIENTS_ORGANIZER',
      status: 'forbidden',
      field: undefined,
    });
  });
});

describe('checkProposalBasis', () => {
  let proposals: Record<string, ProposalState>;
  let item: Pick<AwardItem, 'awardId' | 'code' | 'recipient' | 'year'>;
  const decision = { authority: 'bo-truong-bca', date: '2023-12-20' };
  const check = (raw: Record<string, unknown>, it = item, date = decision.date) =>
    checkProposalBasis(raw as Partial<AwardItem>, it, 'awards[0]', { ...decision, date }, proposals);
  const basis = { proposalItem: { proposalId: 'tt-1', itemId: 'i-1' } };

  beforeEach(() => {
    proposals = {
      'tt-1': {
        submitted: true,
        authority: 'bo-truong-bca',
        items: {
          'i-1': {
            code: 'bang-khen-bo-truong-bca',
            recipient: { kind: 'individual', personId: 'p-1', unitId: 'ca-ha-tinh' },
            year: 2023,
            approved: true,
          },
          'i-2': {
            code: 'bang-khen-bo-truong-bca',
            recipient: { kind: 'collective', unitId: 'ca-ha-tinh' },
            year: 2023,
            approved: true,
          },
        },
        comments: [],
        meetings: {},
        status: 'forwarded',
        closedOn: '2023-12-20',
      },
    };
    item = {
      awardId: 'kt-1',
      code: 'bang-khen-bo-truong-bca',
      recipient: { kind: 'individual', personId: 'p-1', unitId: 'ca-ha-tinh' },
      year: 2023,
    } as Pick<AwardItem, 'awardId' | 'code' | 'recipient' | 'year'>;
  });

  it('an individual item carried out on the day the proposal was forwarded, or later', () => {
    expect(check(basis)).toEqual(basis);
    expect(check(basis, item, '2023-12-21')).toEqual(basis);
    expect(refusal(() => check(basis, item, '2023-12-19'))).toEqual({
      code: 'EFFECTIVE_DATE_OUT_OF_ORDER',
      status: 'unprocessable',
      field: 'date',
    });
  });

  it.each<[string, () => Record<string, unknown>, () => unknown, string, string]>([
    [
      'an ad hoc basis of null',
      () => ({ adHoc: null }),
      () => item,
      'REASON_REQUIRED',
      'awards[0].adHoc.reason',
    ],
    [
      'a proposal item of null',
      () => ({ proposalItem: null }),
      () => item,
      'INVALID_ID',
      'awards[0].proposalItem.proposalId',
    ],
    [
      'a proposal item with no item id',
      () => ({ proposalItem: { proposalId: 'tt-1' } }),
      () => item,
      'INVALID_ID',
      'awards[0].proposalItem.itemId',
    ],
    [
      'another code',
      () => basis,
      () => ({ ...item, code: 'giay-khen' }),
      'PROPOSAL_ITEM_MISMATCH',
      'awards[0].code',
    ],
    [
      'another person',
      () => basis,
      () => ({ ...item, recipient: { kind: 'individual', personId: 'p-2', unitId: 'ca-ha-tinh' } }),
      'PROPOSAL_ITEM_MISMATCH',
      'awards[0].recipient',
    ],
    [
      'the unit, for a proposed individual',
      () => basis,
      () => ({ ...item, recipient: { kind: 'collective', unitId: 'ca-ha-tinh' } }),
      'PROPOSAL_ITEM_MISMATCH',
      'awards[0].recipient',
    ],
    [
      'an individual, for a proposed unit',
      () => ({ proposalItem: { proposalId: 'tt-1', itemId: 'i-2' } }),
      () => item,
      'PROPOSAL_ITEM_MISMATCH',
      'awards[0].recipient',
    ],
  ])('refuses %s', (_, raw, it, code, field) => {
    expect(refusal(() => check(raw(), it() as typeof item))).toEqual({
      code,
      status: 'unprocessable',
      field,
    });
  });

  it('a proposed unit is carried out for that unit', () => {
    const unitBasis = { proposalItem: { proposalId: 'tt-1', itemId: 'i-2' } };
    expect(check(unitBasis, { ...item, recipient: { kind: 'collective', unitId: 'ca-ha-tinh' } })).toEqual(
      unitBasis,
    );
  });
});
