import { Module } from '@nestjs/common';
import { WriteModule } from '../write/write.module.js';
import { AwardsController } from './awards.controller.js';
import { AWARD_HANDLERS } from './awards.handler.js';
import { ClusterStandings } from './cluster-standings.js';

@Module({
  imports: [WriteModule],
  controllers: [AwardsController],
  providers: [ClusterStandings, ...AWARD_HANDLERS],
})
export class AwardsModule {}
