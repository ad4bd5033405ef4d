export { EVENT_STORE } from '../../../../libs/event-store/src/event-store.port.js';
export { READ_STORE } from '../../../../libs/read-store/src/read-store.port.js';

/** The ProjectionRunner of this process (started only when projections run in process). */
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
/** The projection definitions the runner serves (allProjections unless a test injects others). */
export const PROJECTION_DEFINITIONS = Symbol('PROJECTION_DEFINITIONS');
/** The pino logger shared by Fastify, Nest and the runner. */
export const LOGGER = Symbol('LOGGER');
