import { Module } from '@nestjs/common';
import { ClusterYearEvents } from './cluster-year-events.js';
import { DirectoryController } from './directory.controller.js';
import { GetClusterYearHandler, GetPledgesHandler, ListClustersHandler } from './directory.handlers.js';
import { RankingsController } from './rankings.controller.js';
import { ExplainRankingHandler, GetRankingHandler, WhatIfHandler } from './rankings.handlers.js';
import { ReadModels } from '../../common/read-models.js';
import { RankingIntegrity } from '../../integrity/ranking-integrity.js';

/** The read side of issue 3: directory, pledges, rankings, explain, what-if (QueryBus handlers). */
@Module({
  controllers: [DirectoryController, RankingsController],
  providers: [
    ReadModels,
    RankingIntegrity,
    ClusterYearEvents,
    ListClustersHandler,
    GetClusterYearHandler,
    GetPledgesHandler,
    GetRankingHandler,
    ExplainRankingHandler,
    WhatIfHandler,
  ],
})
export class QueriesModule {}
