/**
 * An in-memory stand-in for the parts of `EventStoreDBClient` (@eventstore/db-client 6.2.x) the ESDB
 * adapter uses, for unit tests. It is not a server: a suite passing against it never means it ran
 * against EventStoreDB (README, "Which suites ran where").
 *
 * What it emits is what the real client emits, because the client's own code does the emitting: reads
 * are the client's `ReadStream`, subscriptions its `Subscription`, both fed by a stand-in gRPC call that
 * behaves like @grpc/grpc-js's ClientReadableStreamImpl (one message per `_read`, so a consumer that
 * stops reading leaves the call open; on status: `push(null)`, then `'error'` unless OK, then
 * `'status'`; `cancel()` ends it with CANCELLED "Cancelled on client"), carrying real protobuf `ReadResp`
 * messages that the client's `convertGrpcEvent` turns into events. Server errors go through the
 * client's `convertToCommandError`. Server behaviour modelled from the server's source and changelogs:
 * - positions are byte offsets of log records (increasing, not contiguous), commit = prepare for every
 *   event appended through gRPC; system events (`$…` types) are interleaved;
 * - a read or subscription of $all from a position that is not an event's is refused as 24.x refuses
 *   it (status UNKNOWN "Trying to read from an invalid position.");
 * - a node shutdown ends a subscription with CANCELLED (24.4+), a lost connection with UNAVAILABLE;
 * - appends: expected revision checks, the server's own idempotency (same ids right after the expected
 *   revision: success without a write, and without a position), ids stored lower-case, the append size
 *   limit (data + metadata + 2 × type length > maxAppendSize).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

import { WrongExpectedVersionError, convertToCommandError } from '@eventstore/db-client';
import { ReadStream } from '@eventstore/db-client/dist/streams/utils/ReadStream.js';
import { Subscription } from '@eventstore/db-client/dist/streams/utils/Subscription.js';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils/convertGrpcEvent.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type {
  AppendExpectedRevision,
  AppendResult,
  EventStoreDBClient,
  Filter,
  JSONEventData,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeToAllOptions,
} from '@eventstore/db-client';

import { GENESIS_HASH, sealEvent } from '../integrity/hash-chain.js';

const { ReadResp } = streamsPb;
const { StreamIdentifier, UUID } = sharedPb;
type ReadRespMessage = InstanceType<typeof ReadResp>;

/** gRPC status codes (@grpc/grpc-js `status`). */
export const GRPC = { OK: 0, CANCELLED: 1, UNKNOWN: 2, INVALID_ARGUMENT: 3, UNAVAILABLE: 14 } as const;
const GRPC_NAMES: Record<number, string> = {
  0: 'OK',
  1: 'CANCELLED',
  2: 'UNKNOWN',
  3: 'INVALID_ARGUMENT',
  14: 'UNAVAILABLE',
};

export interface GrpcStatus {
  code: number;
  details: string;
  /** Trailing metadata, e.g. `{ exception: 'maximum-append-size-exceeded' }`. */
  metadata?: Record<string, string>;
}

/** What @grpc/grpc-js's `callErrorFromStatus` builds: an Error carrying code, details and metadata. */
function serviceError(status: GrpcStatus): Error {
  const metadata = status.metadata ?? {};
  return Object.assign(new Error(`${status.code} ${GRPC_NAMES[status.code]}: ${status.details}`), {
    code: status.code,
    details: status.details,
    metadata: { getMap: () => metadata },
  });
}

export const INVALID_POSITION: GrpcStatus = {
  code: GRPC.UNKNOWN,
  details: 'Trying to read from an invalid position.',
};
export const NODE_SHUTDOWN: GrpcStatus = { code: GRPC.CANCELLED, details: 'Server shutting down' };
export const CONNECTION_LOST: GrpcStatus = { code: GRPC.UNAVAILABLE, details: 'Connection dropped' };

interface LogRecord {
  streamId: string;
  id: string;
  type: string;
  revision: number;
  position: number;
  data: Buffer;
  metadata: Buffer;
  isJson: boolean;
}

/** One server-streaming call, as @grpc/grpc-js's ClientReadableStreamImpl behaves towards its reader. */
class StandInCall extends Readable {
  private readonly pending: ReadRespMessage[] = [];
  private final: GrpcStatus | undefined;
  private settled = false;
  private waiting = false;
  /** How the call ended: 'completed' (status sent by the server), 'cancelled' (by the client). */
  outcome: 'open' | 'completed' | 'cancelled' = 'open';

  constructor(private readonly onSettled: (call: StandInCall) => void) {
    super({ objectMode: true });
  }

  send(...messages: ReadRespMessage[]): void {
    this.pending.push(...messages);
    this.deliver();
  }

  /** The server ends the call (after the messages it already sent). */
  end(status: GrpcStatus = { code: GRPC.OK, details: '' }): this {
    this.final ??= status;
    this.deliver();
    return this;
  }

  /** grpc-js does not cancel a call whose stream is destroyed: unless the server had ended it, it stays open. */
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.final && !this.settled) {
      this.settled = true;
      this.outcome = 'completed';
      this.onSettled(this);
    }
    callback(error);
  }

  cancel(): void {
    this.settle({ code: GRPC.CANCELLED, details: 'Cancelled on client' }, 'cancelled');
  }

  override _read(): void {
    this.waiting = true;
    this.deliver();
  }

  private deliver(): void {
    if (this.settled || !this.waiting) return;
    const next = this.pending.shift();
    if (next) {
      this.waiting = false;
      this.push(next);
      return;
    }
    if (this.final) this.settle(this.final, 'completed');
  }

  private settle(status: GrpcStatus, outcome: 'completed' | 'cancelled'): void {
    if (this.settled) return;
    this.settled = true;
    this.outcome = outcome;
    this.pending.length = 0;
    this.push(null);
    if (status.code !== GRPC.OK) this.emit('error', serviceError(status));
    this.emit('status', status);
    this.onSettled(this);
  }
}

type Direction = 'forwards' | 'backwards';

export interface ReadRecord {
  kind: 'stream' | 'all';
  streamId?: string;
  direction: Direction;
  maxCount: number;
  from: string;
}

export interface StandInOptions {
  /** Ledger events of other streams already on the server (a long-lived server), written first. */
  otherEvents?: number;
  /** A system event (`$statsCollected` in `$stats-…`) after every this many appends. Default 3. */
  systemEventEvery?: number;
  /** The server's MaxAppendSize. Default 1,048,576 bytes (EventStoreDB's default). */
  maxAppendSize?: number;
  /**
   * Refuse to read $all forwards from its start: a stand-in for a server whose history is too long to
   * read in a test (a suite that claims to run on a long-lived server must scope its reads).
   */
  longHistory?: boolean;
}

/** The stand-in client; `client` is what the adapter is given. */
export class EsdbStandIn {
  private readonly log: LogRecord[] = [];
  private readonly byPosition = new Map<number, LogRecord>();
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly live = new Set<{ call: StandInCall; after: number; filter?: Filter }>();
  private readonly calls = new Set<StandInCall>();
  private nextPosition = 4096;
  private appendsSinceSystem = 0;
  private refusals: GrpcStatus[] = [];
  readonly maxAppendSize: number;
  private readonly systemEventEvery: number;
  private readonly longHistory: boolean;
  /** Every read the adapter made (readStream and readAll, not subscriptions). */
  readonly reads: ReadRecord[] = [];
  readonly appends: Array<{ streamId: string; count: number; expected: string }> = [];
  /** readableOptions passed with each subscribeToAll. */
  readonly subscriptions: Array<{ from: string; highWaterMark: number | undefined }> = [];
  disposed = false;

  constructor(options: StandInOptions = {}) {
    this.maxAppendSize = options.maxAppendSize ?? 1_048_576;
    this.systemEventEvery = options.systemEventEvery ?? 3;
    this.longHistory = options.longHistory ?? false;
    this.seedLedger(options.otherEvents ?? 0);
  }

  /** Ledger events of other streams, sealed and chained as the adapter writes them (a log in use). */
  private seedLedger(count: number): void {
    const heads = new Map<string, string>();
    for (let i = 0; i < count; i++) {
      const streamId = `other-${i % 7}`;
      const prevHash = heads.get(streamId) ?? GENESIS_HASH;
      const revision = this.streams.get(streamId)?.length ?? 0;
      const id = randomUUID();
      const sealed = sealEvent(streamId, revision, prevHash, {
        eventId: id,
        type: 'Other',
        data: { i },
        metadata: {
          actor: { id: 'seed', role: 'admin' },
          occurredAt: '2024-01-01T00:00:00.000Z',
          correlationId: id,
          causationId: id,
          schemaVersion: 1,
        },
      });
      heads.set(streamId, sealed.hash);
      this.store(streamId, id, 'Other', Buffer.from(sealed.dataJson), Buffer.from(sealed.metadataJson), true);
    }
  }

  get client(): EventStoreDBClient {
    return this as unknown as EventStoreDBClient;
  }

  /** Calls neither completed by the server nor cancelled by the client: leaked if nobody reads them. */
  openCalls(): number {
    return [...this.calls].filter((c) => c.outcome === 'open').length;
  }

  /** Positions of the events of a stream, in revision order. */
  positionsOf(streamId: string): number[] {
    return (this.streams.get(streamId) ?? []).map((r) => r.position);
  }

  /** The next `count` subscribeToAll calls fail at once with `status` (server not reachable). */
  refuseSubscriptions(count: number, status: GrpcStatus = CONNECTION_LOST): void {
    for (let i = 0; i < count; i++) this.refusals.push(status);
  }

  /** Ends every live subscription with `status` (OK: the stream ends without an error). */
  dropSubscriptions(status: GrpcStatus): void {
    for (const s of this.live) s.call.end(status);
    this.live.clear();
  }

  /** Writes an event as another client would (no hash chain), e.g. a foreign or system event. */
  write(streamId: string, id: string, type: string, data: unknown, isJson = true): LogRecord {
    const bytes = Buffer.from(isJson ? JSON.stringify(data) : String(data), 'utf8');
    return this.store(streamId, id, type, bytes, Buffer.alloc(0), isJson);
  }

  /** Appends a record at the end of the log: its position is the byte offset where it starts. */
  private store(
    streamId: string,
    id: string,
    type: string,
    data: Buffer,
    metadata: Buffer,
    isJson: boolean,
  ): LogRecord {
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    const record: LogRecord = {
      streamId,
      id: id.toLowerCase(), // the server keeps a Guid and answers its lower-case "D" form
      type,
      revision: stream.length,
      position: this.nextPosition,
      data,
      metadata,
      isJson,
    };
    this.nextPosition += 96 + Buffer.byteLength(streamId) + type.length * 2 + data.length + metadata.length;
    stream.push(record);
    this.log.push(record);
    this.byPosition.set(record.position, record);
    for (const s of this.live) {
      if (record.position > s.after && passes(record, s.filter)) s.call.send(eventMessage(record, true));
    }
    return record;
  }

  async appendToStream(
    streamId: string,
    events: JSONEventData | JSONEventData[],
    options: { expectedRevision?: AppendExpectedRevision } = {},
  ): Promise<AppendResult> {
    const list = Array.isArray(events) ? events : [events];
    const expected = options.expectedRevision ?? 'any';
    this.appends.push({ streamId, count: list.length, expected: String(expected) });
    // The client serialises exactly so (jsonEvent + append.js).
    const payload = list.map((e) => ({
      id: e.id,
      type: e.type,
      data: Buffer.from(JSON.stringify(e.data), 'utf8'),
      metadata: Buffer.from(e.metadata === undefined ? '' : JSON.stringify(e.metadata), 'utf8'),
    }));
    const size = payload.reduce((sum, e) => sum + e.data.length + e.metadata.length + e.type.length * 2, 0);
    if (size > this.maxAppendSize) {
      throw convertToCommandError(
        serviceError({
          code: GRPC.INVALID_ARGUMENT,
          details: `Maximum Append Size of ${this.maxAppendSize} Exceeded.`,
          metadata: {
            exception: 'maximum-append-size-exceeded',
            'maximum-append-size': String(this.maxAppendSize),
          },
        }),
      );
    }
    for (const e of payload) {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(e.id)) {
        throw convertToCommandError(
          serviceError({ code: GRPC.UNKNOWN, details: 'Exception was thrown by handler.' }),
        );
      }
    }
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length === 0 ? undefined : stream.length - 1;
    if (typeof expected === 'bigint') {
      // The server's own idempotency check: the same ids right after the expected revision.
      const next = stream.slice(Number(expected) + 1, Number(expected) + 1 + payload.length);
      if (
        next.length === payload.length &&
        next.every((r, i) => r.id === (payload[i] as { id: string }).id.toLowerCase())
      ) {
        return {
          success: true,
          nextExpectedRevision: BigInt((next.at(-1) as LogRecord).revision),
          position: undefined,
        };
      }
    }
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === undefined) ||
      (expected === 'stream_exists' && current !== undefined) ||
      (typeof expected === 'bigint' && current !== undefined && BigInt(current) === expected);
    if (!ok) {
      throw new WrongExpectedVersionError(undefined as never, {
        streamName: streamId,
        expected,
        current: current === undefined ? 'no_stream' : BigInt(current),
      });
    }
    let last: LogRecord | undefined;
    for (const e of payload) last = this.store(streamId, e.id, e.type, e.data, e.metadata, true);
    if (++this.appendsSinceSystem >= this.systemEventEvery) {
      this.appendsSinceSystem = 0;
      this.write('$stats-127.0.0.1:2113', randomUUID(), '$statsCollected', { cpu: 1 });
    }
    const position = BigInt((last as LogRecord).position);
    return {
      success: true,
      nextExpectedRevision: BigInt((last as LogRecord).revision),
      position: { commit: position, prepare: position },
    };
  }

  readStream(streamId: string, options: ReadStreamOptions = {}, readableOptions = {}): ReadStream<unknown> {
    const direction: Direction = options.direction === 'backwards' ? 'backwards' : 'forwards';
    const maxCount = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const from = options.fromRevision ?? 'start';
    this.reads.push({ kind: 'stream', streamId, direction, maxCount, from: String(from) });
    return new ReadStream(
      () => {
        const call = this.call();
        const stream = this.streams.get(streamId);
        if (!stream) {
          const identifier = new StreamIdentifier();
          identifier.setStreamName(Buffer.from(streamId, 'utf8'));
          const notFound = new ReadResp.StreamNotFound();
          notFound.setStreamIdentifier(identifier);
          const resp = new ReadResp();
          resp.setStreamNotFound(notFound);
          call.send(resp);
          return Promise.resolve(call.end()) as never;
        }
        let records: LogRecord[];
        if (direction === 'forwards') {
          const start = from === 'start' ? 0 : from === 'end' ? stream.length : Number(from);
          records = stream.slice(start);
        } else {
          const start = from === 'end' ? stream.length - 1 : from === 'start' ? 0 : Number(from);
          records = stream.slice(0, start + 1).reverse();
        }
        call.send(...records.slice(0, maxCount).map((r) => eventMessage(r, false)));
        return Promise.resolve(call.end()) as never;
      },
      convertGrpcEvent,
      readableOptions,
    );
  }

  readAll(options: ReadAllOptions = {}, readableOptions = {}): ReadStream<unknown> {
    const direction: Direction = options.direction === 'backwards' ? 'backwards' : 'forwards';
    const maxCount = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const from = options.fromPosition ?? 'start';
    this.reads.push({ kind: 'all', direction, maxCount, from: describe(from) });
    return new ReadStream(
      () => {
        const call = this.call();
        const at = this.resolve(from);
        if (at === null) return Promise.resolve(call.end(INVALID_POSITION)) as never;
        if (this.longHistory && direction === 'forwards' && from === 'start') {
          return Promise.resolve(
            call.end({
              code: GRPC.UNKNOWN,
              details: 'stand-in: this history is too long to read from the start',
            }),
          ) as never;
        }
        const records =
          direction === 'forwards'
            ? this.log.filter((r) => r.position >= at)
            : this.log.filter((r) => r.position < at).reverse();
        call.send(...records.slice(0, maxCount).map((r) => eventMessage(r, true)));
        return Promise.resolve(call.end()) as never;
      },
      convertGrpcEvent,
      readableOptions,
    );
  }

  subscribeToAll(
    options: SubscribeToAllOptions = {},
    readableOptions: { highWaterMark?: number } = {},
  ): Subscription<unknown> {
    const from = options.fromPosition ?? 'start';
    this.subscriptions.push({ from: describe(from), highWaterMark: readableOptions.highWaterMark });
    return new Subscription(
      () => {
        const call = this.call();
        const refusal = this.refusals.shift();
        if (refusal) return Promise.resolve(call.end(refusal)) as never;
        const at = this.resolve(from);
        if (at === null) return Promise.resolve(call.end(INVALID_POSITION)) as never;
        // A subscription's start is exclusive: it delivers what comes after `from`.
        const after = from === 'start' ? -1 : at;
        const confirmation = new ReadResp();
        confirmation.setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId('stand-in'));
        const caughtUp = new ReadResp();
        caughtUp.setCaughtUp(new ReadResp.CaughtUp());
        const filter = options.filter;
        call.send(
          confirmation,
          ...this.log
            .filter((r) => r.position > after && passes(r, filter))
            .map((r) => eventMessage(r, true)),
          caughtUp,
        );
        this.live.add({ call, after, ...(filter ? { filter } : {}) });
        return Promise.resolve(call) as never;
      },
      convertGrpcEvent,
      readableOptions,
    );
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  /** A position as the server resolves it: the log start, an event's position, or the end; else null. */
  private resolve(from: 'start' | 'end' | Position): number | null {
    if (from === 'start') return 0;
    if (from === 'end') return this.nextPosition;
    if (from.commit !== from.prepare) return null;
    const p = Number(from.commit);
    return this.byPosition.has(p) || p === this.nextPosition ? p : null;
  }

  private call(): StandInCall {
    const call = new StandInCall((c) => {
      for (const s of this.live) if (s.call === c) this.live.delete(s);
    });
    this.calls.add(call);
    return call;
  }
}

function describe(from: 'start' | 'end' | Position): string {
  return typeof from === 'string' ? from : `${from.commit}/${from.prepare}`;
}

function passes(record: LogRecord, filter: Filter | undefined): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'eventType' ? record.type : record.streamId;
  if ('regex' in filter && filter.regex !== undefined) return new RegExp(filter.regex).test(subject);
  if ('prefixes' in filter && filter.prefixes)
    return filter.prefixes.some((p: string) => subject.startsWith(p));
  return true;
}

/** A ReadResp carrying one event, as the server sends it (positions on stream reads too: 22.10+). */
function eventMessage(record: LogRecord, fromAll: boolean): ReadRespMessage {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const id = new UUID();
  id.setString(record.id);
  recorded.setId(id);
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Buffer.from(record.streamId, 'utf8'));
  recorded.setStreamIdentifier(identifier);
  recorded.setStreamRevision(String(record.revision));
  recorded.setPreparePosition(String(record.position));
  recorded.setCommitPosition(String(record.position));
  recorded
    .getMetadataMap()
    .set('type', record.type)
    .set('content-type', record.isJson ? 'application/json' : 'application/octet-stream')
    .set('created', '638000000000000000');
  recorded.setCustomMetadata(record.metadata);
  recorded.setData(record.data);
  const event = new ReadResp.ReadEvent();
  event.setEvent(recorded);
  if (fromAll) event.setCommitPosition(String(record.position));
  else event.setNoPosition(new sharedPb.Empty());
  const resp = new ReadResp();
  resp.setEvent(event);
  return resp;
}
