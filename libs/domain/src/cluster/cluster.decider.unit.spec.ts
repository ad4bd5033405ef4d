import type { ClusterEvent } from '../events/cluster.events.js';
import { spec } from '../testing/given-when-then.js';
import {
  admin,
  AT,
  CLUSTER,
  officerOf,
  organizer,
  ORGANIZER_UNIT,
  otherOrganizer,
  dated,
} from '../testing/fixtures.js';
import type { ClusterCommand } from './cluster.commands.js';
import { clusterDecider } from './cluster.decider.js';

const cluster = spec(clusterDecider, {});
const NAME = 'Cụm thi đua số 2 - Khối các đơn vị thuộc Bộ trưởng';
const formed: ClusterEvent[] = [
  {
    type: 'ClusterFormed',
    data: { clusterId: CLUSTER, organizerUnitId: ORGANIZER_UNIT, number: 2, name: NAME },
  },
];
const form = (actor = admin, number = 2): ClusterCommand => ({
  type: 'FormCluster',
  actor,
  at: AT,
  data: { clusterId: CLUSTER, organizerUnitId: ORGANIZER_UNIT, number, name: NAME },
});

describe('cluster decider', () => {
  it('an administrator forms a cluster for an active organizer unit', () => {
    cluster.given([]).when(form(), { organizerStatus: 'active' }).then(dated(formed));
  });

  it('refuses to form twice, for an inactive organizer, with a bad number, or by anyone but an admin', () => {
    cluster
      .given(formed)
      .when(form(), { organizerStatus: 'active' })
      .thenThrows('CLUSTER_ALREADY_FORMED', 'conflict', 'clusterId');
    cluster
      .given([])
      .when(form(), { organizerStatus: 'dissolved' })
      .thenThrows('ORGANIZER_NOT_ACTIVE', 'unprocessable', 'organizerUnitId');
    cluster
      .given([])
      .when(form(admin, 0), { organizerStatus: 'active' })
      .thenThrows('INVALID_NUMBER', 'unprocessable', 'number');
    cluster
      .given([])
      .when(form(organizer), { organizerStatus: 'active' })
      .thenThrows('FORBIDDEN', 'forbidden');
  });

  it('its organizer (or an admin) renames and dissolves it; nobody else', () => {
    const rename = (actor = organizer): ClusterCommand => ({
      type: 'RenameCluster',
      actor,
      at: AT,
      data: { clusterId: CLUSTER, name: 'Cụm thi đua số 3', number: 3 },
    });
    cluster
      .given(formed)
      .when(rename())
      .then(
        dated([
          {
            type: 'ClusterRenamed',
            data: {
              clusterId: CLUSTER,
              name: 'Cụm thi đua số 3',
              number: 3,
              previousName: NAME,
              previousNumber: 2,
            },
          },
        ]),
      );
    cluster
      .given(formed)
      .when(rename(admin))
      .then(dated([expect.objectContaining({ type: 'ClusterRenamed' })]));
    cluster.given(formed).when(rename(otherOrganizer)).thenThrows('FORBIDDEN', 'forbidden');
    cluster
      .given(formed)
      .when(rename(officerOf(ORGANIZER_UNIT)))
      .thenThrows('FORBIDDEN', 'forbidden');
    const dissolve: ClusterCommand = {
      type: 'DissolveCluster',
      actor: organizer,
      at: AT,
      data: { clusterId: CLUSTER, reason: 'tái cơ cấu' },
    };
    cluster
      .given(formed)
      .when(dissolve)
      .then(dated([{ type: 'ClusterDissolved', data: { clusterId: CLUSTER, reason: 'tái cơ cấu' } }]));
    const dissolved = [
      ...formed,
      { type: 'ClusterDissolved', data: { clusterId: CLUSTER, reason: 'r' } } as ClusterEvent,
    ];
    cluster.given(dissolved).when(rename()).thenThrows('CLUSTER_DISSOLVED', 'unprocessable', 'clusterId');
    cluster.given([]).when(rename()).thenThrows('CLUSTER_NOT_FOUND', 'not-found', 'clusterId');
    cluster
      .given(formed)
      .when({ type: 'RenameCluster', actor: organizer, at: AT, data: { clusterId: CLUSTER, name: NAME } })
      .thenThrows('NO_CHANGE', 'unprocessable', 'name');
  });
});
