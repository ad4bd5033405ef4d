import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AuthGuard, JWT_KEY, TOKEN_MAX_LIFETIME } from './auth.guard.js';
import { resolveJwtSecret } from './jwt-secret.js';
import { RevocationList } from './revocation-list.js';

@Module({
  providers: [
    {
      provide: JWT_KEY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        resolveJwtSecret({ dataDir: config.dataDir, secret: config.authJwtSecret }).key,
    },
    {
      provide: TOKEN_MAX_LIFETIME,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => config.tokenMaxLifetimeSeconds,
    },
    RevocationList,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [JWT_KEY, RevocationList],
})
export class AuthModule {}
