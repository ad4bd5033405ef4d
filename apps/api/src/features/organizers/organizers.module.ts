import { Module } from '@nestjs/common';
import { WriteModule } from '../write/write.module.js';
import { FlagQuotaController, SetFlagQuotaHandler } from './flag-quota.controller.js';
import { WindowController } from './window.controller.js';
import { SetEmulationWindowHandler } from './window.handler.js';

/** Organizers' recorded policies per year (the emulation window). */
@Module({
  imports: [WriteModule],
  controllers: [WindowController, FlagQuotaController],
  providers: [SetEmulationWindowHandler, SetFlagQuotaHandler],
})
export class OrganizersModule {}
