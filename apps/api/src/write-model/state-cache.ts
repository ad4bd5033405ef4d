/**
 * Decided state per stream, kept by revision so a command on a long stream (a cluster-year of
 * 20,000 events) reads only the events appended since, never the whole stream again.
 * Bounded LRU: Map keeps insertion order, so re-inserting on use makes the first key the oldest.
 */
export interface CachedState<S> {
  revision: number; // -1 = empty stream
  state: S;
}

export class StateCache {
  private readonly entries = new Map<string, CachedState<unknown>>();

  constructor(private readonly maxEntries = 2_000) {}

  get<S>(key: string): CachedState<S> | undefined {
    const hit = this.entries.get(key) as CachedState<S> | undefined;
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set<S>(key: string, value: CachedState<S>): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
