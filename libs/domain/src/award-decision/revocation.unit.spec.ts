import type { AwardDecisionEvent, AwardItem } from '../events/award-decision.events.js';
import { spec } from '../testing/given-when-then.js';
import { organizer } from '../testing/fixtures.js';
import type { AwardDecisionCommand, AwardDecisionContext } from './award-decision.commands.js';
import { awardDecisionDecider } from './award-decision.decider.js';

const AT = '2024-03-01T02:00:00.000Z';
const decision = spec<AwardDecisionCommand, unknown, AwardDecisionEvent, AwardDecisionContext>(
  awardDecisionDecider as never,
);
const bangKhen: AwardItem = {
  awardId: 'qd-7-1',
  code: 'bang-khen-bo-truong-bca',
  recipient: { kind: 'collective', unitId: 'cuc-tccb' },
  year: 2023,
  citation: 'Có thành tích xuất sắc (minh họa)',
};
const issued: AwardDecisionEvent[] = [
  {
    type: 'AwardDecisionIssued',
    data: {
      decisionId: 'qd-7',
      number: '8410/QĐ-BCA',
      date: '2023-10-18',
      authority: 'bo-truong-bca',
      awards: [bangKhen],
    },
  },
];
const revoke = (over: Record<string, unknown> = {}): AwardDecisionCommand =>
  ({
    type: 'RevokeAward',
    actor: organizer,
    at: AT,
    data: {
      decisionId: 'qd-7',
      awardId: 'qd-7-1',
      reason: 'Báo cáo thành tích kê khai không trung thực',
      decisionRef: '55/QĐ-BCA',
      ground: 'false-declaration',
      authority: 'bo-truong-bca',
      recovery: { insignia: true, moneyVnd: 1_490_000 },
      effectiveDate: '2024-02-20',
      ...over,
    },
  }) as AwardDecisionCommand;

describe('revocation (thu hồi, Law 06/2022/QH15 ch. VII)', () => {
  it('records the ground, the revoking authority, the decision number and date, and what is recovered', () => {
    decision
      .given(issued)
      .when(revoke())
      .then([
        {
          type: 'AwardRevoked',
          data: {
            awardId: 'qd-7-1',
            reason: 'Báo cáo thành tích kê khai không trung thực',
            decisionRef: '55/QĐ-BCA',
            ground: 'false-declaration',
            authority: 'bo-truong-bca',
            recovery: { insignia: true, moneyVnd: 1_490_000 },
            effectiveDate: '2024-02-20',
          },
        },
      ]);
  });

  it('takes each ground of chapter VII and refuses another', () => {
    for (const ground of ['forged-dossier', 'appraisal-contrary-to-rules', 'later-violation-finding'])
      decision
        .given(issued)
        .when(revoke({ ground }))
        .then([expect.objectContaining({ data: expect.objectContaining({ ground }) })]);
    decision
      .given(issued)
      .when(revoke({ ground: 'changed-our-mind' }))
      .thenThrows('INVALID_REVOCATION_GROUND', 'unprocessable', 'ground');
  });

  it('is decided by the conferrer or an authority above it, never one below', () => {
    for (const authority of ['bo-truong-bca', 'thu-tuong', 'chu-tich-nuoc'])
      decision
        .given(issued)
        .when(revoke({ authority }))
        .then([expect.objectContaining({ type: 'AwardRevoked' })]);
    for (const authority of ['giam-doc-ca-tinh', 'thu-truong-don-vi'])
      decision
        .given(issued)
        .when(revoke({ authority }))
        .thenThrows('REVOKING_AUTHORITY_NOT_ALLOWED', 'unprocessable', 'authority');
    decision
      .given(issued)
      .when(revoke({ authority: 'vua' }))
      .thenThrows('UNKNOWN_AUTHORITY', 'unprocessable', 'authority');
  });

  it('needs the recovery: insignia yes/no and a whole, non-negative amount', () => {
    for (const recovery of [
      undefined,
      { insignia: 'yes', moneyVnd: 0 },
      { insignia: true, moneyVnd: -1 },
      { insignia: true, moneyVnd: 1.5 },
    ])
      decision
        .given(issued)
        .when(revoke({ recovery }))
        .thenThrows('INVALID_RECOVERY', 'unprocessable', 'recovery');
    decision
      .given(issued)
      .when(revoke({ recovery: { insignia: false, moneyVnd: 0 } }))
      .then([expect.objectContaining({ type: 'AwardRevoked' })]);
  });
});
