import type { Doc, ReadStore, Target } from '@thidua/read-store';
import { KeptHistoryDocs, LookupsAsOf, type LookupCache, type VersionedDoc } from './lookups.js';

/** A read store holding one lookup container, counting its reads; `land` adds a version as a batch would. */
function oneContainer() {
  const store = {
    container: { versions: [{ at: 5, doc: { name: 'Cụm số 7' } }], position: 5 } as VersionedDoc,
    reads: 0,
    get: async (_target: Target, collection: string, id: string): Promise<Doc | null> => {
      store.reads++;
      if (collection !== 'clusters' || id !== 'c7') return null;
      // A copy, as a store parses each read anew.
      return structuredClone(store.container) as unknown as Doc;
    },
    land(at: number, name: string) {
      store.container.versions.push({ at, doc: { name } });
      store.container.position = at;
    },
  };
  return store;
}

const target: Target = { projection: 'unit-history', generation: 1 };

/** The cluster's name as an event at `position` of a new page sees it. */
async function nameAt(
  store: ReturnType<typeof oneContainer>,
  kept: KeptHistoryDocs,
  position: number,
  at: Target = target,
  page: LookupCache = new Map(),
): Promise<string | undefined> {
  const lookups = new LookupsAsOf(store as unknown as ReadStore, at, page, position, kept);
  return (await lookups.peek<{ name: string }>('clusters', 'c7'))?.name;
}

describe('KeptHistoryDocs: unit-history documents kept across history pages', () => {
  it('serves a kept container to the events up to one past the checkpoint it was read at, and reads again after', async () => {
    const store = oneContainer();
    let checkpoint = 10;
    const kept = new KeptHistoryDocs(() => checkpoint);
    expect(await nameAt(store, kept, 8)).toBe('Cụm số 7');
    expect(await nameAt(store, kept, 11)).toBe('Cụm số 7');
    expect(store.reads).toBe(1);
    // A renaming lands at 12 (checkpoint 12), then an event at 13 renders: the kept container lacks the
    // version, so it reads the store again.
    store.land(12, 'Cụm thi đua số 7');
    checkpoint = 12;
    expect(await nameAt(store, kept, 13)).toBe('Cụm thi đua số 7');
    expect(store.reads).toBe(2);
    // The container read at checkpoint 12 is kept now: older events still see the name before the renaming.
    expect(await nameAt(store, kept, 12)).toBe('Cụm số 7');
    expect(await nameAt(store, kept, 9)).toBe('Cụm số 7');
    expect(store.reads).toBe(2);
  });

  it('within a page, a container the page read serves all its events, however far the checkpoint lags', async () => {
    const store = oneContainer();
    store.land(20, 'Cụm thi đua số 7');
    // The follower has not seen the batch yet: the page's own read is still good for the page's events.
    const kept = new KeptHistoryDocs(() => 10);
    const page: LookupCache = new Map();
    expect(await nameAt(store, kept, 21, target, page)).toBe('Cụm thi đua số 7');
    expect(await nameAt(store, kept, 22, target, page)).toBe('Cụm thi đua số 7');
    expect(store.reads).toBe(1);
    // The next page does not trust it for those events: read again.
    expect(await nameAt(store, kept, 21)).toBe('Cụm thi đua số 7');
    expect(store.reads).toBe(2);
  });

  it('forgets everything when the served generation changes, and drops all when full', async () => {
    const store = oneContainer();
    const kept = new KeptHistoryDocs(() => 100, 2);
    await nameAt(store, kept, 50);
    await nameAt(store, kept, 50);
    expect(store.reads).toBe(1);
    await nameAt(store, kept, 50, { projection: 'unit-history', generation: 2 });
    await nameAt(store, kept, 50); // generation 1 again: nothing of it is left
    expect(store.reads).toBe(3);
    const lookups = new LookupsAsOf(store as unknown as ReadStore, target, new Map(), 50, kept);
    await lookups.peek('clusters', 'other'); // two held: full
    await nameAt(store, kept, 50);
    expect(store.reads).toBe(4);
    await lookups.peek('clusters', 'other-2'); // a third: all dropped, then it is kept
    await nameAt(store, kept, 50);
    expect(store.reads).toBe(6);
  });

  it('hands out frozen containers (they are shared by pages) and keeps no failed read', async () => {
    const store = oneContainer();
    const kept = new KeptHistoryDocs(() => 100);
    const lookups = new LookupsAsOf(store as unknown as ReadStore, target, new Map(), 50, kept);
    const doc = await lookups.peek<{ name: string }>('clusters', 'c7');
    expect(() => ((doc as { name: string }).name = 'x')).toThrow(TypeError);
    const failing = { get: () => Promise.reject(new Error('disk')) } as unknown as ReadStore;
    const once = new KeptHistoryDocs(() => 100);
    await expect(
      new LookupsAsOf(failing, target, new Map(), 50, once).peek('clusters', 'c7'),
    ).rejects.toThrow('disk');
    expect(await nameAt(store, once, 50)).toBe('Cụm số 7');
  });

  it('keeps heads and index pages while the checkpoint stands still, and reads them again once it moved', async () => {
    const store = oneContainer();
    let checkpoint = 10;
    const kept = new KeptHistoryDocs(() => checkpoint);
    const name = async () =>
      ((await kept.page(store as unknown as ReadStore, target, 'clusters', 'c7')) as unknown as VersionedDoc)
        .versions.length;
    expect(await name()).toBe(1);
    store.land(11, 'Cụm thi đua số 7');
    expect(await name()).toBe(1); // the checkpoint still says 10: what a read at 10 could give
    expect(store.reads).toBe(1);
    checkpoint = 11;
    expect(await name()).toBe(2);
    expect(store.reads).toBe(2);
    await kept.page(
      store as unknown as ReadStore,
      { projection: 'unit-history', generation: 2 },
      'clusters',
      'c7',
    );
    await name();
    expect(store.reads).toBe(4);
  });
});
