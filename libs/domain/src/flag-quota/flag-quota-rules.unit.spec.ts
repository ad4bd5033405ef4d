import type { FlagQuotaEvent } from '../events/flag-quota.events.js';
import { spec } from '../testing/given-when-then.js';
import { organizer } from '../testing/fixtures.js';
import { flagQuotaDecider, quotaOf, type SetFlagQuota } from './flag-quota.decider.js';

// The flag quota (flag-quota.decider.ts): each bound of a rule on both sides, each refusal's field, the
// reason of a first rule, and what the quota of a rule is.
const quotas = spec(flagQuotaDecider, undefined);
const AT = '2024-01-10T02:00:00.000Z';
const FLAG = 'co-thi-dua-bo-cong-an';
const set = (over: object): SetFlagQuota =>
  ({
    type: 'SetFlagQuota',
    actor: organizer,
    at: AT,
    data: {
      organizerUnitId: 'bo-cong-an',
      year: 2023,
      code: FLAG,
      rule: { kind: 'per-cluster', count: 1 },
      ...over,
    },
  }) as SetFlagQuota;

describe('a flag quota rule', () => {
  it('counts 0 to 100 flags per cluster, or 0 to 100 % of its members, whole', () => {
    for (const rule of [
      { kind: 'per-cluster', count: 0 },
      { kind: 'per-cluster', count: 100 },
      { kind: 'share', percent: 0 },
      { kind: 'share', percent: 100 },
    ])
      quotas
        .given([])
        .when(set({ rule }))
        .then([expect.objectContaining({ data: expect.objectContaining({ rule }) })]);
    for (const [rule, field] of [
      [{ kind: 'per-cluster', count: -1 }, 'rule.count'],
      [{ kind: 'per-cluster', count: 101 }, 'rule.count'],
      [{ kind: 'per-cluster', count: 1.5 }, 'rule.count'],
      [{ kind: 'per-cluster', count: '1' }, 'rule.count'],
      [{ kind: 'share', percent: 101 }, 'rule.percent'],
      [{ kind: 'share', percent: -1 }, 'rule.percent'],
      [{ kind: 'share' }, 'rule.percent'],
      [{ kind: 'all' }, 'rule.kind'],
      [null, 'rule.kind'],
    ] as const)
      quotas.given([]).when(set({ rule })).thenThrows('INVALID_QUOTA', 'unprocessable', field);
  });

  it('gives a per-cluster count as it is, and a share of the members rounded down; none recorded: one', () => {
    expect(quotaOf({ kind: 'per-cluster', count: 2 }, 9)).toBe(2);
    expect(quotaOf({ kind: 'share', percent: 20 }, 9)).toBe(1);
    expect(quotaOf({ kind: 'share', percent: 20 }, 10)).toBe(2);
    expect(quotaOf(undefined, 9)).toBe(1);
  });
});

describe('recording a flag quota', () => {
  it('the first carries its reason when given; an empty one is refused', () => {
    quotas
      .given([])
      .when(set({ reason: 'Theo Kế hoạch 12/KH' }))
      .then([
        {
          type: 'FlagQuotaSet',
          data: {
            organizerUnitId: 'bo-cong-an',
            year: 2023,
            code: FLAG,
            rule: { kind: 'per-cluster', count: 1 },
            reason: 'Theo Kế hoạch 12/KH',
            effectiveDate: '2024-01-10',
          },
        },
      ]);
    quotas
      .given([])
      .when(set({ reason: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'reason');
    quotas
      .given([])
      .when(set({}))
      .then([
        {
          type: 'FlagQuotaSet',
          data: {
            organizerUnitId: 'bo-cong-an',
            year: 2023,
            code: FLAG,
            rule: { kind: 'per-cluster', count: 1 },
            effectiveDate: '2024-01-10',
          },
        },
      ]);
  });

  it('refuses an organizer that is not an id, a code of no flag', () => {
    quotas
      .given([])
      .when(set({ organizerUnitId: 'Bộ' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'organizerUnitId');
    for (const code of ['bang-khen-bo-truong-bca', 'khong-co', 7])
      quotas.given([]).when(set({ code })).thenThrows('NOT_A_CLUSTER_FLAG', 'unprocessable', 'code');
  });

  it('keeps the last rule of each flag; an event of another stream changes nothing', () => {
    const setTo = (count: number): FlagQuotaEvent => ({
      type: 'FlagQuotaSet',
      data: { organizerUnitId: 'bo-cong-an', year: 2023, code: FLAG, rule: { kind: 'per-cluster', count } },
    });
    const state = quotas.given([setTo(1), setTo(2)]).state;
    expect(state).toStrictEqual({ quotas: { [FLAG]: { kind: 'per-cluster', count: 2 } } });
    expect(flagQuotaDecider.evolve(state, { type: 'Other', data: {} } as never)).toBe(state);
  });
});
