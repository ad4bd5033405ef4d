// What the procedure asks of each proposed title (council threshold, secret ballot, public notice), the
// council's threshold on both sides, and the fixed holidays of a notice (issue 17: found by mutation testing).
import { councilApproves, proposalRuleOf, type ProposalRule } from './council-rules.js';
import { fixedHolidays, workingDaysBetween } from './working-days.js';

describe('proposal rules per title', () => {
  const ninety = { kind: 'at-least-percent', percent: 90 } as const;
  const majority = { kind: 'majority' } as const;
  it.each<[string, ProposalRule]>([
    [
      'chien-si-thi-dua-toan-luc-luong-cand',
      { council: ninety, secretBallot: true, publicNoticeWorkingDays: 0 },
    ],
    ['chien-si-thi-dua-toan-quoc', { council: ninety, secretBallot: true, publicNoticeWorkingDays: 10 }],
    ['co-thi-dua-chinh-phu', { council: majority, secretBallot: false, publicNoticeWorkingDays: 10 }],
    [
      'huan-chuong-bao-ve-to-quoc-hang-nhat',
      { council: majority, secretBallot: false, publicNoticeWorkingDays: 10 },
    ],
    [
      'huan-chuong-bao-ve-to-quoc-hang-nhi',
      { council: majority, secretBallot: false, publicNoticeWorkingDays: 10 },
    ],
    [
      'huan-chuong-bao-ve-to-quoc-hang-ba',
      { council: majority, secretBallot: false, publicNoticeWorkingDays: 10 },
    ],
    ['bang-khen-bo-truong-bca', { council: majority, secretBallot: false, publicNoticeWorkingDays: 0 }],
  ])('%s', (code, expected) => {
    expect(proposalRuleOf(code)).toEqual(expected);
  });

  it('a corrected list replaces the built-in one', () => {
    expect(
      proposalRuleOf('chien-si-thi-dua-toan-quoc', { 'chien-si-thi-dua-toan-quoc': { secretBallot: false } }),
    ).toEqual({
      council: majority,
      secretBallot: false,
      publicNoticeWorkingDays: 0,
    });
  });

  it('90 % of ALL members: 9 of 10 and 18 of 20 pass, 8 of 10 and 17 of 20 do not', () => {
    expect([9, 8].map((yes) => councilApproves(ninety, yes, 10))).toEqual([true, false]);
    expect([18, 17].map((yes) => councilApproves(ninety, yes, 20))).toEqual([true, false]);
  });

  it('a majority of ALL members: 6 of 10 and 3 of 5 pass, 5 of 10 and 2 of 5 do not', () => {
    expect([6, 5].map((yes) => councilApproves(majority, yes, 10))).toEqual([true, false]);
    expect([3, 2].map((yes) => councilApproves(majority, yes, 5))).toEqual([true, false]);
  });
});

describe('working days of a notice', () => {
  it('the fixed holidays: 1/1, 30/4, 1/5, 2/9', () => {
    expect(fixedHolidays(2024)).toEqual(['2024-01-01', '2024-04-30', '2024-05-01', '2024-09-02']);
    // Mon 29/4/2024 … Fri 3/5/2024: 30/4 and 1/5 are holidays; Mon 2/9 … Fri 6/9/2024: 2/9 is one
    expect(workingDaysBetween('2024-04-29', '2024-05-03')).toBe(3);
    expect(workingDaysBetween('2024-09-02', '2024-09-06')).toBe(4);
  });

  it('a notice of one working day counts 1; across a new year, both years’ holidays count', () => {
    expect(workingDaysBetween('2024-09-03', '2024-09-03')).toBe(1);
    // Mon 30/12/2024 … Fri 3/1/2025: 1/1/2025 is a holiday
    expect(workingDaysBetween('2024-12-30', '2025-01-03')).toBe(4);
  });
});
