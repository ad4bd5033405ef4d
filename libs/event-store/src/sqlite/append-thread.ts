/**
 * The request thread's side of the append thread (append-worker.ts). Appends issued in one turn of the
 * event loop go to the worker in one message; the worker commits them with the store's group commit and
 * answers them (packed: append-thread-messages.ts) after COMMIT returned, while this thread goes on
 * parsing and deciding the next requests, which then join the next group. Order is kept (one port, one
 * queue), so appends this process issues on one stream are checked in the order issued, each against its
 * own expected revision.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { StoreClosedError } from '../errors.js';
import type { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port.js';
import type { AppendRequest, FromAppendWorker, ToAppendWorker } from './append-thread-messages.js';
import { unpackOutcomes } from './append-thread-messages.js';

/** The worker script beside this module: present in the build, absent under jest (TypeScript sources). */
export const APPEND_WORKER = new URL('./append-worker.js', import.meta.url);

export function appendWorkerAvailable(script: URL = APPEND_WORKER): boolean {
  return script.protocol === 'file:' && existsSync(fileURLToPath(script));
}

/** What was sent (a fresh result is rebuilt from it) and who waits. */
interface Waiting {
  streamId: string;
  events: NewEvent[];
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export class AppendThread {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private batch: AppendRequest[] = [];
  private postScheduled = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly file: string,
    private readonly script: URL = APPEND_WORKER,
    /** Called once per answered batch that wrote something (the store wakes its subscriptions). */
    private readonly onWritten: () => void = () => undefined,
  ) {}

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closing) return Promise.reject(new StoreClosedError());
    const id = this.nextId++;
    return new Promise<AppendResult>((resolve, reject) => {
      this.waiting.set(id, { streamId, events, resolve, reject });
      this.worker?.ref();
      this.batch.push({ id, streamId, events, expected });
      if (this.postScheduled) return;
      this.postScheduled = true;
      // After the microtasks of this turn: the appends decided in it travel in one message.
      setImmediate(() => this.post());
    });
  }

  /** Appends in flight (sent, not yet answered). */
  get pending(): number {
    return this.waiting.size;
  }

  /** Waits for every append issued so far to settle, then closes the worker's connection. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.postScheduled) this.post();
      const worker = this.worker;
      if (!worker) return;
      const closed = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.ref(); // idle, it was unreferenced: the process must wait for it to close
      this.send({ type: 'close' });
      await closed;
    })();
    return this.closing;
  }

  /**
   * Ends the worker at once (tests: a thread that dies). Appends in flight are rejected: whether their
   * transaction committed is not known, as when the process itself dies, and none was acknowledged.
   */
  async terminate(): Promise<void> {
    await this.worker?.terminate();
  }

  private post(): void {
    this.postScheduled = false;
    const appends = this.batch;
    this.batch = [];
    if (appends.length > 0) this.send({ type: 'append', appends });
  }

  private send(message: ToAppendWorker): void {
    (this.worker ?? this.start()).postMessage(message);
  }

  /** Started on the first append; started again after the worker ended (the next append reopens it). */
  private start(): Worker {
    const worker = new Worker(this.script, { workerData: { file: this.file } });
    this.worker = worker;
    worker.on('message', (message: FromAppendWorker) => {
      if (message.type !== 'settled') return;
      let wrote = false;
      unpackOutcomes(message, this.waiting, (w, id, outcome) => {
        this.waiting.delete(id);
        if (outcome.ok) {
          wrote ||= !outcome.result.duplicate;
          w.resolve(outcome.result);
        } else w.reject(outcome.error);
      });
      if (wrote) this.onWritten();
      // An idle worker does not keep the process alive; one with appends to answer does.
      if (this.waiting.size === 0) worker.unref();
    });
    let failure: unknown;
    worker.on('error', (error) => (failure = error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      // The appends it was sent fail; those not sent yet go to the next worker.
      const unsent = this.batch[0]?.id ?? this.nextId;
      const error =
        failure instanceof Error ? failure : new Error(`the append thread ended (exit code ${code})`);
      for (const [id, w] of this.waiting) {
        if (id >= unsent) continue;
        this.waiting.delete(id);
        w.reject(error);
      }
    });
    return worker;
  }
}
