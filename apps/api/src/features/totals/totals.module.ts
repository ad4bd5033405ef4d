import { Module } from '@nestjs/common';
import { ReadModels } from '../../common/read-models.js';
import { TotalsController } from './totals.controller.js';
import { GetTotalsHandler } from './totals.query.js';

@Module({ controllers: [TotalsController], providers: [ReadModels, GetTotalsHandler] })
export class TotalsModule {}
