/** The projections, their documents (the read contract) and the runner. */
export { allProjections } from './all-projections.js';
export { clusterDirectoryProjection } from './cluster-directory/cluster-directory.projection.js';
export {
  CLUSTERS,
  CLUSTER_YEARS,
  DIRECTORY_PROJECTION,
  PLEDGES,
  UNITS,
  clusterYearId,
  type ClusterDoc,
  type ClusterYearDoc,
  type PledgeDoc,
  type UnitDoc,
} from './cluster-directory/directory.documents.js';
export { type ProjectionDefinition } from './projection.js';
export {
  RANKINGS_COLLECTION,
  RANKINGS_PROJECTION,
  rankingDigest,
  rankingDocId,
  rankingDocument,
  withUnitNames,
  type ExplainedRankingDocument,
  type NamedExplainedRow,
  type NamedRankingRow,
  type RankingDocument,
  type RankingIntegrityFailure,
  type UnitNames,
} from './rankings/ranking-document.js';
export { rankingsProjection } from './rankings/rankings.projection.js';
export { ProjectionFollower } from './runner/projection-follower.js';
export { ProjectionRunner } from './runner/projection-runner.js';
export {
  PROJECTION_THREAD_NAME,
  type ProjectionReadView,
  type ProjectionStatusReport,
} from './runner/runner-types.js';
export { UNIT_HISTORY_PROJECTION } from './unit-history/unit-history.documents.js';
export { KeptHistoryDocs } from './unit-history/lookups.js';
export {
  KEPT_ENTRY_BYTES,
  KeptHistoryEntries,
  readUnitHistoryEntries,
  type EntryBytes,
  type PageEntry,
} from './unit-history/kept-entries.js';
export { jsonBytes } from './json-bytes.js';
export { pageBytes } from './unit-history/page-bytes.js';
export {
  HISTORY_SCAN_LIMIT,
  readUnitHistory,
  type HistoryFilter,
  type HistoryPageOf,
  type UnitHistoryPage,
} from './unit-history/unit-history.query.js';
export { emptyTotals } from './yearly-totals/tally.js';
export {
  TOTALS,
  TOTALS_SUBTREES,
  YEARLY_TOTALS_PROJECTION,
  totalsDocId,
  type TotalsDoc,
  type TotalsScope,
} from './yearly-totals/yearly-totals.documents.js';
export { yearlyTotalsProjection } from './yearly-totals/yearly-totals.projection.js';
export {
  AWARD_HOLDERS,
  PEOPLE_PROJECTION,
  PERSONS,
  type BasisDoc,
  type BasisNoLongerHolds,
  type PersonAwardDoc,
  type PersonDoc,
} from './people/people.documents.js';
export { peopleProjection } from './people/people.projection.js';
export {
  REPORTED,
  REPORTED_FIGURES_PROJECTION,
  reportedDocId,
  type ReportedFiguresDoc,
} from './reported-figures/reported-figures.documents.js';
export { reportedFiguresProjection } from './reported-figures/reported-figures.projection.js';
export { sourceEvent, type SourceEvent } from './source-event.js';
export {
  AWARD_ENTRIES,
  AWARD_REGISTER_PROJECTION,
  type AwardEntryDoc,
  type AwardRevocationDoc,
} from './award-register/award-register.documents.js';
export { awardRegisterProjection } from './award-register/award-register.projection.js';
