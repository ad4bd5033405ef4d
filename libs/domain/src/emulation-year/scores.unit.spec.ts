import type { EmulationYearEvent, ScoreRecordedData } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import {
  admin,
  chair,
  context,
  DIGEST,
  ey,
  inspector,
  officerOf,
  organizer,
  q1Open,
  UNITS,
  yearStarted,
  dated,
  scheme,
} from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';

const year = spec(emulationYearDecider, context);
const xnc = UNITS.xnc.id;
const self = (over: Partial<ScoreRecordedData> = {}) => ({
  entryId: 'e-1',
  unitId: xnc,
  period: 'Q1' as const,
  criterion: 'chuyen-mon',
  points: 42.5,
  assessment: 'self' as const,
  ...over,
});
const recordedSelf: EmulationYearEvent = {
  type: 'ScoreRecorded',
  data: { ...self(), schemeVersion: 1 },
};
const recordedCluster: EmulationYearEvent = {
  type: 'ScoreRecorded',
  data: { ...self({ entryId: 'e-2', assessment: 'cluster', points: 40 }), schemeVersion: 1 },
};
const withSelf = [...q1Open(), recordedSelf];

describe('cluster-year: recording scores (chấm điểm)', () => {
  it("a unit's officer records its self score; the chair unit records the cluster score", () => {
    year
      .given(q1Open())
      .when(ey('RecordScore', officerOf(xnc), self()))
      .then(dated([recordedSelf]));
    year
      .given(withSelf)
      .when(ey('RecordScore', chair, self({ entryId: 'e-2', assessment: 'cluster', points: 40 })))
      .then(dated([recordedCluster]));
    year
      .given(q1Open())
      .when(
        ey('RecordScore', officerOf(xnc), {
          ...self({ criterion: 'diem-tru', points: 2 }),
          evidence: 'Biên bản số 12',
        }),
      )
      .then(
        dated([
          {
            type: 'ScoreRecorded',
            data: {
              ...self({ criterion: 'diem-tru', points: 2 }),
              schemeVersion: 1,
              evidence: 'Biên bản số 12',
            },
          },
        ]),
      );
  });

  it('a unit officer scoring another unit is forbidden; so are the organizer, admin, inspector for self scores', () => {
    for (const actor of [officerOf(UNITS.ktnv.id), chair, organizer, admin, inspector])
      year
        .given(q1Open())
        .when(ey('RecordScore', actor, self()))
        .thenThrows('FORBIDDEN', 'forbidden');
  });

  it('the chair unit or the organizer records cluster scores: not the unit itself, not an admin, not a withdrawn chair', () => {
    year
      .given(q1Open())
      .when(ey('RecordScore', officerOf(xnc), self({ assessment: 'cluster' })))
      .thenThrows('OWN_UNIT_ASSESSMENT', 'forbidden');
    for (const actor of [officerOf(UNITS.ktnv.id), admin])
      year
        .given(q1Open())
        .when(ey('RecordScore', actor, self({ assessment: 'cluster' })))
        .thenThrows('FORBIDDEN', 'forbidden');
    year
      .given(q1Open())
      .when(ey('RecordScore', organizer, self({ assessment: 'cluster' })))
      .then([expect.objectContaining({ type: 'ScoreRecorded' })]);
    const chairWithdrawn: EmulationYearEvent[] = [
      ...q1Open(),
      { type: 'UnitWithdrawn', data: { unitId: UNITS.anm.id, reason: 'r' } },
    ];
    year
      .given(chairWithdrawn)
      .when(ey('RecordScore', chair, self({ assessment: 'cluster' })))
      .thenThrows('FORBIDDEN', 'forbidden');
    year
      .given(q1Open())
      .when(ey('RecordScore', chair, self({ assessment: 'peer' as 'self' })))
      .thenThrows('INVALID_ASSESSMENT', 'unprocessable', 'assessment');
  });

  it('needs an open period', () => {
    year
      .given(yearStarted())
      .when(ey('RecordScore', officerOf(xnc), self()))
      .thenThrows('PERIOD_NOT_OPEN', 'unprocessable', 'period');
    const closed: EmulationYearEvent[] = [
      ...q1Open(),
      { type: 'PeriodClosed', data: { period: 'Q1', rankingDigest: DIGEST, schemeVersion: 1 } },
    ];
    year
      .given(closed)
      .when(ey('RecordScore', officerOf(xnc), self()))
      .thenThrows('PERIOD_NOT_OPEN', 'unprocessable', 'period');
    year
      .given(q1Open())
      .when(ey('RecordScore', officerOf(xnc), self({ period: 'Q2' })))
      .thenThrows('PERIOD_NOT_OPEN', 'unprocessable', 'period');
  });

  it('needs a member unit', () => {
    const withdrawn: EmulationYearEvent[] = [
      ...q1Open(),
      { type: 'UnitWithdrawn', data: { unitId: xnc, reason: 'r' } },
    ];
    year
      .given(withdrawn)
      .when(ey('RecordScore', officerOf(xnc), self()))
      .thenThrows('NOT_A_MEMBER', 'unprocessable', 'unitId');
  });

  it('needs a criterion of the scheme in force (the latest version)', () => {
    year
      .given(q1Open())
      .when(ey('RecordScore', officerOf(xnc), self({ criterion: 'khong-co' })))
      .thenThrows('UNKNOWN_CRITERION', 'unprocessable', 'criterion');
    const amended: EmulationYearEvent[] = [
      ...q1Open(),
      {
        type: 'ScoringSchemeAmended',
        data: {
          version: 2,
          criteria: [{ code: 'tong-hop', title: 'Tổng hợp', group: 'Chung', maxPoints: 100, kind: 'score' }],
          thresholds: [{ code: 'dat', label: 'Đạt', minTotal: 0 }],
          tieBreaks: [],
          reason: 'Gộp tiêu chí',
        },
      },
    ];
    year
      .given(amended)
      .when(ey('RecordScore', officerOf(xnc), self()))
      .thenThrows('UNKNOWN_CRITERION', 'unprocessable', 'criterion');
    year
      .given(amended)
      .when(ey('RecordScore', officerOf(xnc), self({ criterion: 'tong-hop', points: 95 })))
      .then(
        dated([
          {
            type: 'ScoreRecorded',
            data: { ...self({ criterion: 'tong-hop', points: 95 }), schemeVersion: 2 },
          },
        ]),
      );
  });

  it('needs 0 ≤ points ≤ max, finite, with at most two decimals (penalties entered positive)', () => {
    const rec = (points: number, criterion = 'chuyen-mon') =>
      year.given(q1Open()).when(ey('RecordScore', officerOf(xnc), self({ points, criterion })));
    rec(50.01).thenThrows('POINTS_OUT_OF_RANGE', 'unprocessable', 'points');
    rec(-1).thenThrows('POINTS_OUT_OF_RANGE', 'unprocessable', 'points');
    rec(-2, 'diem-tru').thenThrows('POINTS_OUT_OF_RANGE', 'unprocessable', 'points');
    rec(10.5, 'diem-tru').thenThrows('POINTS_OUT_OF_RANGE', 'unprocessable', 'points');
    rec(Number.NaN).thenThrows('POINTS_INVALID', 'unprocessable', 'points');
    rec(Number.POSITIVE_INFINITY).thenThrows('POINTS_INVALID', 'unprocessable', 'points');
    rec(1.005).thenThrows('POINTS_PRECISION', 'unprocessable', 'points');
    rec(0).then(dated([{ type: 'ScoreRecorded', data: { ...self({ points: 0 }), schemeVersion: 1 } }]));
    rec(50).then(dated([{ type: 'ScoreRecorded', data: { ...self({ points: 50 }), schemeVersion: 1 } }]));
    rec(0.29).then(dated([{ type: 'ScoreRecorded', data: { ...self({ points: 0.29 }), schemeVersion: 1 } }]));
  });

  it('allows one entry per (unit, period, criterion, assessment): a second is refused as DUPLICATE_ENTRY', () => {
    year
      .given(withSelf)
      .when(ey('RecordScore', officerOf(xnc), self({ entryId: 'e-9' })))
      .thenThrows('DUPLICATE_ENTRY', 'unprocessable', 'criterion');
    year
      .given(withSelf)
      .when(ey('RecordScore', officerOf(xnc), self()))
      .thenThrows('ENTRY_ID_TAKEN', 'conflict', 'entryId');
    // a withdrawn entry frees its slot
    const withdrawn: EmulationYearEvent[] = [
      ...withSelf,
      {
        type: 'ScoreWithdrawn',
        data: {
          entryId: 'e-1',
          unitId: xnc,
          period: 'Q1',
          criterion: 'chuyen-mon',
          assessment: 'self',
          reason: 'nhầm',
        },
      },
    ];
    year
      .given(withdrawn)
      .when(ey('RecordScore', officerOf(xnc), self({ entryId: 'e-9' })))
      .then(dated([{ type: 'ScoreRecorded', data: { ...self({ entryId: 'e-9' }), schemeVersion: 1 } }]));
  });
});

describe('cluster-year: corrections and withdrawals of an entry', () => {
  const corrected: EmulationYearEvent = {
    type: 'ScoreCorrected',
    data: {
      entryId: 'e-1',
      unitId: xnc,
      period: 'Q1',
      criterion: 'chuyen-mon',
      assessment: 'self',
      previousPoints: 42.5,
      points: 45,
      reason: 'Bổ sung hồ sơ',
    },
  };

  it('the same assessment authority corrects with new points and a reason', () => {
    year
      .given(withSelf)
      .when(ey('CorrectScore', officerOf(xnc), { entryId: 'e-1', points: 45, reason: 'Bổ sung hồ sơ' }))
      .then(dated([corrected]));
    year
      .given([...withSelf, recordedCluster])
      .when(ey('CorrectScore', chair, { entryId: 'e-2', points: 38, reason: 'Thẩm định lại' }))
      .then(
        dated([
          {
            type: 'ScoreCorrected',
            data: {
              entryId: 'e-2',
              unitId: xnc,
              period: 'Q1',
              criterion: 'chuyen-mon',
              assessment: 'cluster',
              previousPoints: 40,
              points: 38,
              reason: 'Thẩm định lại',
            },
          },
        ]),
      );
  });

  it('refuses another authority, a missing reason, bad points, no change, unknown or withdrawn entries, closed periods', () => {
    const correct = (actor = officerOf(xnc), over = {}) =>
      ey('CorrectScore', actor, { entryId: 'e-1', points: 45, reason: 'r', ...over });
    year.given(withSelf).when(correct(chair)).thenThrows('FORBIDDEN', 'forbidden');
    year.given(withSelf).when(correct(organizer)).thenThrows('FORBIDDEN', 'forbidden');
    year
      .given([...withSelf, recordedCluster])
      .when(correct(officerOf(xnc), { entryId: 'e-2' }))
      .thenThrows('OWN_UNIT_ASSESSMENT', 'forbidden');
    year
      .given(withSelf)
      .when(correct(undefined, { reason: '' }))
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
    year
      .given(withSelf)
      .when(correct(undefined, { points: 51 }))
      .thenThrows('POINTS_OUT_OF_RANGE', 'unprocessable', 'points');
    year
      .given(withSelf)
      .when(correct(undefined, { points: 42.5 }))
      .thenThrows('NO_CHANGE', 'unprocessable', 'points');
    year
      .given(withSelf)
      .when(correct(undefined, { entryId: 'e-404' }))
      .thenThrows('ENTRY_NOT_FOUND', 'not-found', 'entryId');
    const withdrawn: EmulationYearEvent[] = [
      ...withSelf,
      {
        type: 'ScoreWithdrawn',
        data: {
          entryId: 'e-1',
          unitId: xnc,
          period: 'Q1',
          criterion: 'chuyen-mon',
          assessment: 'self',
          reason: 'r',
        },
      },
    ];
    year.given(withdrawn).when(correct()).thenThrows('ENTRY_WITHDRAWN', 'unprocessable', 'entryId');
    const closed: EmulationYearEvent[] = [
      ...withSelf,
      { type: 'PeriodClosed', data: { period: 'Q1', rankingDigest: DIGEST, schemeVersion: 1 } },
    ];
    year.given(closed).when(correct()).thenThrows('PERIOD_NOT_OPEN', 'unprocessable', 'entryId');
  });

  it('withdraws an entry with a reason, by the same authority, while the period is open', () => {
    year
      .given(withSelf)
      .when(ey('WithdrawScore', officerOf(xnc), { entryId: 'e-1', reason: 'Nhập nhầm' }))
      .then(
        dated([
          {
            type: 'ScoreWithdrawn',
            data: {
              entryId: 'e-1',
              unitId: xnc,
              period: 'Q1',
              criterion: 'chuyen-mon',
              assessment: 'self',
              reason: 'Nhập nhầm',
            },
          },
        ]),
      );
    year
      .given(withSelf)
      .when(ey('WithdrawScore', officerOf(UNITS.ktnv.id), { entryId: 'e-1', reason: 'r' }))
      .thenThrows('FORBIDDEN', 'forbidden');
    year
      .given(withSelf)
      .when(ey('WithdrawScore', officerOf(xnc), { entryId: 'e-1', reason: '' }))
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
    const closed: EmulationYearEvent[] = [
      ...withSelf,
      { type: 'PeriodClosed', data: { period: 'Q1', rankingDigest: DIGEST, schemeVersion: 1 } },
    ];
    year
      .given(closed)
      .when(ey('WithdrawScore', officerOf(xnc), { entryId: 'e-1', reason: 'r' }))
      .thenThrows('PERIOD_NOT_OPEN', 'unprocessable', 'entryId');
    const withdrawn = [
      ...withSelf,
      {
        type: 'ScoreWithdrawn',
        data: {
          entryId: 'e-1',
          unitId: xnc,
          period: 'Q1',
          criterion: 'chuyen-mon',
          assessment: 'self',
          reason: 'r',
        },
      } as EmulationYearEvent,
    ];
    year
      .given(withdrawn)
      .when(ey('WithdrawScore', officerOf(xnc), { entryId: 'e-1', reason: 'r' }))
      .thenThrows('ENTRY_WITHDRAWN', 'unprocessable', 'entryId');
  });
});

describe('cluster-year scores: each malformed input is named', () => {
  it('refuses bad ids and bad evidence of a score, naming the field', () => {
    const rec = (over: Record<string, unknown>) =>
      year.given(q1Open()).when(ey('RecordScore', officerOf(xnc), { ...self(), ...over }));
    rec({ unitId: 'Đơn vị' }).thenThrows('INVALID_ID', 'unprocessable', 'unitId');
    rec({ criterion: 'Chuyên môn' }).thenThrows('INVALID_ID', 'unprocessable', 'criterion');
    rec({ entryId: 'e 1' }).thenThrows('INVALID_ID', 'unprocessable', 'entryId');
    rec({ evidence: ' ' }).thenThrows('TEXT_REQUIRED', 'unprocessable', 'evidence');
    rec({ evidence: 'x'.repeat(2001) }).thenThrows('TEXT_TOO_LONG', 'unprocessable', 'evidence');
    rec({ evidence: 'x'.repeat(2000) }).then(
      dated([{ type: 'ScoreRecorded', data: { ...self(), schemeVersion: 1, evidence: 'x'.repeat(2000) } }]),
    );
    year
      .given(withSelf)
      .when(ey('CorrectScore', officerOf(xnc), { entryId: 'E-1', points: 45, reason: 'r' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'entryId');
    year
      .given(withSelf)
      .when(ey('WithdrawScore', officerOf(xnc), { entryId: '', reason: 'r' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'entryId');
  });

  it('refuses to correct an entry whose criterion the amended scheme dropped', () => {
    const amended: EmulationYearEvent = {
      type: 'ScoringSchemeAmended',
      data: {
        version: 2,
        ...scheme,
        criteria: scheme.criteria.filter((c) => c.code !== 'chuyen-mon'),
        reason: 'Bỏ tiêu chí',
      },
    };
    year
      .given([...withSelf, amended])
      .when(ey('CorrectScore', officerOf(xnc), { entryId: 'e-1', points: 45, reason: 'r' }))
      .thenThrows('UNKNOWN_CRITERION', 'unprocessable', 'criterion');
  });
});
