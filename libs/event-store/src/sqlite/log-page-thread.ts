/**
 * Pages of the log read and checked on another thread: the second core of a rebuild. The thread has its
 * own connection to the SQLite file and its own VerifyingEventStore; per page it runs the SQLite step,
 * the integrity check (row hashes, stream links, log chain) and builds the page's JSON text from the
 * stored texts. The caller's thread is left one UTF-8 decode and one JSON.parse per page: the text's
 * bytes are moved across (a transferred buffer; a string would be copied twice, and objects cost more
 * to clone than to parse). What is parsed is the text whose hashes were checked, so the check is the
 * one readAll makes through a VerifyingEventStore.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { IntegrityError, type IntegrityFailure } from '../errors.js';
import type { StoredEvent } from '../event-store.port.js';
import { VerifyingEventStore } from '../integrity/verifying-event-store.js';
import { SqliteEventStore } from './sqlite-event-store.js';

/** Checked pages of the log: the events after `after` up to `to`, at most `limit` (as readAll). */
export interface LogPages {
  page(after: number, to: number, limit: number): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

interface PageRequest {
  id: number;
  after: number;
  to: number;
  limit: number;
}

/** An error as it crosses the threads: its own fields, and the failure of an IntegrityError. */
interface ErrorShape {
  name: string;
  message: string;
  code?: string;
  failure?: IntegrityFailure;
  fields: Record<string, unknown>;
}

/** A page as the bytes of its JSON text in ASCII (see asciiJson), in a buffer moved to the asking thread. */
type PageAnswer = { id: number; bytes: Uint8Array } | { id: number; error: ErrorShape };

const NON_ASCII = /[\u0080-\uffff]/g;
const escapeChar = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The same JSON with every non-ASCII character as a \\u escape (JSON.parse gives the same values). V8
 * keeps an ASCII string one byte per character: crossing the threads is then a plain copy of half the
 * bytes, where the UTF-16 text of Vietnamese names costs more to copy, encode or decode than to parse.
 */
export function asciiJson(text: string): string {
  return text.replace(NON_ASCII, escapeChar);
}

/** Worker, worker's parentPort or a MessagePort: what the two ends need of each other. */
export interface PagePort {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Worker and MessagePort declare it
  on(event: string, listener: (message: any) => void): unknown;
}

function shapeOf(error: unknown): ErrorShape {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as Record<
    string,
    unknown
  >;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(e)) if (typeof value !== 'object') fields[key] = value;
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    message: typeof e.message === 'string' ? e.message : String(error),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(e.failure ? { failure: e.failure as IntegrityFailure } : {}),
    fields,
  };
}

/** An IntegrityError again (its failure), else an Error with the same name, message and code (a StorageError stays one by shape). */
function errorOf(shape: ErrorShape): Error {
  if (shape.code === 'INTEGRITY_FAILURE' && shape.failure) return new IntegrityError(shape.failure);
  const error = Object.assign(new Error(shape.message), shape.fields);
  error.name = shape.name;
  return error;
}

/**
 * The reading end: answers page requests from `port`, one after another (each page's check starts from
 * the log hash the previous one ended at). Closes the store when the port sends `null`.
 */
export function servePages(port: PagePort, file: string): void {
  const store = new SqliteEventStore(file);
  const verifying = new VerifyingEventStore(store);
  let queue: Promise<void> = Promise.resolve();
  const answer = async (request: PageRequest): Promise<PageAnswer> => {
    try {
      const { events, text } = store.readAllAsText({
        after: request.after,
        to: request.to,
        batchSize: request.limit,
      });
      await verifying.checkPage(request.after, events);
      const bytes = Buffer.from(asciiJson(text), 'latin1');
      return { id: request.id, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    } catch (error) {
      return { id: request.id, error: shapeOf(error) };
    }
  };
  port.on('message', (request: PageRequest | null) => {
    queue = queue.then(async () => {
      if (request === null) {
        await verifying.close();
        port.postMessage(null);
        return;
      }
      const reply = await answer(request);
      // A buffer of its own (Buffer.from of a large text does not use the shared pool): moved, not copied.
      port.postMessage(reply, 'bytes' in reply ? [reply.bytes.buffer as ArrayBuffer] : []);
    });
  });
}

/** The asking end over a port served by servePages (another thread, or a MessageChannel in tests). */
export class PortLogPages implements LogPages {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(e: StoredEvent[]): void; reject(e: unknown): void }>();
  private closed: Promise<void> | undefined;
  private closedResolve: (() => void) | undefined;
  private failure: Error | undefined;

  constructor(
    private readonly port: PagePort,
    /** Where an integrity failure found by the other end is recorded too (the caller's VerifyingEventStore). */
    private readonly integrity?: { record(failure: IntegrityFailure): void },
  ) {
    port.on('message', (answer: PageAnswer | null) => {
      if (answer === null) {
        this.closedResolve?.();
        return;
      }
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (!waiting) return;
      if ('bytes' in answer) {
        const { buffer, byteOffset, byteLength } = answer.bytes;
        waiting.resolve(
          JSON.parse(Buffer.from(buffer, byteOffset, byteLength).toString('latin1')) as StoredEvent[],
        );
        return;
      }
      const error = errorOf(answer.error);
      if (error instanceof IntegrityError) this.integrity?.record(error.failure);
      waiting.reject(error);
    });
  }

  page(after: number, to: number, limit: number): Promise<StoredEvent[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('the log page reader is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.port.postMessage({ id, after, to, limit } satisfies PageRequest);
    });
  }

  /** The other end ended (the thread failed or exited): every page asked for and every later one fails. */
  ended(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.failure);
    this.pending.clear();
    this.closedResolve?.();
  }

  /** Asks the other end to close its store; resolves once it has (or has ended). */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = new Promise((resolve) => (this.closedResolve = resolve));
      if (this.failure) this.closedResolve?.();
      else this.port.postMessage(null);
    }
    return this.closed;
  }
}

const WORKER = new URL('./log-page-worker.js', import.meta.url);

/** The reader thread runs from JavaScript (the build); under jest the sources are TypeScript: none. */
export function logPageThreadAvailable(): boolean {
  return WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER));
}

/** Starts a thread that reads and checks pages of the log in `file`; close() ends it. */
export function openLogPageThread(
  file: string,
  integrity?: { record(failure: IntegrityFailure): void },
): LogPages {
  const worker = new Worker(WORKER, { workerData: { file } });
  const pages = new PortLogPages(worker, integrity);
  worker.once('error', (error) => pages.ended(error));
  worker.once('exit', (code) => pages.ended(new Error(`the log page reader thread exited (${code})`)));
  return {
    page: (after, to, limit) => pages.page(after, to, limit),
    close: async () => {
      await pages.close();
      await worker.terminate();
    },
  };
}
