import { errors, jwtVerify, SignJWT } from 'jose';
import { isRole, ROLES_WITH_UNIT, type Actor, type Role } from './roles.js';

/** Tolerated clock skew between the token issuer and this server. */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** Why a token was refused; `code` is the machine-readable answer (always 401). */
export class AuthenticationError extends Error {
  constructor(
    readonly code: 'UNAUTHENTICATED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_CLAIMS_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

export interface TokenClaims {
  sub: string;
  role: Role;
  unitId?: string | undefined;
}

/** Signs an access token. `ttl` is a jose time span: '8h', '30m', '2d'. */
export async function signAccessToken(
  key: Uint8Array,
  claims: TokenClaims,
  options: { ttl?: string | number; now?: Date } = {},
): Promise<string> {
  assertClaims(claims);
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const ttl = options.ttl ?? '8h';
  const payload: Record<string, string> = { role: claims.role };
  if (claims.unitId !== undefined) payload['unitId'] = claims.unitId;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(typeof ttl === 'number' ? issuedAt + ttl : ttl)
    .sign(key);
}

/**
 * Verifies a bearer token and returns the actor it speaks for. The algorithm is pinned (no
 * `none`, no RS/HS confusion), `exp` is required, and the claims are checked before use.
 */
export async function verifyAccessToken(key: Uint8Array, token: string): Promise<Actor> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired)
      throw new AuthenticationError('TOKEN_EXPIRED', 'the token has expired');
    if (error instanceof errors.JWTClaimValidationFailed) {
      throw new AuthenticationError(
        'TOKEN_CLAIMS_INVALID',
        `the token's claims are invalid: ${error.message}`,
      );
    }
    throw new AuthenticationError('TOKEN_INVALID', 'the token is malformed or its signature does not verify');
  }
  const claims = { sub: payload['sub'], role: payload['role'], unitId: payload['unitId'] };
  try {
    assertClaims(claims);
  } catch (error) {
    throw new AuthenticationError('TOKEN_CLAIMS_INVALID', (error as Error).message);
  }
  return claims.unitId === undefined
    ? { id: claims.sub, role: claims.role }
    : { id: claims.sub, role: claims.role, unitId: claims.unitId };
}

function assertClaims(claims: {
  sub: unknown;
  role: unknown;
  unitId?: unknown;
}): asserts claims is TokenClaims {
  if (typeof claims.sub !== 'string' || claims.sub.length === 0 || claims.sub.length > 200) {
    throw new Error('sub must be a non-empty string of at most 200 characters');
  }
  if (!isRole(claims.role))
    throw new Error(`role must be one of admin, organizer, unit-officer, inspector, viewer`);
  if (claims.unitId !== undefined && (typeof claims.unitId !== 'string' || claims.unitId.length === 0)) {
    throw new Error('unitId must be a non-empty string');
  }
  if (ROLES_WITH_UNIT.includes(claims.role) && claims.unitId === undefined) {
    throw new Error(`role ${claims.role} requires unitId`);
  }
}
