/**
 * Requests per client per minute, fixed window opened by the first request after the last one
 * closed, in memory (per process: behind a load balancer
 * each replica counts its own share). A Fastify onRequest hook applies it before any body is
 * parsed or token verified, so floods cost little.
 */
export class FixedWindowRateLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; `retryAfterSeconds` is set when it is over the limit. */
  hit(client: string): { allowed: boolean; remaining: number; retryAfterSeconds: number } {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.counts = new Map();
    }
    const count = (this.counts.get(client) ?? 0) + 1;
    this.counts.set(client, count);
    const retryAfterSeconds = Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000));
    return { allowed: count <= this.limit, remaining: Math.max(0, this.limit - count), retryAfterSeconds };
  }
}
