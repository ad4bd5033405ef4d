import { Module } from '@nestjs/common';
import { EmulationYearWriter } from '../emulation-year/emulation-year.writer.js';
import { WriteModule } from '../write/write.module.js';
import { DecisionComplaintsController, YearComplaintsController } from './complaints.controller.js';
import { ComplaintHandler } from './complaints.handler.js';

/** Khiếu nại: complaints about a cluster-year's decisions and about award decisions. */
@Module({
  imports: [WriteModule],
  controllers: [YearComplaintsController, DecisionComplaintsController],
  providers: [EmulationYearWriter, ComplaintHandler],
})
export class ComplaintsModule {}
