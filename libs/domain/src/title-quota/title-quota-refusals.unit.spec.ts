import { defaultTitleRules } from '../catalog/title-rules.js';
import type { TitleQuotaEvent } from '../events/title-quota.events.js';
import { spec } from '../testing/given-when-then.js';
import { organizer, UNITS } from '../testing/fixtures.js';
import { quotaCodes, titleQuotaDecider, type TitleQuotaCommand } from './title-quota.decider.js';

// The unit title quota (title-quota.decider.ts): each refusal's field, the baseline kept, releases, and a
// decider run without a context.
const quota = spec(titleQuotaDecider, undefined);
const AT = '2024-01-10T02:00:00.000Z';
const unitId = UNITS.anm.id;
const CS = 'chien-si-thi-dua-co-so';
const TT = 'chien-si-tien-tien';
const command = (type: TitleQuotaCommand['type'], data: object): TitleQuotaCommand =>
  ({ type, actor: organizer, at: AT, data: { unitId, year: 2023, ...data } }) as TitleQuotaCommand;
const claim = (over: object) =>
  command('ClaimUnitTitles', {
    decisionId: 'qd-1',
    claims: [{ awardId: 'qd-1-1', code: 'bang-khen-bo-truong-bca', field: 'awards[0].code' }],
    baseline: [],
    ...over,
  });
const claimed = (awardId: string, code = TT): TitleQuotaEvent => ({
  type: 'UnitTitleClaimed',
  data: { unitId, year: 2023, code, awardId, decisionId: 'qd-0' },
});

describe('the title quota of a unit-year', () => {
  it('counts the capped title and its base only', () => {
    expect(quotaCodes(defaultTitleRules)).toStrictEqual(new Set([CS, TT]));
  });

  it('keeps in the baseline only whole positive counts; a title without a rule is claimed unchecked', () => {
    quota
      .given([])
      .when(
        claim({
          baseline: [
            { code: TT, count: 12 },
            { code: CS, count: 0 },
            { code: 'giay-khen', count: -1 },
            { code: 'bang-khen-bo-truong-bca', count: 2.5 },
          ],
        }),
      )
      .then([
        {
          type: 'UnitTitleBaselineRecorded',
          data: { unitId, year: 2023, counts: [{ code: TT, count: 12 }] },
        },
        {
          type: 'UnitTitleClaimed',
          data: {
            unitId,
            year: 2023,
            code: 'bang-khen-bo-truong-bca',
            awardId: 'qd-1-1',
            decisionId: 'qd-1',
          },
        },
      ]);
  });

  it('refuses ids that are not ids, and a repeated award', () => {
    quota
      .given([])
      .when(claim({ unitId: 'Cục A' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'unitId');
    quota
      .given([])
      .when(claim({ decisionId: 'QĐ 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'decisionId');
    const release = (awardIds: unknown) => command('ReleaseUnitTitleClaims', { awardIds, cause: 'revoked' });
    quota.given([]).when(release('qd-1-1')).thenThrows('INVALID_LIST', 'unprocessable', 'awardIds');
    quota
      .given([])
      .when(release(['qd-1-1', 'QĐ']))
      .thenThrows('INVALID_ID', 'unprocessable', 'awardIds[1]');
    quota
      .given([])
      .when(release(['qd-1-1', 'qd-1-1']))
      .thenThrows('DUPLICATE_VALUE', 'unprocessable', 'awardIds');
  });

  it('releases only the claims it holds', () => {
    quota
      .given([claimed('qd-0-1')])
      .when(command('ReleaseUnitTitleClaims', { awardIds: ['qd-0-1', 'qd-0-9'], cause: 'revoked' }))
      .then([
        {
          type: 'UnitTitleClaimReleased',
          data: { unitId, year: 2023, code: TT, awardId: 'qd-0-1', cause: 'revoked' },
        },
      ]);
  });
});
