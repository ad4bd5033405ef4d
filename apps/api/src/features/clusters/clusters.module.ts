import { Module } from '@nestjs/common';
import { WriteModule } from '../write/write.module.js';
import { BlocsController, FormBlocHandler } from './blocs.controller.js';
import { ClustersController } from './clusters.controller.js';
import { CLUSTER_HANDLERS } from './clusters.handler.js';

@Module({
  imports: [WriteModule],
  controllers: [ClustersController, BlocsController],
  providers: [...CLUSTER_HANDLERS, FormBlocHandler],
})
export class ClustersModule {}
