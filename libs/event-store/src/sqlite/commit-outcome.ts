/** The shapes of SqliteEventStore.commitAppends, apart so the append thread's messages can name them too. */
import type { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port.js';

/** What `append` takes. */
export interface AppendInput {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
}

/** One append's outcome. */
export type CommitOutcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };
