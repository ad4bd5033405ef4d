import { randomUUID } from 'node:crypto';
import { resolveJwtSecret } from '../../../api/src/auth/jwt-secret.js';
import { signAccessToken } from '../../../api/src/auth/jwt.js';
import { isRole, ROLES, ROLES_WITH_UNIT, type Role } from '../../../api/src/auth/roles.js';
import { type AppConfig, parseDuration } from '../../../api/src/config/app-config.js';
import { UsageError } from '../io.js';

export interface TokenOptions {
  role: string | undefined;
  unit: string | undefined;
  sub: string | undefined;
  ttl: string | undefined;
}

/**
 * A bearer token the API accepts: signed with the same secret resolution as the API
 * (AUTH_JWT_SECRET, else DATA_DIR/jwt-secret, created if the API never ran).
 */
export async function tokenCommand(
  options: TokenOptions,
  config: AppConfig,
  now?: Date,
): Promise<{ token: string; secretSource: string; jti: string }> {
  if (!isRole(options.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const role: Role = options.role;
  if (!options.sub) throw new UsageError('--sub NAME is required (who the token speaks for)');
  if (ROLES_WITH_UNIT.includes(role) && !options.unit)
    throw new UsageError(`--unit is required for role ${role}`);
  const ttl = parseDuration(options.ttl ?? '8h');
  if (ttl === undefined || ttl <= 0) throw new UsageError('--ttl must look like 30m, 8h or 2d');
  if (ttl > config.tokenMaxLifetimeSeconds) {
    throw new UsageError(
      `--ttl is longer than the API accepts (AUTH_TOKEN_MAX_LIFETIME, ${config.tokenMaxLifetimeSeconds} s = ${config.tokenMaxLifetimeSeconds / 3600}h)`,
    );
  }
  const secret = resolveJwtSecret({ dataDir: config.dataDir, secret: config.authJwtSecret });
  const jti = randomUUID();
  const token = await signAccessToken(
    secret.key,
    { sub: options.sub, role, unitId: options.unit },
    now === undefined ? { ttl, jti } : { ttl, jti, now },
  );
  const secretSource =
    secret.source === 'env'
      ? 'AUTH_JWT_SECRET'
      : `${config.dataDir}/jwt-secret${secret.source === 'generated' ? ' (created now)' : ''}`;
  return { token, secretSource, jti };
}
