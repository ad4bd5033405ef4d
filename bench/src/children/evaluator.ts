/**
 * Child process: as-of and what-if through the evaluator on the big cluster-year, in a fresh process
 * (a clean heap, as a server would have; the bench process has just generated a million events).
 *   node evaluator.js <big-year.sqlite> <streamId> [as-of-only]
 */
import { openSqliteEventStore } from '@thidua/event-store';
import { evaluatorTimings } from '../benches/evaluator.js';
import { emitResult } from '../util/child.js';

async function main(): Promise<void> {
  const [file, streamId, only] = process.argv.slice(2);
  if (!file || !streamId) throw new Error('usage: evaluator.js <file> <streamId>');
  const store = await openSqliteEventStore(file);
  const events = await store.readStream(streamId);
  await store.close();
  emitResult(evaluatorTimings(file, streamId, events, only === 'as-of-only'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `evaluator failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
