// The flag-claims register at its edges (issue 17: found by mutation testing): the field of each bad id,
// the flags that fill a quota listed once each, and a fold that ignores what is not its own.
import type { FlagClaimEvent } from '../events/flag-claim.events.js';
import { spec } from '../testing/given-when-then.js';
import { organizer, UNITS } from '../testing/fixtures.js';
import {
  evolveFlagClaims,
  flagClaimsDecider,
  flagsConferred,
  initialFlagClaimsState,
  type FlagClaimCommand,
} from './flag-claims.decider.js';

const FLAG = 'co-thi-dua-bo-cong-an';

describe('flag claims: bad ids named, each flag counted once, a foreign event ignored', () => {
  let flags: ReturnType<typeof spec<FlagClaimCommand, unknown, FlagClaimEvent, object>>;
  let claim: (over: object) => FlagClaimCommand;
  let release: (awardIds: unknown) => FlagClaimCommand;
  let claimed: (awardId: string, unitId: string) => FlagClaimEvent;

  beforeEach(() => {
    flags = spec(flagClaimsDecider as never, {});
    const base = { clusterId: 'cum-7', year: 2023 };
    claim = (over) =>
      ({
        type: 'ClaimFlags',
        actor: organizer,
        at: '2024-01-10T02:00:00.000Z',
        data: { ...base, decisionId: 'qd1', claims: [], recordedBefore: [], ...over },
      }) as never;
    release = (awardIds) =>
      ({
        type: 'ReleaseFlagClaims',
        actor: organizer,
        at: '2024-01-10T02:00:00.000Z',
        data: { ...base, awardIds, cause: 'revoked' },
      }) as never;
    claimed = (awardId, unitId) => ({
      type: 'FlagClaimed',
      data: { ...base, code: FLAG, unitId, awardId, decisionId: 'qd0', quota: 2 },
    });
  });

  it('names the field of a bad cluster id, decision id or award id', () => {
    flags
      .given([])
      .when(claim({ clusterId: 'Cụm 7' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'clusterId');
    flags
      .given([])
      .when(claim({ decisionId: 'QĐ 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'decisionId');
    flags.given([]).when(release('qd1-1')).thenThrows('INVALID_LIST', 'unprocessable', 'awardIds');
    flags
      .given([])
      .when(release(['qd1-1', 'QĐ 1']))
      .thenThrows('INVALID_ID', 'unprocessable', 'awardIds[1]');
    flags
      .given([])
      .when(release(['qd1-1', 'qd1-1']))
      .thenThrows('DUPLICATE_VALUE', 'unprocessable', 'awardIds');
  });

  it('lists each flag that fills a place once: a live claim the totals also list, not a released one', () => {
    const [anm, ktnv, xnc] = [UNITS.anm.id, UNITS.ktnv.id, UNITS.xnc.id];
    const state = [
      claimed('qd0-1', anm),
      claimed('qd0-2', ktnv),
      {
        type: 'FlagClaimReleased',
        data: {
          clusterId: 'cum-7',
          year: 2023,
          code: FLAG,
          unitId: ktnv,
          awardId: 'qd0-2',
          cause: 'revoked',
        },
      } as FlagClaimEvent,
    ].reduce(evolveFlagClaims, initialFlagClaimsState);
    const totals = [
      { awardId: 'qd0-1', code: FLAG, unitId: anm },
      { awardId: 'qd0-2', code: FLAG, unitId: ktnv },
      { awardId: 'cu-1', code: FLAG, unitId: ktnv },
      { awardId: 'cu-2', code: 'co-thi-dua-chinh-phu', unitId: ktnv },
    ];
    expect(flagsConferred(state, totals, FLAG, xnc)).toEqual([
      { awardId: 'qd0-1', unitId: anm },
      { awardId: 'cu-1', unitId: ktnv },
    ]);
    expect(flagsConferred(state, totals, FLAG, anm)).toEqual([{ awardId: 'cu-1', unitId: ktnv }]);
  });

  it('the fold ignores an event that is not its own', () => {
    const state = evolveFlagClaims(initialFlagClaimsState, claimed('qd0-1', UNITS.anm.id));
    expect(evolveFlagClaims(state, { type: 'PeriodOpened', data: {} } as never)).toBe(state);
  });
});
