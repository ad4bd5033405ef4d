import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';

/** The signing key (SIGNING_KEY) comes from the infrastructure: the start-up check signs with it too. */
@Module({
  controllers: [AuditController],
})
export class AuditModule {}
