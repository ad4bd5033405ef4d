import { spec } from '../testing/given-when-then.js';
import { context, DIGEST, ey, organizer, q1Open } from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';

// Closing and reopening a period (decide-periods.ts): the ranking digest's form, a period never opened,
// and the cluster id every cluster-year command names.
const year = spec(emulationYearDecider, { ...context, incompleteUnits: [] });

describe('closing a period', () => {
  it.each([
    ['with a character before it', `0${DIGEST}`],
    ['with a character after it', `${DIGEST}0`],
    ['in a list', [DIGEST]],
  ])('refuses a ranking digest %s', (_what, rankingDigest) => {
    year
      .given(q1Open())
      .when(ey('ClosePeriod', organizer, { period: 'Q1', rankingDigest: rankingDigest as string }))
      .thenThrows('INVALID_DIGEST', 'unprocessable', 'rankingDigest');
  });
});

describe('reopening a period', () => {
  it('refuses a period never opened', () => {
    year
      .given(q1Open())
      .when(ey('ReopenPeriod', organizer, { period: 'Q3', reason: 'Rà soát' }))
      .thenThrows('PERIOD_NOT_CLOSED', 'unprocessable', 'period');
  });
});

describe('every cluster-year command', () => {
  it('names its cluster by an id', () => {
    year
      .given(q1Open())
      .when({
        ...ey('OpenPeriod', organizer, { period: 'Q2' }),
        data: { clusterId: 'Cụm 2', year: 2021, period: 'Q2' },
      } as never)
      .thenThrows('INVALID_ID', 'unprocessable', 'clusterId');
  });
});
