import { AWARD_DECISION_EVENT_TYPES } from './award-decision.events.js';
import { CLUSTER_EVENT_TYPES } from './cluster.events.js';
import { EMULATION_YEAR_EVENT_TYPES } from './emulation-year.events.js';
import { MEMBERSHIP_EVENT_TYPES } from './membership.events.js';
import { TOKEN_REVOCATION_EVENT_TYPES } from './token-revocation.events.js';
import { UNIT_EVENT_TYPES } from './unit.events.js';

export type DomainEventType =
  | (typeof UNIT_EVENT_TYPES)[number]
  | (typeof CLUSTER_EVENT_TYPES)[number]
  | (typeof MEMBERSHIP_EVENT_TYPES)[number]
  | (typeof EMULATION_YEAR_EVENT_TYPES)[number]
  | (typeof AWARD_DECISION_EVENT_TYPES)[number]
  | (typeof TOKEN_REVOCATION_EVENT_TYPES)[number];

/**
 * Schema version of each event type's data, written to `metadata.schemaVersion` by the handler.
 * Bump a type's number (and add an upcaster) when its data changes shape.
 */
export const EVENT_SCHEMA_VERSIONS: Readonly<Record<DomainEventType, number>> = Object.fromEntries(
  [
    ...UNIT_EVENT_TYPES,
    ...CLUSTER_EVENT_TYPES,
    ...MEMBERSHIP_EVENT_TYPES,
    ...EMULATION_YEAR_EVENT_TYPES,
    ...AWARD_DECISION_EVENT_TYPES,
    ...TOKEN_REVOCATION_EVENT_TYPES,
  ].map((t) => [t, 1]),
) as Record<DomainEventType, number>;

export function schemaVersionOf(type: string): number {
  const v = (EVENT_SCHEMA_VERSIONS as Record<string, number>)[type];
  if (v === undefined) throw new TypeError(`unknown event type ${type}`);
  return v;
}

export function isDomainEventType(type: string): type is DomainEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_SCHEMA_VERSIONS, type);
}

/** Every event type of the ledger (the unit history's `type` filter names them). */
export const DOMAIN_EVENT_TYPES = Object.keys(EVENT_SCHEMA_VERSIONS) as DomainEventType[];
