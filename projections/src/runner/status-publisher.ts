import type { ProjectionRuntimeStatus, ReadStore } from '@thidua/read-store';
import type { RunnerLogger } from './runner-types.js';

export type RuntimeStatusDraft = Omit<ProjectionRuntimeStatus, 'updatedAt'>;

/**
 * Writes each projection's runtime status record to the read store when it changes (a stall, a
 * recovery, a rebuild, a switch, a stop), so followers in other processes can report it. Writes are
 * chained, so records land in the order the changes happened; a failed write is logged and retried
 * with the next change (the runner itself never fails because of it).
 */
export class StatusPublisher {
  private readonly published = new Map<string, string>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly reads: ReadStore,
    private readonly logger: RunnerLogger,
  ) {}

  publish(draft: RuntimeStatusDraft): void {
    const key = JSON.stringify(draft);
    if (this.published.get(draft.projection) === key) return;
    this.published.set(draft.projection, key);
    const record: ProjectionRuntimeStatus = { ...draft, updatedAt: new Date().toISOString() };
    this.chain = this.chain
      .then(() => this.reads.setStatus(record))
      .catch((error: unknown) => {
        if (this.published.get(draft.projection) === key) this.published.delete(draft.projection);
        this.logger.error({ projection: draft.projection, err: error }, 'projection status write failed');
      });
  }

  /** Resolves once every record published so far is written (or has failed). */
  flush(): Promise<void> {
    return this.chain;
  }
}
