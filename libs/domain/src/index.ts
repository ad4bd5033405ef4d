/** The domain as other packages see it: catalog, events, deciders, the evaluator. */
export { type Actor, type Role } from './actor.js';
export { type AwardDecisionContext, type ClusterStanding } from './award-decision/award-decision.commands.js';
export { awardDecisionDecider } from './award-decision/award-decision.decider.js';
export { canonicalJson } from './canonical-json.js';
export { AUTHORITY_LEVELS } from './catalog/authorities.js';
export { AWARD_CATALOG } from './catalog/awards.js';
export { defaultCatalog, findAward } from './catalog/catalog.js';
export { type ClusterCommand, type ClusterContext } from './cluster/cluster.commands.js';
export { clusterDecider } from './cluster/cluster.decider.js';
export { type Decider } from './decider.js';
export {
  type ElectedInPreviousYear,
  type EmulationYearCommand,
  type EmulationYearContext,
  type PledgeContent,
} from './emulation-year/emulation-year.commands.js';
export { emulationYearDecider } from './emulation-year/emulation-year.decider.js';
export { type EmulationYearState } from './emulation-year/emulation-year.state.js';
export { DomainError, notFound, rule } from './errors.js';
export { rankingDigestInput } from './evaluator/digest.js';
export {
  evaluateRanking,
  explainRanking,
  explainYearFold,
  rankYearFold,
  whatIf,
} from './evaluator/evaluate.js';
export {
  type ChainLink,
  type EvaluateOptions,
  type EvaluatorEvent,
  type ExplainedRanking,
  type ExplainedRow,
  type Placement,
  type Ranking,
  type RankingRow,
  type WhatIfDiff,
  type WhatIfResult,
} from './evaluator/evaluator.types.js';
export {
  foldYearEvent,
  initialYearFold,
  isReleased,
  openedPeriods,
  rankingStamp,
  releasePeriod,
  type YearFold,
} from './evaluator/year-fold.js';
export {
  type AwardDecisionIssuedData,
  type AwardItem,
  type AwardRecipient,
  type AwardRevokedData,
} from './events/award-decision.events.js';
export {
  CLUSTER_EVENT_TYPES,
  type ClusterDissolvedData,
  type ClusterFormedData,
  type ClusterRenamedData,
} from './events/cluster.events.js';
export {
  EMULATION_YEAR_EVENT_TYPES,
  type Assessment,
  type BallotCastData,
  type ChairAssignedData,
  type ChairElectedData,
  type ChairPolicySetData,
  type ChairRole,
  type DisputeFiledData,
  type DisputeResolvedData,
  type ElectionClosedData,
  type ElectionOpenedData,
  type EmulationYearEvent,
  type PeriodClosedData,
  type PeriodOpenedData,
  type PeriodReopenedData,
  type PledgeAmendedData,
  type PledgeSignedData,
  type PledgeTarget,
  type ScoreCorrectedData,
  type ScoreRecordedData,
  type ScoreWithdrawnData,
  type ScoringSchemePublishedData,
  type UnitAdmittedData,
  type UnitWithdrawnData,
} from './events/emulation-year.events.js';
export { type MembershipReleasedData, type MembershipReservedData } from './events/membership.events.js';
export { DOMAIN_EVENT_TYPES, schemaVersionOf, type DomainEventType } from './events/schema-versions.js';
export {
  UNIT_EVENT_TYPES,
  type UnitDissolvedData,
  type UnitMergedData,
  type UnitRegisteredData,
  type UnitRenamedData,
} from './events/unit.events.js';
export { type ReleaseMembership } from './membership/membership.commands.js';
export { membershipDecider } from './membership/membership.decider.js';
export { PERIODS, isPeriodCode, type PeriodCode } from './periods.js';
export { type CriterionKind, type ScoringSchemeContent, type TieBreak } from './scheme/scheme.js';
export {
  awardDecisionStream,
  clusterStream,
  emulationStream,
  isValidId,
  membershipStream,
  parseStreamId,
  unitStream,
} from './streams.js';
export { UNIT_KINDS } from './unit/unit-kinds.js';
export { type UnitCommand, type UnitContext, type UnitStatus } from './unit/unit.commands.js';
export { unitDecider } from './unit/unit.decider.js';
export { type Integer } from './integer.js';
export {
  type SubjectTokensRevokedData,
  type TokenRevocationEvent,
  type TokenRevokedData,
} from './events/token-revocation.events.js';
export {
  TOKEN_REVOCATIONS_STREAM,
  type TokenRevocationCommand,
  tokenRevocationDecider,
} from './token-revocation/token-revocation.decider.js';
