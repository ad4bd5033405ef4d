// The flag quota decider's refusals with their exact code and field, the bounds of a quota (0 and 100 in,
// -1, 101 and fractions out) and the quota a rule gives (issue 17: found by mutation testing).
import type { FlagQuotaEvent, FlagQuotaRule } from '../events/flag-quota.events.js';
import { spec, type Spec } from '../testing/given-when-then.js';
import { admin, AT, organizer, ORGANIZER_UNIT } from '../testing/fixtures.js';
import { flagQuotaDecider, quotaOf, type FlagQuotaState, type SetFlagQuota } from './flag-quota.decider.js';

let quotas: Spec<SetFlagQuota, FlagQuotaState, FlagQuotaEvent, void>;
let set: (over?: Record<string, unknown>) => SetFlagQuota;
let recorded: FlagQuotaEvent;

// Top-level hooks are not run by the mutation runner (mutation/runner/suite.js): each suite calls it.
const setUp = (): void => {
  quotas = spec(flagQuotaDecider);
  set = (over = {}) =>
    ({
      type: 'SetFlagQuota',
      actor: organizer,
      at: AT,
      data: {
        organizerUnitId: ORGANIZER_UNIT,
        year: 2021,
        code: 'co-thi-dua-bo-cong-an',
        rule: { kind: 'per-cluster', count: 2 },
        effectiveDate: '2021-11-01',
        ...over,
      },
    }) as SetFlagQuota;
  recorded = {
    type: 'FlagQuotaSet',
    data: {
      organizerUnitId: ORGANIZER_UNIT,
      year: 2021,
      code: 'co-thi-dua-bo-cong-an',
      rule: { kind: 'per-cluster', count: 2 },
      effectiveDate: '2021-11-01',
    },
  };
};

describe('SetFlagQuota', () => {
  beforeEach(setUp);
  it('records exactly the quota, with no reason the first time', () => {
    quotas.given().when(set()).then([recorded]);
  });

  it('keeps a reason given the first time, and the replacing one', () => {
    quotas
      .given()
      .when(set({ reason: 'Theo kế hoạch' }))
      .then([{ ...recorded, data: { ...recorded.data, reason: 'Theo kế hoạch' } }]);
    const replaced = { kind: 'share' as const, percent: 20 };
    quotas
      .given([recorded])
      .when(set({ rule: replaced, reason: 'Bộ điều chỉnh' }))
      .then([{ ...recorded, data: { ...recorded.data, rule: replaced, reason: 'Bộ điều chỉnh' } }]);
    expect(quotas.given([recorded]).state).toEqual({
      quotas: { 'co-thi-dua-bo-cong-an': recorded.data.rule },
    });
  });

  it.each<[string, FlagQuotaRule]>([
    ['0 per cluster', { kind: 'per-cluster', count: 0 }],
    ['100 per cluster', { kind: 'per-cluster', count: 100 }],
    ['0 %', { kind: 'share', percent: 0 }],
    ['100 %', { kind: 'share', percent: 100 }],
  ])('accepts %s', (_, rule) => {
    quotas
      .given()
      .when(set({ rule }))
      .then([{ ...recorded, data: { ...recorded.data, rule } }]);
  });

  it.each([
    ['-1 per cluster', { kind: 'per-cluster', count: -1 }, 'rule.count'],
    ['101 per cluster', { kind: 'per-cluster', count: 101 }, 'rule.count'],
    ['1.5 per cluster', { kind: 'per-cluster', count: 1.5 }, 'rule.count'],
    ['a count as text', { kind: 'per-cluster', count: '2' }, 'rule.count'],
    ['-1 %', { kind: 'share', percent: -1 }, 'rule.percent'],
    ['101 %', { kind: 'share', percent: 101 }, 'rule.percent'],
    ['12.5 %', { kind: 'share', percent: 12.5 }, 'rule.percent'],
    ['no kind', { count: 2 }, 'rule.kind'],
    ['no rule', undefined, 'rule.kind'],
  ])('refuses %s', (_, rule, field) => {
    quotas.given().when(set({ rule })).thenThrows('INVALID_QUOTA', 'unprocessable', field);
  });

  it.each([
    ['an unknown code', { code: 'khong-co' }, 'NOT_A_CLUSTER_FLAG', 'code'],
    ['a code that is not text', { code: 7 }, 'NOT_A_CLUSTER_FLAG', 'code'],
    ['an organizer unit that is no id', { organizerUnitId: 'BO CA' }, 'INVALID_ID', 'organizerUnitId'],
    ['a year that is not whole', { year: 2021.5 }, 'INVALID_YEAR', 'year'],
    ['a reason of spaces the first time', { reason: ' x ' }, 'TEXT_NOT_TRIMMED', 'reason'],
  ])('refuses %s', (_, over, code, field) => {
    quotas.given().when(set(over)).thenThrows(code, 'unprocessable', field);
  });

  it('an administrator may record it too', () => {
    quotas
      .given()
      .when({ ...set(), actor: admin })
      .then([recorded]);
  });
});

describe('quotaOf', () => {
  beforeEach(setUp);
  it('per cluster: the count whatever the members; a share: rounded down; none recorded: 1', () => {
    expect(quotaOf({ kind: 'per-cluster', count: 3 }, 10)).toBe(3);
    expect(quotaOf({ kind: 'per-cluster', count: 0 }, 10)).toBe(0);
    expect(quotaOf({ kind: 'share', percent: 30 }, 10)).toBe(3);
    expect(quotaOf({ kind: 'share', percent: 30 }, 9)).toBe(2);
    expect(quotaOf(undefined, 0)).toBe(1);
  });
});
