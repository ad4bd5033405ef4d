/** Public API of the pure domain (DESIGN.md §2): catalog, events, deciders, evaluator. */
export * from './actor.js';
export * from './canonical-json.js';
export * from './decider.js';
export type { Bucketed } from './bucketed.js';
export * from './errors.js';
export * from './periods.js';
export * from './streams.js';
export * from './validation.js';

export * from './catalog/authorities.js';
export * from './catalog/awards.js';
export * from './catalog/catalog.js';

export * from './events/event.js';
export * from './events/unit.events.js';
export * from './events/cluster.events.js';
export * from './events/membership.events.js';
export * from './events/emulation-year.events.js';
export * from './events/award-decision.events.js';
export * from './events/schema-versions.js';
export * from './events/domain-event.js';

export * from './scheme/scheme.js';

export * from './unit/unit-kinds.js';
export * from './unit/unit.commands.js';
export * from './unit/unit.state.js';
export * from './unit/unit.decider.js';

export * from './cluster/cluster.commands.js';
export * from './cluster/cluster.state.js';
export * from './cluster/cluster.decider.js';

export * from './membership/membership.commands.js';
export * from './membership/membership.state.js';
export * from './membership/membership.decider.js';

export * from './emulation-year/emulation-year.commands.js';
export * from './emulation-year/emulation-year.state.js';
export * from './emulation-year/emulation-year.decider.js';
export { KEY_TASKS_PER_PLEDGE } from './emulation-year/decide-pledge.js';
export { tallyElection } from './emulation-year/decide-elections.js';

export * from './award-decision/award-decision.commands.js';
export * from './award-decision/award-decision.state.js';
export * from './award-decision/award-decision.decider.js';

export * from './evaluator/evaluator.types.js';
export * from './evaluator/evaluate.js';
export * from './evaluator/digest.js';
