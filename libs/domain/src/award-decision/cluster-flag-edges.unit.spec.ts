// The edges of a cluster flag's quota check and of confirming a flag's basis, each refusal with its exact
// code and field (issue 17: found by mutation testing). Decider-level cases: decide-flag-quota.unit.spec.ts.
import type { Actor } from '../actor.js';
import { defaultCatalog } from '../catalog/catalog.js';
import { DomainError } from '../errors.js';
import type { AwardItem } from '../events/award-decision.events.js';
import { AT, organizer, ORGANIZER_UNIT, otherOrganizer } from '../testing/fixtures.js';
import type { ClusterStanding, ConfirmFlagBasis } from './award-decision.commands.js';
import type { AwardSummary } from './award-decision.state.js';
import {
  checkClusterFlag,
  decideConfirmFlagBasis,
  GOVERNMENT_FLAG,
  MINISTRY_FLAG,
} from './decide-flag-quota.js';

const refusal = (run: () => unknown): Pick<DomainError, 'code' | 'status' | 'field'> | undefined => {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    const { code, status, field } = e as DomainError;
    return { code, status, field };
  }
  return undefined;
};

describe('the two cluster flags', () => {
  it('name the catalog’s cluster flags of the Ministry and of the Government', () => {
    expect(defaultCatalog.find(MINISTRY_FLAG)).toMatchObject({
      isClusterFlag: true,
      name: 'Cờ thi đua của Bộ Công an',
    });
    expect(defaultCatalog.find(GOVERNMENT_FLAG)).toMatchObject({
      isClusterFlag: true,
      name: 'Cờ thi đua của Chính phủ',
    });
  });
});

describe('checkClusterFlag', () => {
  let standing: ClusterStanding;
  let item: Pick<AwardItem, 'code' | 'year'> & { recipient: { unitId: string } };
  const check = (
    s: ClusterStanding,
    raw: Record<string, unknown> = {},
    it = item,
    holders: Array<{ unitId: string; year: number }> = [],
    actor: Actor = organizer,
  ) => checkClusterFlag(raw as Partial<AwardItem>, it, 'awards[0]', actor, [s], holders);
  const refused = (code: string) => ({ code, status: 'unprocessable', field: 'awards[0].recipient' });

  beforeEach(() => {
    standing = {
      unitId: 'cuc-anm',
      year: 2023,
      clusterId: 'bca-cum-2',
      organizerUnitId: ORGANIZER_UNIT,
      rank: 1,
      final: true,
      quota: 1,
      rankingDigest: 'a'.repeat(64),
      rankingPosition: 40,
    };
    item = { code: MINISTRY_FLAG, year: 2023, recipient: { unitId: 'cuc-anm' } };
  });

  it('stores the basis only when the ranking’s digest and position are known', () => {
    expect(check(standing)).toEqual({
      flagBasis: {
        clusterId: 'bca-cum-2',
        year: 2023,
        rank: 1,
        rankingDigest: 'a'.repeat(64),
        rankingPosition: 40,
        quota: 1,
        conferredBefore: 0,
      },
    });
    expect(check({ ...standing, rankingDigest: undefined })).toEqual({});
    expect(check({ ...standing, rankingPosition: undefined })).toEqual({});
  });

  it('Cờ thi đua của Chính phủ needs the Ministry flag of the same unit and year', () => {
    const gov = { ...item, code: GOVERNMENT_FLAG };
    expect(check(standing, {}, gov, [{ unitId: 'cuc-anm', year: 2023 }])).toHaveProperty('flagBasis');
    for (const holder of [
      { unitId: 'cuc-ktnv', year: 2023 },
      { unitId: 'cuc-anm', year: 2022 },
    ])
      expect(refusal(() => check(standing, {}, gov, [holder]))).toEqual(
        refused('MINISTRY_FLAG_STANDARD_NOT_MET'),
      );
  });

  it('counts against the quota only flags of the same code conferred on other units', () => {
    expect(
      check({
        ...standing,
        conferred: [
          { unitId: 'cuc-anm', code: MINISTRY_FLAG },
          { unitId: 'cuc-ktnv', code: GOVERNMENT_FLAG },
        ],
      }),
    ).toMatchObject({ flagBasis: { conferredBefore: 0 } });
    expect(
      refusal(() => check({ ...standing, conferred: [{ unitId: 'cuc-ktnv', code: MINISTRY_FLAG }] })),
    ).toEqual(refused('FLAG_QUOTA_EXHAUSTED'));
  });

  it('a tie at the boundary counts the rows above; a vote decides it only for that unit and code', () => {
    const tie = { ...standing, rank: 2, quota: 2, rowsAbove: 1, tiedWith: ['cuc-ktnv'] };
    expect(refusal(() => check(tie))).toEqual(refused('FLAG_QUOTA_TIE'));
    expect(check({ ...tie, chosenByVote: [{ unitId: 'cuc-anm', code: MINISTRY_FLAG }] })).toMatchObject({
      flagBasis: { decidedBy: 'vote' },
    });
    for (const vote of [
      { unitId: 'cuc-ktnv', code: MINISTRY_FLAG },
      { unitId: 'cuc-anm', code: GOVERNMENT_FLAG },
    ])
      expect(refusal(() => check({ ...tie, chosenByVote: [vote] }))).toEqual(refused('FLAG_QUOTA_TIE'));
  });

  it('rows above (a barred row sorted ahead) make no tie when no unit shares the rank', () => {
    expect(check({ ...standing, rowsAbove: 1, tiedWith: [] })).toHaveProperty('flagBasis');
  });

  it('an override needs its reason, even when given as null', () => {
    expect(refusal(() => check(standing, { override: null }))).toEqual({
      code: 'REASON_REQUIRED',
      status: 'unprocessable',
      field: 'awards[0].override.reason',
    });
  });
});

describe('decideConfirmFlagBasis', () => {
  let award: AwardSummary;
  let confirm: ConfirmFlagBasis;
  beforeEach(() => {
    award = {
      code: MINISTRY_FLAG,
      recipient: { kind: 'collective', unitId: 'cuc-anm' },
      year: 2023,
      revoked: false,
      flagClusterId: 'bca-cum-2',
    } as AwardSummary;
    confirm = {
      type: 'ConfirmFlagBasis',
      actor: organizer,
      at: AT,
      data: { decisionId: 'qd-1', awardId: 'qd-1-1', reason: 'Giữ nguyên' },
    } as unknown as ConfirmFlagBasis;
  });
  const flagCluster = (basisHolds: boolean) => ({
    flagCluster: { organizerUnitId: ORGANIZER_UNIT, basisHolds },
  });

  it('the organizer of the flag’s cluster keeps a flag whose basis no longer holds', () => {
    expect(decideConfirmFlagBasis(confirm, award, '2024-01-10', flagCluster(false))).toEqual([
      {
        type: 'FlagBasisConfirmed',
        data: { awardId: 'qd-1-1', reason: 'Giữ nguyên', effectiveDate: '2024-01-10' },
      },
    ]);
  });

  it('refuses an award with no flag basis, a basis that holds, and another organizer', () => {
    const noBasis = { code: 'NO_FLAG_BASIS', status: 'unprocessable', field: 'awardId' };
    expect(
      refusal(() =>
        decideConfirmFlagBasis(
          confirm,
          { ...award, flagClusterId: undefined },
          '2024-01-10',
          flagCluster(false),
        ),
      ),
    ).toEqual(noBasis);
    expect(refusal(() => decideConfirmFlagBasis(confirm, award, '2024-01-10', {}))).toEqual(noBasis);
    expect(refusal(() => decideConfirmFlagBasis(confirm, award, '2024-01-10', flagCluster(true)))).toEqual({
      code: 'BASIS_HOLDS',
      status: 'unprocessable',
      field: 'awardId',
    });
    expect(
      refusal(() =>
        decideConfirmFlagBasis(
          { ...confirm, actor: otherOrganizer },
          award,
          '2024-01-10',
          flagCluster(false),
        ),
      ),
    ).toEqual({ code: 'FORBIDDEN', status: 'forbidden', field: undefined });
  });
});
