/** Test projections and events for tests of other packages (never imported by production code). */
export { interleave, syntheticWorld, syntheticYear, type SyntheticYear } from './rankings/synthetic-year.js';
export { streamCounterProjection } from './stream-counter.projection.js';
export { testEvent } from './test-events.js';
export { InterruptibleStore, SINCE as OUTAGE_SINCE } from './interruptible-store.js';
