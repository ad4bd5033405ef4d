import type { MembershipEvent } from '../events/membership.events.js';
import { spec } from '../testing/given-when-then.js';
import {
  admin,
  AT,
  CLUSTER,
  officerOf,
  organizer,
  ORGANIZER_UNIT,
  otherOrganizer,
  UNITS,
} from '../testing/fixtures.js';
import type { MembershipCommand, MembershipContext } from './membership.commands.js';
import { membershipDecider } from './membership.decider.js';

const ctx: MembershipContext = { cluster: { organizerUnitId: ORGANIZER_UNIT, status: 'active' } };
const registry = spec(membershipDecider, ctx);
const unitId = UNITS.ktnv.id;
const reserve = (clusterId = CLUSTER, actor = organizer): MembershipCommand => ({
  type: 'ReserveMembership',
  actor,
  at: AT,
  data: { organizerUnitId: ORGANIZER_UNIT, year: 2021, unitId, clusterId },
});
const reserved: MembershipEvent[] = [{ type: 'MembershipReserved', data: { unitId, clusterId: CLUSTER } }];

describe('membership registry (a unit in at most one cluster of an organizer per year)', () => {
  it('reserves a free unit for a cluster of the organizer', () => {
    registry.given([]).when(reserve()).then(reserved);
    registry.given([]).when(reserve(CLUSTER, admin)).then(reserved);
  });

  it('refuses a unit already in another cluster of the same organizer that year', () => {
    registry
      .given(reserved)
      .when(reserve('bca-cum-7'))
      .thenThrows('ALREADY_IN_ANOTHER_CLUSTER', 'unprocessable', 'unitId');
    registry.given(reserved).when(reserve()).thenThrows('ALREADY_RESERVED', 'conflict', 'unitId');
  });

  it('frees the unit after a release (failed admission or withdrawal)', () => {
    const release: MembershipCommand = {
      type: 'ReleaseMembership',
      actor: organizer,
      at: AT,
      data: {
        organizerUnitId: ORGANIZER_UNIT,
        year: 2021,
        unitId,
        clusterId: CLUSTER,
        cause: 'admission-failed',
      },
    };
    const released = registry
      .given(reserved)
      .when(release)
      .then([
        { type: 'MembershipReleased', data: { unitId, clusterId: CLUSTER, cause: 'admission-failed' } },
      ]);
    registry
      .given([...reserved, ...released])
      .when(reserve('bca-cum-7'))
      .then([{ type: 'MembershipReserved', data: { unitId, clusterId: 'bca-cum-7' } }]);
    registry.given([]).when(release).thenThrows('NOT_RESERVED', 'unprocessable', 'unitId');
  });

  it('refuses other organizers, officers, unknown or dissolved clusters and a cluster of another organizer', () => {
    registry.given([]).when(reserve(CLUSTER, otherOrganizer)).thenThrows('FORBIDDEN', 'forbidden');
    registry
      .given([])
      .when(reserve(CLUSTER, officerOf(unitId)))
      .thenThrows('FORBIDDEN', 'forbidden');
    registry.given([]).when(reserve(), {}).thenThrows('CLUSTER_NOT_FOUND', 'not-found', 'clusterId');
    registry
      .given([])
      .when(reserve(), { cluster: { organizerUnitId: ORGANIZER_UNIT, status: 'dissolved' } })
      .thenThrows('CLUSTER_DISSOLVED', 'unprocessable', 'clusterId');
    registry
      .given([])
      .when(reserve(), { cluster: { organizerUnitId: 'ca-ha-tinh', status: 'active' } })
      .thenThrows('WRONG_ORGANIZER', 'unprocessable', 'clusterId');
  });
});
