import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { isRole, ROLES_WITH_UNIT, type Actor, type Role } from './roles.js';

/** Tolerated clock skew between the token issuer and this server. */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** Verified tokens kept by one verifier (a token is ~200 bytes: the cache stays well under 1 MB). */
export const TOKEN_CACHE_ENTRIES = 2048;

/** Why a token was refused; `code` is the machine-readable answer (always 401). */
export class AuthenticationError extends Error {
  constructor(
    readonly code:
      | 'UNAUTHENTICATED'
      | 'TOKEN_INVALID'
      | 'TOKEN_EXPIRED'
      | 'TOKEN_CLAIMS_INVALID'
      | 'TOKEN_LIFETIME_TOO_LONG'
      | 'TOKEN_REVOKED',
    message: string,
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/** A verified token: who it speaks for and the claims revocation looks at. */
export interface VerifiedToken {
  actor: Actor;
  exp: number;
  /** Issued at (seconds), when the token says. */
  iat?: number;
  /** Token id, when the token has one. */
  jti?: string;
}

export interface TokenClaims {
  sub: string;
  role: Role;
  unitId?: string | undefined;
}

/** Signs an access token. `ttl` is a jose time span ('8h', '30m', '2d') or seconds; `jti` its id (for revocation). */
export async function signAccessToken(
  key: Uint8Array,
  claims: TokenClaims,
  options: { ttl?: string | number; now?: Date; jti?: string } = {},
): Promise<string> {
  assertClaims(claims);
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const ttl = options.ttl ?? '8h';
  const payload: Record<string, string> = { role: claims.role };
  if (claims.unitId !== undefined) payload['unitId'] = claims.unitId;
  const jwt = new SignJWT(payload);
  if (options.jti !== undefined) jwt.setJti(options.jti);
  return jwt
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
  return new AccessTokenVerifier(key, { cacheEntries: 0 }).verify(token);
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const invalid = () =>
  new AuthenticationError('TOKEN_INVALID', 'the token is malformed or its signature does not verify');
const claimsInvalid = (why: string) =>
  new AuthenticationError('TOKEN_CLAIMS_INVALID', `the token's claims are invalid: ${why}`);

/**
 * HS256 compact JWS verification with node:crypto (an HMAC in microseconds; jose goes through
 * WebCrypto, whose async job cost ≈ 0.2 ms of the API's one thread per request). Same checks as
 * jose's `jwtVerify` with `algorithms: ['HS256']`, `requiredClaims: ['exp', 'sub']` and the clock
 * tolerance, and no JWS extensions (`crit` is refused). A verified token is kept, bounded, until
 * its `exp`, so a client's repeated requests cost one map lookup.
 */
export class AccessTokenVerifier {
  private readonly key: KeyObject;
  private readonly cache = new Map<string, VerifiedToken>();
  private readonly cacheEntries: number;
  private readonly now: () => number;
  private readonly maxLifetimeSeconds: number | undefined;

  constructor(
    key: Uint8Array,
    options: { cacheEntries?: number; now?: () => number; maxLifetimeSeconds?: number } = {},
  ) {
    this.key = createSecretKey(key);
    this.cacheEntries = options.cacheEntries ?? TOKEN_CACHE_ENTRIES;
    this.now = options.now ?? Date.now;
    this.maxLifetimeSeconds = options.maxLifetimeSeconds;
  }

  /** Verified tokens held now (≤ cacheEntries). */
  get cachedTokens(): number {
    return this.cache.size;
  }

  /** The actor of a valid token; throws AuthenticationError otherwise. */
  verify(token: string): Actor {
    return this.verifyToken(token).actor;
  }

  /** The actor and the claims revocation needs (token id, issue time) of a valid token. */
  verifyToken(token: string): VerifiedToken {
    const nowSeconds = Math.floor(this.now() / 1000);
    const hit = this.cache.get(token);
    if (hit) {
      if (hit.exp > nowSeconds - CLOCK_TOLERANCE_SECONDS) return { ...hit, actor: { ...hit.actor } };
      this.cache.delete(token);
      throw new AuthenticationError('TOKEN_EXPIRED', 'the token has expired');
    }
    const verified = this.verifyUncached(token, nowSeconds);
    if (this.cacheEntries > 0) {
      // Oldest first out: a Map iterates in insertion order.
      if (this.cache.size >= this.cacheEntries) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(token, { ...verified, actor: Object.freeze(verified.actor) });
    }
    return { ...verified, actor: { ...verified.actor } };
  }

  private verifyUncached(token: string, now: number): VerifiedToken {
    const parts = token.split('.');
    if (parts.length !== 3) throw invalid();
    const [encodedHeader, encodedPayload, signature] = parts as [string, string, string];
    if (!SEGMENT.test(encodedHeader) || !SEGMENT.test(encodedPayload) || !SEGMENT.test(signature))
      throw invalid();

    const header = decodeJsonObject(encodedHeader);
    if (header?.['alg'] !== 'HS256' || header['crit'] !== undefined) throw invalid();

    const expected = Buffer.from(
      createHmac('sha256', this.key).update(`${encodedHeader}.${encodedPayload}`).digest('base64url'),
    );
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();

    const payload = decodeJsonObject(encodedPayload);
    if (!payload) throw invalid();
    for (const claim of ['sub', 'exp']) {
      if (!Object.hasOwn(payload, claim)) throw claimsInvalid(`missing required "${claim}" claim`);
    }
    for (const claim of ['iat', 'nbf', 'exp']) {
      const value = payload[claim];
      if (value !== undefined && typeof value !== 'number')
        throw claimsInvalid(`"${claim}" claim must be a number`);
    }
    const nbf = payload['nbf'] as number | undefined;
    if (nbf !== undefined && nbf > now + CLOCK_TOLERANCE_SECONDS)
      throw claimsInvalid('"nbf" claim timestamp check failed');
    const exp = payload['exp'] as number;
    if (exp <= now - CLOCK_TOLERANCE_SECONDS)
      throw new AuthenticationError('TOKEN_EXPIRED', 'the token has expired');
    const iat = payload['iat'] as number | undefined;
    const max = this.maxLifetimeSeconds;
    // From its issue time, and from now (an `iat` in the future cannot stretch the lifetime).
    if (
      max !== undefined &&
      (exp - (iat ?? now) > max + CLOCK_TOLERANCE_SECONDS || exp - now > max + CLOCK_TOLERANCE_SECONDS)
    ) {
      throw new AuthenticationError(
        'TOKEN_LIFETIME_TOO_LONG',
        `the token lives longer than the maximum of ${max} s (AUTH_TOKEN_MAX_LIFETIME)`,
      );
    }
    const jti = payload['jti'];
    if (jti !== undefined && (typeof jti !== 'string' || jti.length === 0 || jti.length > 200))
      throw claimsInvalid('"jti" claim must be a string of 1 to 200 characters');

    const claims = { sub: payload['sub'], role: payload['role'], unitId: payload['unitId'] };
    try {
      assertClaims(claims);
    } catch (error) {
      throw new AuthenticationError('TOKEN_CLAIMS_INVALID', (error as Error).message);
    }
    const actor: Actor =
      claims.unitId === undefined
        ? { id: claims.sub, role: claims.role }
        : { id: claims.sub, role: claims.role, unitId: claims.unitId };
    return {
      actor,
      exp,
      ...(iat === undefined ? {} : { iat }),
      ...(typeof jti === 'string' ? { jti } : {}),
    };
  }
}

/** A base64url segment holding a JSON object (not an array, not null), or null. */
function decodeJsonObject(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(utf8.decode(Buffer.from(segment, 'base64url')));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
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
