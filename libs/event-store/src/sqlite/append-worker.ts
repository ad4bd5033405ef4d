/**
 * The append thread (append-thread.ts): owns a write connection to the log and runs the appends the
 * request thread sends through the embedded store's own group commit, so the COMMIT's fsync blocks this
 * thread, not the one answering requests. Each append's outcome is sent back only after COMMIT returned.
 */
import { parentPort, workerData } from 'node:worker_threads';

import type { AppendOutcome, FromAppendWorker, ToAppendWorker } from './append-thread-messages.js';
import { APPEND_THREAD_NAME, sendError } from './append-thread-messages.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { nameThisThread } from '../thread-name.js';

const port = parentPort;
if (!port) throw new Error('append-worker.js runs as a worker thread');
const send = (message: FromAppendWorker): void => port.postMessage(message);
nameThisThread(APPEND_THREAD_NAME);
const store = new SqliteEventStore((workerData as { file: string }).file);

/** Answers not yet sent: close sends them all before it says closed. */
const answering = new Set<Promise<void>>();

port.on('message', (message: ToAppendWorker) => {
  if (message.type === 'close') {
    void (async () => {
      await store.close(); // commits what is queued
      await Promise.all(answering);
      send({ type: 'closed' });
      port.close();
    })();
    return;
  }
  // Every append of the message joins the store's next group commit (appends issued in one turn).
  const answered = Promise.all(
    message.appends.map((a): Promise<AppendOutcome> =>
      store.append(a.streamId, a.events, a.expected).then(
        (result) => ({ id: a.id, ok: true, result }),
        (error: unknown) => ({ id: a.id, ok: false, error: sendError(error) }),
      ),
    ),
  ).then((outcomes) => {
    send({ type: 'settled', outcomes });
    answering.delete(answered);
  });
  answering.add(answered);
});
send({ type: 'ready' });
