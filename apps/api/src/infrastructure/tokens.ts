export { EVENT_STORE } from '@thidua/event-store';
export { READ_STORE } from '@thidua/read-store';

/**
 * What this process knows of the projections, a ProjectionReadView (status, waitFor, target): the
 * ProjectionRunner when it runs them (PROJECTIONS_IN_PROCESS, apps/projector), else a ProjectionFollower
 * reading what apps/projector records in the read store. Only the runner has `rebuild`.
 */
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
/** The projection definitions the runner serves (allProjections unless a test injects others). */
export const PROJECTION_DEFINITIONS = Symbol('PROJECTION_DEFINITIONS');
/** The pino logger shared by Fastify, Nest and the runner. */
export const LOGGER = Symbol('LOGGER');
/**
 * The VerifyingEventStore under EVENT_STORE, as LogIntegrity: the failures found (readiness, ranking
 * reads) and the unverified store for the tools that report on a broken log (verify).
 */
export const LOG_INTEGRITY = Symbol('LOG_INTEGRITY');
