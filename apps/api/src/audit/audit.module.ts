import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AuditController } from './audit.controller.js';
import { SIGNING_KEY } from './audit.tokens.js';
import { loadOrCreateSigningKey } from './signing-key.js';

@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: SIGNING_KEY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadOrCreateSigningKey(config.signingKeyFile),
    },
  ],
})
export class AuditModule {}
