import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, openSqliteEventStore } from '@thidua/event-store';
import { openSqliteReadStore, type ReadStore } from '@thidua/read-store';
import { docKey, KeptDocs } from './kept-docs.js';
import { BatchView } from './projection-view.js';

/** BatchView.take: the stored document handed over without a copy kept in the overlay. */
let dir: string;
let reads: ReadStore;
let events: EventStore;
const target = { projection: 'view-take', generation: 1 };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'projection-view-'));
  reads = await openSqliteReadStore(join(dir, 'read.sqlite'));
  events = await openSqliteEventStore(join(dir, 'events.sqlite'));
  await reads.applyBatch(target, 1, [{ op: 'put', collection: 'c', id: 'a', doc: { n: 1, list: [1] } }], 5);
});
afterAll(async () => {
  await reads.close();
  await events.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('BatchView.take', () => {
  it('reads the stored document and keeps nothing of it: changing it changes no later read', async () => {
    const view = new BatchView(reads, target, events);
    const taken = await view.take('c', 'a');
    expect(taken).toEqual({ n: 1, list: [1] });
    (taken!['list'] as number[]).push(2);
    taken!['n'] = 9;
    expect(await view.peek('c', 'a')).toEqual({ n: 1, list: [1] });
    expect(await view.take('c', 'missing')).toBeNull();
    expect(view.changes()).toEqual([]);
  });

  it("sees the batch's own change, as a copy", async () => {
    const view = new BatchView(reads, target, events);
    view.record([{ op: 'put', collection: 'c', id: 'a', doc: { n: 2, list: [1, 2] } }], 7);
    const taken = await view.take('c', 'a');
    expect(taken).toEqual({ n: 2, list: [1, 2] });
    (taken!['list'] as number[]).push(3);
    expect(await view.peek('c', 'a')).toEqual({ n: 2, list: [1, 2] });
    view.record([{ op: 'delete', collection: 'c', id: 'a' }], 8);
    expect(await view.take('c', 'a')).toBeNull();
  });
});

describe('BatchView.held', () => {
  it('counts each document the batch holds once: read, changed, or taken', async () => {
    const view = new BatchView(reads, target, events);
    expect(view.held).toBe(0);
    await view.get('c', 'a');
    await view.peek('c', 'a');
    expect(view.held).toBe(1);
    view.record([{ op: 'put', collection: 'c', id: 'b', doc: { n: 2 } }], 7);
    view.record([{ op: 'put', collection: 'c', id: 'b', doc: { n: 3 } }], 8);
    expect(view.held).toBe(2);
    await view.take('c', 'b'); // the batch's own change: already counted
    await view.take('c', 'missing'); // nothing to hold
    expect(view.held).toBe(2);
    await new BatchView(reads, target, events).take('c', 'a');
    const other = new BatchView(reads, target, events);
    await other.take('c', 'a');
    expect(other.held).toBe(1);
  });
});

describe('BatchView over kept documents', () => {
  it('serves a kept document before the store, hands it over on take, and holds it at no cost', async () => {
    const kept = new KeptDocs(new Set(['c']), 10);
    // Not what the store holds (n: 1): proves where the read came from.
    kept.wrote([{ op: 'put', collection: 'c', id: 'a', doc: { n: 5, list: [5] } }], 6);
    const view = new BatchView(reads, target, events, kept);
    expect(await view.take('c', 'a')).toEqual({ n: 5, list: [5] });
    expect(view.held).toBe(0); // in memory already: the batch's holding it adds nothing
    expect(await view.take('c', 'a')).toEqual({ n: 1, list: [1] }); // handed over: now from the store
    expect(view.held).toBe(1);
    kept.wrote([{ op: 'put', collection: 'c', id: 'a', doc: { n: 7, list: [7] } }], 8);
    const other = new BatchView(reads, target, events, kept);
    const got = await other.get('c', 'a');
    expect(got).toEqual({ n: 7, list: [7] });
    (got!['list'] as number[]).push(8); // a copy: the kept document is unchanged
    expect(kept.get(docKey('c', 'a'))?.doc).toEqual({ n: 7, list: [7] });
  });
});

describe('BatchView.record', () => {
  it('changes a document recorded again in its one entry: first place kept, last change at its position', () => {
    const view = new BatchView(reads, target, events);
    const entries = (view as unknown as { entries: Map<string, object> }).entries;
    view.record([{ op: 'put', collection: 'c', id: 'x', doc: { n: 1 } }], 6);
    const entry = entries.get(docKey('c', 'x'));
    view.record([{ op: 'put', collection: 'c', id: 'y', doc: { n: 2 } }], 7);
    const last = { op: 'put' as const, collection: 'c', id: 'x', doc: { n: 3 } };
    view.record([last], 8);
    // One object per document, made by a constructor (V8 pretenures a literal's site whose objects mostly
    // live long, and the entries of documents changed again would die in the old generation).
    expect(entries.get(docKey('c', 'x'))).toBe(entry);
    expect(Object.getPrototypeOf(entry)).not.toBe(Object.prototype);
    expect(view.changes()).toEqual([
      { op: 'put', collection: 'c', id: 'x', doc: { n: 3 }, position: 8 },
      { op: 'put', collection: 'c', id: 'y', doc: { n: 2 }, position: 7 },
    ]);
    expect(view.changes()[0]).not.toBe(last); // a positioned copy: the projection's own is left as it was
    expect(last).not.toHaveProperty('position');
  });
});
