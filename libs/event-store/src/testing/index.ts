/** Test support of the event store (tests only). */
export { rechainLog, resealStream } from './forger.js';
