import { isIP } from 'node:net';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Every setting of the API, the projector and the CLI, read from the environment once at start.
 * Plain TypeScript (no Nest) so the CLI shares it. Invalid values stop the process with one
 * message listing every problem, rather than failing later on first use.
 */
export interface AppConfig {
  /** PORT: HTTP port of the API. */
  port: number;
  /** HOST: interface the API listens on. */
  host: string;
  /** DATA_DIR: SQLite files, the generated JWT secret and the audit signing key (absolute). */
  dataDir: string;
  /** PERSON_KEYS_FILE: the per-person keys of crypto-shredding, outside the log (default `${DATA_DIR}/person-keys.sqlite`). */
  personKeysFile: string;
  /** AUTH_JWT_SECRET: HS256 secret shared by the API, the CLI and whoever issues tokens. */
  authJwtSecret: string | undefined;
  /** EVENTSTORE_CONNECTION_STRING: use EventStoreDB instead of the embedded SQLite event log. */
  eventstoreConnectionString: string | undefined;
  /** MONGODB_URI: use MongoDB instead of the embedded SQLite read store. */
  mongodbUri: string | undefined;
  /** LOG_LEVEL: pino level. */
  logLevel: LogLevel;
  /**
   * PROJECTION_THREAD: where the API runs them (with PROJECTIONS_IN_PROCESS): `worker`, a worker thread
   * (the default: the second core projects), or `main`, the request thread.
   */
  projectionThread: 'worker' | 'main';
  /**
   * APPEND_THREAD (embedded SQLite log): `worker`, appends committed by a worker thread with its own
   * connection (the default: the COMMIT's fsync does not block the request thread), or `main`.
   */
  appendThread: 'worker' | 'main';
  /** PROJECTIONS_IN_PROCESS: the API runs the projections itself (false when apps/projector does). */
  projectionsInProcess: boolean;
  /** BODY_LIMIT_BYTES: largest accepted request body; larger answers 413. */
  bodyLimitBytes: number;
  /** RATE_LIMIT: requests per minute per client address; 0 turns throttling off. */
  rateLimitPerMinute: number;
  /** READ_WAIT_MAX_MS: longest a query with ?minPosition= waits for the projections. */
  readWaitMaxMs: number;
  /** PROJECTOR_PORT: health and metrics port of apps/projector. */
  projectorPort: number;
  /** AUDIT_SIGNING_KEY_FILE: Ed25519 private key (PEM) that signs digests; created if absent. */
  signingKeyFile: string;
  /**
   * TRUST_PROXY: which hops of X-Forwarded-For to trust for the client address (rate limit, logs): a number
   * of proxies in front of the API, or their addresses / CIDR ranges; false: the socket's peer.
   */
  trustProxy: false | number | string[];
  /** AUTH_TOKEN_MAX_LIFETIME: longest lifetime (exp − iat) of an accepted token, in seconds. */
  tokenMaxLifetimeSeconds: number;
  /** CORS_ORIGINS: browser origins (scheme://host[:port]) allowed to call the API; none by default. */
  corsOrigins: string[];
  /** SSE_HEARTBEAT_MS: how often an open live-update stream gets a comment line (keeps proxies from closing it). */
  sseHeartbeatMs: number;
  /** SSE_MAX_STREAMS: live-update streams this process keeps open at once; one more answers 503. */
  sseMaxStreams: number;
  /**
   * CLAIM_RECONCILE_GRACE: how old (seconds, or `2m`…) a claim whose decision is not recorded must be before
   * the claim reconciler abandons that decision and releases its claims. Safety does not rest on it (the
   * decision's stream is fenced first); it spares a slow request of another replica. 0: at once.
   */
  claimGraceSeconds: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const APP_CONFIG = Symbol('APP_CONFIG');

/** HS256 needs a key at least as long as its output (RFC 7518 §3.2). */
export const MIN_JWT_SECRET_LENGTH = 32;

/** Default of AUTH_TOKEN_MAX_LIFETIME: 24 hours. */
export const DEFAULT_TOKEN_MAX_LIFETIME = 24 * 3600;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/**
 * A time span as seconds: `90`, `90s`, `30m`, `8h`, `2d`, `1w` (also `8 hours`, `30 minutes`); undefined
 * when it is not one. Shared by the configuration and the CLI's --ttl.
 */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,9})\s?(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?)?$/.exec(
    text.trim(),
  );
  if (!m) return undefined;
  const unit = (m[2] ?? 's')[0] as string;
  return Number(m[1]) * (UNIT_SECONDS[unit] as number);
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the environment. Throws ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const dataDir = absolute(read.string('DATA_DIR') ?? './data', cwd);
  const config: AppConfig = {
    port: read.integer('PORT', 3000, 0, 65535),
    host: read.string('HOST') ?? '0.0.0.0',
    dataDir,
    authJwtSecret: read.string('AUTH_JWT_SECRET'),
    eventstoreConnectionString: read.string('EVENTSTORE_CONNECTION_STRING'),
    mongodbUri: read.string('MONGODB_URI'),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    projectionsInProcess: read.boolean('PROJECTIONS_IN_PROCESS', true),
    projectionThread: read.oneOf('PROJECTION_THREAD', ['worker', 'main'] as const, 'worker'),
    appendThread: read.oneOf('APPEND_THREAD', ['worker', 'main'] as const, 'worker'),
    bodyLimitBytes: read.integer('BODY_LIMIT_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024),
    rateLimitPerMinute: read.integer('RATE_LIMIT', 600, 0, 1_000_000),
    readWaitMaxMs: read.integer('READ_WAIT_MAX_MS', 5000, 0, 120_000),
    projectorPort: read.integer('PROJECTOR_PORT', 3001, 0, 65535),
    personKeysFile: absolute(read.string('PERSON_KEYS_FILE') ?? join(dataDir, 'person-keys.sqlite'), cwd),
    signingKeyFile: absolute(read.string('AUDIT_SIGNING_KEY_FILE') ?? join(dataDir, 'signing-key.pem'), cwd),
    trustProxy: read.trustProxy('TRUST_PROXY'),
    tokenMaxLifetimeSeconds: read.duration(
      'AUTH_TOKEN_MAX_LIFETIME',
      DEFAULT_TOKEN_MAX_LIFETIME,
      60,
      366 * 86_400,
    ),
    corsOrigins: read.origins('CORS_ORIGINS'),
    sseHeartbeatMs: read.integer('SSE_HEARTBEAT_MS', 15_000, 100, 300_000),
    sseMaxStreams: read.integer('SSE_MAX_STREAMS', 100, 1, 100_000),
    claimGraceSeconds: read.duration('CLAIM_RECONCILE_GRACE', 120, 0, 86_400),
  };

  if (config.authJwtSecret !== undefined && config.authJwtSecret.length < MIN_JWT_SECRET_LENGTH) {
    problems.push(`AUTH_JWT_SECRET must be at least ${MIN_JWT_SECRET_LENGTH} characters`);
  }
  // Replicas and the projector each have their own DATA_DIR: a secret generated in one would not
  // verify tokens issued for another, so shared deployments must say which secret they use.
  if (config.authJwtSecret === undefined && (config.eventstoreConnectionString || config.mongodbUri)) {
    problems.push(
      'AUTH_JWT_SECRET is required when EVENTSTORE_CONNECTION_STRING or MONGODB_URI is set (every API replica must share it)',
    );
  }
  if (
    config.eventstoreConnectionString &&
    !/^esdb(\+discover)?:\/\//.test(config.eventstoreConnectionString)
  ) {
    problems.push('EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover://');
  }
  if (config.mongodbUri && !/^mongodb(\+srv)?:\/\//.test(config.mongodbUri)) {
    problems.push('MONGODB_URI must start with mongodb:// or mongodb+srv://');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address ?? '');
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  /** Trimmed value; empty counts as unset (compose files often pass `VAR=`). */
  string(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  /** A span (see parseDuration) between min and max seconds. */
  duration(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const seconds = parseDuration(raw);
    if (seconds === undefined || seconds < min || seconds > max) {
      this.problems.push(
        `${name} must be a time span such as 24h, 30m or 3600 (seconds), from ${min} s to ${max} s (got "${raw}")`,
      );
      return fallback;
    }
    return seconds;
  }

  /**
   * TRUST_PROXY: unset, false or 0 → false; a hop count; or a comma-separated list of proxy addresses and
   * CIDR ranges. `true` is refused: it trusts every hop, so any client could choose its own address.
   */
  trustProxy(name: string): false | number | string[] {
    const raw = this.string(name);
    if (raw === undefined || raw.toLowerCase() === 'false' || raw === '0') return false;
    if (/^\d{1,2}$/.test(raw)) return Number(raw);
    if (raw.toLowerCase() === 'true') {
      this.problems.push(
        `${name}=true would trust every hop of X-Forwarded-For (any client could pick its address): give a hop count or a list of proxy addresses`,
      );
      return false;
    }
    const entries = raw.split(',').map((e) => e.trim());
    const bad = entries.filter((e) => !isAddressOrRange(e));
    if (bad.length > 0) {
      this.problems.push(
        `${name} must be a hop count or a comma-separated list of proxy addresses or CIDR ranges (not: ${bad.join(', ')})`,
      );
      return false;
    }
    return entries;
  }

  /** A comma-separated list of origins, each `http(s)://host[:port]` exactly as a browser sends it. */
  origins(name: string): string[] {
    const raw = this.string(name);
    if (raw === undefined) return [];
    const origins = raw
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== '');
    const bad = origins.filter((o) => !/^https?:\/\/[^/\s?#]+$/.test(o) || o.endsWith(':'));
    if (bad.length > 0) {
      this.problems.push(
        `${name} must list origins like https://host:port, comma-separated (got "${bad.join('", "')}")`,
      );
      return [];
    }
    return origins;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }
}
