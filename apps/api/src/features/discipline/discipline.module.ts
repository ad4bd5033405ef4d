import { Module } from '@nestjs/common';
import { WriteModule } from '../write/write.module.js';
import { DisciplineController } from './discipline.controller.js';
import { DisciplineHandler } from './discipline.handler.js';

/** Discipline facts of units and people (they bar titles and awards while pending or running). */
@Module({ imports: [WriteModule], controllers: [DisciplineController], providers: [DisciplineHandler] })
export class DisciplineModule {}
