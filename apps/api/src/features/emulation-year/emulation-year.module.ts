import { Module } from '@nestjs/common';
import { WriteModule } from '../write/write.module.js';
import { FindingsController, InspectionsController } from './assessment/assessment.controller.js';
import { ASSESSMENT_HANDLERS } from './assessment/assessment.handler.js';
import { ChairController } from './chair/chair.controller.js';
import { RecordTitleReviewHandler, TitleReviewController } from './conferences/title-review.controller.js';
import {
  ConferencesController,
  RecordConferenceOrPlanHandler,
} from './conferences/conferences.controller.js';
import { AssignChairHandler, SetChairPolicyHandler } from './chair/chair.handler.js';
import { DisputesController } from './disputes/disputes.controller.js';
import { FileDisputeHandler, ResolveDisputeHandler } from './disputes/disputes.handler.js';
import { ElectionsController } from './elections/elections.controller.js';
import {
  CastBallotHandler,
  CloseElectionHandler,
  OpenElectionHandler,
} from './elections/elections.handler.js';
import { EmulationYearWriter } from './emulation-year.writer.js';
import { MembershipRegistry } from './membership/membership-registry.js';
import { MembershipController } from './membership/membership.controller.js';
import { AdmitUnitHandler, WithdrawUnitHandler } from './membership/membership.handler.js';
import { PeriodsController } from './periods/periods.controller.js';
import { ClosePeriodHandler, OpenPeriodHandler, ReopenPeriodHandler } from './periods/periods.handler.js';
import { PledgesController } from './pledges/pledges.controller.js';
import { AmendPledgeHandler, SetPledgeRulesHandler, SignPledgeHandler } from './pledges/pledges.handler.js';
import { SchemeController } from './scheme/scheme.controller.js';
import { PutSchemeHandler } from './scheme/scheme.handler.js';
import { ScoresController } from './scores/scores.controller.js';
import { CorrectScoreHandler, RecordScoreHandler, WithdrawScoreHandler } from './scores/scores.handler.js';

/** The cluster-year (`emulation-{clusterId}-{year}`): every write route under /clusters/{c}/years/{y}. */
@Module({
  imports: [WriteModule],
  controllers: [
    MembershipController,
    ChairController,
    SchemeController,
    PledgesController,
    PeriodsController,
    ScoresController,
    DisputesController,
    ElectionsController,
    InspectionsController,
    FindingsController,
    ConferencesController,
    TitleReviewController,
  ],
  providers: [
    EmulationYearWriter,
    MembershipRegistry,
    AdmitUnitHandler,
    WithdrawUnitHandler,
    AssignChairHandler,
    SetChairPolicyHandler,
    PutSchemeHandler,
    SignPledgeHandler,
    AmendPledgeHandler,
    SetPledgeRulesHandler,
    OpenPeriodHandler,
    ClosePeriodHandler,
    ReopenPeriodHandler,
    RecordScoreHandler,
    CorrectScoreHandler,
    WithdrawScoreHandler,
    FileDisputeHandler,
    ResolveDisputeHandler,
    OpenElectionHandler,
    CastBallotHandler,
    CloseElectionHandler,
    ...ASSESSMENT_HANDLERS,
    RecordConferenceOrPlanHandler,
    RecordTitleReviewHandler,
  ],
})
export class EmulationYearModule {}
