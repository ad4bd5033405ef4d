import type { AwardDecisionEvent, AwardItem } from '../events/award-decision.events.js';
import { spec } from '../testing/given-when-then.js';
import {
  admin,
  CLUSTER,
  officerOf,
  organizer,
  ORGANIZER_UNIT,
  otherOrganizer,
  UNITS,
  viewer,
  dated,
} from '../testing/fixtures.js';
import type {
  AwardDecisionCommand,
  AwardDecisionContext,
  ClusterStanding,
} from './award-decision.commands.js';
import { awardDecisionDecider } from './award-decision.decider.js';
import { registeredPerson } from '../testing/people.js';

const ktnv = UNITS.ktnv.id;
/** The organizer's clusters hold Cục Kỹ thuật nghiệp vụ in 2023: it may record its awards. */
const HELD = [{ unitId: ktnv, year: 2023, organizerUnitId: ORGANIZER_UNIT }];
/** These tests' awards are recorded as khen thưởng đột xuất (the proposal link has its own spec). */
const AD_HOC = { reason: 'Khen thưởng đột xuất (kiểm thử)' };

/** Decisions of 2023 are recorded on 10/1/2024 (a decision is never dated after its record). */
const AT_2024 = '2024-01-10T02:00:00.000Z';

const decision = spec<
  AwardDecisionCommand,
  ReturnType<typeof awardDecisionDecider.evolve>,
  AwardDecisionEvent,
  AwardDecisionContext
>(awardDecisionDecider, {
  // The recipient of `individual` below: registered for the title, with 3 Chiến sĩ thi đua cơ sở before it.
  people: [
    registeredPerson(
      'cb-an',
      UNITS.ktnv.id,
      [['chien-si-thi-dua-toan-luc-luong-cand', 2023]],
      [
        ['chien-si-thi-dua-co-so', 2020],
        ['chien-si-thi-dua-co-so', 2021],
        ['chien-si-thi-dua-co-so', 2022],
      ],
    ),
  ],
  heldBy: HELD,
});
const individual: AwardItem = {
  awardId: 'kt-1',
  code: 'chien-si-thi-dua-toan-luc-luong-cand',
  recipient: { kind: 'individual', personId: 'cb-an', unitId: ktnv },
  year: 2023,
  citation: 'Đã có thành tích xuất sắc trong phong trào thi đua "Vì an ninh Tổ quốc" năm 2023',
  // The prior titles the prerequisite was met with (recorded from before the ledger: no award id).
  basis: [2020, 2021, 2022].map((year) => ({ code: 'chien-si-thi-dua-co-so', year, awardId: null })),
  adHoc: AD_HOC,
};
const bangKhen: AwardItem = {
  awardId: 'kt-2',
  code: 'bang-khen-bo-truong-bca',
  recipient: { kind: 'collective', unitId: ktnv },
  year: 2023,
  citation: 'Đã có thành tích xuất sắc',
  adHoc: AD_HOC,
};
const flag: AwardItem = {
  awardId: 'kt-3',
  code: 'co-thi-dua-bo-cong-an',
  recipient: { kind: 'collective', unitId: ktnv },
  year: 2023,
  citation: 'Dẫn đầu Cụm thi đua số 2',
  adHoc: AD_HOC,
};
const issue = (
  awards: AwardItem[],
  actor = organizer,
  authority = 'bo-truong-bca',
): AwardDecisionCommand => ({
  type: 'IssueAwardDecision',
  actor,
  at: AT_2024,
  data: { decisionId: 'qd-1234', number: '1234/QĐ-BCA', date: '2023-12-15', authority, awards },
});
const issued = (awards: AwardItem[], authority = 'bo-truong-bca'): AwardDecisionEvent[] => [
  {
    type: 'AwardDecisionIssued',
    data: { decisionId: 'qd-1234', number: '1234/QĐ-BCA', date: '2023-12-15', authority, awards },
  },
];
const standing = (rank: number | null, over: Partial<ClusterStanding> = {}): AwardDecisionContext => ({
  heldBy: HELD,
  clusterStandings: [
    {
      unitId: ktnv,
      year: 2023,
      clusterId: CLUSTER,
      organizerUnitId: ORGANIZER_UNIT,
      rank,
      final: true,
      ...over,
    },
  ],
});

describe('award decisions (quyết định khen thưởng)', () => {
  it('issues a decision whose authority may confer every award, to the right kind of recipient', () => {
    decision
      .given([])
      .when(issue([individual, bangKhen]))
      .then(issued([individual, bangKhen]));
    decision
      .given([])
      .when(issue([individual], admin))
      .then(issued([individual]));
  });

  it('refuses an authority not allowed for a code, a wrong recipient kind, unknown codes and bad data', () => {
    decision
      .given([])
      .when(issue([individual], organizer, 'thu-tuong'))
      .thenThrows('AUTHORITY_NOT_ALLOWED', 'unprocessable', 'awards[0].code');
    decision
      .given([])
      .when(issue([{ ...individual, code: 'giay-khen' }]))
      .thenThrows('AUTHORITY_NOT_ALLOWED', 'unprocessable', 'awards[0].code');
    decision
      .given([])
      .when(issue([{ ...individual, recipient: { kind: 'collective', unitId: ktnv } }]))
      .thenThrows('RECIPIENT_KIND_NOT_ALLOWED', 'unprocessable', 'awards[0].recipient');
    decision
      .given([])
      .when(issue([{ ...individual, code: 'khong-co' }]))
      .thenThrows('UNKNOWN_AWARD', 'unprocessable', 'awards[0].code');
    decision
      .given([])
      .when(issue([individual], organizer, 'vua'))
      .thenThrows('UNKNOWN_AUTHORITY', 'unprocessable', 'authority');
    decision.given([]).when(issue([])).thenThrows('LIST_TOO_SHORT', 'unprocessable', 'awards');
    decision
      .given([])
      .when(issue([individual, { ...bangKhen, awardId: 'kt-1' }]))
      .thenThrows('DUPLICATE_AWARD_ID', 'unprocessable', 'awards');
    decision
      .given([])
      .when({
        ...issue([individual]),
        data: { ...issue([individual]).data, date: '2023-02-30' },
      } as AwardDecisionCommand)
      .thenThrows('INVALID_DATE', 'unprocessable', 'date');
    decision
      .given([])
      .when(
        issue([
          { ...individual, recipient: { ...individual.recipient, personId: '' } as AwardItem['recipient'] },
        ]),
      )
      .thenThrows('INVALID_ID', 'unprocessable', 'awards[0].recipient.personId');
    decision
      .given([])
      .when(issue([{ ...individual, citation: '' }]))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'awards[0].citation');
    decision
      .given(issued([individual]))
      .when(issue([individual]))
      .thenThrows('DECISION_ALREADY_ISSUED', 'conflict', 'decisionId');
  });

  it('an abandoned decision (its claims released by the reconciler) is never recorded; a recorded one is never abandoned', () => {
    const abandon = (actor = admin): AwardDecisionCommand => ({
      type: 'AbandonAwardDecision',
      actor,
      at: AT_2024,
      data: { decisionId: 'qd-1234', reason: 'claims left by a stopped request' },
    });
    const abandoned: AwardDecisionEvent = {
      type: 'AwardDecisionAbandoned',
      data: { decisionId: 'qd-1234', reason: 'claims left by a stopped request' },
    };
    decision.given([]).when(abandon()).then([abandoned]);
    decision.given([abandoned]).when(abandon()).then([]);
    decision.given([]).when(abandon(organizer)).thenThrows('FORBIDDEN', 'forbidden');
    decision
      .given(issued([bangKhen]))
      .when(abandon())
      .thenThrows('DECISION_ALREADY_ISSUED', 'conflict', 'decisionId');
    decision
      .given([abandoned])
      .when(issue([bangKhen]))
      .thenThrows('DECISION_ABANDONED', 'conflict', 'decisionId');
  });

  it('is recorded by an admin or an organizer only', () => {
    for (const actor of [officerOf(ktnv), viewer])
      decision
        .given([])
        .when(issue([individual], actor))
        .thenThrows('FORBIDDEN', 'forbidden');
  });

  it('gives a cluster flag (Cờ thi đua) only within the quota of the final ranking of its cluster', () => {
    decision
      .given([])
      .when(issue([flag]), standing(1))
      .then(issued([flag]));
    decision
      .given([])
      .when(issue([flag]), standing(2))
      .thenThrows('FLAG_QUOTA_EXCEEDED', 'unprocessable', 'awards[0].recipient');
    decision
      .given([])
      .when(issue([flag]), standing(2, { quota: 2 }))
      .then(issued([flag]));
    decision
      .given([])
      .when(issue([flag]), standing(null))
      .thenThrows('FLAG_QUOTA_EXCEEDED', 'unprocessable', 'awards[0].recipient');
    decision
      .given([])
      .when(issue([flag]), standing(1, { final: false }))
      .thenThrows('CLUSTER_RANKING_NOT_FINAL', 'unprocessable', 'awards[0].recipient');
    decision
      .given([])
      .when(issue([flag]), {})
      .thenThrows('CLUSTER_RANKING_NOT_FINAL', 'unprocessable', 'awards[0].recipient');
    decision
      .given([])
      .when(issue([flag]), standing(1, { year: 2022 }))
      .thenThrows('CLUSTER_RANKING_NOT_FINAL', 'unprocessable', 'awards[0].recipient');
    const govFlag = { ...flag, code: 'co-thi-dua-chinh-phu' };
    decision
      .given([])
      .when(issue([govFlag], organizer, 'thu-tuong'), {
        ...standing(3),
        ministryFlagHolders: [{ unitId: ktnv, year: 2023 }],
      })
      .thenThrows('FLAG_QUOTA_EXCEEDED', 'unprocessable', 'awards[0].recipient');
  });

  it('lets the organizer of that cluster override the quota with a reason, recorded with the award', () => {
    const overridden = { ...flag, override: { reason: 'Hội đồng thi đua Bộ xét đặc cách' } };
    decision
      .given([])
      .when(issue([overridden]), standing(2))
      .then(issued([overridden]));
    decision
      .given([])
      .when(issue([overridden], admin), standing(2))
      .thenThrows('FORBIDDEN', 'forbidden');
    decision
      .given([])
      .when(issue([overridden], otherOrganizer), standing(2))
      .thenThrows('FORBIDDEN', 'forbidden');
    decision
      .given([])
      .when(issue([{ ...flag, override: { reason: '' } }]), standing(2))
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'awards[0].override.reason');
    decision
      .given([])
      .when(issue([{ ...bangKhen, override: { reason: 'x' } }]))
      .thenThrows('OVERRIDE_NOT_APPLICABLE', 'unprocessable', 'awards[0].override');
  });

  it('dates a decision no later than its record, and a revocation no earlier than the decision', () => {
    const dated = (date: string): AwardDecisionCommand => {
      const c = issue([bangKhen]);
      return { ...c, data: { ...c.data, date } } as AwardDecisionCommand;
    };
    decision
      .given([])
      .when(dated('2024-01-11'))
      .thenThrows('EFFECTIVE_DATE_AFTER_RECORDING', 'unprocessable', 'date');
    decision
      .given([])
      .when(dated('2024-01-10'))
      .then([expect.objectContaining({ type: 'AwardDecisionIssued' })]);
    const revoke = (effectiveDate: string): AwardDecisionCommand => ({
      type: 'RevokeAward',
      actor: organizer,
      at: AT_2024,
      data: {
        decisionId: 'qd-1234',
        awardId: 'kt-2',
        reason: 'Hồ sơ không trung thực',
        decisionRef: '99/QĐ-BCA',
        ground: 'false-declaration',
        authority: 'bo-truong-bca',
        recovery: { insignia: true, moneyVnd: 0 },
        effectiveDate,
      },
    });
    decision
      .given(issued([bangKhen]))
      .when(revoke('2023-12-14'))
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'effectiveDate');
    decision
      .given(issued([bangKhen]))
      .when(revoke('2023-12-15'))
      .then([expect.objectContaining({ type: 'AwardRevoked' })]);
  });

  it('revokes an award with a reason and the revoking decision (Law 06/2022/QH15 ch. VII)', () => {
    const revoke = (awardId = 'kt-1', over = {}): AwardDecisionCommand => ({
      type: 'RevokeAward',
      actor: organizer,
      at: AT_2024,
      data: {
        decisionId: 'qd-1234',
        awardId,
        reason: 'Hồ sơ không trung thực',
        decisionRef: '99/QĐ-BCA',
        ground: 'false-declaration',
        authority: 'bo-truong-bca',
        recovery: { insignia: true, moneyVnd: 1_490_000 },
        ...over,
      },
    });
    const revoked = decision
      .given(issued([individual, bangKhen]))
      .when(revoke())
      .then(
        dated(
          [
            {
              type: 'AwardRevoked',
              data: {
                awardId: 'kt-1',
                reason: 'Hồ sơ không trung thực',
                decisionRef: '99/QĐ-BCA',
                ground: 'false-declaration',
                authority: 'bo-truong-bca',
                recovery: { insignia: true, moneyVnd: 1_490_000 },
              },
            },
          ],
          '2024-01-10',
        ),
      );
    const state = decision.given([...issued([individual, bangKhen]), ...revoked]).state;
    expect(state.awards['kt-1']?.revoked).toBe(true);
    expect(state.awards['kt-2']?.revoked).toBe(false);
    decision
      .given([...issued([individual]), ...revoked])
      .when(revoke())
      .thenThrows('AWARD_ALREADY_REVOKED', 'conflict', 'awardId');
    decision
      .given(issued([individual]))
      .when(revoke('kt-9'))
      .thenThrows('AWARD_NOT_FOUND', 'not-found', 'awardId');
    decision.given([]).when(revoke()).thenThrows('DECISION_NOT_FOUND', 'not-found', 'decisionId');
    decision
      .given(issued([individual]))
      .when(revoke('kt-1', { reason: '' }))
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
    decision
      .given(issued([individual]))
      .when(revoke('kt-1', { decisionRef: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'decisionRef');
    decision
      .given(issued([individual]))
      .when({ ...revoke(), actor: officerOf(ktnv) })
      .thenThrows('FORBIDDEN', 'forbidden');
  });
});

describe('award decisions: each malformed input is named, each quota rule probed', () => {
  const withRecipient = (recipient: object) => issue([{ ...individual, recipient } as AwardItem]);

  it('names the field of a bad id, number, year, recipient kind or recipient detail', () => {
    const bad = (over: object) =>
      ({ ...issue([individual]), data: { ...issue([individual]).data, ...over } }) as AwardDecisionCommand;
    decision
      .given([])
      .when(bad({ decisionId: 'QĐ 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'decisionId');
    decision
      .given([])
      .when(bad({ number: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'number');
    decision
      .given([])
      .when(issue([{ ...individual, awardId: 'KT 1' }]))
      .thenThrows('INVALID_ID', 'unprocessable', 'awards[0].awardId');
    decision
      .given([])
      .when(issue([{ ...individual, year: 23 }]))
      .thenThrows('INVALID_YEAR', 'unprocessable', 'awards[0].year');
    decision
      .given([])
      .when(issue([{ ...individual, code: 7 } as unknown as AwardItem]))
      .thenThrows('UNKNOWN_AWARD', 'unprocessable', 'awards[0].code');
    for (const recipient of [{ kind: 'group', unitId: ktnv }, undefined])
      decision
        .given([])
        .when(withRecipient(recipient as never))
        .thenThrows('INVALID_RECIPIENT', 'unprocessable', 'awards[0].recipient.kind');
    decision
      .given([])
      .when(issue([{ ...bangKhen, recipient: { kind: 'collective', unitId: 'Cục' } }]))
      .thenThrows('INVALID_ID', 'unprocessable', 'awards[0].recipient.unitId');
    const person = individual.recipient;
    decision
      .given([])
      .when(withRecipient({ ...person, unitId: 'Cục' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'awards[0].recipient.unitId');
    decision
      .given([])
      .when(withRecipient({ ...person, personId: 'CB 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'awards[0].recipient.personId');
  });

  it("reads the standing of the flag's own unit and year, whatever the other standings", () => {
    const others = (rank: number): AwardDecisionContext => ({
      heldBy: HELD,
      clusterStandings: [
        { ...standing(1).clusterStandings![0]!, unitId: UNITS.xnc.id },
        { ...standing(1).clusterStandings![0]!, year: 2022 },
        ...standing(rank).clusterStandings!,
      ],
    });
    decision
      .given([])
      .when(issue([flag]), others(1))
      .then(issued([flag]));
    decision
      .given([])
      .when(issue([flag]), others(2))
      .thenThrows('FLAG_QUOTA_EXCEEDED', 'unprocessable', 'awards[0].recipient');
  });

  it('lets an organizer override when no standing is known; never an administrator, whatever its unit', () => {
    const overridden = { ...flag, override: { reason: 'Hội đồng thi đua Bộ xét đặc cách' } };
    decision
      .given([])
      .when(issue([overridden]), { heldBy: HELD })
      .then(issued([overridden]));
    decision
      .given([])
      .when(issue([overridden], { ...admin, unitId: ORGANIZER_UNIT }), standing(2))
      .thenThrows('FORBIDDEN', 'forbidden');
  });

  it('names a bad award id of a revocation', () => {
    decision
      .given(issued([individual]))
      .when({
        type: 'RevokeAward',
        actor: organizer,
        at: AT_2024,
        data: {
          decisionId: 'qd-1234',
          awardId: 'KT 1',
          reason: 'r',
          decisionRef: '99/QĐ-BCA',
          ground: 'false-declaration',
          authority: 'bo-truong-bca',
          recovery: { insignia: true, moneyVnd: 0 },
        },
      })
      .thenThrows('INVALID_ID', 'unprocessable', 'awardId');
  });
});
