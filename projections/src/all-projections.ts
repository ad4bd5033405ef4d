import { awardRegisterProjection } from './award-register/award-register.projection.js';
import { peopleProjection } from './people/people.projection.js';
import { reportedFiguresProjection } from './reported-figures/reported-figures.projection.js';
import { clusterDirectoryProjection } from './cluster-directory/cluster-directory.projection.js';
import type { ProjectionDefinition } from './projection.js';
import { rankingsProjection } from './rankings/rankings.projection.js';
import { unitHistoryProjection } from './unit-history/unit-history.projection.js';
import { yearlyTotalsProjection } from './yearly-totals/yearly-totals.projection.js';

/** The projections the API and the projector run. Domain features add theirs here. */
export const allProjections: ProjectionDefinition[] = [
  clusterDirectoryProjection(),
  rankingsProjection(),
  unitHistoryProjection(),
  yearlyTotalsProjection(),
  peopleProjection(),
  reportedFiguresProjection(),
  awardRegisterProjection(),
];
