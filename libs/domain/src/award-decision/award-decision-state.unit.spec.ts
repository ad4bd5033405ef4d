// The award decision's fold (award-decision.state.ts), read by the handlers and the API: what each award
// keeps, basis confirmations counted per award, events about an award the decision does not hold or that
// are not its own leave the state as it is, and complaints folded as the complaint rules fold them (issue
// 17: found by mutation testing).
import type { AwardDecisionEvent, AwardItem } from '../events/award-decision.events.js';
import type { ComplaintEvent } from '../events/complaint.events.js';
import { evolveComplaints } from '../complaints/complaints.js';
import { DIGEST, UNITS } from '../testing/fixtures.js';
import { evolveAwardDecision, initialAwardDecisionState } from './award-decision.state.js';

describe('the award decision fold', () => {
  let fold: (events: AwardDecisionEvent[]) => ReturnType<typeof evolveAwardDecision>;
  let issued: AwardDecisionEvent;
  let confirmed: (awardId: string) => AwardDecisionEvent;
  let ktnv: string;

  beforeEach(() => {
    fold = (events) => events.reduce(evolveAwardDecision, initialAwardDecisionState);
    ktnv = UNITS.ktnv.id;
    const item = (awardId: string, extra: Partial<AwardItem>): AwardItem => ({
      awardId,
      code: 'co-thi-dua-bo-cong-an',
      recipient: { kind: 'collective', unitId: ktnv },
      year: 2023,
      citation: 'Dẫn đầu Cụm thi đua (minh họa)',
      ...extra,
    });
    issued = {
      type: 'AwardDecisionIssued',
      data: {
        decisionId: 'qd-1',
        number: '1/QĐ-BCA',
        date: '2023-12-20',
        authority: 'bo-truong-bca',
        awards: [
          item('qd-1-1', {
            flagBasis: {
              clusterId: 'cum-7',
              year: 2023,
              rank: 1,
              rankingDigest: DIGEST,
              rankingPosition: 12,
              quota: 1,
              conferredBefore: 0,
            },
          }),
          item('qd-1-2', {
            code: 'bang-khen-bo-truong-bca',
            proposalItem: { proposalId: 'tt-1', itemId: 'tt-1-1' },
          }),
        ],
      },
    };
    confirmed = (awardId) => ({
      type: 'FlagBasisConfirmed',
      data: { awardId, reason: 'Vẫn giữ (minh họa)', effectiveDate: '2024-03-01' },
    });
  });

  it('keeps per award its code, recipient, year, flag cluster or proposal item, and counts confirmations', () => {
    const state = fold([issued, confirmed('qd-1-1'), confirmed('qd-1-1')]);
    expect(state.awards).toEqual({
      'qd-1-1': {
        code: 'co-thi-dua-bo-cong-an',
        recipient: { kind: 'collective', unitId: ktnv },
        year: 2023,
        revoked: false,
        flagClusterId: 'cum-7',
        basisConfirmations: 2,
      },
      'qd-1-2': {
        code: 'bang-khen-bo-truong-bca',
        recipient: { kind: 'collective', unitId: ktnv },
        year: 2023,
        revoked: false,
        proposalItem: { proposalId: 'tt-1', itemId: 'tt-1-1' },
      },
    });
  });

  it('leaves the state as it is for an award it does not hold, and for an event not its own', () => {
    const state = fold([issued]);
    expect(evolveAwardDecision(state, confirmed('qd-9-9'))).toBe(state);
    const revoked: AwardDecisionEvent = {
      type: 'AwardRevoked',
      data: { awardId: 'qd-9-9', reason: 'Sai sót', decisionRef: '2/QĐ', effectiveDate: '2024-03-01' },
    };
    expect(evolveAwardDecision(state, revoked)).toBe(state);
    expect(evolveAwardDecision(state, { type: 'PeriodOpened', data: {} } as never)).toBe(state);
  });

  it('folds its complaints filed, resolved and escalated as the complaint rules do', () => {
    const authority = { kind: 'authority' as const, code: 'bo-truong-bca' };
    const complaints: ComplaintEvent[] = [
      {
        type: 'ComplaintFiled',
        data: {
          complaintId: 'kn-1',
          target: { kind: 'award-decision' },
          filer: { kind: 'unit', unitId: ktnv },
          content: 'Khiếu nại (minh họa)',
          receivedOn: '2024-01-05',
          decisionOn: '2023-12-20',
          dueOn: '2024-02-04',
          level: 1,
          authority,
        },
      } as ComplaintEvent,
      {
        type: 'ComplaintResolved',
        data: {
          complaintId: 'kn-1',
          level: 1,
          outcome: 'rejected',
          reason: 'Không có căn cứ',
          decisionRef: '3/QĐ',
          effectiveDate: '2024-01-20',
        },
      },
      {
        type: 'ComplaintEscalated',
        data: {
          complaintId: 'kn-1',
          level: 2,
          authority: { kind: 'authority', code: 'thu-tuong' },
          receivedOn: '2024-01-25',
          dueOn: '2024-03-10',
          reason: 'Không đồng ý (minh họa)',
        },
      },
    ];
    let expected = initialAwardDecisionState.complaints;
    for (const [i, event] of complaints.entries()) {
      expected = evolveComplaints(expected, event);
      expect(fold([issued, ...complaints.slice(0, i + 1)]).complaints).toEqual(expected);
    }
    expect(expected['kn-1']).toMatchObject({ level: 2, status: 'open' });
  });
});
