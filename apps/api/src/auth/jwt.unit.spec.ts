import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { AccessTokenVerifier, AuthenticationError, signAccessToken, verifyAccessToken } from './jwt.js';

const secret = 'unit-test-secret-long-enough-for-hs256';
const key = new TextEncoder().encode(secret);
const NOW = Date.UTC(2026, 0, 15, 8, 0, 0);
const nowSeconds = NOW / 1000;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS built by hand, so the tests can shape headers jose refuses to produce. */
function handMade(header: object, payload: object, signWith: string = secret): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', signWith).update(input).digest('base64url')}`;
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationError);
    return (error as AuthenticationError).code;
  }
}

describe('AccessTokenVerifier (HS256 with node:crypto)', () => {
  let clock = NOW;
  const verifier = () => new AccessTokenVerifier(key, { now: () => clock });
  beforeEach(() => (clock = NOW));

  it('accepts a token jose signed, with the claims as the actor', async () => {
    const token = await signAccessToken(
      key,
      { sub: 'officer-1', role: 'unit-officer', unitId: 'cuc-ktnv' },
      { now: new Date(NOW) },
    );
    expect(verifier().verify(token)).toEqual({ id: 'officer-1', role: 'unit-officer', unitId: 'cuc-ktnv' });
    await expect(
      verifyAccessToken(key, await signAccessToken(key, { sub: 'v', role: 'viewer' })),
    ).resolves.toEqual({ id: 'v', role: 'viewer' });
  });

  it('refuses alg none, other HMAC sizes and an RS256 header over an HMAC (algorithm confusion)', async () => {
    const claims = { sub: 'mallory', role: 'admin', exp: nowSeconds + 3600 };
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    const hs512 = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('mallory')
      .setExpirationTime(nowSeconds + 3600)
      .sign(key);
    const rs256 = handMade({ alg: 'RS256', typ: 'JWT' }, claims);
    const noAlg = handMade({ typ: 'JWT' }, claims);
    for (const token of [none, hs512, rs256, noAlg])
      expect(codeOf(() => verifier().verify(token))).toBe('TOKEN_INVALID');
    // The same hand-made token with the right header verifies: the refusals above are the header's.
    expect(verifier().verify(handMade({ alg: 'HS256' }, claims))).toEqual({ id: 'mallory', role: 'admin' });
  });

  it('refuses a tampered signature, a tampered payload, another secret and JWS extensions', async () => {
    const token = await signAccessToken(key, { sub: 'viewer-1', role: 'viewer' }, { now: new Date(NOW) });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    const elevated = b64({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' });
    const v = verifier();
    expect(codeOf(() => v.verify(`${header}.${payload}.${flipped}`))).toBe('TOKEN_INVALID');
    expect(codeOf(() => v.verify(`${header}.${elevated}.${signature}`))).toBe('TOKEN_INVALID');
    expect(codeOf(() => v.verify(`${header}.${payload}.${signature.slice(0, -2)}`))).toBe('TOKEN_INVALID');
    expect(codeOf(() => v.verify(`${header}.${payload}.${signature}=`))).toBe('TOKEN_INVALID');
    expect(codeOf(() => v.verify(`${header}.${payload}`))).toBe('TOKEN_INVALID');
    const claims = { sub: 'a', role: 'admin', exp: nowSeconds + 60 };
    expect(
      codeOf(() => v.verify(handMade({ alg: 'HS256' }, claims, 'another-secret-long-enough-too!!'))),
    ).toBe('TOKEN_INVALID');
    expect(codeOf(() => v.verify(handMade({ alg: 'HS256', crit: ['b64'], b64: false }, claims)))).toBe(
      'TOKEN_INVALID',
    );
    // After the genuine token is cached, the tampered ones are still refused.
    expect(v.verify(token)).toEqual({ id: 'viewer-1', role: 'viewer' });
    expect(codeOf(() => v.verify(`${header}.${elevated}.${signature}`))).toBe('TOKEN_INVALID');
  });

  it('refuses an expired token, with the clock tolerance of 5 seconds', () => {
    const at = (exp: number) => handMade({ alg: 'HS256' }, { sub: 'a', role: 'admin', exp });
    expect(codeOf(() => verifier().verify(at(nowSeconds - 60)))).toBe('TOKEN_EXPIRED');
    expect(codeOf(() => verifier().verify(at(nowSeconds - 5)))).toBe('TOKEN_EXPIRED');
    expect(verifier().verify(at(nowSeconds - 4))).toEqual({ id: 'a', role: 'admin' });
  });

  it('refuses a cached token once it expires', async () => {
    const token = await signAccessToken(key, { sub: 'a', role: 'admin' }, { ttl: 60, now: new Date(NOW) });
    const v = verifier();
    expect(v.verify(token)).toEqual({ id: 'a', role: 'admin' });
    clock = NOW + 30_000;
    expect(v.verify(token)).toEqual({ id: 'a', role: 'admin' });
    clock = NOW + 66_000;
    expect(codeOf(() => v.verify(token))).toBe('TOKEN_EXPIRED');
  });

  it('checks exp, sub, nbf and iat as jose does, and the claims shape', () => {
    const sign = (payload: object) => handMade({ alg: 'HS256' }, payload);
    const exp = nowSeconds + 60;
    expect(codeOf(() => verifier().verify(sign({ sub: 'a', role: 'admin' })))).toBe('TOKEN_CLAIMS_INVALID');
    expect(codeOf(() => verifier().verify(sign({ role: 'admin', exp })))).toBe('TOKEN_CLAIMS_INVALID');
    expect(codeOf(() => verifier().verify(sign({ sub: 'a', role: 'admin', exp: String(exp) })))).toBe(
      'TOKEN_CLAIMS_INVALID',
    );
    expect(codeOf(() => verifier().verify(sign({ sub: 'a', role: 'admin', exp, iat: 'now' })))).toBe(
      'TOKEN_CLAIMS_INVALID',
    );
    expect(
      codeOf(() => verifier().verify(sign({ sub: 'a', role: 'admin', exp, nbf: nowSeconds + 60 }))),
    ).toBe('TOKEN_CLAIMS_INVALID');
    expect(verifier().verify(sign({ sub: 'a', role: 'admin', exp, nbf: nowSeconds + 4 }))).toEqual({
      id: 'a',
      role: 'admin',
    });
    expect(codeOf(() => verifier().verify(sign({ sub: 'a', role: 'root', exp })))).toBe(
      'TOKEN_CLAIMS_INVALID',
    );
    expect(codeOf(() => verifier().verify(sign({ sub: 'o', role: 'organizer', exp })))).toBe(
      'TOKEN_CLAIMS_INVALID',
    );
    expect(codeOf(() => verifier().verify(handMade({ alg: 'HS256' }, [1, 2])))).toBe('TOKEN_INVALID');
  });

  it('keeps at most cacheEntries verified tokens and hands out copies of the actor', async () => {
    const v = new AccessTokenVerifier(key, { cacheEntries: 2, now: () => clock });
    const tokens = await Promise.all(
      ['a', 'b', 'c'].map((sub) => signAccessToken(key, { sub, role: 'viewer' }, { now: new Date(NOW) })),
    );
    for (const token of tokens) v.verify(token);
    expect(v.cachedTokens).toBe(2);
    const first = v.verify(tokens[2]!);
    first.id = 'changed';
    expect(v.verify(tokens[2]!)).toEqual({ id: 'c', role: 'viewer' });
  });
});
