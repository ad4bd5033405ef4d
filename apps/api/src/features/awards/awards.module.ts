import { Module } from '@nestjs/common';
import { WriteModule } from '../write/write.module.js';
import { AwardBasisController, ConfirmFlagBasisHandler } from './award-basis.controller.js';
import { AwardReader } from './award-read.js';
import { AwardsController } from './awards.controller.js';
import { AWARD_HANDLERS } from './awards.handler.js';
import { ClusterStandings } from './cluster-standings.js';
import { AwardPeople } from './award-people.js';
import { AwardProposalClaims } from './award-proposal-claims.js';
import { AwardFlagClaims } from './award-flag-claims.js';
import { AwardTitleQuota } from './award-title-quota.js';
import { ReadModels } from '../../common/read-models.js';
import { ClaimReconciler } from './claim-reconciler.js';
import { InFlightDecisions } from './in-flight-decisions.js';

@Module({
  imports: [WriteModule],
  controllers: [AwardsController, AwardBasisController],
  providers: [
    InFlightDecisions,
    ClaimReconciler,
    ClusterStandings,
    AwardPeople,
    AwardProposalClaims,
    AwardFlagClaims,
    AwardTitleQuota,
    ReadModels,
    AwardReader,
    ConfirmFlagBasisHandler,
    ...AWARD_HANDLERS,
  ],
})
export class AwardsModule {}
