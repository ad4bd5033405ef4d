import type { DynamicModule, Type } from '@nestjs/common';
import { AwardsModule } from './features/awards/awards.module.js';
import { AwardRegisterModule } from './features/award-register/award-register.module.js';
import { ClustersModule } from './features/clusters/clusters.module.js';
import { ComplaintsModule } from './features/complaints/complaints.module.js';
import { DisciplineModule } from './features/discipline/discipline.module.js';
import { EmulationYearModule } from './features/emulation-year/emulation-year.module.js';
import { HistoryModule } from './features/history/history.module.js';
import { PeopleModule } from './features/people/people.module.js';
import { ReportedFiguresModule } from './features/reported-figures/reported-figures.module.js';
import { OrganizersModule } from './features/organizers/organizers.module.js';
import { ProposalsModule } from './features/proposals/proposals.module.js';
import { LiveModule } from './features/live/live.module.js';
import { QueriesModule } from './features/queries/queries.module.js';
import { TotalsModule } from './features/totals/totals.module.js';
import { TokenRevocationsModule } from './features/token-revocations/token-revocations.controller.js';
import { UnitsModule } from './features/units/units.module.js';

/**
 * Feature modules (units, clusters, emulation years, awards, queries). Each feature adds its
 * module here; app.module.ts imports them all. Kept apart so features never edit the shell.
 */
export const featureModules: Array<Type | DynamicModule> = [
  // Write side: units, clusters, cluster-years (commands).
  UnitsModule,
  ClustersModule,
  OrganizersModule,
  EmulationYearModule,
  // Read side: directory, pledges, rankings (queries).
  QueriesModule,
  // Awards (commands), unit history and yearly totals (queries).
  AwardsModule,
  ComplaintsModule,
  DisciplineModule,
  PeopleModule,
  ReportedFiguresModule,
  // Proposals, public notice, council (issue 12, part B).
  ProposalsModule,
  HistoryModule,
  TotalsModule,
  AwardRegisterModule,
  // Live updates of a cluster-year (Server-Sent Events).
  LiveModule,
  // Token revocations (admin commands, read by the auth guard).
  TokenRevocationsModule,
];
