import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import { context, DIGEST, ey, organizer, q1Open, scheme, UNITS } from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';

// Every refusal of recording and clearing a finding (decide-findings.ts), with its exact code and field.
const year = spec(emulationYearDecider, context);
const xnc = UNITS.xnc.id;
const knockOuts = [{ code: 'su-co', label: 'Để xảy ra sự cố nghiêm trọng', effect: 'bar-rank-1' as const }];
/** Q1 open under a scheme with one knock-out condition. */
const withKnockOuts = (): EmulationYearEvent[] => [
  ...q1Open().slice(0, -2),
  { type: 'ScoringSchemePublished', data: { version: 1, ...scheme, knockOuts } },
  q1Open().at(-1)!,
];
const raised = (): EmulationYearEvent[] => [
  ...withKnockOuts(),
  {
    type: 'FindingRecorded',
    data: { findingId: 'kl-1', unitId: xnc, period: 'Q1', knockOut: 'su-co', evidence: 'e' },
  },
];
const find = (over: object = {}) =>
  ey('RecordFinding', organizer, {
    findingId: 'kl-1',
    unitId: xnc,
    period: 'Q1',
    knockOut: 'su-co',
    evidence: 'Biên bản số 12/BB ngày 10/3/2021',
    ...over,
  });
const clear = (over: object = {}) =>
  ey('ClearFinding', organizer, { findingId: 'kl-1', reason: 'Kết luận lại', ...over });

describe('recording a finding', () => {
  it('refuses a unit, finding id or knock-out that is not an id, and a unit that is not a member', () => {
    year
      .given(withKnockOuts())
      .when(find({ unitId: 'Cục X' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'unitId');
    year
      .given(withKnockOuts())
      .when(find({ unitId: 'ca-ha-tinh' }))
      .thenThrows('NOT_A_MEMBER', 'unprocessable', 'unitId');
    year
      .given(withKnockOuts())
      .when(find({ findingId: 'KL 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'findingId');
    year
      .given(withKnockOuts())
      .when(find({ knockOut: 'Sự cố' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'knockOut');
  });

  it('refuses a knock-out when the scheme in force has none', () => {
    year.given(q1Open()).when(find()).thenThrows('UNKNOWN_KNOCK_OUT', 'unprocessable', 'knockOut');
  });
});

describe('clearing a finding', () => {
  it('refuses a finding id that is not an id or names no finding', () => {
    year
      .given(raised())
      .when(clear({ findingId: 'KL 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'findingId');
    year
      .given(raised())
      .when(clear({ findingId: 'kl-2' }))
      .thenThrows('FINDING_NOT_FOUND', 'not-found', 'findingId');
  });

  it('clears once: a cleared finding is refused', () => {
    const cleared: EmulationYearEvent[] = [
      ...raised(),
      { type: 'FindingCleared', data: { findingId: 'kl-1', unitId: xnc, period: 'Q1', reason: 'r' } },
    ];
    year.given(cleared).when(clear()).thenThrows('FINDING_CLEARED', 'conflict', 'findingId');
  });

  it('only while its period is open: once the period is closed it is refused', () => {
    const sealed: EmulationYearEvent[] = [
      ...raised(),
      { type: 'PeriodClosed', data: { period: 'Q1', rankingDigest: DIGEST, schemeVersion: 1 } },
    ];
    year.given(sealed).when(clear()).thenThrows('PERIOD_NOT_OPEN', 'unprocessable', 'findingId');
    year
      .given([
        ...sealed,
        { type: 'PeriodReopened', data: { period: 'Q1', reason: 'Rà soát lại', previousDigest: DIGEST } },
      ])
      .when(clear())
      .then([expect.objectContaining({ type: 'FindingCleared' })]);
  });
});
