// When a cluster flag's basis stopped holding: the first event after the basis that may move a ranking and
// leaves the unit outside the quota; a unit with no row at all; a confirmation at that very position; the
// shape of a revoked prerequisite (issue 17: found by mutation testing).
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import type { FlagBasis } from '../events/award-decision.events.js';
import type { EvaluatorEvent } from '../evaluator/evaluator.types.js';
import { CLUSTER, organizer, UNITS, yearStarted } from '../testing/fixtures.js';
import { prerequisiteRevoked } from './basis-issues.js';
import { flagBasisIssues } from './flag-basis.js';

describe('flag basis: since when it no longer holds', () => {
  let base: EvaluatorEvent[];
  let moved: EvaluatorEvent[];
  let basis: FlagBasis;
  const ktnv = UNITS.ktnv.id;
  const gone = 'cuc-khong-co';

  beforeEach(() => {
    const ev = (position: number, e: EmulationYearEvent): EvaluatorEvent => ({
      eventId: `e-${position}`,
      type: e.type,
      streamId: `emulation-${CLUSTER}-2021`,
      data: e.data,
      position,
      revision: position - 1,
      metadata: { actor: organizer, occurredAt: '2021-11-19T09:00:00.000Z', schemaVersion: 2 },
    });
    const score = (n: number, unitId: string, points: number, entryId: string): EvaluatorEvent =>
      ev(n, {
        type: 'ScoreRecorded',
        data: { entryId, unitId, period: 'Y', criterion: 'chuyen-mon', points, assessment: 'self' },
      } as EmulationYearEvent);
    // Cụm 2/2021: Y open, ktnv ahead of xnc, closed at 13; reopened at 14, xnc's score corrected upward at 15.
    base = [
      ...yearStarted().map((e, i) => ev(i + 1, e)),
      ev(10, { type: 'PeriodOpened', data: { period: 'Y' } }),
      score(11, ktnv, 45, 's-ktnv'),
      score(12, UNITS.xnc.id, 40, 's-xnc'),
      ev(13, {
        type: 'PeriodClosed',
        data: { period: 'Y', rankingDigest: 'e'.repeat(64) },
      } as EmulationYearEvent),
    ];
    moved = [
      ...base,
      ev(14, {
        type: 'PeriodReopened',
        data: { period: 'Y', reason: 'Khiếu nại được chấp nhận' },
      } as EmulationYearEvent),
      ev(15, {
        type: 'ScoreCorrected',
        data: {
          entryId: 's-xnc',
          unitId: UNITS.xnc.id,
          period: 'Y',
          criterion: 'chuyen-mon',
          assessment: 'self',
          previousPoints: 40,
          points: 48,
          reason: 'Chấp nhận khiếu nại',
        },
      } as EmulationYearEvent),
    ];
    basis = {
      clusterId: CLUSTER,
      year: 2021,
      rank: 1,
      rankingDigest: 'e'.repeat(64),
      rankingPosition: 13,
      quota: 1,
      conferredBefore: 0,
    };
  });

  it('a unit with no row in the ranking is outside, unranked, since the basis when nothing moved after it', () => {
    expect(flagBasisIssues(basis, gone, base, [])).toEqual([
      { code: 'FLAG_OUTSIDE_QUOTA', since: 13, detail: expect.stringContaining('now ranks unranked') },
    ]);
  });

  it.each<[string, number, number]>([
    ['a score recorded', 10, 11],
    ['the period closed', 12, 13],
    ['the period reopened', 13, 14],
    ['a score corrected', 14, 15],
  ])('%s after the basis is the first event that may move it', (_, rankingPosition, since) => {
    expect(flagBasisIssues({ ...basis, rankingPosition }, gone, moved, [])).toEqual([
      expect.objectContaining({ since }),
    ]);
  });

  it.each<[string, () => Record<string, unknown>]>([
    [
      'ScoreWithdrawn',
      () => ({
        entryId: 's-xnc',
        unitId: UNITS.xnc.id,
        period: 'Y',
        criterion: 'chuyen-mon',
        assessment: 'self',
        reason: 'Rút điểm',
      }),
    ],
    ['UnitWithdrawn', () => ({ unitId: UNITS.canhVe.id, reason: 'Giải thể' })],
    [
      'DisputeResolved',
      () => ({
        disputeId: 'kn-1',
        entryId: 's-xnc',
        unitId: UNITS.xnc.id,
        period: 'Y',
        outcome: 'rejected',
        reason: 'Không có căn cứ',
        resolvedAs: 'organizer',
      }),
    ],
    [
      'ComplaintResolved',
      () => ({
        complaintId: 'kn-2',
        level: 1,
        outcome: 'rejected',
        reason: 'Không có căn cứ',
        decisionRef: '1/QĐ-GQKN',
        period: 'Y',
      }),
    ],
  ])('%s after the basis may move it', (type, data) => {
    const after = [
      ...moved,
      { ...moved[moved.length - 1]!, eventId: 'e-16', type, data: data(), position: 16, revision: 15 },
    ];
    expect(flagBasisIssues({ ...basis, rankingPosition: 15 }, gone, after, [])).toEqual([
      expect.objectContaining({ since: 16 }),
    ]);
  });

  it('a confirmation at the moving event itself does not count; one after it does', () => {
    expect(flagBasisIssues(basis, ktnv, moved, [15])).toEqual([expect.objectContaining({ since: 15 })]);
    expect(flagBasisIssues(basis, ktnv, moved, [15, 16])).toEqual([]);
  });
});

describe('a revoked prerequisite', () => {
  it('names the title, its year and award, the revoking decision and its date, since the position given', () => {
    expect(
      prerequisiteRevoked(
        { awardId: 'qd-1-1', name: 'Chiến sĩ thi đua cơ sở', year: 2022 },
        { decisionRef: '12/QĐ-BCA', on: '2024-02-01' },
        77,
      ),
    ).toEqual({
      code: 'PREREQUISITE_REVOKED',
      since: 77,
      detail:
        'Chiến sĩ thi đua cơ sở 2022 (qd-1-1), a prerequisite of this title, was revoked by 12/QĐ-BCA on 2024-02-01',
    });
  });
});
