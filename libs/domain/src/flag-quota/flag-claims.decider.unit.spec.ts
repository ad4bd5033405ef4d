import type { FlagClaimEvent } from '../events/flag-claim.events.js';
import { spec } from '../testing/given-when-then.js';
import { officerOf, organizer, UNITS } from '../testing/fixtures.js';
import {
  flagClaimsDecider,
  flagsConferred,
  type FlagClaimCommand,
  type FlagClaimInput,
  type RecordedFlag,
} from './flag-claims.decider.js';

const flags = spec(flagClaimsDecider, {});
const AT = '2024-01-10T02:00:00.000Z';
const FLAG = 'co-thi-dua-bo-cong-an';
const [a, b, c] = [UNITS.anm.id, UNITS.ktnv.id, UNITS.xnc.id];
const input = (awardId: string, unitId: string, over: Partial<FlagClaimInput> = {}): FlagClaimInput => ({
  awardId,
  code: FLAG,
  unitId,
  quota: 1,
  override: false,
  field: 'awards[0].recipient',
  ...over,
});
const claim = (
  decisionId: string,
  claims: FlagClaimInput[],
  recordedBefore: RecordedFlag[] = [],
  actor = organizer,
): FlagClaimCommand => ({
  type: 'ClaimFlags',
  actor,
  at: AT,
  data: { clusterId: 'cum-7', year: 2023, decisionId, claims, recordedBefore },
});
const claimed = (decisionId: string, awardId: string, unitId: string, over = {}): FlagClaimEvent => ({
  type: 'FlagClaimed',
  data: { clusterId: 'cum-7', year: 2023, code: FLAG, unitId, awardId, decisionId, quota: 1, ...over },
});
const release = (awardIds: string[], cause: 'decision-failed' | 'revoked'): FlagClaimCommand => ({
  type: 'ReleaseFlagClaims',
  actor: organizer,
  at: AT,
  data: { clusterId: 'cum-7', year: 2023, awardIds, cause },
});
const released = (awardId: string, cause: 'decision-failed' | 'revoked', unitId = a): FlagClaimEvent => ({
  type: 'FlagClaimReleased',
  data: { clusterId: 'cum-7', year: 2023, code: FLAG, unitId, awardId, cause },
});

describe('a cluster flag claims a place of its cluster-year quota on the log (flag-claims stream)', () => {
  it('claims the last place once: a second decision for it is refused with code and field', () => {
    flags
      .given()
      .when(claim('qd1', [input('qd1-1', a)]))
      .then([claimed('qd1', 'qd1-1', a)]);
    flags
      .given([claimed('qd1', 'qd1-1', a)])
      .when(claim('qd2', [input('qd2-1', b)]))
      .thenThrows('FLAG_QUOTA_EXHAUSTED', 'unprocessable', 'awards[0].recipient');
    // a quota of 2 leaves a place for the second
    flags
      .given([claimed('qd1', 'qd1-1', a)])
      .when(claim('qd2', [input('qd2-1', b, { quota: 2 })]))
      .then([claimed('qd2', 'qd2-1', b, { quota: 2 })]);
    // two flags in one decision fill the places in order: the second is refused
    flags
      .given()
      .when(claim('qd3', [input('qd3-1', a), input('qd3-2', b, { field: 'awards[1].recipient' })]))
      .thenThrows('FLAG_QUOTA_EXHAUSTED', 'unprocessable', 'awards[1].recipient');
    // the same award again (a retried decision) records nothing more
    flags
      .given([claimed('qd1', 'qd1-1', a)])
      .when(claim('qd1', [input('qd1-1', a)]))
      .then([]);
  });

  it("an override is counted but never refused; a flag of another code, or the unit's own, fills no place", () => {
    flags
      .given([claimed('qd1', 'qd1-1', a)])
      .when(claim('qd2', [input('qd2-1', b, { override: true })]))
      .then([claimed('qd2', 'qd2-1', b, { override: true })]);
    flags
      .given([claimed('qd2', 'qd2-1', b, { override: true })])
      .when(claim('qd3', [input('qd3-1', c)]))
      .thenThrows('FLAG_QUOTA_EXHAUSTED', 'unprocessable', 'awards[0].recipient');
    flags
      .given([claimed('qd1', 'qd1-1', a, { code: 'co-thi-dua-chinh-phu' })])
      .when(claim('qd2', [input('qd2-1', b)]))
      .then([claimed('qd2', 'qd2-1', b)]);
    expect(flagsConferred(flags.given([claimed('qd1', 'qd1-1', a)]).state, [], FLAG, a)).toEqual([]);
  });

  it('counts the flags recorded before claims existed (from the totals), but not those it claimed or released', () => {
    const older: RecordedFlag = { awardId: 'qd0-1', code: FLAG, unitId: c };
    flags
      .given()
      .when(claim('qd2', [input('qd2-1', b)], [older]))
      .thenThrows('FLAG_QUOTA_EXHAUSTED', 'unprocessable', 'awards[0].recipient');
    // the totals list a flag this stream claimed (once, not twice) or released (revoked, the totals lag)
    const claimedThere: RecordedFlag = { awardId: 'qd1-1', code: FLAG, unitId: a };
    const state = flags.given([claimed('qd1', 'qd1-1', a), released('qd1-1', 'revoked')]).state;
    expect(flagsConferred(state, [claimedThere], FLAG, b)).toEqual([]);
    flags
      .given([claimed('qd1', 'qd1-1', a), released('qd1-1', 'revoked')])
      .when(claim('qd2', [input('qd2-1', b)], [claimedThere]))
      .then([claimed('qd2', 'qd2-1', b)]);
  });

  it('a release (decision failed or flag revoked) frees the place; a repeat records nothing', () => {
    for (const cause of ['decision-failed', 'revoked'] as const) {
      flags
        .given([claimed('qd1', 'qd1-1', a)])
        .when(release(['qd1-1'], cause))
        .then([released('qd1-1', cause)]);
      flags
        .given([claimed('qd1', 'qd1-1', a), released('qd1-1', cause)])
        .when(release(['qd1-1'], cause))
        .then([]);
      flags
        .given([claimed('qd1', 'qd1-1', a), released('qd1-1', cause)])
        .when(claim('qd2', [input('qd2-1', b)]))
        .then([claimed('qd2', 'qd2-1', b)]);
    }
  });

  it('revoking a flag that held no claim (counted from the totals) releases it here at once, once', () => {
    const older: RecordedFlag = { awardId: 'qd0-1', code: FLAG, unitId: c };
    const releaseOld: FlagClaimCommand = {
      type: 'ReleaseFlagClaims',
      actor: organizer,
      at: AT,
      data: {
        clusterId: 'cum-7',
        year: 2023,
        awardIds: ['qd0-1'],
        cause: 'revoked',
        recordedBefore: [older],
      },
    };
    const gone: FlagClaimEvent = {
      type: 'FlagClaimReleased',
      data: {
        clusterId: 'cum-7',
        year: 2023,
        code: FLAG,
        unitId: c,
        awardId: 'qd0-1',
        cause: 'revoked',
        recordedBefore: true,
      },
    };
    flags.given().when(releaseOld).then([gone]);
    flags.given([gone]).when(releaseOld).then([]);
    // the totals may still list it (they lag): it no longer fills the place
    flags
      .given([gone])
      .when(claim('qd2', [input('qd2-1', b)], [older]))
      .then([claimed('qd2', 'qd2-1', b)]);
    // not on a failed decision (an older flag's decision was recorded)
    flags
      .given()
      .when({ ...releaseOld, data: { ...releaseOld.data, cause: 'decision-failed' } })
      .then([]);
  });

  it('only an administrator or an organizer claims', () => {
    flags
      .given()
      .when(claim('qd1', [input('qd1-1', a)], [], officerOf(a)))
      .thenThrows('FORBIDDEN', 'forbidden');
  });
});
