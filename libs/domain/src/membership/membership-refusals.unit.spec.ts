import type { MembershipEvent } from '../events/membership.events.js';
import { spec } from '../testing/given-when-then.js';
import { AT, CLUSTER, organizer, ORGANIZER_UNIT, UNITS } from '../testing/fixtures.js';
import type { MembershipCommand, MembershipContext } from './membership.commands.js';
import { membershipDecider } from './membership.decider.js';

// Every refusal of the membership registry (membership.decider.ts) with its exact code and field.
const ctx: MembershipContext = { cluster: { organizerUnitId: ORGANIZER_UNIT, status: 'active' } };
const registry = spec(membershipDecider, ctx);
const unitId = UNITS.ktnv.id;
const data = (over: object) => ({
  organizerUnitId: ORGANIZER_UNIT,
  year: 2021,
  unitId,
  clusterId: CLUSTER,
  ...over,
});
const reserve = (over: object = {}): MembershipCommand =>
  ({ type: 'ReserveMembership', actor: organizer, at: AT, data: data(over) }) as MembershipCommand;
const release = (over: object = {}): MembershipCommand =>
  ({
    type: 'ReleaseMembership',
    actor: organizer,
    at: AT,
    data: data({ cause: 'withdrawn', ...over }),
  }) as MembershipCommand;
const reserved = (clusterId = CLUSTER): MembershipEvent[] => [
  { type: 'MembershipReserved', data: { unitId, clusterId } },
];

describe('reserving a unit', () => {
  it('refuses an organizer, unit or cluster that is not an id', () => {
    registry
      .given([])
      .when(reserve({ organizerUnitId: 'Bộ Công an' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'organizerUnitId');
    registry
      .given([])
      .when(reserve({ unitId: 'Cục KTNV' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'unitId');
    registry
      .given([])
      .when(reserve({ clusterId: 'Cụm 2' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'clusterId');
  });

  it('takes a unit from a dissolved cluster (releasing it there), not from an active one', () => {
    registry
      .given(reserved('bca-cum-7'))
      .when(reserve(), { ...ctx, holderStatus: 'dissolved' })
      .then([
        { type: 'MembershipReleased', data: { unitId, clusterId: 'bca-cum-7', cause: 'cluster-dissolved' } },
        { type: 'MembershipReserved', data: { unitId, clusterId: CLUSTER } },
      ]);
    registry
      .given(reserved('bca-cum-7'))
      .when(reserve(), { ...ctx, holderStatus: 'active' })
      .thenThrows('ALREADY_IN_ANOTHER_CLUSTER', 'unprocessable', 'unitId');
    // A free unit is simply reserved, whatever holder status comes along.
    registry
      .given([])
      .when(reserve(), { ...ctx, holderStatus: 'dissolved' })
      .then(reserved());
  });
});

describe('releasing a unit', () => {
  it('after a withdrawal, with the reason when one is given', () => {
    registry
      .given(reserved())
      .when(release({ reason: 'Đơn vị rút khỏi Cụm theo Quyết định 5/QĐ' }))
      .then([
        {
          type: 'MembershipReleased',
          data: {
            unitId,
            clusterId: CLUSTER,
            cause: 'withdrawn',
            reason: 'Đơn vị rút khỏi Cụm theo Quyết định 5/QĐ',
          },
        },
      ]);
  });

  it('refuses any other cause, and an empty reason', () => {
    for (const cause of ['cluster-dissolved', undefined])
      registry
        .given(reserved())
        .when(release({ cause }))
        .thenThrows('INVALID_CAUSE', 'unprocessable', 'cause');
    registry
      .given(reserved())
      .when(release({ reason: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'reason');
  });
});
