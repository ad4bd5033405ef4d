import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import {
  chair,
  context,
  DIGEST,
  ey,
  officerOf,
  organizer,
  otherOrganizer,
  UNITS,
  yearStarted,
  q1Open,
  dated,
} from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';

const year = spec(emulationYearDecider, context);
const closed: EmulationYearEvent[] = [
  ...q1Open(),
  { type: 'PeriodClosed', data: { period: 'Q1', rankingDigest: DIGEST, schemeVersion: 1 } },
];

describe('cluster-year: periods Q1 Q2 Q3 Q4 H1 M9 Y', () => {
  it('the organizer opens any period once a scheme is published', () => {
    for (const period of ['Q1', 'Q2', 'Q3', 'Q4', 'H1', 'M9', 'Y'] as const)
      year
        .given(yearStarted())
        .when(ey('OpenPeriod', organizer, { period }))
        .then(dated([{ type: 'PeriodOpened', data: { period } }]));
  });

  it('refuses an unknown period, no scheme, an open or closed period, and non-organizers', () => {
    year
      .given(yearStarted())
      .when(ey('OpenPeriod', organizer, { period: 'Q5' as 'Q1' }))
      .thenThrows('INVALID_PERIOD', 'unprocessable', 'period');
    year
      .given([])
      .when(ey('OpenPeriod', organizer, { period: 'Q1' }))
      .thenThrows('SCHEME_NOT_PUBLISHED');
    year
      .given(q1Open())
      .when(ey('OpenPeriod', organizer, { period: 'Q1' }))
      .thenThrows('PERIOD_ALREADY_OPEN', 'conflict', 'period');
    year
      .given(closed)
      .when(ey('OpenPeriod', organizer, { period: 'Q1' }))
      .thenThrows('PERIOD_CLOSED', 'unprocessable', 'period');
    for (const actor of [chair, otherOrganizer, officerOf(UNITS.xnc.id)])
      year
        .given(yearStarted())
        .when(ey('OpenPeriod', actor, { period: 'Q1' }))
        .thenThrows('FORBIDDEN', 'forbidden');
  });

  it('closes with the ranking digest supplied by the handler, sealing the scheme version', () => {
    year
      .given(q1Open())
      .when(ey('ClosePeriod', organizer, { period: 'Q1', rankingDigest: DIGEST }))
      .then(dated([closed.at(-1)!]));
    year
      .given(yearStarted())
      .when(ey('ClosePeriod', organizer, { period: 'Q1', rankingDigest: DIGEST }))
      .thenThrows('PERIOD_NOT_OPEN', 'unprocessable', 'period');
    year
      .given(q1Open())
      .when(ey('ClosePeriod', organizer, { period: 'Q1', rankingDigest: 'abc' }))
      .thenThrows('INVALID_DIGEST', 'unprocessable', 'rankingDigest');
    year
      .given(q1Open())
      .when(ey('ClosePeriod', chair, { period: 'Q1', rankingDigest: DIGEST }))
      .thenThrows('FORBIDDEN', 'forbidden');
    const s = year.given(closed).state;
    expect(s.periods.Q1).toEqual({ status: 'closed', schemeVersion: 1, digest: DIGEST });
  });

  it('reopens a closed period with a reason, organizer only', () => {
    year
      .given(closed)
      .when(ey('ReopenPeriod', organizer, { period: 'Q1', reason: 'Rà soát lại kết quả' }))
      .then(
        dated([
          {
            type: 'PeriodReopened',
            data: { period: 'Q1', reason: 'Rà soát lại kết quả', previousDigest: DIGEST },
          },
        ]),
      );
    year
      .given(closed)
      .when(ey('ReopenPeriod', organizer, { period: 'Q1', reason: '' }))
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
    year
      .given(q1Open())
      .when(ey('ReopenPeriod', organizer, { period: 'Q1', reason: 'r' }))
      .thenThrows('PERIOD_NOT_CLOSED', 'unprocessable', 'period');
    year
      .given(closed)
      .when(ey('ReopenPeriod', chair, { period: 'Q1', reason: 'r' }))
      .thenThrows('FORBIDDEN', 'forbidden');
  });
});
