import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type EventStore,
  openSqliteEventStore,
  type StoredEvent,
  type Subscription,
} from '@thidua/event-store';
import { testEvent } from '../testing/test-events.js';
import { SharedCatchUp } from './shared-catch-up.js';

let dir: string;
let store: EventStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shared-catch-up-'));
  store = await openSqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 5 });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function append(n: number): Promise<number> {
  let head = 0;
  for (let i = 0; i < n; i += 250) {
    const batch = Array.from({ length: Math.min(250, n - i) }, (_, k) => testEvent({ amount: i + k }));
    head = (await store.append(`emulation-k${i % 3}-2024`, batch, 'any')).position;
  }
  return head;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A subscriber that records what it got; `slow` ticks per event, `gate` holds it while closed. */
function subscriber(options: { slow?: number; failAt?: number } = {}) {
  const positions: number[] = [];
  let gate: Promise<void> | undefined;
  let open = (): void => undefined;
  const errors: unknown[] = [];
  let reached: (p: number) => void = () => undefined;
  const waiters: Array<{ position: number; resolve: () => void }> = [];
  reached = (p) => {
    for (const w of waiters.filter((x) => x.position <= p)) w.resolve();
  };
  return {
    positions,
    errors,
    handlers: {
      onEvents: async (events: StoredEvent[]) => {
        await gate;
        for (const e of events) {
          if (options.failAt !== undefined && e.position >= options.failAt) throw new Error('poison');
          for (let i = 0; i < (options.slow ?? 0); i++) await tick();
          positions.push(e.position);
        }
        reached(events[events.length - 1]!.position);
      },
      onError: (error: unknown) => errors.push(error),
      onCaughtUp: undefined as (() => void) | undefined,
    },
    close() {
      gate = new Promise((resolve) => (open = resolve));
    },
    open: () => open(),
    reach: (position: number) =>
      positions.at(-1)! >= position
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ position, resolve })),
  };
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('SharedCatchUp', () => {
  it('catches several subscribers up from one read of each page, then follows live appends', async () => {
    const head = await append(3200);
    const shared = new SharedCatchUp(store, { pageSize: 500, window: 2 });
    const a = subscriber();
    const b = subscriber({ slow: 1 });
    const subs: Subscription[] = [shared.subscribe(0, a.handlers), shared.subscribe(0, b.handlers)];
    await Promise.all([a.reach(head), b.reach(head)]);
    expect(a.positions).toEqual(range(1, head));
    expect(b.positions).toEqual(range(1, head));
    // 7 pages (the last one partial), each read once; the other subscriber took them from the first.
    expect(shared.stats.read).toBeLessThanOrEqual(7 + 2);
    expect(shared.stats.shared).toBeGreaterThanOrEqual(6);

    const more = await append(40);
    await Promise.all([a.reach(more), b.reach(more)]);
    expect(a.positions).toEqual(range(1, more));
    expect(b.positions).toEqual(range(1, more));
    await Promise.all(subs.map((s) => s.close()));
  });

  it('keeps a subscriber within the window of a slower one that reads the same pages', async () => {
    const head = await append(4000);
    const shared = new SharedCatchUp(store, { pageSize: 250, window: 2 });
    const slow = subscriber({ slow: 3 });
    let maxLead = 0;
    const fast = subscriber();
    const fastHandlers = {
      ...fast.handlers,
      onEvents: async (events: StoredEvent[]) => {
        maxLead = Math.max(maxLead, events[0]!.position - (slow.positions.at(-1) ?? 0));
        await fast.handlers.onEvents(events);
      },
    };
    const subs = [shared.subscribe(0, slow.handlers), shared.subscribe(0, fastHandlers)];
    await Promise.all([slow.reach(head), fast.reach(head)]);
    expect(maxLead).toBeGreaterThan(0);
    expect(maxLead).toBeLessThanOrEqual(3 * 250 + 1);
    expect(fast.positions).toEqual(range(1, head));
    await Promise.all(subs.map((s) => s.close()));
  });

  it('by default hands out pages of at most 250 events, and keeps no reader more than a page ahead', async () => {
    // Pages die young: a page lives until the slowest reader is past it (see DEFAULT_PAGE).
    const head = await append(2000);
    const shared = new SharedCatchUp(store);
    const slow = subscriber({ slow: 2 });
    const fast = subscriber();
    let maxLead = 0;
    let largest = 0;
    const fastHandlers = {
      ...fast.handlers,
      onEvents: async (events: StoredEvent[]) => {
        largest = Math.max(largest, events.length);
        maxLead = Math.max(maxLead, events[0]!.position - (slow.positions.at(-1) ?? 0));
        await fast.handlers.onEvents(events);
      },
    };
    const subs = [shared.subscribe(0, slow.handlers), shared.subscribe(0, fastHandlers)];
    await Promise.all([slow.reach(head), fast.reach(head)]);
    expect(largest).toBe(250);
    expect(maxLead).toBeGreaterThan(0);
    expect(maxLead).toBeLessThanOrEqual(2 * 250 + 1);
    expect(fast.positions).toEqual(range(1, head));
    await Promise.all(subs.map((s) => s.close()));
  });

  it('within its reach, waits for readers resumed from checkpoints far apart: the log is read about once', async () => {
    // As after a restart: each generation resumes from its own checkpoint, a batch or so apart.
    const head = await append(4000);
    const starts = [0, 1733, 2081, 2500];
    const run = async (reach: number | undefined): Promise<number> => {
      const shared = new SharedCatchUp(store, { pageSize: 100, window: 1, ...(reach && { reach }) });
      const subs = starts.map((at) => ({ at, sub: subscriber() }));
      const open = subs.map(({ at, sub }) => shared.subscribe(at, sub.handlers));
      await Promise.all(subs.map(({ sub }) => sub.reach(head)));
      subs.forEach(({ at, sub }) => expect(sub.positions).toEqual(range(at + 1, head)));
      await Promise.all(open.map((s) => s.close()));
      return shared.stats.read;
    };
    // Alone, the four would read 40 + 23 + 20 + 15 = 98 pages (and the empty one at the head each).
    expect(await run(undefined)).toBeGreaterThan(80);
    expect(await run(2 * 2500)).toBeLessThanOrEqual(40 + 3 + 4);
  });

  it('does not wait for a subscriber too far behind, nor for one that failed', async () => {
    const head = await append(3000);
    const shared = new SharedCatchUp(store, { pageSize: 100, window: 2 });
    const behind = subscriber();
    behind.close(); // held at its first page
    const ahead = subscriber();
    const failing = subscriber({ failAt: 2000 });
    const subs = [
      shared.subscribe(0, behind.handlers),
      shared.subscribe(1500, ahead.handlers),
      shared.subscribe(1500, failing.handlers),
    ];
    await ahead.reach(head);
    expect(ahead.positions).toEqual(range(1501, head));
    expect(behind.positions).toEqual([]);
    expect(failing.errors).toHaveLength(1);
    expect(failing.positions.at(-1)).toBe(1999);
    behind.open();
    await behind.reach(head);
    expect(behind.positions).toEqual(range(1, head));
    await Promise.all(subs.map((s) => s.close()));
  });

  it('follows live appends from one store subscription: every reader gets every event once, in order', async () => {
    let subscriptions = 0;
    const counted: EventStore = Object.assign(Object.create(store) as EventStore, {
      subscribe: (after: number, handlers: Parameters<EventStore['subscribe']>[1]) => {
        subscriptions += 1;
        return store.subscribe(after, handlers);
      },
    });
    const first = await append(600);
    const shared = new SharedCatchUp(counted, { pageSize: 250 });
    const a = subscriber();
    const b = subscriber({ slow: 2 });
    const failing = subscriber({ failAt: first + 7 });
    const subs = [a, b, failing].map((s) => shared.subscribe(0, s.handlers));
    await Promise.all([a.reach(first), b.reach(first)]);
    // Appends of every grouping, some while the slow reader is still on an earlier batch.
    let head = first;
    for (const n of [1, 3, 1, 5, 2, 1, 8]) {
      const appended = Promise.all(Array.from({ length: n }, () => append(1)));
      if (n % 2 === 1) head = Math.max(...(await appended));
      else void appended;
    }
    head = Math.max(head, await append(1));
    // A late reader catches up from pages while the others are live, then joins them.
    const late = subscriber();
    subs.push(shared.subscribe(0, late.handlers));
    await Promise.all([a.reach(head), b.reach(head), late.reach(head)]);
    const more = await append(20);
    await Promise.all([a.reach(more), b.reach(more), late.reach(more)]);
    for (const s of [a, b, late]) expect(s.positions).toEqual(range(1, more));
    // The failing reader left alone, after the events before its poison one.
    expect(failing.errors).toHaveLength(1);
    expect(failing.positions).toEqual(range(1, first + 6));
    expect(subscriptions).toBe(1);
    await Promise.all(subs.map((s) => s.close()));
  });

  it('has a reader that reached the head after the live tail read past it read the gap first', async () => {
    await append(10);
    let lie = false;
    const lying: EventStore = Object.assign(Object.create(store) as EventStore, {
      // The reader's read of the head happens before the tail's read of the events after it.
      readAll: (options: Parameters<EventStore['readAll']>[0]) => {
        if (lie && options?.after === 10) {
          lie = false;
          return Promise.resolve([]);
        }
        return store.readAll(options);
      },
    });
    const shared = new SharedCatchUp(lying);
    const a = subscriber();
    const live = new Promise<void>((resolve) => (a.handlers.onCaughtUp = () => resolve()));
    const subs = [shared.subscribe(0, a.handlers)];
    await live;
    await a.reach(await append(5)); // read by the live tail
    lie = true;
    const b = subscriber();
    subs.push(shared.subscribe(10, b.handlers));
    const more = await append(3);
    await Promise.all([a.reach(more), b.reach(more)]);
    expect(lie).toBe(false);
    expect(b.positions).toEqual(range(11, more));
    expect(a.positions).toEqual(range(1, more));
    await Promise.all(subs.map((s) => s.close()));
  });

  it('leaves stores whose positions have gaps to their own subscription', async () => {
    const head = await append(30);
    let own = 0;
    const gapped: EventStore = Object.assign(Object.create(store) as EventStore, {
      capabilities: { contiguousPositions: false },
      subscribe: (after: number, handlers: Parameters<EventStore['subscribe']>[1]) => {
        own += 1;
        return store.subscribe(after, handlers);
      },
    });
    const shared = new SharedCatchUp(gapped);
    const a = subscriber();
    const sub = shared.subscribe(0, a.handlers);
    await a.reach(head);
    expect(own).toBe(1);
    expect(shared.stats.read).toBe(0);
    await sub.close();
  });
});
