/**
 * The append thread (append-thread.ts): owns a write connection to the log and commits the appends the
 * request thread sends with the store's group commit, so the COMMIT's fsync blocks this thread, not the
 * one answering requests. The appends of the messages that arrived in one turn of this thread (several
 * pile up during a COMMIT) are committed by one synchronous commitAppends call, no promise per append,
 * and answered in one packed message after COMMIT returned.
 */
import { parentPort, workerData } from 'node:worker_threads';

import type { AppendRequest, FromAppendWorker, ToAppendWorker } from './append-thread-messages.js';
import { APPEND_THREAD_NAME, packOutcomes } from './append-thread-messages.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { nameThisThread } from '../thread-name.js';

const port = parentPort;
if (!port) throw new Error('append-worker.js runs as a worker thread');
const send = (message: FromAppendWorker): void => port.postMessage(message);
nameThisThread(APPEND_THREAD_NAME);
const store = new SqliteEventStore((workerData as { file: string }).file);

/** Received, not committed yet: committed together once this turn's messages are read. */
let received: AppendRequest[] = [];

function commitReceived(): void {
  const appends = received;
  if (appends.length === 0) return;
  received = [];
  send(packOutcomes(appends, store.commitAppends(appends)));
}

port.on('message', (message: ToAppendWorker) => {
  if (message.type === 'close') {
    commitReceived(); // the appends sent before close are answered first
    void store.close().then(() => {
      send({ type: 'closed' });
      port.close();
    });
    return;
  }
  if (received.length === 0) {
    received = message.appends;
    setImmediate(commitReceived);
  } else for (const append of message.appends) received.push(append);
});
send({ type: 'ready' });
