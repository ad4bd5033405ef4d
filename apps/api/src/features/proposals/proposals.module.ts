import { Module } from '@nestjs/common';
import { WriteModule } from '../write/write.module.js';
import { ProposalsController } from './proposals.controller.js';
import { ProposalHandler } from './proposals.handler.js';

/** Đề nghị khen thưởng: proposals, their public notice, the council and its vote (issue 12, part B). */
@Module({ imports: [WriteModule], controllers: [ProposalsController], providers: [ProposalHandler] })
export class ProposalsModule {}
