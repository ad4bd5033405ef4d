import { blocDecider } from '../bloc/bloc.decider.js';
import { clusterDecider } from '../cluster/cluster.decider.js';
import type { ClusterCommand } from '../cluster/cluster.commands.js';
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import type { MembershipEvent } from '../events/membership.events.js';
import { membershipDecider } from '../membership/membership.decider.js';
import type { MembershipCommand } from '../membership/membership.commands.js';
import { spec } from '../testing/given-when-then.js';
import { admin, AT, context, ey, officerOf, organizer, UNITS, yearStarted } from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';

const BLOC_BT = 'bca-khoi-truc-thuoc-bo-truong';
const BLOC_DP = 'bca-khoi-cong-an-dia-phuong';

describe('khối (blocs): clusters numbered inside their bloc', () => {
  const blocs = spec(blocDecider, { organizerStatus: 'active' });
  const form = (actor = admin) => ({
    type: 'FormBloc' as const,
    actor,
    at: AT,
    data: { blocId: BLOC_BT, organizerUnitId: 'bo-cong-an', name: 'Khối các đơn vị trực thuộc Bộ trưởng' },
  });

  it('an administrator forms a bloc for an active organizer; nobody else, once', () => {
    const formed = blocs
      .given([])
      .when(form())
      .then([
        {
          type: 'BlocFormed',
          data: {
            blocId: BLOC_BT,
            organizerUnitId: 'bo-cong-an',
            name: 'Khối các đơn vị trực thuộc Bộ trưởng',
            effectiveDate: '2021-11-19',
          },
        },
      ]);
    blocs.given([]).when(form(organizer)).thenThrows('FORBIDDEN', 'forbidden');
    blocs.given(formed).when(form()).thenThrows('BLOC_ALREADY_FORMED', 'conflict', 'blocId');
    blocs
      .given([])
      .when(form(), { organizerStatus: 'dissolved' })
      .thenThrows('ORGANIZER_NOT_ACTIVE', 'unprocessable', 'organizerUnitId');
  });

  it('forms two "Cụm thi đua số 1" of one organizer in two blocs; a bloc must exist and be of that organizer', () => {
    const clusters = spec(clusterDecider, { organizerStatus: 'active' });
    const cluster = (clusterId: string, blocId: string): ClusterCommand => ({
      type: 'FormCluster',
      actor: admin,
      at: AT,
      data: { clusterId, organizerUnitId: 'bo-cong-an', number: 1, name: 'Cụm thi đua số 1', blocId },
    });
    for (const [id, bloc] of [
      ['bca-cum-1-truc-thuoc', BLOC_BT],
      ['bca-cum-1-dia-phuong', BLOC_DP],
    ] as const)
      clusters
        .given([])
        .when(cluster(id, bloc), { organizerStatus: 'active', bloc: { organizerUnitId: 'bo-cong-an' } })
        .then([expect.objectContaining({ data: expect.objectContaining({ number: 1, blocId: bloc }) })]);
    clusters
      .given([])
      .when(cluster('bca-cum-9', 'khong-co'))
      .thenThrows('BLOC_NOT_FOUND', 'not-found', 'blocId');
    clusters
      .given([])
      .when(cluster('bca-cum-9', BLOC_BT), {
        organizerStatus: 'active',
        bloc: { organizerUnitId: 'ca-ha-tinh' },
      })
      .thenThrows('BLOC_OF_ANOTHER_ORGANIZER', 'unprocessable', 'blocId');
  });
});

describe('a dissolved cluster releases its members', () => {
  const registry = spec(membershipDecider, { cluster: { organizerUnitId: 'bo-cong-an', status: 'active' } });
  const unitId = UNITS.ktnv.id;
  const held: MembershipEvent[] = [
    { type: 'MembershipReserved', data: { unitId, clusterId: 'bca-cum-giai-the' } },
  ];
  const reserve: MembershipCommand = {
    type: 'ReserveMembership',
    actor: organizer,
    at: AT,
    data: { organizerUnitId: 'bo-cong-an', year: 2021, unitId, clusterId: 'bca-cum-2' },
  };

  it('admits a member of a dissolved cluster elsewhere the same year, recording the release', () => {
    registry
      .given(held)
      .when(reserve, {
        cluster: { organizerUnitId: 'bo-cong-an', status: 'active' },
        holderStatus: 'dissolved',
      })
      .then([
        {
          type: 'MembershipReleased',
          data: { unitId, clusterId: 'bca-cum-giai-the', cause: 'cluster-dissolved' },
        },
        { type: 'MembershipReserved', data: { unitId, clusterId: 'bca-cum-2' } },
      ]);
  });

  it('still refuses a unit held by an active cluster of the same organizer', () => {
    registry
      .given(held)
      .when(reserve, { cluster: { organizerUnitId: 'bo-cong-an', status: 'active' }, holderStatus: 'active' })
      .thenThrows('ALREADY_IN_ANOTHER_CLUSTER', 'unprocessable', 'unitId');
  });
});

describe("pledge rules are the cluster's own (Cụm 7: three key tasks)", () => {
  const year = spec(emulationYearDecider, context);
  const unitId = UNITS.ktnv.id;
  const pledge = (keyTasks: string[], titles: string[] = []) =>
    ey('SignPledge', officerOf(unitId), { unitId, titles, targets: [], keyTasks });
  const rules = (keyTasks: number | null, titleRequired: boolean): EmulationYearEvent => ({
    type: 'PledgeRulesSet',
    data: { keyTasks, titleRequired },
  });

  it('takes any number of key tasks and no title when the cluster recorded no rule', () => {
    for (const keyTasks of [[], ['Một'], ['Một', 'Hai', 'Ba', 'Bốn']])
      year
        .given(yearStarted())
        .when(pledge(keyTasks))
        .then([expect.objectContaining({ type: 'PledgeSigned' })]);
  });

  it("holds a pledge to the cluster's recorded number of key tasks and title requirement", () => {
    const given = [...yearStarted(), rules(3, true)];
    year
      .given(given)
      .when(pledge(['Một', 'Hai'], ['co-thi-dua-bo-cong-an']))
      .thenThrows('KEY_TASKS_COUNT', 'unprocessable', 'keyTasks');
    year
      .given(given)
      .when(pledge(['Một', 'Hai', 'Ba']))
      .thenThrows('TITLE_REQUIRED', 'unprocessable', 'titles');
    year
      .given(given)
      .when(pledge(['Một', 'Hai', 'Ba'], ['co-thi-dua-bo-cong-an']))
      .then([expect.objectContaining({ type: 'PledgeSigned' })]);
  });

  it('is recorded by the organizer, with a key-task count from 1 to 20 or none', () => {
    year
      .given(yearStarted())
      .when(ey('SetPledgeRules', organizer, { keyTasks: 3, titleRequired: true }))
      .then([
        { type: 'PledgeRulesSet', data: { keyTasks: 3, titleRequired: true, effectiveDate: '2021-11-19' } },
      ]);
    year
      .given(yearStarted())
      .when(ey('SetPledgeRules', officerOf(unitId), { keyTasks: 3, titleRequired: true }))
      .thenThrows('FORBIDDEN', 'forbidden');
    year
      .given(yearStarted())
      .when(ey('SetPledgeRules', organizer, { keyTasks: 0, titleRequired: true }))
      .thenThrows('INVALID_PLEDGE_RULES', 'unprocessable', 'keyTasks');
    year
      .given(yearStarted())
      .when(ey('SetPledgeRules', organizer, { keyTasks: null, titleRequired: false }))
      .then([expect.objectContaining({ type: 'PledgeRulesSet' })]);
  });
});
