import { randomUUID } from 'node:crypto';

import { CancelledError } from '@eventstore/db-client';

import type { StoredEvent, SubscriptionHandlers, SubscriptionOutage } from '../event-store.port.js';
import { newEvent } from '../testing/event-store.contract.js';
import { CONNECTION_LOST, EsdbStandIn, GRPC, NODE_SHUTDOWN } from '../testing/esdb-stand-in.js';
import { EsdbEventStore } from './esdb-event-store.js';

/** Records what a subscription hands its caller; `until` waits for a condition instead of sleeping. */
class Recorder {
  readonly batches: StoredEvent[][] = [];
  readonly outages: SubscriptionOutage[] = [];
  readonly errors: unknown[] = [];
  resumed = 0;
  caughtUp = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly onBatch: (batch: StoredEvent[]) => Promise<void> = async () => undefined) {}

  get events(): StoredEvent[] {
    return this.batches.flat();
  }

  readonly handlers: SubscriptionHandlers = {
    onEvents: async (batch) => {
      await this.onBatch(batch);
      this.batches.push(batch);
      this.poke();
    },
    onCaughtUp: () => {
      this.caughtUp++;
      this.poke();
    },
    onError: (error) => {
      this.errors.push(error);
      this.poke();
    },
    onInterrupted: (outage) => {
      this.outages.push(outage);
      this.poke();
    },
    onResumed: () => {
      this.resumed++;
      this.poke();
    },
  };

  async until(check: () => boolean): Promise<void> {
    while (!check()) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private poke(): void {
    const waiting = this.waiters.splice(0);
    for (const resolve of waiting) resolve();
  }
}

const stream = (): string => `sub-${randomUUID()}`;

function open(standIn: EsdbStandIn): EsdbEventStore {
  return new EsdbEventStore(standIn.client, { resubscribe: { initialDelayMs: 1, maxDelayMs: 8 } });
}

describe('EventStoreDB subscription (against the client stand-in, not a server)', () => {
  it('resubscribes from the last delivered position after a node shutdown (CancelledError), with bounded back-off, and reports the outage', async () => {
    const standIn = new EsdbStandIn({ otherEvents: 5 });
    const store = open(standIn);
    const s = stream();
    await store.append(
      s,
      [newEvent('A', { n: 0 }), newEvent('A', { n: 1 }), newEvent('A', { n: 2 })],
      'no-stream',
    );
    const r = new Recorder();
    const sub = store.subscribe(0, r.handlers);
    await r.until(() => r.caughtUp > 0 && r.events.some((e) => e.streamId === s && e.data['n'] === 2));
    const lastDelivered = r.events.at(-1)!.position;

    standIn.refuseSubscriptions(5, CONNECTION_LOST); // the node stays unreachable for five attempts
    standIn.dropSubscriptions(NODE_SHUTDOWN);
    await store.append(s, [newEvent('A', { n: 3 }), newEvent('A', { n: 4 })], 2);
    await r.until(() => r.events.some((e) => e.streamId === s && e.data['n'] === 4));

    expect(r.errors).toEqual([]);
    expect(r.outages[0]?.error).toBeInstanceOf(CancelledError);
    expect(r.outages.map((o) => o.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.outages.map((o) => o.retryInMs)).toEqual([1, 2, 4, 8, 8, 8]);
    expect(r.resumed).toBe(1);
    // Every later attempt starts at the last delivered event (a real position), none at a computed one.
    expect(standIn.subscriptions.slice(1).map((x) => x.from)).toEqual(
      Array(6).fill(`${lastDelivered}/${lastDelivered}`),
    );
    const positions = r.events.map((e) => e.position);
    expect(new Set(positions).size).toBe(positions.length);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(r.events.filter((e) => e.streamId === s).map((e) => e.data['n'])).toEqual([0, 1, 2, 3, 4]);
    await sub.close();
    await store.close();
  });

  it('treats a subscription that ends without an error the same way', async () => {
    const standIn = new EsdbStandIn();
    const store = open(standIn);
    const s = stream();
    await store.append(s, [newEvent('A', { n: 0 })], 'no-stream');
    const r = new Recorder();
    const sub = store.subscribe(0, r.handlers);
    await r.until(() => r.events.length === 1);

    standIn.dropSubscriptions({ code: GRPC.OK, details: '' });
    await store.append(s, [newEvent('A', { n: 1 })], 0);
    await r.until(() => r.events.length === 2);

    expect(r.errors).toEqual([]);
    expect(r.outages).toHaveLength(1);
    expect(r.outages[0]?.error).toMatchObject({ code: 'ESDB_SUBSCRIPTION_ENDED' });
    expect(r.resumed).toBe(1);
    expect(r.events.map((e) => e.data['n'])).toEqual([0, 1]);
    await sub.close();
    await store.close();
  });

  it('still stops on a poison event: a handler error is reported once and nothing resubscribes', async () => {
    const standIn = new EsdbStandIn();
    const store = open(standIn);
    const s = stream();
    await store.append(s, [newEvent('A', { n: 0 })], 'no-stream');
    const poison = new Error('projection cannot handle A');
    const r = new Recorder(async (batch) => {
      if (batch.some((e) => e.data['n'] === 1)) throw poison;
    });
    store.subscribe(0, r.handlers);
    await r.until(() => r.events.length === 1);
    await store.append(s, [newEvent('A', { n: 1 })], 0);
    await r.until(() => r.errors.length === 1);
    await store.append(s, [newEvent('A', { n: 2 })], 1);
    await store.headPosition(); // a round trip: anything still to come would be queued by now

    expect(r.errors).toEqual([poison]);
    expect(r.outages).toEqual([]);
    expect(standIn.subscriptions).toHaveLength(1);
    expect(r.events.map((e) => e.data['n'])).toEqual([0]);
    await store.close();
  });

  it('delivers catch-up in batches of up to 500 events, not the stream buffer of 31', async () => {
    const standIn = new EsdbStandIn();
    const store = open(standIn);
    const s = stream();
    const events = Array.from({ length: 600 }, (_, n) => newEvent('Bulk', { n }));
    await store.append(s, events.slice(0, 300), 'no-stream');
    await store.append(s, events.slice(300), 299);
    const r = new Recorder();
    const sub = store.subscribe(0, r.handlers);
    await r.until(() => r.events.length === 600);

    expect(standIn.subscriptions[0]?.highWaterMark).toBeGreaterThanOrEqual(500);
    expect(r.batches[0]).toHaveLength(500);
    expect(r.events.map((e) => e.data['n'])).toEqual(events.map((_, n) => n));
    await sub.close();
    await store.close();
  });
});
