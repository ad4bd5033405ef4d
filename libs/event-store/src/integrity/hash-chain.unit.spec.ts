import { createHash } from 'node:crypto';

import { canonicalJson } from '@thidua/domain';
import type { NewEvent, StoredEvent } from '../event-store.port.js';
import {
  checkedRowEvent,
  GENESIS_HASH,
  eventHash,
  hashMatches,
  rowHash,
  sealEvent,
  sealEvents,
  type SealedRow,
} from './hash-chain.js';

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

function event(
  data: Record<string, unknown> = { points: 8.5, unit: 'Công an tỉnh Thừa Thiên Huế' },
): NewEvent {
  return {
    eventId: '3f1b2c1e-8a9d-4c6b-9f0a-0d1e2f3a4b5c',
    type: 'ScoreRecorded',
    data,
    metadata: {
      actor: { id: 'u-7', role: 'organizer' },
      occurredAt: '2025-03-01T08:00:00.000Z',
      correlationId: 'c-1',
      causationId: 'c-1',
      schemaVersion: 1,
      reason: 'Chấm điểm quý I',
    },
  };
}

function stored(e: NewEvent, streamId: string, revision: number, prevHash: string): StoredEvent {
  const sealed = sealEvent(streamId, revision, prevHash, e);
  return {
    eventId: e.eventId,
    type: e.type,
    streamId,
    revision,
    position: 1,
    data: e.data,
    metadata: sealed.metadata,
  };
}

describe('hash chain', () => {
  it('links revision 0 to 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(sealEvent('emulation-c1-2025', 0, GENESIS_HASH, event()).metadata.prevHash).toBe(GENESIS_HASH);
  });

  it('hashes prevHash followed by the canonical JSON of the envelope without hash (DESIGN.md §3)', () => {
    const e = event();
    const prevHash = 'ab'.repeat(32);
    const sealed = sealEvent('emulation-c1-2025', 4, prevHash, e);
    const envelope = {
      eventId: e.eventId,
      type: e.type,
      streamId: 'emulation-c1-2025',
      revision: 4,
      data: e.data,
      metadata: { ...e.metadata, prevHash },
    };
    expect(sealed.hash).toBe(sha(prevHash + canonicalJson(envelope)));
    expect(sealed.metadata).toEqual({ ...e.metadata, prevHash, hash: sealed.hash });
    expect(eventHash({ ...envelope, metadata: sealed.metadata })).toBe(sealed.hash);
  });

  it('stores text that parses back to what was hashed', () => {
    const sealed = sealEvent('s', 0, GENESIS_HASH, event());
    expect(JSON.parse(sealed.dataJson)).toEqual(event().data);
    expect(sealed.dataJson).toBe(canonicalJson(event().data));
    expect(JSON.parse(sealed.metadataJson)).toEqual(sealed.metadata);
  });

  it('ignores a hash or prevHash smuggled in by the writer', () => {
    const e = event();
    const forged = { ...e, metadata: { ...e.metadata, prevHash: 'f'.repeat(64), hash: 'e'.repeat(64) } };
    expect(sealEvent('s', 0, GENESIS_HASH, forged).hash).toBe(sealEvent('s', 0, GENESIS_HASH, e).hash);
  });

  it('does not depend on key order', () => {
    const a = sealEvent('s', 0, GENESIS_HASH, event({ a: 1, b: { c: 2, d: 3 } }));
    const b = sealEvent('s', 0, GENESIS_HASH, event({ b: { d: 3, c: 2 }, a: 1 }));
    expect(a.hash).toBe(b.hash);
  });

  it('detects a change to any hashed field', () => {
    const original = stored(event(), 'emulation-c1-2025', 2, 'cd'.repeat(32));
    expect(hashMatches(original)).toBe(true);
    const variants: StoredEvent[] = [
      { ...original, data: { ...original.data, points: 9 } },
      { ...original, type: 'ScoreCorrected' },
      { ...original, revision: 3 },
      { ...original, streamId: 'emulation-c2-2025' },
      { ...original, eventId: '00000000-0000-0000-0000-000000000000' },
      { ...original, metadata: { ...original.metadata, actor: { id: 'u-8', role: 'organizer' } } },
      { ...original, metadata: { ...original.metadata, prevHash: 'ce'.repeat(32) } },
      { ...original, data: { ...original.data, unit: 'Công an tỉnh Thừa Thiên Huế'.normalize('NFD') } },
    ];
    for (const v of variants) expect(hashMatches(v)).toBe(false);
    // The position is not hashed: EventStoreDB only assigns it after the write.
    expect(hashMatches({ ...original, position: 999 })).toBe(true);
  });
});

describe('sealEvents (one append at a time)', () => {
  const actor = { id: 'officer-ca-hue', role: 'unit-officer' as const, unitId: 'ca-hue' };
  const base = event().metadata;
  /** Metadata shaped the ways writers build it: shared, equal copies, other values, other key lists. */
  const metadatas: NewEvent['metadata'][] = [
    base,
    base, // the same object again
    { ...base }, // an equal copy
    { ...base, actor: { ...base.actor } }, // equal, with its own actor object
    { ...base, occurredAt: '2025-03-01T08:00:01.000Z', correlationId: 'c-2', causationId: 'c-2' },
    { ...base, actor }, // another actor
    { ...base, actor }, // the same actor object again
    { ...base, reason: undefined }, // an undefined field is dropped
    {
      actor,
      occurredAt: '2025-03-02T07:30:00.000Z',
      correlationId: 'c-3',
      causationId: 'c-1',
      schemaVersion: 2,
    },
    {
      schemaVersion: 2,
      causationId: 'c-1',
      correlationId: 'c-3',
      occurredAt: '2025-03-02T07:30:00.000Z',
      actor,
    },
    { ...base, requestHash: 'ab'.repeat(32), reason: 'Điều chỉnh theo khiếu nại' },
    // A writer's hash/prevHash are replaced; unknown keys sort around prevHash like any other.
    { ...base, prevHash: 'f'.repeat(64), hash: 'e'.repeat(64) } as NewEvent['metadata'],
    { ...base, a: 1, pz: [1, null, { y: 'Thừa Thiên Huế', x: 2 }], q: 'ở', zz: true } as NewEvent['metadata'],
    { ...base, prevHasa: 'just before', prevHasz: 'just after' } as NewEvent['metadata'],
  ];
  const types = ['ScoreRecorded', 'ScoreRecorded', 'ScoreCorrected', 'ScoreRecorded'];
  const events: NewEvent[] = metadatas.map((metadata, i) => ({
    eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    type: types[i % types.length] as string,
    data: { points: i / 2, unit: 'Công an tỉnh Thừa Thiên Huế', nested: { b: [i, 'ư'], a: null } },
    metadata,
  }));

  /** The per-event path, as the store sealed before sealEvents. */
  function oneByOne(streamId: string, first: number, prevHash: string, list: NewEvent[]) {
    return list.map((e, i) => {
      const s = sealEvent(streamId, first + i, prevHash, e);
      prevHash = s.hash;
      return { dataJson: s.dataJson, metadataJson: s.metadataJson, hash: s.hash };
    });
  }

  it.each([
    ['from genesis', 0, GENESIS_HASH],
    ['after a stored head', 41, 'cd'.repeat(32)],
    ['after an odd stored hash', 7, ''],
  ])('writes byte for byte what sealing each event in turn writes (%s)', (_, first, prevHash) => {
    const streamId = 'emulation-year-cụm-3-2025';
    expect(sealEvents(streamId, first, prevHash, events)).toEqual(
      oneByOne(streamId, first, prevHash, events),
    );
  });

  it('chains each event to the one before and hashes what DESIGN.md §3 says', () => {
    const sealed = sealEvents('s', 3, 'ab'.repeat(32), events);
    let prevHash = 'ab'.repeat(32);
    sealed.forEach((s, i) => {
      const e = events[i] as NewEvent;
      const {
        hash: _h,
        prevHash: _p,
        ...given
      } = e.metadata as NewEvent['metadata'] & {
        hash?: string;
        prevHash?: string;
      };
      const metadata = { ...given, prevHash };
      const envelope = {
        eventId: e.eventId,
        type: e.type,
        streamId: 's',
        revision: 3 + i,
        data: e.data,
        metadata,
      };
      expect(s.hash).toBe(sha(prevHash + canonicalJson(envelope)));
      expect(JSON.parse(s.metadataJson)).toEqual(JSON.parse(JSON.stringify({ ...metadata, hash: s.hash })));
      expect(s.dataJson).toBe(canonicalJson(e.data));
      prevHash = s.hash;
    });
  });

  it('refuses what sealEvent refuses', () => {
    const bad: NewEvent = { ...event({ n: Number.NaN }) };
    expect(() => sealEvent('s', 0, GENESIS_HASH, bad)).toThrow(TypeError);
    expect(() => sealEvents('s', 0, GENESIS_HASH, [event(), bad])).toThrow(TypeError);
  });
});

describe('rowHash (the hash from the stored texts)', () => {
  it('gives the sealed hash for every row sealEvents writes, and another for any changed byte', () => {
    const metadata = event().metadata;
    const news: NewEvent[] = [0, 1, 2].map((i) => ({
      eventId: `00000000-0000-4000-8000-00000000000${i}`,
      type: 'ScoreRecorded',
      data: { points: i, unit: 'Công an tỉnh Thừa Thiên Huế', b: { z: 1, a: [null, 'ư'] } },
      metadata: { ...metadata, reason: i === 1 ? 'Điều chỉnh' : undefined },
    }));
    let prev = GENESIS_HASH;
    sealEvents('emulation-c1-2025', 4, GENESIS_HASH, news).forEach((row, i) => {
      const e = news[i] as NewEvent;
      const args = [e.eventId, e.type, 'emulation-c1-2025', 4 + i] as const;
      expect(rowHash(...args, row.dataJson, row.metadataJson, prev)).toBe(row.hash);
      expect(rowHash(...args, row.dataJson.replace('1', '9'), row.metadataJson, prev)).not.toBe(row.hash);
      expect(rowHash(...args, row.dataJson, row.metadataJson.slice(0, -3), prev)).toBeUndefined();
      prev = row.hash;
    });
  });
});

describe('sealEvents: what its reuse of layouts and texts must never change', () => {
  /** Events of one append with these metadata objects and types (the writer's shapes, however odd). */
  const append = (metadatas: object[], types: string[] = []): NewEvent[] =>
    metadatas.map((metadata, i) => ({
      eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      type: types[i] ?? 'ScoreRecorded',
      data: { i },
      metadata: metadata as NewEvent['metadata'],
    }));
  const sameAsOneByOne = (events: NewEvent[]) => {
    let prevHash = GENESIS_HASH;
    const expected = events.map((e, i) => {
      const s = sealEvent('s', i, prevHash, e);
      prevHash = s.hash;
      return { dataJson: s.dataJson, metadataJson: s.metadataJson, hash: s.hash };
    });
    expect(sealEvents('s', 0, GENESIS_HASH, events)).toEqual(expected);
  };

  it('recognises another key list of the same length, with every or only one key different', () => {
    sameAsOneByOne(
      append([
        { a: 1, b: 2 },
        { c: 1, d: 2 },
        { c: 1, e: 2 },
        { a: 1, b: 2 },
      ]),
    );
  });

  it('recognises a shorter key list that starts like the previous one', () => {
    sameAsOneByOne(append([{ a: 1, b: 2, c: 3 }, { a: 1, b: 2 }, { a: 1 }]));
  });

  it('writes anew a metadata text whose every value changed', () => {
    sameAsOneByOne(
      append([
        { a: 1, b: 'x', z: true },
        { a: 2, b: 'y', z: false },
        { a: 2, b: 'y', z: true },
      ]),
    );
  });

  it('writes the type of the first event even when it is empty', () => {
    sameAsOneByOne(append([{ a: 1 }, { a: 1 }], ['', 'X']));
  });
});

describe('rowHash and hashMatches: the shortcuts', () => {
  const args = ['e-1', 'T', 's', 0] as const;
  const hash = 'ab'.repeat(32);

  it('refuses a metadata text without the hash last, or too short to hold one', () => {
    const fine = `{"a":1,"prevHash":"x","hash":"${hash}"}`;
    expect(rowHash(...args, '{}', fine, GENESIS_HASH)).toMatch(/^[0-9a-f]{64}$/);
    expect(rowHash(...args, '{}', `,"hash":"${hash}"}`, GENESIS_HASH)).toBeUndefined();
    // One character before the hash is the shortest text the form allows (cut at 1, not 0).
    expect(rowHash(...args, '{}', `{,"hash":"${hash}"}`, GENESIS_HASH)).toMatch(/^[0-9a-f]{64}$/);
    expect(rowHash(...args, '{}', `{"a":1,"hash":"${hash}"}`, GENESIS_HASH)).toMatch(/^[0-9a-f]{64}$/);
    expect(rowHash(...args, '{}', `{"a":1,"hasx":"${hash}"}`, GENESIS_HASH)).toBeUndefined();
    expect(rowHash(...args, '{}', `{"a":1,"hash":"${hash}'}`, GENESIS_HASH)).toBeUndefined();
    expect(rowHash(...args, '{}', `{"a":1,"hash":"${hash}"]`, GENESIS_HASH)).toBeUndefined();
  });

  it('trusts an event only when its stored texts hash to its stored hash, and never a copy of it', () => {
    const e = event();
    const [row] = sealEvents('s', 0, GENESIS_HASH, [e]);
    const { dataJson, metadataJson } = row as SealedRow;
    const read = (data: string, metadata: string): StoredEvent =>
      checkedRowEvent(1, e.eventId, 's', 0, e.type, data, metadata, 'ff'.repeat(32));
    const whole = read(dataJson, metadataJson);
    expect(hashMatches(whole)).toBe(true);
    expect(whole).toEqual({ ...stored(e, 's', 0, GENESIS_HASH), logHash: 'ff'.repeat(32) });
    expect(JSON.stringify(whole)).toBe(JSON.stringify({ ...whole }));
    // Trusted as read: once its content changes, only a copy (recomputed) tells.
    const changed = { ...whole, data: { changed: true } };
    expect(hashMatches(changed)).toBe(false);
    // An edited data text, or a stored hash that is not the texts' own, is recomputed and fails.
    expect(hashMatches(read(dataJson.replace(/\d/, '9'), metadataJson))).toBe(false);
    const otherHash = metadataJson.replace(/"hash":"[0-9a-f]{64}"/, `"hash":"${'cd'.repeat(32)}"`);
    expect(hashMatches(read(dataJson, otherHash))).toBe(false);
    // Without a hash in its metadata an event never matches (its texts are not in the sealed form).
    expect(hashMatches(read(dataJson, metadataJson.replace(/,"hash":"[0-9a-f]{64}"/, '')))).toBe(false);
  });
});
