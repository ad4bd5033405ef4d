import { randomUUID } from 'node:crypto';

import { PartialDuplicateError, RevisionConflictError } from '../errors.js';
import { GENESIS_HASH, hashMatches } from '../integrity/hash-chain.js';
import { newEvent } from '../testing/event-store.contract.js';
import { EsdbStandIn } from '../testing/esdb-stand-in.js';
import { EsdbEventStore } from './esdb-event-store.js';

const stream = (): string => `append-${randomUUID()}`;
const streamReads = (standIn: EsdbStandIn) => standIn.reads.filter((r) => r.kind === 'stream');

describe('EventStoreDB appends (against the client stand-in, not a server)', () => {
  it('reads nothing back for the appends of a writer that is alone on its streams, one read for a multi-event append', async () => {
    const standIn = new EsdbStandIn({ otherEvents: 20 });
    const store = new EsdbEventStore(standIn.client);
    const s = stream();
    for (let n = 0; n < 20; n++)
      await store.append(s, [newEvent('One', { n })], n === 0 ? 'no-stream' : n - 1);
    expect(streamReads(standIn)).toEqual([]);

    const many = await store.append(s, [newEvent('Many'), newEvent('Many'), newEvent('Many')], 19);
    expect(streamReads(standIn)).toEqual([
      { kind: 'stream', streamId: s, direction: 'forwards', maxCount: 3, from: '20' },
    ]);
    expect(many.positions).toEqual(standIn.positionsOf(s).slice(20));
    const stored = await store.readStream(s);
    expect(stored.map((e) => e.revision)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    expect(stored.every(hashMatches)).toBe(true);
    expect(stored[0]?.metadata.prevHash).toBe(GENESIS_HASH);
    await store.close();
  });

  it('still recognises a retried append among the stream’s last 256 events, without reading them again', async () => {
    const standIn = new EsdbStandIn();
    const store = new EsdbEventStore(standIn.client);
    const s = stream();
    const events = Array.from({ length: 30 }, (_, n) => newEvent('N', { n }));
    const results = [];
    for (const [n, e] of events.entries())
      results.push(await store.append(s, [e], n === 0 ? 'no-stream' : n - 1));
    const readsBefore = standIn.reads.length;

    expect(await store.append(s, [events[4]!], 'any')).toEqual({ ...results[4], duplicate: true });
    expect(await store.append(s, [events[29]!], 3)).toEqual({ ...results[29], duplicate: true });
    expect(standIn.reads.length).toBe(readsBefore);
    // Only some ids known: the rest may have been written by another process since, so it reads once.
    await expect(store.append(s, [events[29]!, newEvent('New')], 'any')).rejects.toBeInstanceOf(
      PartialDuplicateError,
    );
    expect(standIn.reads.length).toBe(readsBefore + 1);
    expect(standIn.positionsOf(s)).toHaveLength(30);
    await store.close();
  });

  it('keeps the guarantee when another process writes to the same stream', async () => {
    const standIn = new EsdbStandIn();
    const a = new EsdbEventStore(standIn.client);
    const b = new EsdbEventStore(standIn.client);
    const s = stream();
    const first = newEvent('A');
    await a.append(s, [first], 'no-stream');
    const fromB = [newEvent('B'), newEvent('B')];
    const byB = await b.append(s, fromB, 'any'); // b has never seen the stream: it reads it
    // a's view of the stream is stale: its append is refused by the server, then re-read and chained.
    const next = await a.append(s, [newEvent('A2')], 'any');
    expect(next.revision).toBe(3);
    await b.append(s, [newEvent('B2')], 'any'); // b's view is stale in turn
    // An exact revision the caller took from b's events is no conflict, though a had not seen them.
    expect((await a.append(s, [newEvent('A3')], 4)).revision).toBe(5);
    // A retry through a of what b wrote is recognised.
    expect(await a.append(s, fromB, 'any')).toEqual({ ...byB, duplicate: true });
    // A process that starts cold recognises a retry of a 'no-stream' append from the server's refusal.
    const c = new EsdbEventStore(standIn.client);
    expect((await c.append(s, [first], 'no-stream')).duplicate).toBe(true);
    await expect(c.append(s, [newEvent('C')], 1)).rejects.toBeInstanceOf(RevisionConflictError);

    const stored = await a.readStream(s);
    expect(stored.map((e) => e.type)).toEqual(['A', 'B', 'B', 'A2', 'B2', 'A3']);
    expect(stored.every(hashMatches)).toBe(true);
    expect(stored.slice(1).map((e) => e.metadata.prevHash)).toEqual(
      stored.slice(0, -1).map((e) => e.metadata.hash),
    );
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it('refuses what the server would hide or reject, with a clear code, before sending anything', async () => {
    const standIn = new EsdbStandIn();
    const store = new EsdbEventStore(standIn.client);
    const refused = async (streamId: string, event: ReturnType<typeof newEvent>) =>
      store.append(streamId, [event], 'any').catch((e: unknown) => e);
    const upper = randomUUID().toUpperCase();

    expect(await refused('$ledger', newEvent('A'))).toMatchObject({ code: 'RESERVED_NAME' });
    expect(await refused(stream(), newEvent('$A'))).toMatchObject({ code: 'RESERVED_NAME' });
    expect(await refused(stream(), newEvent('A', {}, 'not-a-uuid'))).toMatchObject({
      code: 'INVALID_EVENT_ID',
    });
    expect(await refused(stream(), newEvent('A', {}, upper))).toMatchObject({ code: 'INVALID_EVENT_ID' });
    const big = newEvent('Big', { text: 'x'.repeat(1_048_576) });
    expect(await refused(stream(), big)).toMatchObject({ code: 'APPEND_TOO_LARGE' });
    expect(standIn.appends).toEqual([]);
    await store.close();
  });

  it('names the server’s own size limit when it is lower than the adapter was told', async () => {
    const standIn = new EsdbStandIn({ maxAppendSize: 4096 });
    const store = new EsdbEventStore(standIn.client);
    const error = await store
      .append(stream(), [newEvent('Big', { text: 'x'.repeat(8192) })], 'no-stream')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'APPEND_TOO_LARGE' });
    await store.close();
  });
});
