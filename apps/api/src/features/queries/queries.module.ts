import { Module } from '@nestjs/common';
import { ClusterYearEvents } from './cluster-year-events.js';
import { DirectoryController } from './directory.controller.js';
import { YearLogs } from './year-logs.js';
import { GetClusterYearHandler, GetPledgesHandler, ListClustersHandler } from './directory.handlers.js';
import { RankingsController } from './rankings.controller.js';
import { ExplainRankingHandler, GetRankingHandler, WhatIfHandler } from './rankings.handlers.js';
import { ReadModels } from '../../common/read-models.js';
import { RankingIntegrity } from '../../integrity/ranking-integrity.js';
import { UnitNameReader } from './unit-names.js';
import { OrganizersController, UnitsDirectoryController } from './units-organizers.controller.js';
import {
  GetClusterHandler,
  GetOrganizerHandler,
  GetUnitHandler,
  ListOrganizersHandler,
  ListUnitsHandler,
} from './units-organizers.handlers.js';

/** The read side: directory (clusters, units, organizers), pledges, rankings, explain, what-if (QueryBus handlers). */
@Module({
  controllers: [DirectoryController, RankingsController, UnitsDirectoryController, OrganizersController],
  providers: [
    ReadModels,
    RankingIntegrity,
    ClusterYearEvents,
    YearLogs,
    UnitNameReader,
    ListClustersHandler,
    GetClusterHandler,
    ListUnitsHandler,
    GetUnitHandler,
    ListOrganizersHandler,
    GetOrganizerHandler,
    GetClusterYearHandler,
    GetPledgesHandler,
    GetRankingHandler,
    ExplainRankingHandler,
    WhatIfHandler,
  ],
})
export class QueriesModule {}
