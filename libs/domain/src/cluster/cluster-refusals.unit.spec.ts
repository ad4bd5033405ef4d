import type { ClusterEvent } from '../events/cluster.events.js';
import { spec } from '../testing/given-when-then.js';
import { admin, AT, CLUSTER, organizer, ORGANIZER_UNIT } from '../testing/fixtures.js';
import type { ClusterCommand } from './cluster.commands.js';
import { clusterDecider } from './cluster.decider.js';

// The fields the cluster decider's refusals name (cluster.decider.ts), and what a renaming must change.
const clusters = spec(clusterDecider, { organizerStatus: 'active' });
const NAME = 'Cụm thi đua số 2';
const formed = (): ClusterEvent[] => [
  {
    type: 'ClusterFormed',
    data: { clusterId: CLUSTER, organizerUnitId: ORGANIZER_UNIT, number: 2, name: NAME },
  },
];
const form = (over: object): ClusterCommand =>
  ({
    type: 'FormCluster',
    actor: admin,
    at: AT,
    data: { clusterId: CLUSTER, organizerUnitId: ORGANIZER_UNIT, number: 2, name: NAME, ...over },
  }) as ClusterCommand;
const rename = (data: object): ClusterCommand =>
  ({
    type: 'RenameCluster',
    actor: organizer,
    at: AT,
    data: { clusterId: CLUSTER, ...data },
  }) as ClusterCommand;

describe('forming a cluster', () => {
  it('refuses ids that are not ids and an empty name', () => {
    clusters
      .given([])
      .when(form({ clusterId: 'Cụm 2' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'clusterId');
    clusters
      .given([])
      .when(form({ organizerUnitId: 'Bộ Công an' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'organizerUnitId');
    clusters
      .given([])
      .when(form({ blocId: 'Khối 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'blocId');
    clusters
      .given([])
      .when(form({ name: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'name');
  });
});

describe('renaming a cluster', () => {
  it('changes its name, its number, or both; refuses an empty name and a bad number', () => {
    for (const [name, number] of [
      [NAME, 3],
      ['Cụm thi đua số 2 (Khối các đơn vị trực thuộc Bộ trưởng)', 2],
    ] as const)
      clusters
        .given(formed())
        .when(rename({ name, number }))
        .then([
          expect.objectContaining({
            data: expect.objectContaining({ name, number, previousName: NAME, previousNumber: 2 }),
          }),
        ]);
    clusters
      .given(formed())
      .when(rename({ name: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'name');
    clusters
      .given(formed())
      .when(rename({ name: NAME, number: -3 }))
      .thenThrows('INVALID_NUMBER', 'unprocessable', 'number');
  });
});

describe('what the cluster fold keeps', () => {
  it('its organizer, number, name, bloc and formation date; then the new name and number; then that it is dissolved', () => {
    const formedOn: ClusterEvent = {
      type: 'ClusterFormed',
      data: {
        clusterId: CLUSTER,
        organizerUnitId: ORGANIZER_UNIT,
        number: 2,
        name: NAME,
        blocId: 'bca-khoi-1',
        effectiveDate: '2021-01-05',
      },
    };
    const base = {
      status: 'active',
      clusterId: CLUSTER,
      organizerUnitId: ORGANIZER_UNIT,
      number: 2,
      name: NAME,
      blocId: 'bca-khoi-1',
      formedOn: '2021-01-05',
    };
    expect(clusters.given([formedOn]).state).toStrictEqual(base);
    const renamed: ClusterEvent = {
      type: 'ClusterRenamed',
      data: { clusterId: CLUSTER, name: 'Cụm 3', number: 3, previousName: NAME, previousNumber: 2 },
    };
    expect(clusters.given([formedOn, renamed]).state).toStrictEqual({ ...base, name: 'Cụm 3', number: 3 });
    const dissolved: ClusterEvent = { type: 'ClusterDissolved', data: { clusterId: CLUSTER, reason: 'r' } };
    expect(clusters.given([formedOn, dissolved]).state).toStrictEqual({ ...base, status: 'dissolved' });
  });

  it('no formation date when the event has none', () => {
    expect(clusters.given(formed()).state).toStrictEqual({
      status: 'active',
      clusterId: CLUSTER,
      organizerUnitId: ORGANIZER_UNIT,
      number: 2,
      name: NAME,
    });
  });
});
