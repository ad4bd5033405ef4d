import { Module } from '@nestjs/common';
import { ReadModels } from '../../common/read-models.js';
import { ChangeFeed } from './change-feed.js';
import { ChangesController } from './changes.controller.js';

/** Live updates for dashboards: GET /clusters/{c}/years/{y}/changes (Server-Sent Events). */
@Module({ controllers: [ChangesController], providers: [ReadModels, ChangeFeed] })
export class LiveModule {}
