/**
 * Read-your-writes: callers wait until checkpoints reach a position. Waiters are re-checked whenever
 * the runner reports a change (a batch written, a switch, a stall, a stop), or the follower re-reads the store.
 */
export class PositionWaiters {
  private readonly waiters = new Set<() => void>();

  /**
   * Resolves true once `reached()` holds, false when `hopeless()` holds or after `timeoutMs`.
   */
  wait(reached: () => boolean, hopeless: () => boolean, timeoutMs: number): Promise<boolean> {
    if (reached()) return Promise.resolve(true);
    if (hopeless()) return Promise.resolve(false);
    return new Promise((resolve) => {
      const finish = (result: boolean): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(result);
      };
      const check = (): void => {
        if (reached()) finish(true);
        else if (hopeless()) finish(false);
      };
      const timer = setTimeout(() => finish(false), Math.max(0, timeoutMs));
      this.waiters.add(check);
    });
  }

  /** How many callers are waiting. */
  get size(): number {
    return this.waiters.size;
  }

  notify(): void {
    for (const check of [...this.waiters]) check();
  }
}
