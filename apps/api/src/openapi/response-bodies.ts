import type { VerifyReport } from '@thidua/event-store';
import type {
  ClusterDoc,
  ClusterYearDoc,
  ExplainedRankingDocument,
  ProjectionStatusReport,
  RankingDocument,
  UnitDoc,
  UnitHistoryPage,
} from '@thidua/projections';
import type { RebuildAccepted } from '../admin/admin.types.js';
import type { IssuedDigest, PublicKey, StreamEventsPage } from '../audit/audit.types.js';
import type { TokenRevocations } from '../auth/revocation-list.js';
import type { ErrorBody } from '../common/api-error.js';
import type { AwardDecisionIssued, AwardRevoked } from '../features/awards/awards.command.js';
import type { AwardRead } from '../features/awards/award-read.js';
import type { ComplaintFiled } from '../features/complaints/complaints.handler.js';
import type {
  CouncilMeetingHeld,
  ProposalCommentReceived,
  ProposalSubmitted,
} from '../features/proposals/proposals.handler.js';
import type { DisciplineCaseOpened } from '../features/discipline/discipline.handler.js';
import type { FindingRecorded } from '../features/emulation-year/assessment/assessment.command.js';
import type {
  ConferenceHeld,
  PlanIssued,
  TitleReviewHeld,
} from '../features/emulation-year/conferences/conferences.types.js';
import type { DisputeFiled } from '../features/emulation-year/disputes/disputes.command.js';
import type { ElectionOpened } from '../features/emulation-year/elections/elections.command.js';
import type { ScoreRecorded } from '../features/emulation-year/scores/scores.command.js';
import type { ClusterYearChange } from '../features/live/live.types.js';
import type {
  ClusterList,
  Organizer,
  OrganizerList,
  PledgeList,
  UnitList,
} from '../features/queries/directory.queries.js';
import type { PersonView } from '../features/people/people.query.js';
import type { AwardList } from '../features/award-register/award-list.query.js';
import type { UnitPeople } from '../features/people/unit-people.query.js';
import type { ProposalView } from '../features/proposals/proposal-read.js';
import type { TotalsAnswer } from '../features/totals/reported-comparison.js';
import type { WhatIfAnswer } from '../features/queries/rankings.queries.js';
import type { Liveness, NotReady, Readiness } from '../health/health.types.js';
import type { CommandResult } from '../write-model/command-result.js';

/**
 * Every body the API answers, by the name its schema has in the OpenAPI document: the one list the
 * response schemas are generated from (`npm run openapi` → response-schemas.generated.ts), and what
 * @ApiResult / @ApiCommand check a route's return type against. Add a route's answer here, by its type.
 */
export interface ResponseBodies {
  ErrorBody: ErrorBody;
  // Commands
  CommandResult: CommandResult;
  ScoreRecorded: ScoreRecorded;
  DisputeFiled: DisputeFiled;
  ElectionOpened: ElectionOpened;
  AwardDecisionIssued: AwardDecisionIssued;
  AwardRevoked: AwardRevoked;
  FindingRecorded: FindingRecorded;
  ConferenceHeld: ConferenceHeld;
  PlanIssued: PlanIssued;
  ComplaintFiled: ComplaintFiled;
  DisciplineCaseOpened: DisciplineCaseOpened;
  ProposalSubmitted: ProposalSubmitted;
  ProposalCommentReceived: ProposalCommentReceived;
  CouncilMeetingHeld: CouncilMeetingHeld;
  TitleReviewHeld: TitleReviewHeld;
  AwardRead: AwardRead;
  // Directory
  ClusterList: ClusterList;
  ClusterDoc: ClusterDoc;
  ClusterYearDoc: ClusterYearDoc;
  PledgeList: PledgeList;
  UnitList: UnitList;
  UnitDoc: UnitDoc;
  OrganizerList: OrganizerList;
  Organizer: Organizer;
  // Rankings
  RankingDocument: RankingDocument;
  ExplainedRankingDocument: ExplainedRankingDocument;
  WhatIfAnswer: WhatIfAnswer;
  // History, totals, live updates
  UnitHistoryPage: UnitHistoryPage;
  TotalsDoc: TotalsAnswer;
  PersonView: PersonView;
  AwardList: AwardList;
  UnitPeople: UnitPeople;
  ProposalView: ProposalView;
  ClusterYearChange: ClusterYearChange;
  // Audit
  StreamEventsPage: StreamEventsPage;
  VerifyReport: VerifyReport;
  IssuedDigest: IssuedDigest;
  PublicKey: PublicKey;
  // Administration and operations
  ProjectionStatusList: ProjectionStatusReport[];
  RebuildAccepted: RebuildAccepted;
  TokenRevocations: TokenRevocations;
  Liveness: Liveness;
  Readiness: Readiness;
  NotReady: NotReady;
}
