import { emulationYearDecider } from '../emulation-year/emulation-year.decider.js';
import { spec } from '../testing/given-when-then.js';
import { context, ey, organizer, scheme } from '../testing/fixtures.js';
import { validateScheme } from './scheme.js';

// Every refusal of a scoring scheme (scheme.ts, through PublishScoringScheme) with its exact code and
// field, and its bounds probed on both sides.
const year = spec(emulationYearDecider, context);
const publish = (over: object) => ey('PublishScoringScheme', organizer, { ...scheme, ...over } as never);
const refused = (over: object, code: string, field: string) =>
  year.given([]).when(publish(over)).thenThrows(code, 'unprocessable', field);
const withCriterion = (i: number, over: object) => ({
  criteria: scheme.criteria.map((c, j) => (j === i ? { ...c, ...over } : c)),
});
const withThreshold = (i: number, over: object) => ({
  thresholds: scheme.thresholds.map((t, j) => (j === i ? { ...t, ...over } : t)),
});
const KNOCK_OUT = { code: 'su-co', label: 'Sự cố nghiêm trọng', effect: 'bar-rank-1' };

describe('the criteria of a scheme', () => {
  it('refuses a maximum that is not a positive number', () => {
    for (const maxPoints of ['30', 0, -5])
      refused(withCriterion(1, { maxPoints }), 'INVALID_MAX_POINTS', 'criteria[1].maxPoints');
  });

  it('refuses an empty title or group, named by the criterion’s place', () => {
    refused(withCriterion(1, { title: '' }), 'TEXT_REQUIRED', 'criteria[1].title');
    refused(withCriterion(1, { group: '' }), 'TEXT_REQUIRED', 'criteria[1].group');
  });

  it('are required: a scheme of nothing is refused', () => {
    expect(() => validateScheme(undefined as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_LIST', field: 'criteria' }),
    );
  });
});

describe('the thresholds of a scheme', () => {
  it('refuses a minimum that is not a finite number of at most two decimals', () => {
    for (const minTotal of ['50', Infinity, 50.555])
      refused(withThreshold(2, { minTotal }), 'INVALID_THRESHOLD', 'thresholds[2].minTotal');
    year
      .given([])
      .when(publish(withThreshold(2, { minTotal: 50.55 })))
      .then([expect.objectContaining({ type: 'ScoringSchemePublished' })]);
  });

  it('refuses a code that is not an id, an empty label, a code repeated', () => {
    refused(withThreshold(1, { code: 'Tốt' }), 'INVALID_ID', 'thresholds[1].code');
    refused(withThreshold(1, { label: '' }), 'TEXT_REQUIRED', 'thresholds[1].label');
    refused(withThreshold(1, { code: 'xuat-sac' }), 'DUPLICATE_THRESHOLD', 'thresholds');
  });

  it('are listed highest first, each strictly below the one before', () => {
    refused(withThreshold(1, { minTotal: 90 }), 'THRESHOLDS_NOT_DESCENDING', 'thresholds[1]');
  });
});

describe('the tie-breaks of a scheme', () => {
  it('may be none', () => {
    year
      .given([])
      .when(publish({ tieBreaks: undefined }))
      .then([expect.objectContaining({ data: expect.objectContaining({ tieBreaks: [] }) })]);
    refused({ tieBreaks: 'penalty' }, 'INVALID_LIST', 'tieBreaks');
  });

  it.each([
    ['not a text', 7],
    ['no known form', 'xd-dang'],
    ['a group under another prefix', 'nhom: Nghiệp vụ'],
    ['a criterion under another prefix', 'criterium:xd-dang'],
  ])('refuses one that is %s', (_what, tieBreak) => {
    refused({ tieBreaks: ['penalty', tieBreak] }, 'INVALID_TIE_BREAK', 'tieBreaks[1]');
  });
});

describe('the knock-out conditions of a scheme', () => {
  it('refuses a list that is not one, a condition that is nothing, a code or label missing', () => {
    refused({ knockOuts: KNOCK_OUT }, 'INVALID_LIST', 'knockOuts');
    refused({ knockOuts: [KNOCK_OUT, null] }, 'INVALID_ID', 'knockOuts[1].code');
    refused({ knockOuts: [{ ...KNOCK_OUT, code: 'Sự cố' }] }, 'INVALID_ID', 'knockOuts[0].code');
    refused({ knockOuts: [{ ...KNOCK_OUT, label: '' }] }, 'TEXT_REQUIRED', 'knockOuts[0].label');
  });

  it('a bar from rank 1 caps nothing; a cap names a threshold; codes are not repeated', () => {
    refused({ knockOuts: [{ ...KNOCK_OUT, capTo: 'kha' }] }, 'INVALID_KNOCK_OUT', 'knockOuts[0].capTo');
    refused(
      { knockOuts: [{ ...KNOCK_OUT, effect: 'cap-classification' }] },
      'INVALID_KNOCK_OUT',
      'knockOuts[0].capTo',
    );
    refused({ knockOuts: [KNOCK_OUT, { ...KNOCK_OUT, label: 'Khác' }] }, 'DUPLICATE_KNOCK_OUT', 'knockOuts');
  });
});
