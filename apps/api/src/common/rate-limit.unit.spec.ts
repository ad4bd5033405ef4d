import { FixedWindowRateLimiter } from './rate-limit.js';

describe('FixedWindowRateLimiter', () => {
  it('allows `limit` requests per client per window, then says when to retry', () => {
    let now = 1_000_000;
    const limiter = new FixedWindowRateLimiter(2, 60_000, () => now);
    expect(limiter.hit('a').allowed).toBe(true);
    expect(limiter.hit('a')).toMatchObject({ allowed: true, remaining: 0 });
    now += 15_000;
    expect(limiter.hit('a')).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 45 });
    expect(limiter.hit('b').allowed).toBe(true);
    now += 45_000;
    expect(limiter.hit('a').allowed).toBe(true);
  });
});
