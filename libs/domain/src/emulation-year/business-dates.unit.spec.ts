import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import {
  chair,
  DIGEST,
  ey,
  MINISTRY_WINDOW_2021,
  officerOf,
  organizer,
  UNITS,
  yearStarted,
} from '../testing/fixtures.js';
import type { EmulationYearContext } from './emulation-year.commands.js';
import { emulationYearDecider } from './emulation-year.decider.js';

const cluster = { organizerUnitId: organizer.unitId!, status: 'active' as const };
const noWindow = spec(emulationYearDecider, { cluster } as EmulationYearContext);
const ministry = spec(emulationYearDecider, {
  cluster,
  window: MINISTRY_WINDOW_2021,
} as EmulationYearContext);
/** Recorded in 2026: a historical import of 2021. */
const LATER = '2026-03-02T03:00:00.000Z';
const xnc = UNITS.xnc.id;

const opened = (period: 'Q1' | 'Q2' | 'Y', on: string): EmulationYearEvent => ({
  type: 'PeriodOpened',
  data: { period, effectiveDate: on },
});
const recorded: EmulationYearEvent = {
  type: 'ScoreRecorded',
  data: {
    entryId: 'e-1',
    unitId: xnc,
    period: 'Q2',
    criterion: 'chuyen-mon',
    assessment: 'self',
    points: 40,
    schemeVersion: 1,
    effectiveDate: '2021-07-05',
  },
};
const close = (period: 'Q1' | 'Q2' | 'Y', effectiveDate: string) =>
  ey('ClosePeriod', organizer, { period, rankingDigest: DIGEST, effectiveDate }, LATER);

describe('cluster-year: business dates (the act’s own date beside the recording time)', () => {
  it('records the date given (a 2021 act loaded in 2026) and, without one, the recording date', () => {
    noWindow
      .given(yearStarted())
      .when(ey('OpenPeriod', organizer, { period: 'Q2', effectiveDate: '2021-04-01' }, LATER))
      .then([{ type: 'PeriodOpened', data: { period: 'Q2', effectiveDate: '2021-04-01' } }]);
    noWindow
      .given(yearStarted())
      .when(ey('OpenPeriod', organizer, { period: 'Q2' }, LATER))
      .then([{ type: 'PeriodOpened', data: { period: 'Q2', effectiveDate: '2026-03-02' } }]);
  });

  it('refuses a date after the recording date (the day after: refused; the same day: recorded)', () => {
    const at = '2021-07-27T02:00:00.000Z';
    noWindow
      .given(yearStarted())
      .when(ey('OpenPeriod', organizer, { period: 'Q2', effectiveDate: '2021-07-28' }, at))
      .thenThrows('EFFECTIVE_DATE_AFTER_RECORDING', 'unprocessable', 'effectiveDate');
    noWindow
      .given(yearStarted())
      .when(ey('OpenPeriod', organizer, { period: 'Q2', effectiveDate: '2021-07-27' }, at))
      .then([{ type: 'PeriodOpened', data: { period: 'Q2', effectiveDate: '2021-07-27' } }]);
    noWindow
      .given(yearStarted())
      .when(ey('OpenPeriod', organizer, { period: 'Q2', effectiveDate: '27/07/2021' }, at))
      .thenThrows('INVALID_DATE', 'unprocessable', 'effectiveDate');
  });

  it("keeps every act inside the organizer's recorded window: its first and last days in, the days around out", () => {
    const open = (effectiveDate: string) =>
      ey('OpenPeriod', organizer, { period: 'Q1', effectiveDate }, LATER);
    for (const inside of ['2020-12-01', '2021-11-30'])
      ministry
        .given(yearStarted())
        .when(open(inside))
        .then([{ type: 'PeriodOpened', data: { period: 'Q1', effectiveDate: inside } }]);
    for (const outside of ['2020-11-30', '2021-12-01'])
      ministry
        .given(yearStarted())
        .when(open(outside))
        .thenThrows('EFFECTIVE_DATE_OUTSIDE_WINDOW', 'unprocessable', 'effectiveDate');
  });

  it('closes (reviews) a period no earlier than its end: 30/6 closes Q2, 29/6 does not', () => {
    const given = [...yearStarted(), opened('Q2', '2021-04-01')];
    noWindow
      .given(given)
      .when(close('Q2', '2021-06-29'))
      .thenThrows('REVIEW_BEFORE_PERIOD_END', 'unprocessable', 'effectiveDate');
    noWindow
      .given(given)
      .when(close('Q2', '2021-06-30'))
      .then([
        {
          type: 'PeriodClosed',
          data: { period: 'Q2', rankingDigest: DIGEST, schemeVersion: 1, effectiveDate: '2021-06-30' },
        },
      ]);
  });

  it('seals no act dated after the close: a score of 5/7 forbids closing Q2 on 4/7', () => {
    const given = [...yearStarted(), opened('Q2', '2021-04-01'), recorded];
    noWindow
      .given(given)
      .when(close('Q2', '2021-07-04'))
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'effectiveDate');
    noWindow
      .given(given)
      .when(close('Q2', '2021-07-05'))
      .then([expect.objectContaining({ type: 'PeriodClosed' })]);
  });

  it("lets the window say otherwise: the Ministry's year-end review from 15/11 (19/11/2021 in seed 003)", () => {
    const given = [...yearStarted(), opened('Y', '2021-01-04')];
    ministry
      .given(given)
      .when(close('Y', '2021-11-14'))
      .thenThrows('REVIEW_BEFORE_PERIOD_END', 'unprocessable', 'effectiveDate');
    ministry
      .given(given)
      .when(close('Y', '2021-11-19'))
      .then([
        {
          type: 'PeriodClosed',
          data: { period: 'Y', rankingDigest: DIGEST, schemeVersion: 1, effectiveDate: '2021-11-19' },
        },
      ]);
    // Without the window, the calendar end holds.
    noWindow
      .given(given)
      .when(close('Y', '2021-11-19'))
      .thenThrows('REVIEW_BEFORE_PERIOD_END', 'unprocessable', 'effectiveDate');
  });

  it('keeps a sensible order: nothing before the act it follows (the same day is fine)', () => {
    const q2 = [...yearStarted(), opened('Q2', '2021-04-01')];
    const score = (effectiveDate: string) =>
      ey(
        'RecordScore',
        officerOf(xnc),
        {
          entryId: 'e-2',
          unitId: xnc,
          period: 'Q2',
          criterion: 'xd-dang',
          points: 20,
          assessment: 'self',
          effectiveDate,
        },
        LATER,
      );
    noWindow
      .given(q2)
      .when(score('2021-03-31'))
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'effectiveDate');
    noWindow
      .given(q2)
      .when(score('2021-04-01'))
      .then([expect.objectContaining({ type: 'ScoreRecorded' })]);

    const correct = (effectiveDate: string) =>
      ey(
        'CorrectScore',
        officerOf(xnc),
        { entryId: 'e-1', points: 38, reason: 'Đối chiếu', effectiveDate },
        LATER,
      );
    noWindow
      .given([...q2, recorded])
      .when(correct('2021-07-04'))
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'effectiveDate');
    noWindow
      .given([...q2, recorded])
      .when(correct('2021-07-05'))
      .then([expect.objectContaining({ type: 'ScoreCorrected' })]);

    const dispute = (effectiveDate: string) =>
      ey(
        'FileDispute',
        officerOf(xnc),
        { disputeId: 'kn-1', entryId: 'e-1', reason: 'Thiếu', effectiveDate },
        LATER,
      );
    noWindow
      .given([...q2, recorded])
      .when(dispute('2021-07-04'))
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'effectiveDate');

    const closedQ2 = [
      ...q2,
      {
        type: 'PeriodClosed',
        data: { period: 'Q2', rankingDigest: DIGEST, schemeVersion: 1, effectiveDate: '2021-07-27' },
      },
    ] as EmulationYearEvent[];
    const reopen = (effectiveDate: string) =>
      ey('ReopenPeriod', organizer, { period: 'Q2', reason: 'Soát xét lại', effectiveDate }, LATER);
    noWindow
      .given(closedQ2)
      .when(reopen('2021-07-26'))
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'effectiveDate');
    noWindow
      .given(closedQ2)
      .when(reopen('2021-07-27'))
      .then([expect.objectContaining({ type: 'PeriodReopened' })]);
  });

  it('stamps every event of a decision with the same date (a dispute upheld with its correction)', () => {
    const filed: EmulationYearEvent = {
      type: 'DisputeFiled',
      data: {
        disputeId: 'kn-1',
        entryId: 'e-1',
        unitId: xnc,
        period: 'Q2',
        criterion: 'chuyen-mon',
        reason: 'r',
        effectiveDate: '2021-07-10',
      },
    };
    const events = noWindow
      .given([...yearStarted(), opened('Q2', '2021-04-01'), recorded, filed])
      .when(
        ey(
          'ResolveDispute',
          chair,
          {
            disputeId: 'kn-1',
            outcome: 'upheld',
            reason: 'Có căn cứ',
            correctedPoints: 42,
            effectiveDate: '2021-07-20',
          },
          LATER,
        ),
      )
      .then([
        expect.objectContaining({ type: 'DisputeResolved' }),
        expect.objectContaining({ type: 'ScoreCorrected' }),
      ]);
    expect(events.map((e) => (e.data as { effectiveDate?: string }).effectiveDate)).toEqual([
      '2021-07-20',
      '2021-07-20',
    ]);
    noWindow
      .given([...yearStarted(), opened('Q2', '2021-04-01'), recorded, filed])
      .when(
        ey(
          'ResolveDispute',
          chair,
          { disputeId: 'kn-1', outcome: 'rejected', reason: 'Không có căn cứ', effectiveDate: '2021-07-09' },
          LATER,
        ),
      )
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'effectiveDate');
  });
});
