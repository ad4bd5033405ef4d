import { Module } from '@nestjs/common';
import { WriteModule } from '../write/write.module.js';
import { UnitsController } from './units.controller.js';
import { UNIT_HANDLERS } from './units.handler.js';

@Module({ imports: [WriteModule], controllers: [UnitsController], providers: [...UNIT_HANDLERS] })
export class UnitsModule {}
