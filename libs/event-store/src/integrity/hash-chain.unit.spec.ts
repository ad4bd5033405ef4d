import { createHash } from 'node:crypto';

import { canonicalJson } from '../../../domain/src/canonical-json.js';
import type { NewEvent, StoredEvent } from '../event-store.port.js';
import { GENESIS_HASH, eventHash, hashMatches, sealEvent } from './hash-chain.js';

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
