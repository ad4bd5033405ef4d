/**
 * The projections on their own thread (PROJECTION_THREAD=worker, the default): started by
 * ProjectionThread, it opens its own connections to the event store and the read store and runs every
 * projection, reading the log once per page for all of them. The API thread answers HTTP, decides and
 * appends; it reads what this thread writes through a ProjectionFollower, as API replicas do.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEventStore, nameThisThread, VerifyingEventStore } from '@thidua/event-store';
import { createReadStore } from '@thidua/read-store';
import { allProjections, PROJECTION_THREAD_NAME, ProjectionRunner } from '@thidua/projections';
import type { ToWorker, WorkerSettings, FromWorker } from './projection-thread-messages.js';
import { lowerThisThreadPriority, PROJECTION_THREAD_NICE } from './thread-priority.js';

const port = parentPort;
if (!port) throw new Error('projection-worker.js runs as a worker thread');
const settings = workerData as WorkerSettings;
const send = (message: FromWorker): void => port.postMessage(message);
// Below the request thread: on a shared core, answering and committing go first (thread-priority.ts).
lowerThisThreadPriority(PROJECTION_THREAD_NICE);
nameThisThread(PROJECTION_THREAD_NAME);

const events = new VerifyingEventStore(
  await createEventStore({
    dataDir: settings.dataDir,
    eventstoreConnectionString: settings.eventstoreConnectionString,
  }),
);
const reads = await createReadStore({ dataDir: settings.dataDir, mongodbUri: settings.mongodbUri });
const runner = new ProjectionRunner(
  events,
  reads,
  allProjections.filter((d) => settings.projections.includes(d.name)),
  {
    retireAfterMs: settings.retireAfterMs,
    logger: {
      info: (obj, msg) => send({ type: 'log', level: 'info', obj, msg }),
      error: (obj, msg) => send({ type: 'log', level: 'error', obj: errorFree(obj), msg }),
    },
  },
);

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'appended':
      events.notifyAppended?.();
      return;
    case 'rebuild':
      runner.rebuild(message.name).then(
        () => send({ type: 'rebuilt', id: message.id }),
        (error: unknown) => send({ type: 'rebuilt', id: message.id, error: String(error) }),
      );
      return;
    case 'stop':
      void (async () => {
        await runner.stop();
        await reads.close();
        await events.close();
        send({ type: 'stopped' });
        port.close();
      })();
      return;
  }
});

await runner.start();
send({ type: 'started' });

/** Errors do not cross threads as they are: their message and stack do. */
function errorFree(obj: object): object {
  return Object.fromEntries(
    Object.entries(obj).map(([k, v]) => [k, v instanceof Error ? { message: v.message, stack: v.stack } : v]),
  );
}
