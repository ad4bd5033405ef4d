import { Module } from '@nestjs/common';
import { WriteModule } from '../write/write.module.js';
import { ReportedFiguresController } from './reported-figures.controller.js';
import { RecordReportedFiguresHandler } from './reported-figures.handler.js';

/** Reported figures of clusters and organizers (issue 12), shown beside the totals recorded. */
@Module({
  imports: [WriteModule],
  controllers: [ReportedFiguresController],
  providers: [RecordReportedFiguresHandler],
})
export class ReportedFiguresModule {}
