import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('gives the embedded defaults with no environment', () => {
    expect(loadConfig({}, '/srv/app')).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: '/srv/app/data',
      authJwtSecret: undefined,
      eventstoreConnectionString: undefined,
      mongodbUri: undefined,
      logLevel: 'info',
      projectionsInProcess: true,
      projectionThread: 'worker',
      appendThread: 'worker',
      bodyLimitBytes: 262_144,
      rateLimitPerMinute: 600,
      readWaitMaxMs: 5000,
      projectorPort: 3001,
      signingKeyFile: join('/srv/app/data', 'signing-key.pem'),
      personKeysFile: join('/srv/app/data', 'person-keys.sqlite'),
      trustProxy: false,
      tokenMaxLifetimeSeconds: 86_400,
      corsOrigins: [],
      sseHeartbeatMs: 15_000,
      sseMaxStreams: 100,
      claimGraceSeconds: 120,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '127.0.0.1',
        DATA_DIR: '/var/lib/thidua',
        AUTH_JWT_SECRET: 's'.repeat(32),
        EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
        MONGODB_URI: 'mongodb://localhost:27017/?replicaSet=rs0',
        LOG_LEVEL: 'debug',
        PROJECTIONS_IN_PROCESS: 'false',
        BODY_LIMIT_BYTES: '1048576',
        RATE_LIMIT: '0',
        READ_WAIT_MAX_MS: '250',
        PROJECTOR_PORT: '9001',
        AUDIT_SIGNING_KEY_FILE: 'keys/digest.pem',
        PERSON_KEYS_FILE: '/srv/keys/person-keys.sqlite',
        TRUST_PROXY: '2',
        AUTH_TOKEN_MAX_LIFETIME: '8h',
        CORS_ORIGINS: 'http://localhost:5173, https://bangdieukhien.bca.gov.vn',
        SSE_HEARTBEAT_MS: '500',
        SSE_MAX_STREAMS: '3',
        PROJECTION_THREAD: 'main',
        APPEND_THREAD: 'main',
        CLAIM_RECONCILE_GRACE: '30s',
      },
      '/srv/app',
    );
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/thidua',
      projectionsInProcess: false,
      projectionThread: 'main',
      appendThread: 'main',
      bodyLimitBytes: 1_048_576,
      rateLimitPerMinute: 0,
      readWaitMaxMs: 250,
      projectorPort: 9001,
      logLevel: 'debug',
      signingKeyFile: '/srv/app/keys/digest.pem',
      personKeysFile: '/srv/keys/person-keys.sqlite',
      trustProxy: 2,
      tokenMaxLifetimeSeconds: 8 * 3600,
      corsOrigins: ['http://localhost:5173', 'https://bangdieukhien.bca.gov.vn'],
      sseHeartbeatMs: 500,
      sseMaxStreams: 3,
      claimGraceSeconds: 30,
    });
  });

  it('fails fast naming every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        PROJECTIONS_IN_PROCESS: 'maybe',
        BODY_LIMIT_BYTES: '-5',
        AUTH_JWT_SECRET: 'short',
        CORS_ORIGINS: 'http://ok.vn,*,ftp://x,https://host/path',
        SSE_MAX_STREAMS: '0',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'PORT',
      'LOG_LEVEL',
      'PROJECTIONS_IN_PROCESS',
      'BODY_LIMIT_BYTES',
      'AUTH_JWT_SECRET',
      'SSE_MAX_STREAMS',
    ]) {
      expect(problems).toContain(name);
    }
    expect(problems).toContain(
      'CORS_ORIGINS must list origins like https://host:port, comma-separated (got "*", "ftp://x", "https://host/path")',
    );
  });

  it('requires a shared AUTH_JWT_SECRET with external stores, and checks their URLs', () => {
    expect(() => loadConfig({ MONGODB_URI: 'mongodb://db:27017' })).toThrow(/AUTH_JWT_SECRET is required/);
    expect(() =>
      loadConfig({ AUTH_JWT_SECRET: 's'.repeat(32), EVENTSTORE_CONNECTION_STRING: 'http://esdb:2113' }),
    ).toThrow(/EVENTSTORE_CONNECTION_STRING/);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', AUTH_JWT_SECRET: '  ' }).port).toBe(3000);
  });
});
