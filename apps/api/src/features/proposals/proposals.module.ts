import { Module } from '@nestjs/common';
import { WriteModule } from '../write/write.module.js';
import { ProposalsController } from './proposals.controller.js';
import { ProposalHandler } from './proposals.handler.js';
import { ProposalReadController } from './proposal-read.controller.js';
import { ProposalReader } from './proposal-read.js';

/** Đề nghị khen thưởng: proposals, their public notice, the council and its vote (issue 12, part B). */
@Module({
  imports: [WriteModule],
  controllers: [ProposalsController, ProposalReadController],
  providers: [ProposalHandler, ProposalReader],
})
export class ProposalsModule {}
