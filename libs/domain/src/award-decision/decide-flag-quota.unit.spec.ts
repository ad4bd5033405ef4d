import type { AwardDecisionEvent, AwardItem } from '../events/award-decision.events.js';
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import type { EvaluatorEvent } from '../evaluator/evaluator.types.js';
import { flagQuotaDecider, quotaOf } from '../flag-quota/flag-quota.decider.js';
import { spec } from '../testing/given-when-then.js';
import {
  admin,
  CLUSTER,
  organizer,
  ORGANIZER_UNIT,
  otherOrganizer,
  UNITS,
  yearStarted,
} from '../testing/fixtures.js';
import type {
  AwardDecisionCommand,
  AwardDecisionContext,
  ClusterStanding,
} from './award-decision.commands.js';
import { awardDecisionDecider } from './award-decision.decider.js';
import { flagBasisIssues } from './flag-basis.js';

const decisions = spec<
  AwardDecisionCommand,
  ReturnType<typeof awardDecisionDecider.evolve>,
  AwardDecisionEvent,
  AwardDecisionContext
>(awardDecisionDecider);
const [ktnv, xnc] = [UNITS.ktnv.id, UNITS.xnc.id];
const AT = '2024-01-10T02:00:00.000Z';
const AD_HOC = { reason: 'Khen thưởng theo kết quả bình xét (kiểm thử)' };
const flag = (over: Partial<AwardItem> = {}): AwardItem => ({
  awardId: 'qd-1',
  code: 'co-thi-dua-bo-cong-an',
  recipient: { kind: 'collective', unitId: ktnv },
  year: 2023,
  citation: 'Dẫn đầu Cụm',
  adHoc: AD_HOC,
  ...over,
});
const issue = (awards: AwardItem[], actor = organizer): AwardDecisionCommand => ({
  type: 'IssueAwardDecision',
  actor,
  at: AT,
  data: { decisionId: 'qd', number: '1/QĐ-BCA', date: '2023-12-20', authority: 'bo-truong-bca', awards },
});
const DIGEST = 'e'.repeat(64);
const standing = (over: Partial<ClusterStanding> = {}): ClusterStanding => ({
  unitId: ktnv,
  year: 2023,
  clusterId: CLUSTER,
  organizerUnitId: ORGANIZER_UNIT,
  rank: 1,
  final: true,
  quota: 1,
  rowsAbove: 0,
  tiedWith: [],
  conferred: [],
  rankingDigest: DIGEST,
  rankingPosition: 120,
  ...over,
});
const ctx = (
  s: Partial<ClusterStanding> = {},
  more: Partial<AwardDecisionContext> = {},
): AwardDecisionContext => ({
  heldBy: [
    { unitId: ktnv, year: 2023, organizerUnitId: ORGANIZER_UNIT },
    { unitId: xnc, year: 2023, organizerUnitId: ORGANIZER_UNIT },
  ],
  clusterStandings: [standing(s)],
  ...more,
});
const basis = {
  clusterId: CLUSTER,
  year: 2023,
  rank: 1,
  rankingDigest: DIGEST,
  rankingPosition: 120,
  quota: 1,
  conferredBefore: 0,
};

describe('cluster flags: the recorded quota, flags already conferred, ties, disputes, and the stored basis', () => {
  it('records the quota policy per organizer and year (per cluster, or a share of the members); replacing it needs a reason', () => {
    const quotas = spec(flagQuotaDecider);
    const set = (over: Record<string, unknown> = {}, actor = organizer) => ({
      type: 'SetFlagQuota' as const,
      actor,
      at: AT,
      data: {
        organizerUnitId: ORGANIZER_UNIT,
        year: 2023,
        code: 'co-thi-dua-bo-cong-an',
        rule: { kind: 'per-cluster' as const, count: 2 },
        effectiveDate: '2023-11-01',
        ...over,
      },
    });
    const [first] = quotas.given().when(set()).then(expect.any(Array));
    expect(first).toMatchObject({ type: 'FlagQuotaSet', data: { rule: { kind: 'per-cluster', count: 2 } } });
    quotas
      .given([first!])
      .when(set({ rule: { kind: 'share', percent: 20 } }))
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
    quotas
      .given([first!])
      .when(set({ rule: { kind: 'share', percent: 20 }, reason: 'Bộ điều chỉnh' }))
      .then(expect.any(Array));
    quotas
      .given()
      .when(set({ code: 'bang-khen-bo-truong-bca' }))
      .thenThrows('NOT_A_CLUSTER_FLAG', 'unprocessable', 'code');
    quotas
      .given()
      .when(set({ rule: { kind: 'share', percent: 101 } }))
      .thenThrows('INVALID_QUOTA', 'unprocessable', 'rule.percent');
    quotas
      .given()
      .when(set({ rule: { kind: 'x' } }))
      .thenThrows('INVALID_QUOTA', 'unprocessable', 'rule.kind');
    quotas.given().when(set({}, otherOrganizer)).thenThrows('FORBIDDEN', 'forbidden');
    quotas.given().when(set({}, admin)).then(expect.any(Array));
    expect([
      quotaOf(undefined, 5),
      quotaOf({ kind: 'share', percent: 20 }, 5),
      quotaOf({ kind: 'share', percent: 20 }, 4),
    ]).toEqual([1, 1, 0]);
  });

  it('confers within the quota and stores the basis: cluster, year, rank, digest, position, quota', () => {
    const [issued] = decisions
      .given()
      .when(issue([flag()]), ctx())
      .then(expect.any(Array));
    expect(issued).toMatchObject({ data: { awards: [{ flagBasis: basis }] } });
    // rank 2 within a quota of 2
    const [second] = decisions
      .given()
      .when(issue([flag()]), ctx({ rank: 2, rowsAbove: 1, quota: 2 }))
      .then(expect.any(Array));
    expect(second).toMatchObject({ data: { awards: [{ flagBasis: { rank: 2, quota: 2 } }] } });
    decisions
      .given()
      .when(issue([flag()]), ctx({ rank: 2, rowsAbove: 1 }))
      .thenThrows('FLAG_QUOTA_EXCEEDED', 'unprocessable', 'awards[0].recipient');
  });

  it('counts the flags already conferred against the quota', () => {
    const conferred = [{ unitId: xnc, code: 'co-thi-dua-bo-cong-an' }];
    decisions
      .given()
      .when(issue([flag()]), ctx({ conferred }))
      .thenThrows('FLAG_QUOTA_EXHAUSTED', 'unprocessable', 'awards[0].recipient');
    // another code's flags do not count
    decisions
      .given()
      .when(issue([flag()]), ctx({ conferred: [{ unitId: xnc, code: 'co-thi-dua-chinh-phu' }] }))
      .then(expect.any(Array));
    decisions
      .given()
      .when(issue([flag()]), ctx({ conferred, quota: 2 }))
      .then(expect.any(Array));
  });

  it('refuses a tie at the quota boundary unless a vote chose the unit or the organizer overrides with a reason', () => {
    const tie = { tiedWith: [xnc] };
    decisions
      .given()
      .when(issue([flag()]), ctx(tie))
      .thenThrows('FLAG_QUOTA_TIE', 'unprocessable', 'awards[0].recipient');
    // both fit in a quota of 2: no tie at the boundary
    decisions
      .given()
      .when(issue([flag()]), ctx({ ...tie, quota: 2 }))
      .then(expect.any(Array));
    const [voted] = decisions
      .given()
      .when(issue([flag()]), ctx({ ...tie, chosenByVote: [{ unitId: ktnv, code: 'co-thi-dua-bo-cong-an' }] }))
      .then(expect.any(Array));
    expect(voted).toMatchObject({ data: { awards: [{ flagBasis: { decidedBy: 'vote' } }] } });
    const [overridden] = decisions
      .given()
      .when(issue([flag({ override: { reason: 'Hội đồng xét chọn đơn vị có nhiều chuyên án' } })]), ctx(tie))
      .then(expect.any(Array));
    expect(overridden).toMatchObject({
      data: { awards: [{ override: { reason: expect.any(String) }, flagBasis: { decidedBy: 'override' } }] },
    });
    decisions
      .given()
      .when(issue([flag({ override: { reason: ' ' } })]), ctx(tie))
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'awards[0].override.reason');
  });

  it('refuses a flag on a disputed ranking unless a vote or a reasoned override decides', () => {
    decisions
      .given()
      .when(issue([flag()]), ctx({ disputed: true }))
      .thenThrows('CLUSTER_RANKING_DISPUTED', 'unprocessable', 'awards[0].recipient');
    decisions
      .given()
      .when(
        issue([flag({ override: { reason: 'Đặc cách theo kết luận của Hội đồng' } })]),
        ctx({ disputed: true }),
      )
      .then(expect.any(Array));
    decisions
      .given()
      .when(
        issue([flag()]),
        ctx({ disputed: true, chosenByVote: [{ unitId: ktnv, code: 'co-thi-dua-bo-cong-an' }] }),
      )
      .then(expect.any(Array));
  });

  it('gives Cờ thi đua của Chính phủ only to a unit holding Cờ thi đua của Bộ Công an of the year', () => {
    const gov = flag({ code: 'co-thi-dua-chinh-phu' });
    const pm = (awards: AwardItem[]): AwardDecisionCommand => {
      const c = issue(awards, admin);
      return { ...c, data: { ...c.data, authority: 'thu-tuong' } } as AwardDecisionCommand;
    };
    decisions
      .given()
      .when(pm([gov]), ctx())
      .thenThrows('MINISTRY_FLAG_STANDARD_NOT_MET', 'unprocessable', 'awards[0].recipient');
    decisions
      .given()
      .when(pm([gov]), ctx({}, { ministryFlagHolders: [{ unitId: ktnv, year: 2022 }] }))
      .thenThrows('MINISTRY_FLAG_STANDARD_NOT_MET', 'unprocessable', 'awards[0].recipient');
    decisions
      .given()
      .when(pm([gov]), ctx({}, { ministryFlagHolders: [{ unitId: ktnv, year: 2023 }] }))
      .then(expect.any(Array));
    // It names the Ministry's flag it rests on (its award, when known) as a title names its prerequisite.
    const holder = { unitId: ktnv, year: 2023, awardId: 'qd-bca-1' };
    const [issued] = decisions
      .given()
      .when(pm([gov]), ctx({}, { ministryFlagHolders: [holder] }))
      .then([expect.objectContaining({ type: 'AwardDecisionIssued' })]);
    expect((issued as { data: { awards: AwardItem[] } }).data.awards[0]!.basis).toEqual([
      { code: 'co-thi-dua-bo-cong-an', year: 2023, awardId: 'qd-bca-1' },
    ]);
    // The Ministry's flag itself rests on no other award.
    const [ministry] = decisions
      .given()
      .when(issue([flag()]), ctx({}, { ministryFlagHolders: [holder] }))
      .then([expect.objectContaining({ type: 'AwardDecisionIssued' })]);
    expect((ministry as { data: { awards: AwardItem[] } }).data.awards[0]!.basis).toBeUndefined();
  });
});

describe('"basis no longer holds" after a later upheld dispute, until the organizer confirms it', () => {
  const ev = (position: number, e: EmulationYearEvent): EvaluatorEvent => ({
    eventId: `e-${position}`,
    type: e.type,
    streamId: `emulation-${CLUSTER}-2021`,
    data: e.data,
    position,
    revision: position - 1,
    metadata: { actor: organizer, occurredAt: '2021-11-19T09:00:00.000Z', schemaVersion: 2 },
  });
  // Cụm 2/2021 of the fixtures: Y open, ktnv ahead of xnc, closed; then xnc's score corrected upward.
  const score = (n: number, unitId: string, points: number, entryId: string): EvaluatorEvent =>
    ev(n, {
      type: 'ScoreRecorded',
      data: { entryId, unitId, period: 'Y', criterion: 'chuyen-mon', points, assessment: 'self' },
    } as EmulationYearEvent);
  const base = [
    ...yearStarted().map((e, i) => ev(i + 1, e)),
    ev(10, { type: 'PeriodOpened', data: { period: 'Y' } }),
    score(11, ktnv, 45, 's-ktnv'),
    score(12, xnc, 40, 's-xnc'),
    ev(13, { type: 'PeriodClosed', data: { period: 'Y', rankingDigest: DIGEST } } as EmulationYearEvent),
  ];
  const b = { ...basis, year: 2021, rankingPosition: 13 };
  const moved = [
    ...base,
    ev(14, {
      type: 'PeriodReopened',
      data: { period: 'Y', reason: 'Khiếu nại được chấp nhận' },
    } as EmulationYearEvent),
    ev(15, {
      type: 'ScoreCorrected',
      data: {
        entryId: 's-xnc',
        unitId: xnc,
        period: 'Y',
        criterion: 'chuyen-mon',
        assessment: 'self',
        previousPoints: 40,
        points: 48,
        reason: 'Chấp nhận khiếu nại',
      },
    } as EmulationYearEvent),
  ];

  it('holds while the unit stays within the quota; shows since the moving event once it is outside', () => {
    expect(flagBasisIssues(b, ktnv, base, [])).toEqual([]);
    expect(flagBasisIssues(b, ktnv, moved, [])).toEqual([
      { code: 'FLAG_OUTSIDE_QUOTA', since: 15, detail: expect.stringContaining('now ranks 2') },
    ]);
    // confirmed after it moved: no longer shown; a confirmation before does not count
    expect(flagBasisIssues(b, ktnv, moved, [16])).toEqual([]);
    expect(flagBasisIssues(b, ktnv, moved, [14])).toHaveLength(1);
    // an override never rested on the ranking
    expect(flagBasisIssues({ ...b, decidedBy: 'override' }, ktnv, moved, [])).toEqual([]);
  });

  it('the organizer of the cluster confirms it with a reason; not while it holds; nobody else', () => {
    const issued: AwardDecisionEvent = {
      type: 'AwardDecisionIssued',
      data: {
        decisionId: 'qd',
        number: '1/QĐ-BCA',
        date: '2023-12-20',
        authority: 'bo-truong-bca',
        awards: [flag({ flagBasis: basis })],
      },
    };
    const confirm = (actor = organizer, reason = 'Giữ nguyên: kết quả bình xét của Hội nghị') =>
      ({
        type: 'ConfirmFlagBasis',
        actor,
        at: AT,
        data: { decisionId: 'qd', awardId: 'qd-1', reason },
      }) as AwardDecisionCommand;
    const flagCluster = { organizerUnitId: ORGANIZER_UNIT, basisHolds: false };
    decisions
      .given([issued])
      .when(confirm(), { flagCluster })
      .then([
        {
          type: 'FlagBasisConfirmed',
          data: {
            awardId: 'qd-1',
            reason: 'Giữ nguyên: kết quả bình xét của Hội nghị',
            effectiveDate: '2024-01-10',
          },
        },
      ]);
    decisions
      .given([issued])
      .when(confirm(), { flagCluster: { ...flagCluster, basisHolds: true } })
      .thenThrows('BASIS_HOLDS', 'unprocessable', 'awardId');
    decisions
      .given([issued])
      .when(confirm(otherOrganizer), { flagCluster })
      .thenThrows('FORBIDDEN', 'forbidden');
    decisions
      .given([issued])
      .when(confirm(organizer, ' '), { flagCluster })
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
  });
});
