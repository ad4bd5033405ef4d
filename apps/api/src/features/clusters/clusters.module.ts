import { Module } from '@nestjs/common';
import { WriteModule } from '../write/write.module.js';
import { ClustersController } from './clusters.controller.js';
import { CLUSTER_HANDLERS } from './clusters.handler.js';

@Module({ imports: [WriteModule], controllers: [ClustersController], providers: [...CLUSTER_HANDLERS] })
export class ClustersModule {}
