import type { TitleQuotaEvent } from '../events/title-quota.events.js';
import { spec } from '../testing/given-when-then.js';
import { officerOf, organizer, UNITS } from '../testing/fixtures.js';
import {
  titleQuotaDecider,
  unitTitleCountsOf,
  type TitleQuotaCommand,
  type UnitTitleClaimInput,
} from './title-quota.decider.js';

const quota = spec(titleQuotaDecider, {});
const AT = '2024-01-10T02:00:00.000Z';
const unitId = UNITS.anm.id;
const CS = 'chien-si-thi-dua-co-so';
const TT = 'chien-si-tien-tien';
const input = (awardId: string, code = CS, field = 'awards[0].code'): UnitTitleClaimInput => ({
  awardId,
  code,
  field,
});
const claim = (
  decisionId: string,
  claims: UnitTitleClaimInput[],
  baseline: Array<{ code: string; count: number }> = [],
  actor = organizer,
): TitleQuotaCommand => ({
  type: 'ClaimUnitTitles',
  actor,
  at: AT,
  data: { unitId, year: 2023, decisionId, claims, baseline },
});
const baseline = (counts: Array<{ code: string; count: number }>): TitleQuotaEvent => ({
  type: 'UnitTitleBaselineRecorded',
  data: { unitId, year: 2023, counts },
});
const claimed = (decisionId: string, awardId: string, code = CS): TitleQuotaEvent => ({
  type: 'UnitTitleClaimed',
  data: { unitId, year: 2023, code, awardId, decisionId },
});
const released = (awardId: string, cause: 'decision-failed' | 'revoked', code = CS): TitleQuotaEvent => ({
  type: 'UnitTitleClaimReleased',
  data: { unitId, year: 2023, code, awardId, cause },
});
/** 20 Chiến sĩ tiên tiến and 2 Chiến sĩ thi đua cơ sở recorded before claims existed. */
const before = baseline([
  { code: TT, count: 20 },
  { code: CS, count: 2 },
]);

describe('the 15 % quota of a unit-year is decided on the log (title-quota stream)', () => {
  it('the first claim records the baseline of earlier decisions; 3 of 20 pass, the 4th is refused', () => {
    quota
      .given()
      .when(
        claim(
          'qd1',
          [input('qd1-1')],
          [
            { code: TT, count: 20 },
            { code: CS, count: 2 },
          ],
        ),
      )
      .then([before, claimed('qd1', 'qd1-1')]);
    quota
      .given([before, claimed('qd1', 'qd1-1')])
      .when(claim('qd2', [input('qd2-1')], [{ code: CS, count: 99 }]))
      .thenThrows('TITLE_QUOTA_EXCEEDED', 'unprocessable', 'awards[0].code');
  });

  it('two decisions for the last place: the second, decided after the first claim, is refused', () => {
    const g = quota.given([before]);
    g.when(claim('qd1', [input('qd1-1')])).then([claimed('qd1', 'qd1-1')]);
    g.when(claim('qd2', [input('qd2-1')])).then([claimed('qd2', 'qd2-1')]);
    quota
      .given([before, claimed('qd1', 'qd1-1')])
      .when(claim('qd2', [input('qd2-1')]))
      .thenThrows('TITLE_QUOTA_EXCEEDED', 'unprocessable', 'awards[0].code');
    // the same decision again (a retry) records nothing more
    quota
      .given([before, claimed('qd1', 'qd1-1')])
      .when(claim('qd1', [input('qd1-1')]))
      .then([]);
  });

  it('the base counts all of the decision; the refusal names the first item over the cap', () => {
    const tts = Array.from({ length: 20 }, (_, i) => input(`qd-${i + 1}`, TT, `awards[${i}].code`));
    quota
      .given()
      .when(
        claim('qd', [...tts, input('qd-21', CS, 'awards[20].code'), input('qd-22', CS, 'awards[21].code')]),
      )
      .then(expect.any(Array));
    quota
      .given()
      .when(
        claim('qd', [
          ...tts,
          input('qd-21', CS, 'awards[20].code'),
          input('qd-22', CS, 'awards[21].code'),
          input('qd-23', CS, 'awards[22].code'),
          input('qd-24', CS, 'awards[23].code'),
        ]),
      )
      .thenThrows('TITLE_QUOTA_EXCEEDED', 'unprocessable', 'awards[23].code');
  });

  it('a release (decision failed or award revoked) frees the place; a repeat records nothing', () => {
    for (const cause of ['decision-failed', 'revoked'] as const) {
      const full = [before, claimed('qd1', 'qd1-1')];
      quota
        .given(full)
        .when({
          type: 'ReleaseUnitTitleClaims',
          actor: organizer,
          at: AT,
          data: { unitId, year: 2023, awardIds: ['qd1-1'], cause },
        })
        .then([released('qd1-1', cause)]);
      quota
        .given([...full, released('qd1-1', cause)])
        .when(claim('qd2', [input('qd2-1')]))
        .then([claimed('qd2', 'qd2-1')]);
      expect(unitTitleCountsOf(quota.given([...full, released('qd1-1', cause)]).state)).toEqual([
        { code: TT, count: 20 },
        { code: CS, count: 2 },
      ]);
    }
  });

  it('revoking an award of the baseline (recorded before claims) lowers the baseline once; a claim stays a claim', () => {
    const releaseOld = (cause: 'decision-failed' | 'revoked'): TitleQuotaCommand => ({
      type: 'ReleaseUnitTitleClaims',
      actor: organizer,
      at: AT,
      data: {
        unitId,
        year: 2023,
        awardIds: ['qd0-1'],
        cause,
        fromBaseline: [{ awardId: 'qd0-1', code: CS }],
      },
    });
    const old: TitleQuotaEvent = {
      type: 'UnitTitleClaimReleased',
      data: { unitId, year: 2023, code: CS, awardId: 'qd0-1', cause: 'revoked', fromBaseline: true },
    };
    // 20 TT, 2 CS before + 1 claimed = 3: full; the older award's revocation frees a place.
    const full = [before, claimed('qd1', 'qd1-1')];
    quota
      .given(full)
      .when(claim('qd2', [input('qd2-1')]))
      .thenThrows('TITLE_QUOTA_EXCEEDED', 'unprocessable', 'awards[0].code');
    quota.given(full).when(releaseOld('revoked')).then([old]);
    expect(unitTitleCountsOf(quota.given([...full, old]).state)).toEqual([
      { code: TT, count: 20 },
      { code: CS, count: 2 },
    ]);
    quota
      .given([...full, old])
      .when(claim('qd2', [input('qd2-1')]))
      .then([claimed('qd2', 'qd2-1')]);
    // once only; never on a failed decision; never before a baseline; never below zero
    quota
      .given([...full, old])
      .when(releaseOld('revoked'))
      .then([]);
    quota.given(full).when(releaseOld('decision-failed')).then([]);
    quota.given().when(releaseOld('revoked')).then([]);
    quota
      .given([baseline([{ code: TT, count: 20 }])])
      .when(releaseOld('revoked'))
      .then([]);
    // an award holding a claim is released as a claim, even when named as of the baseline
    quota
      .given(full)
      .when({
        type: 'ReleaseUnitTitleClaims',
        actor: organizer,
        at: AT,
        data: {
          unitId,
          year: 2023,
          awardIds: ['qd1-1'],
          cause: 'revoked',
          fromBaseline: [{ awardId: 'qd1-1', code: CS }],
        },
      })
      .then([released('qd1-1', 'revoked')]);
  });

  it('only an administrator or an organizer claims', () => {
    quota
      .given()
      .when(claim('qd1', [input('qd1-1')], [], officerOf(unitId)))
      .thenThrows('FORBIDDEN', 'forbidden');
  });
});
