import { randomUUID } from 'node:crypto';

import type { SubscriptionHandlers } from '../event-store.port.js';
import { newEvent } from '../testing/event-store.contract.js';
import { EsdbStandIn } from '../testing/esdb-stand-in.js';
import { EsdbEventStore } from './esdb-event-store.js';

const stream = (): string => `reads-${randomUUID()}`;

/** More events than the client's stream buffers hold, so a read stopped early leaves the call going. */
async function withMany(): Promise<{
  standIn: EsdbStandIn;
  store: EsdbEventStore;
  s: string;
  ids: string[];
}> {
  const standIn = new EsdbStandIn({ otherEvents: 3 });
  const store = new EsdbEventStore(standIn.client);
  const s = stream();
  const events = Array.from({ length: 100 }, (_, n) => newEvent('N', { n }));
  await store.append(s, events, 'no-stream');
  return { standIn, store, s, ids: events.map((e) => e.eventId) };
}

describe('EventStoreDB reads (against the client stand-in, not a server)', () => {
  it('cancels the read findEvent stops early', async () => {
    const { standIn, store, s, ids } = await withMany();
    const found = await store.findEvent(s, ids[97] as string);
    expect(found?.data).toEqual({ n: 97 });
    expect(standIn.openCalls()).toBe(0);
    await store.close();
  });

  it('cancels a stream read abandoned by a mapper that throws (an event that is not a ledger event)', async () => {
    const standIn = new EsdbStandIn();
    const store = new EsdbEventStore(standIn.client);
    const s = stream();
    standIn.write(s, randomUUID(), 'Foreign', { not: 'ours' });
    for (let n = 0; n < 100; n++) standIn.write(s, randomUUID(), 'Foreign', { n });
    await expect(store.readStream(s)).rejects.toMatchObject({ code: 'ESDB_FOREIGN_EVENT' });
    expect(standIn.openCalls()).toBe(0);
    await expect(store.findEvent(s, randomUUID())).resolves.toBeNull(); // ids only: nothing mapped
    expect(standIn.openCalls()).toBe(0);
    await store.close();
  });

  it('leaves no read open after a full batch of readAll, headPosition or a bounded stream read', async () => {
    const { standIn, store, s } = await withMany();
    expect(await store.readAll({ batchSize: 2 })).toHaveLength(2);
    expect(await store.headPosition()).toBe(standIn.positionsOf(s).at(-1));
    expect(await store.readStream(s, { fromRevision: 2, maxCount: 3 })).toHaveLength(3);
    expect(standIn.openCalls()).toBe(0);
    await store.close();
  });

  it('reads $all after the position of an event, and refuses one that is not (InvalidPosition, 24.x)', async () => {
    const { standIn, store, s } = await withMany();
    const positions = standIn.positionsOf(s);
    const after = await store.readAll({ after: positions[4] as number, batchSize: 3 });
    expect(after.map((e) => e.position)).toEqual(positions.slice(5, 8));
    const error = await store.readAll({ after: (positions[4] as number) - 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_POSITION' });
    await store.close();
  });

  it('stops a subscription asked to start at a position that is not an event, naming it', async () => {
    const { standIn, store, s } = await withMany();
    const errors: unknown[] = [];
    const failed = new Promise<void>((resolve) => {
      const handlers: SubscriptionHandlers = {
        onEvents: async () => undefined,
        onError: (error) => {
          errors.push(error);
          resolve();
        },
      };
      store.subscribe((standIn.positionsOf(s)[2] as number) + 1, handlers);
    });
    await failed;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'INVALID_POSITION' });
    expect(standIn.subscriptions).toHaveLength(1); // not retried: it cannot succeed
    await store.close();
  });
});
