import type { ProjectionDefinition } from './projection.js';

/** The projections the API and the projector run. Domain features add theirs here. */
export const allProjections: ProjectionDefinition[] = [];
