/**
 * Append figures, each contender on its own fresh file, all with WAL + synchronous=FULL:
 *  1. one command = one append, `concurrency` commands in flight (our group commit joins them) vs raw
 *     better-sqlite3 inserting the same rows one transaction per command, vs emmett-sqlite;
 *  2. appends of 100 events (one transaction each) vs raw transactions of the same 100 rows.
 * The rows are the data set's first events; raw rows are sealed beforehand with the store's own hash
 * chain code, so raw writes exactly the bytes our store writes and does nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import {
  configureDatabase,
  GENESIS_HASH,
  type NewEvent,
  openSqliteEventStore,
  sealEvent,
} from '@thidua/event-store';
import type { PlannedAppend } from '../dataset/generator.js';
import { fmt, type Report } from '../util/report.js';
import { MinHeap } from '../util/min-heap.js';
import { rate, round, Samples } from '../util/stats.js';
import { ensurePeer, openPeer, peerPragmas, PEER_VERSION } from './peer.js';

type Row = [number, string, string, number, string, string, string];

/** The rows our store would write for these appends (positions contiguous from 1). */
export function sealRows(appends: readonly PlannedAppend[]): Row[][] {
  const heads = new Map<string, { revision: number; hash: string }>();
  let position = 0;
  return appends.map((a) => {
    const head = heads.get(a.streamId) ?? { revision: -1, hash: GENESIS_HASH };
    const rows = a.events.map((e): Row => {
      const revision = head.revision + 1;
      const sealed = sealEvent(a.streamId, revision, head.hash, e);
      head.revision = revision;
      head.hash = sealed.hash;
      return [++position, e.eventId, a.streamId, revision, e.type, sealed.dataJson, sealed.metadataJson];
    });
    heads.set(a.streamId, head);
    return rows;
  });
}

function freshFile(dir: string, name: string): string {
  const file = path.join(dir, name);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  return file;
}

function openRaw(file: string): { db: Database.Database; commit: (rows: Row[]) => void } {
  const db = new Database(file);
  configureDatabase(db); // the store's own pragmas and DDL
  const insert = db.prepare<Row>(
    'INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const tx = db.transaction((rows: Row[]) => {
    for (const row of rows) insert.run(...row);
  });
  return { db, commit: (rows) => tx.immediate(rows) };
}

export interface Timed {
  commands: number;
  events: number;
  ms: number;
  p50: number;
  p99: number;
  /** Failed commands (only where errors are tolerated: the peer). */
  errors?: number;
  firstError?: string;
}

/**
 * Runs the appends with `inFlight` commands at once, never two on one stream (each stream's appends in
 * order, as a command handler serializes a stream): a free worker takes the earliest pending append of
 * a stream that is not busy. Stops at the deadline, or when fewer streams than workers have work left.
 */
async function timedConcurrent(
  appends: readonly PlannedAppend[],
  inFlight: number,
  seconds: number,
  run: (a: PlannedAppend) => Promise<unknown>,
  tolerateErrors = false,
): Promise<Timed> {
  // Per stream: its pending appends with their place in the pool.
  const queues = new Map<string, Array<[number, PlannedAppend]>>();
  appends.forEach((a, i) => {
    const q = queues.get(a.streamId);
    if (q) q.push([i, a]);
    else queues.set(a.streamId, [[i, a]]);
  });
  // Streams with work and not in flight, by their next append's place in the pool.
  const ready = new MinHeap<string>();
  for (const [streamId, q] of queues) ready.push((q[0] as [number, PlannedAppend])[0], streamId);
  const take = (): PlannedAppend | undefined => {
    const streamId = ready.pop();
    return streamId === undefined ? undefined : queues.get(streamId)?.shift()?.[1];
  };
  const release = (streamId: string): void => {
    const next = queues.get(streamId)?.[0];
    if (next) ready.push(next[0], streamId);
    else queues.delete(streamId);
  };
  const latency = new Samples();
  let commands = 0;
  let events = 0;
  let errors = 0;
  let firstError: string | undefined;
  let stop = false;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (!stop && performance.now() < deadline) {
        if (queues.size < inFlight) break; // the tail: fewer streams than workers
        const a = take();
        if (!a) break;
        const t0 = performance.now();
        try {
          await run(a);
        } catch (error) {
          if (!tolerateErrors) throw error;
          // The stream's later appends would only conflict: drop them, count the failure.
          errors++;
          firstError ??= String(error);
          queues.delete(a.streamId);
          continue;
        }
        latency.push(performance.now() - t0);
        commands++;
        events += a.events.length;
        release(a.streamId);
      }
      stop = true;
    }),
  );
  return {
    commands,
    events,
    ms: performance.now() - start,
    p50: latency.percentile(50),
    p99: latency.percentile(99),
    ...(tolerateErrors && { errors, ...(firstError !== undefined && { firstError }) }),
  };
}

function timedSync(batches: readonly Row[][], seconds: number, commit: (rows: Row[]) => void): Timed {
  const latency = new Samples();
  let commands = 0;
  let events = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  for (const rows of batches) {
    if (performance.now() >= deadline) break;
    const t0 = performance.now();
    commit(rows);
    latency.push(performance.now() - t0);
    commands++;
    events += rows.length;
  }
  return {
    commands,
    events,
    ms: performance.now() - start,
    p50: latency.percentile(50),
    p99: latency.percentile(99),
  };
}

/**
 * Raw durable inserts, one transaction per command, for `seconds` on a fresh file: the baseline of the
 * HTTP write figure. Cycles through `batches` (ids and streams suffixed per cycle) if they run out.
 */
export function rawOneTxnPerCommand(
  dir: string,
  name: string,
  batches: readonly Row[][],
  seconds: number,
): Timed {
  const raw = openRaw(freshFile(dir, name));
  const total = batches.reduce((n, b) => n + b.length, 0);
  function* cycled(): Generator<Row[]> {
    for (let k = 0; ; k++) {
      for (const rows of batches) {
        yield k === 0
          ? rows
          : rows.map((r): Row => [r[0] + k * total, `${r[1]}~${k}`, `${r[2]}~${k}`, r[3], r[4], r[5], r[6]]);
      }
    }
  }
  const latency = new Samples();
  let commands = 0;
  let events = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  for (const rows of cycled()) {
    if (performance.now() >= deadline) break;
    const t0 = performance.now();
    raw.commit(rows);
    latency.push(performance.now() - t0);
    commands++;
    events += rows.length;
  }
  raw.db.close();
  return {
    commands,
    events,
    ms: performance.now() - start,
    p50: latency.percentile(50),
    p99: latency.percentile(99),
  };
}

export const summary = (t: Timed): Record<string, number> => ({
  commands: t.commands,
  events: t.events,
  seconds: round(t.ms / 1000, 2),
  commandsPerSecond: round(rate(t.commands, t.ms), 1),
  eventsPerSecond: round(rate(t.events, t.ms), 1),
  p50Ms: round(t.p50, 3),
  p99Ms: round(t.p99, 3),
});

export async function appendSingleFigures(
  report: Report,
  pool: readonly PlannedAppend[],
  dir: string,
  opts: { seconds: number; concurrency: number; log: (line: string) => void },
): Promise<void> {
  const rows = sealRows(pool);

  const ours = await openSqliteEventStore(freshFile(dir, 'append-ours.sqlite'));
  const oursRun = await timedConcurrent(pool, opts.concurrency, opts.seconds, (a) =>
    ours.append(a.streamId, a.events, a.expected),
  );
  await ours.close();

  const raw = openRaw(freshFile(dir, 'append-raw.sqlite'));
  const rawRun = timedSync(rows, opts.seconds, raw.commit);
  raw.db.close();

  const oursRate = rate(oursRun.commands, oursRun.ms);
  const rawRate = rate(rawRun.commands, rawRun.ms);
  const ratio = oursRate / rawRate;
  report.add({
    id: 'append-single-vs-raw',
    title: `Append 1 command/append, durable, ${opts.concurrency} in flight`,
    ours: fmt.rate(oursRate, 'cmd/s'),
    baseline: `raw better-sqlite3 1 txn/command: ${fmt.rate(rawRate, 'cmd/s')}`,
    ratio,
    targets: [{ text: '≥ 0.8× raw', met: ratio >= 0.8 }],
    values: { ours: summary(oursRun), raw: summary(rawRun) },
    notes: [
      `ours p50 ${fmt.ms(oursRun.p50)}, p99 ${fmt.ms(oursRun.p99)} per command; raw p99 ${fmt.ms(rawRun.p99)} per transaction`,
    ],
  });

  const failure = ensurePeer(opts.log);
  if (failure) {
    report.add({
      id: 'append-single-vs-peer',
      title: 'Append, 1 event/command, durable, vs emmett-sqlite',
      ours: fmt.rate(oursRate, 'cmd/s'),
      baseline: `emmett-sqlite ${PEER_VERSION}: not available`,
      ratio: null,
      targets: [{ text: '≥ 5× peer', met: false }],
      values: { error: failure },
      notes: [failure],
    });
    return;
  }
  const peerFile = freshFile(dir, 'append-peer.sqlite');
  const peer = await openPeer(peerFile);
  const toPeer = (a: PlannedAppend): Promise<unknown> =>
    peer.appendToStream(
      a.streamId,
      a.events.map((e: NewEvent) => ({ type: e.type, data: e.data, metadata: e.metadata })),
      { expectedStreamVersion: a.expected === 'no-stream' ? 0n : BigInt(Number(a.expected) + 1) },
    );
  // getSQLiteEventStore shares one connection between concurrent calls and the first to finish closes
  // it: concurrent appends fail. Probed on a separate file, then measured one command at a time.
  const probe = await openPeer(freshFile(dir, 'append-peer-probe.sqlite'));
  await probe.appendToStream('probe-0', [{ type: 'Probe', data: {} }]);
  // emmett console.logs every failed transaction: keep the bench output readable.
  const consoleLog = console.log;
  console.log = () => undefined;
  let probeResults: Array<PromiseSettledResult<unknown>>;
  let peerRun: Timed;
  try {
    probeResults = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        probe.appendToStream(`probe-${i + 1}`, [{ type: 'Probe', data: { i } }]),
      ),
    );
    peerRun = await timedConcurrent(pool, 1, opts.seconds, toPeer, true);
  } finally {
    console.log = consoleLog;
  }
  const probeFailed = probeResults.filter((r) => r.status === 'rejected');
  const pragmas = await peerPragmas(peerFile);
  const peerRate = rate(peerRun.commands, peerRun.ms);
  const peerRatio = oursRate / peerRate;
  report.add({
    id: 'append-single-vs-peer',
    title: `Append 1 command/append, durable, vs emmett-sqlite ${PEER_VERSION}`,
    ours: fmt.rate(oursRate, 'cmd/s'),
    baseline: `emmett-sqlite (1 in flight): ${fmt.rate(peerRate, 'cmd/s')}`,
    ratio: peerRatio,
    targets: [{ text: '≥ 5× peer', met: peerRatio >= 5 }],
    values: {
      peer: { ...summary(peerRun), errors: peerRun.errors ?? 0, firstError: peerRun.firstError ?? null },
      peerPragmas: pragmas,
      peerConcurrentProbe: {
        appends: probeResults.length,
        failed: probeFailed.length,
        firstError: probeFailed[0] ? String((probeFailed[0] as PromiseRejectedResult).reason) : null,
      },
    },
    notes: [
      `peer connection: journal_mode=${pragmas.journalMode}, synchronous=${pragmas.synchronous} (${
        pragmas.synchronous === 2 ? 'FULL' : 'not FULL'
      }; emmett sets only journal_mode=WAL, FULL is the sqlite3 ${pragmas.sqlite} default) — as durable as ours`,
      `peer run one command at a time: ${probeFailed.length} of ${probeResults.length} concurrent appends through one getSQLiteEventStore failed (${
        probeFailed[0] ? String((probeFailed[0] as PromiseRejectedResult).reason).slice(0, 80) : 'none'
      })`,
      'emmett opens and closes a sqlite3 connection per call on a file database',
      `peer failures during its one-at-a-time run: ${peerRun.errors ?? 0}${
        peerRun.firstError
          ? ` (first: ${peerRun.firstError.slice(0, 100)}; that stream's later appends were skipped)`
          : ''
      }`,
    ],
  });
}

/** Each stream's events regrouped into appends of exactly 100 (the remainder is left out). */
export function batchesOf100(pool: readonly PlannedAppend[]): PlannedAppend[] {
  const byStream = new Map<string, NewEvent[]>();
  for (const a of pool) {
    const list = byStream.get(a.streamId) ?? [];
    list.push(...a.events);
    byStream.set(a.streamId, list);
  }
  const perStream = [...byStream]
    .filter(([, events]) => events.length >= 100)
    .map(([streamId, events]) => {
      const out: PlannedAppend[] = [];
      for (let i = 0; i + 100 <= events.length; i += 100) {
        out.push({ streamId, events: events.slice(i, i + 100), expected: i === 0 ? 'no-stream' : i - 1 });
      }
      return out;
    });
  const result: PlannedAppend[] = [];
  for (let round = 0; perStream.some((s) => s.length > round); round++) {
    for (const s of perStream) {
      const a = s[round];
      if (a) result.push(a);
    }
  }
  return result;
}

export async function appendBatchFigures(
  report: Report,
  pool: readonly PlannedAppend[],
  dir: string,
  opts: { seconds: number },
): Promise<void> {
  const batches = batchesOf100(pool);
  const rows = sealRows(batches);
  const ours = await openSqliteEventStore(freshFile(dir, 'batch-ours.sqlite'));
  const oursRun = await timedConcurrent(batches, 1, opts.seconds, (a) =>
    ours.append(a.streamId, a.events, a.expected),
  );
  await ours.close();
  const raw = openRaw(freshFile(dir, 'batch-raw.sqlite'));
  const rawRun = timedSync(rows, opts.seconds, raw.commit);
  raw.db.close();
  const oursRate = rate(oursRun.events, oursRun.ms);
  const rawRate = rate(rawRun.events, rawRun.ms);
  const ratio = oursRate / rawRate;
  const exhausted = oursRun.commands === batches.length || rawRun.commands === batches.length;
  report.add({
    id: 'append-batch-vs-raw',
    title: 'Append, 100 events per transaction, durable',
    ours: fmt.rate(oursRate, 'ev/s'),
    baseline: `raw better-sqlite3 100 rows/txn: ${fmt.rate(rawRate, 'ev/s')}`,
    ratio,
    targets: [{ text: '≥ 0.8× raw', met: ratio >= 0.8 }],
    values: { batches: batches.length, ours: summary(oursRun), raw: summary(rawRun) },
    notes: [
      `${batches.length} appends of 100 events available${exhausted ? ' (one contender used them all before its time ran out)' : ''}`,
    ],
  });
}
