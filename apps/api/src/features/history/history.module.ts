import { Module } from '@nestjs/common';
import { ReadModels } from '../../common/read-models.js';
import { HistoryController } from './history.controller.js';
import { GetUnitHistoryHandler } from './history.query.js';

@Module({ controllers: [HistoryController], providers: [ReadModels, GetUnitHistoryHandler] })
export class HistoryModule {}
