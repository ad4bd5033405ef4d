/** The domain as other packages see it: catalog, events, deciders, the evaluator. */
export { type Actor, type Role } from './actor.js';
export {
  type AwardDecisionCommand,
  type AwardDecisionContext,
  type ClusterStanding,
} from './award-decision/award-decision.commands.js';
export { awardDecisionDecider } from './award-decision/award-decision.decider.js';
export { businessDateOf, upcastEvent, type UpcastSource } from './events/upcast.js';
export { type EmulationWindow, recordingDate } from './business-date.js';
export { canonicalJson } from './canonical-json.js';
export { AUTHORITY_LEVELS } from './catalog/authorities.js';
export { AWARD_CATALOG } from './catalog/awards.js';
export { defaultCatalog, findAward } from './catalog/catalog.js';
export { type ClusterCommand, type ClusterContext } from './cluster/cluster.commands.js';
export { clusterDecider } from './cluster/cluster.decider.js';
export { type Decider } from './decider.js';
export { blocDecider, type BlocCommand, type BlocContext } from './bloc/bloc.decider.js';
export { BLOC_EVENT_TYPES, type BlocFormedData } from './events/bloc.events.js';
export { DEFAULT_COMPLAINT_POLICY, type ComplaintPolicy } from './complaints/complaint-policy.js';
export {
  COMPLAINT_EVENT_TYPES,
  type ComplaintAuthority,
  type ComplaintEscalatedData,
  type ComplaintFiledData,
  type ComplaintFiler,
  type ComplaintResolvedData,
  type ComplaintTarget,
} from './events/complaint.events.js';
export { type DisciplineCommand, type DisciplineContext } from './discipline/discipline.commands.js';
export { disciplineDecider } from './discipline/discipline.decider.js';
export { type DisciplineState } from './discipline/discipline.state.js';
export {
  DISCIPLINE_EVENT_TYPES,
  type DisciplineCaseOpenedData,
  type DisciplineClearedData,
  type DisciplineDecidedData,
  type DisciplineSubject,
} from './events/discipline.events.js';
export {
  type ElectedInPreviousYear,
  type EmulationYearCommand,
  type EmulationYearContext,
  type PledgeContent,
} from './emulation-year/emulation-year.commands.js';
export { emulationYearDecider } from './emulation-year/emulation-year.decider.js';
export { type EmulationYearState } from './emulation-year/emulation-year.state.js';
export { DomainError, notFound, rule } from './errors.js';
export { rankingDigestInput, writeRankingDigestInput } from './evaluator/digest.js';
export {
  evaluateRanking,
  explainRanking,
  explainYearFold,
  rankYearFold,
  whatIf,
  whatIfYearFold,
} from './evaluator/evaluate.js';
export {
  type CapRef,
  type ChainLink,
  type EvaluateOptions,
  type EvaluatorEvent,
  type ExplainedRanking,
  type ExplainedRow,
  type PlacedRanking,
  type PlacedRow,
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
  beginsWithLog,
  extendYearLog,
  foldYearLog,
  yearLog,
  type YearLog,
  type YearLogCut,
} from './evaluator/year-log.js';
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
  type SecretBallotCastData,
  type TitleReviewHeldData,
  type ElectionRule,
  type ChairAssignedData,
  type ChairElectedData,
  type ChairPolicySetData,
  type ChairRole,
  CONFERENCE_KINDS,
  type ConferenceHeldData,
  type ConferenceKind,
  type PlanIssuedData,
  type DisputeFiledData,
  type DisputeResolvedData,
  type ElectionClosedData,
  type ElectionOpenedData,
  type EmulationYearEvent,
  type FindingClearedData,
  type FindingRecordedData,
  type InspectionAssignedData,
  type PeriodClosedData,
  type PeriodOpenedData,
  type PeriodReopenedData,
  type PledgeAmendedData,
  type PledgeRulesSetData,
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
export {
  type CriterionKind,
  type KnockOut,
  type ScoringSchemeContent,
  type TieBreak,
} from './scheme/scheme.js';
export {
  awardDecisionStream,
  blocStream,
  clusterStream,
  disciplineStream,
  emulationStream,
  isValidId,
  membershipStream,
  parseStreamId,
  personStream,
  registrationStream,
  reportedFiguresStream,
  unitStream,
  windowStream,
} from './streams.js';
export { UNIT_KINDS } from './unit/unit-kinds.js';
export { type EmulationWindowSetData, WINDOW_EVENT_TYPES } from './events/window.events.js';
export { type WindowCommand, type WindowContext } from './window/window.commands.js';
export { windowDecider } from './window/window.decider.js';
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
// People (cá nhân), their title registrations and register (issue 12, part A).
export {
  PERSON_EVENT_TYPES,
  REGISTRATION_EVENT_TYPES,
  type PersonErasedData,
  type PersonEvent,
  type PersonRegisteredData,
  type PersonTransferredData,
  type PrerequisiteBasis,
  type PriorTitleRecordedData,
  type RegistrationDeadlineSetData,
  type SealedPersonal,
  type TitleClaimedData,
  type TitleClaimReleasedData,
  type TitleRegisteredData,
} from './events/person.events.js';
export { type PersonCommand, type PersonContext } from './person/person.commands.js';
export { personDecider } from './person/person.decider.js';
export { type HeldTitle, type PersonState } from './person/person.state.js';
export {
  registrationDeadlineDecider,
  type SetRegistrationDeadline,
} from './person/registration-deadline.decider.js';
export { TITLE_RULES, defaultTitleRules, type TitleRule, type TitleRules } from './catalog/title-rules.js';
export { REVOCATION_GROUNDS, type RevocationGround } from './events/award-decision.events.js';
export { RECIPIENT_LEVELS, type UnitLevel, unitLevelOf } from './catalog/unit-levels.js';
// Reported figures (issue 12, part A): recorded as stated, shown beside the awards recorded.
export {
  REPORTED_FIGURES_EVENT_TYPES,
  type ReportedFiguresRecordedData,
} from './events/reported-figures.events.js';
export {
  reportedFiguresDecider,
  type RecordReportedFigures,
  type ReportedFiguresContext,
} from './reported-figures/reported-figures.decider.js';

// Proposals (issue 12, part B): tờ trình, public notice, council, forward or return.
export {
  PROPOSAL_EVENT_TYPES,
  type CouncilMeetingHeldData,
  type CouncilThreshold,
  type CouncilVoteRecordedData,
  type ProposalCommentReceivedData,
  type ProposalDocument,
  type ProposalEvent,
  type ProposalForwardedData,
  type ProposalItem,
  type ProposalPublishedData,
  type ProposalReturnedData,
  type ProposalItemClaimedData,
  type ProposalItemClaimReleasedData,
  type ProposalSubmittedData,
  type ProposedRecipient,
} from './events/proposal.events.js';
export { proposalDecider } from './proposal/proposal.decider.js';
export {
  type ProposalCommand,
  type ProposalContext,
  proposalStreamOf,
} from './proposal/proposal.commands.js';
export { type ProposalState, type ProposalItemState } from './proposal/proposal.state.js';
export { PROPOSAL_RULES, proposalRuleOf, type ProposalRule } from './proposal/council-rules.js';
export { workingDaysBetween, fixedHolidays } from './proposal/working-days.js';
export { proposalStream } from './streams.js';
export { type HeldRecipient } from './award-decision/decide-proposal-link.js';
// Cluster flags (issue 12, part B): the organizer's recorded quota, each flag's basis.
export {
  type FlagQuotaRule,
  type FlagQuotaSetData,
  FLAG_QUOTA_EVENT_TYPES,
} from './events/flag-quota.events.js';
export {
  flagQuotaDecider,
  quotaOf,
  type FlagQuotaState,
  type SetFlagQuota,
} from './flag-quota/flag-quota.decider.js';
export { flagQuotaStream, flagClaimsStream, titleQuotaStream } from './streams.js';
export {
  type UnitTitleClaimedData,
  type UnitTitleClaimReleasedData,
  type UnitTitleBaselineRecordedData,
  TITLE_QUOTA_EVENT_TYPES,
} from './events/title-quota.events.js';
export {
  titleQuotaDecider,
  unitTitleCountsOf,
  quotaCodes,
  type TitleQuotaCommand,
  type TitleQuotaState,
  type UnitTitleClaimInput,
} from './title-quota/title-quota.decider.js';
export {
  type FlagClaimedData,
  type FlagClaimReleasedData,
  FLAG_CLAIM_EVENT_TYPES,
} from './events/flag-claim.events.js';
export {
  flagClaimsDecider,
  flagsConferred,
  type FlagClaimCommand,
  type FlagClaimInput,
  type FlagClaimsState,
  type RecordedFlag,
} from './flag-quota/flag-claims.decider.js';
export { flagBasisIssues } from './award-decision/flag-basis.js';
export { prerequisiteRevoked, type BasisIssue } from './award-decision/basis-issues.js';
export { GOVERNMENT_FLAG, MINISTRY_FLAG } from './award-decision/decide-flag-quota.js';
export {
  type AwardDecisionEvent,
  type FlagBasis,
  type FlagBasisConfirmedData,
} from './events/award-decision.events.js';
