import { AWARD_DECISION_EVENT_TYPES } from './award-decision.events.js';
import { BLOC_EVENT_TYPES } from './bloc.events.js';
import { CLUSTER_EVENT_TYPES } from './cluster.events.js';
import { DISCIPLINE_EVENT_TYPES } from './discipline.events.js';
import { EMULATION_YEAR_EVENT_TYPES } from './emulation-year.events.js';
import { MEMBERSHIP_EVENT_TYPES } from './membership.events.js';
import { PERSON_EVENT_TYPES, REGISTRATION_EVENT_TYPES } from './person.events.js';
import { REPORTED_FIGURES_EVENT_TYPES } from './reported-figures.events.js';
import { PROPOSAL_EVENT_TYPES } from './proposal.events.js';
import { FLAG_QUOTA_EVENT_TYPES } from './flag-quota.events.js';
import { FLAG_CLAIM_EVENT_TYPES } from './flag-claim.events.js';
import { TITLE_QUOTA_EVENT_TYPES } from './title-quota.events.js';
import { TOKEN_REVOCATION_EVENT_TYPES } from './token-revocation.events.js';
import { UNIT_EVENT_TYPES } from './unit.events.js';
import { WINDOW_EVENT_TYPES } from './window.events.js';

export type DomainEventType =
  | (typeof UNIT_EVENT_TYPES)[number]
  | (typeof CLUSTER_EVENT_TYPES)[number]
  | (typeof MEMBERSHIP_EVENT_TYPES)[number]
  | (typeof EMULATION_YEAR_EVENT_TYPES)[number]
  | (typeof AWARD_DECISION_EVENT_TYPES)[number]
  | (typeof WINDOW_EVENT_TYPES)[number]
  | (typeof DISCIPLINE_EVENT_TYPES)[number]
  | (typeof BLOC_EVENT_TYPES)[number]
  | (typeof TOKEN_REVOCATION_EVENT_TYPES)[number]
  | (typeof PERSON_EVENT_TYPES)[number]
  | (typeof REGISTRATION_EVENT_TYPES)[number]
  | (typeof REPORTED_FIGURES_EVENT_TYPES)[number]
  | (typeof PROPOSAL_EVENT_TYPES)[number]
  | (typeof FLAG_QUOTA_EVENT_TYPES)[number]
  | (typeof FLAG_CLAIM_EVENT_TYPES)[number]
  | (typeof TITLE_QUOTA_EVENT_TYPES)[number];

/**
 * The event types recorded before business dates existed: their version 2 adds `effectiveDate` (and a
 * scoring scheme's `classifyIncomplete`), and a stored version 1 is upcast on read (upcast.ts).
 */
export const DATED_SINCE_V2: ReadonlySet<string> = new Set([
  'UnitRegistered',
  'UnitRenamed',
  'UnitMerged',
  'UnitDissolved',
  'ClusterFormed',
  'ClusterRenamed',
  'ClusterDissolved',
  'UnitAdmitted',
  'UnitWithdrawn',
  'ChairAssigned',
  'ChairPolicySet',
  'ScoringSchemePublished',
  'ScoringSchemeAmended',
  'PledgeSigned',
  'PledgeAmended',
  'PeriodOpened',
  'PeriodClosed',
  'PeriodReopened',
  'ScoreRecorded',
  'ScoreCorrected',
  'ScoreWithdrawn',
  'DisputeFiled',
  'DisputeResolved',
  'ElectionOpened',
  'BallotCast',
  'ElectionClosed',
  'ChairElected',
  'AwardRevoked',
]);

const ALL_TYPES: readonly DomainEventType[] = [
  ...UNIT_EVENT_TYPES,
  ...CLUSTER_EVENT_TYPES,
  ...MEMBERSHIP_EVENT_TYPES,
  ...EMULATION_YEAR_EVENT_TYPES,
  ...AWARD_DECISION_EVENT_TYPES,
  ...WINDOW_EVENT_TYPES,
  ...DISCIPLINE_EVENT_TYPES,
  ...BLOC_EVENT_TYPES,
  ...TOKEN_REVOCATION_EVENT_TYPES,
  ...PERSON_EVENT_TYPES,
  ...REGISTRATION_EVENT_TYPES,
  ...REPORTED_FIGURES_EVENT_TYPES,
  ...PROPOSAL_EVENT_TYPES,
  ...FLAG_QUOTA_EVENT_TYPES,
  ...FLAG_CLAIM_EVENT_TYPES,
  ...TITLE_QUOTA_EVENT_TYPES,
];

/**
 * Schema version of each event type's data, written to `metadata.schemaVersion` by the handler.
 * Bump a type's number (and add its upcast in upcast.ts) when its data changes shape.
 */
export const EVENT_SCHEMA_VERSIONS: Readonly<Record<DomainEventType, number>> = Object.fromEntries(
  ALL_TYPES.map((t) => [t, DATED_SINCE_V2.has(t) ? 2 : 1]),
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
