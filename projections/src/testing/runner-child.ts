/**
 * Child process of the crash test: runs two counter projections on SQLite files until it is killed.
 * argv: <events file> <read-models file>. Prints "started" once the runner is running.
 */
import { openSqliteEventStore } from '@thidua/event-store';
import { openSqliteReadStore } from '@thidua/read-store';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { streamCounterProjection } from './stream-counter.projection.js';

const [eventsFile, readsFile] = process.argv.slice(2);
if (!eventsFile || !readsFile) throw new Error('usage: runner-child <events file> <read-models file>');

const events = await openSqliteEventStore(eventsFile, { pollIntervalMs: 2 });
const reads = await openSqliteReadStore(readsFile);
const runner = new ProjectionRunner(
  events,
  reads,
  [streamCounterProjection(), streamCounterProjection({ name: 'stream-counter-b' })],
  { batchSize: 7 },
);
await runner.start();
process.stdout.write('started\n');
setInterval(() => undefined, 60_000); // keep running until SIGKILL
