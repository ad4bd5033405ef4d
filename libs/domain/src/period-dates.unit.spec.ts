import { periodEnd, reviewFrom } from './business-date.js';
import { PERIODS, requirePeriodCode } from './periods.js';

// The periods of an emulation year, their Vietnamese names (GLOSSARY.md) and the day each ends.
describe('the periods of an emulation year', () => {
  it('are the four quarters, the half-year, nine months and the year, named as in the reports', () => {
    expect(PERIODS).toStrictEqual([
      { code: 'Q1', label: 'Quý I' },
      { code: 'Q2', label: 'Quý II' },
      { code: 'Q3', label: 'Quý III' },
      { code: 'Q4', label: 'Quý IV' },
      { code: 'H1', label: '6 tháng đầu năm' },
      { code: 'M9', label: '9 tháng' },
      { code: 'Y', label: 'Năm' },
    ]);
    expect(() => requirePeriodCode('Quý I')).toThrow(
      expect.objectContaining({ code: 'INVALID_PERIOD', field: 'period' }),
    );
  });

  it('end on the last day of their last month', () => {
    expect(PERIODS.map((p) => periodEnd(2021, p.code))).toStrictEqual([
      '2021-03-31',
      '2021-06-30',
      '2021-09-30',
      '2021-12-31',
      '2021-06-30',
      '2021-09-30',
      '2021-12-31',
    ]);
  });

  it('are reviewed from their end when the window says nothing of them', () => {
    const window = { opensOn: '2020-12-01', closesOn: '2021-11-30' };
    expect(reviewFrom(2021, 'Q1', window)).toBe('2021-03-31');
    expect(reviewFrom(2021, 'Y', window)).toBe('2021-11-30');
    expect(reviewFrom(2021, 'Y', { ...window, reviewsFrom: { Y: '2021-11-15' } })).toBe('2021-11-15');
  });
});
