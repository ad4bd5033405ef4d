/**
 * verifyLog against a signed digest and along the log chain, on an in-memory log (the SQLite
 * counterparts are in tamper.int.spec.ts): truncation, streams rewritten and re-hashed, events moved
 * and the log re-chained, tampered digests.
 */
import type { StoredEvent } from '../event-store.port.js';
import { ArrayEventLog } from '../testing/array-event-log.js';
// The contract suite's event maker: unique ids, one fixed actor and time.
import { newEvent as ev } from '../testing/event-store.contract.js';
import {
  computeDigest,
  digestFromHeads,
  generateSigningKeyPair,
  signDigest,
  type SignedDigest,
} from './digest.js';
import { sealEvent } from './hash-chain.js';
import { verifyLog } from './verify-log.js';

/**
 * A(0..5), B(0..2), C(0..1) interleaved at positions 1..11 (or `positions`):
 * C0 A0 B0 A1 A2 B1 A3 C1 A4 B2 A5.
 */
function chainedLog(
  options: { contiguousPositions?: boolean; positions?: number[]; logChain?: boolean } = {},
): ArrayEventLog {
  const order = ['C', 'A', 'B', 'A', 'A', 'B', 'A', 'C', 'A', 'B', 'A'];
  const n: Record<string, number> = { A: 0, B: 0, C: 0 };
  return ArrayEventLog.build(
    order.map((s) => [s, ev('Scored', { stream: s, n: n[s]!++, name: 'Công an tỉnh Thừa Thiên Huế' })]),
    { logChain: true, ...options },
  );
}

/** Positions 10, 20, …, 110 with no log chain: nothing but the digest tells where events were. */
const sparse = {
  logChain: false,
  contiguousPositions: false,
  positions: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110],
};

/** A digest signed over its root alone: no heads, no log hash. */
async function rootOnly(log: ArrayEventLog, position: number, privateKeyPem: string): Promise<SignedDigest> {
  const { heads: _heads, logHash: _logHash, ...bare } = await computeDigest(log, position);
  return signDigest(bare, privateKeyPem);
}

const of = (log: ArrayEventLog, streamId: string, revision: number): StoredEvent =>
  log.events.find((e) => e.streamId === streamId && e.revision === revision)!;

/** Re-seals a stream from `revision` on, each event chained to the one before (a forger's rewrite). */
function resealStream(log: ArrayEventLog, streamId: string, revision: number): void {
  let prevHash = of(log, streamId, revision).metadata.prevHash;
  for (const e of log.events.filter((x) => x.streamId === streamId && x.revision >= revision)) {
    const { hash: _h, prevHash: _p, ...meta } = e.metadata;
    const sealed = sealEvent(e.streamId, e.revision, prevHash, {
      eventId: e.eventId,
      type: e.type,
      data: e.data,
      metadata: meta,
    });
    e.metadata = sealed.metadata;
    prevHash = sealed.hash;
  }
}

describe('verifyLog against a signed digest (in memory)', () => {
  let keys: { privateKeyPem: string; publicKeyPem: string };
  let log: ArrayEventLog;
  let digest: SignedDigest;
  beforeEach(async () => {
    keys = generateSigningKeyPair();
    log = chainedLog();
    digest = signDigest(await computeDigest(log, 8), keys.privateKeyPem);
  });

  it('accepts the untouched log, signed by the trusted key, with events appended since', async () => {
    expect(digest.position).toBe(8);
    expect(await verifyLog(log, { against: digest, trustedPublicKeyPem: keys.publicKeyPem })).toEqual({
      ok: true,
      checkedEvents: 11,
      checkedStreams: 3,
      headPosition: 11,
    });
    expect(await verifyLog(log, { against: digest, streamId: 'A' })).toMatchObject({ ok: true });
  });

  it('catches a truncation into the history the digest covers, at the first missing position', async () => {
    log.events = log.events.filter((e) => e.position <= 6);
    expect((await verifyLog(log)).ok).toBe(true);
    const report = await verifyLog(log, { against: digest });
    expect(report.ok).toBe(false);
    expect(report.firstFailure).toMatchObject({ problem: 'truncated', position: 7 });
    expect(report.firstFailure?.detail).toContain('position 7');
  });

  it('accepts a log cut exactly at the digest position', async () => {
    log.events = log.events.filter((e) => e.position <= 8);
    expect(await verifyLog(log, { against: digest })).toMatchObject({ ok: true, headPosition: 8 });
  });

  it("names the stream and revision when a stream's tail inside the digest was deleted", async () => {
    const gone = of(log, 'C', 1);
    log.events = log.events.filter((e) => e !== gone);
    log.rechain();
    const report = await verifyLog(log, { against: digest });
    expect(report.firstFailure).toMatchObject({
      problem: 'truncated',
      streamId: 'C',
      revision: 1,
      position: 8,
    });
    expect(report.firstFailure?.detail).toContain('position 8 is the first missing');
  });

  it('names a whole stream deleted and the positions closed up', async () => {
    const whole = signDigest(await computeDigest(log), keys.privateKeyPem);
    const kept = log.events.filter((e) => e.streamId !== 'C');
    kept.forEach((e, i) => (e.position = i + 1));
    log.events = kept;
    expect((await verifyLog(log)).firstFailure).toMatchObject({ problem: 'rewritten', position: 1 });
    expect((await verifyLog(log, { against: whole })).firstFailure).toMatchObject({
      problem: 'truncated',
      streamId: 'C',
      revision: 0,
      position: 1,
    });
  });

  it('catches a stream rewritten and re-hashed before the digest position', async () => {
    const rewritten = of(log, 'A', 1);
    rewritten.data = { ...rewritten.data, n: 99 };
    resealStream(log, 'A', 1);
    expect((await verifyLog(log)).firstFailure).toMatchObject({
      problem: 'rewritten',
      streamId: 'A',
      revision: 1,
      position: rewritten.position,
    });
    expect((await verifyLog(log, { against: digest })).firstFailure).toMatchObject({
      problem: 'rewritten',
      streamId: 'A',
      revision: 1,
    });
    expect((await verifyLog(log, { against: digest, streamId: 'A' })).firstFailure).toMatchObject({
      problem: 'rewritten',
      streamId: 'A',
    });
    expect((await verifyLog(log, { against: digest, streamId: 'B' })).ok).toBe(true);
    const { heads: _heads, ...rootOnly } = digest;
    expect((await verifyLog(log, { against: rootOnly })).firstFailure?.problem).toBe('rewritten');
  });

  it('catches events moved across streams and the log re-chained, by the signed log hash', async () => {
    expect(digest.logHash).toMatch(/^[0-9a-f]{64}$/);
    const [a, b] = [log.events[2]!, log.events[3]!]; // B0 at 3, A1 at 4
    [a.position, b.position] = [b.position, a.position];
    log.rechain();
    expect((await verifyLog(log)).ok).toBe(true);
    const report = await verifyLog(log, { against: digest });
    expect(report.firstFailure).toMatchObject({ problem: 'rewritten', position: 8 });
    expect(report.firstFailure?.detail).toContain('log hash');
  });

  it('names an event moved without re-chaining the log as reordered', async () => {
    const [a, b] = [log.events[2]!, log.events[3]!];
    [a.position, b.position] = [b.position, a.position];
    expect((await verifyLog(log)).firstFailure).toMatchObject({ problem: 'reordered', position: 3 });
  });

  it('refuses a digest whose signature or content was tampered with', async () => {
    const flipped = digest.signature.startsWith('A')
      ? `B${digest.signature.slice(1)}`
      : `A${digest.signature.slice(1)}`;
    for (const bad of [
      { ...digest, signature: flipped },
      { ...digest, position: 7 },
      { ...digest, heads: digest.heads?.filter((h) => h.streamId !== 'C') ?? [] },
    ])
      expect((await verifyLog(log, { against: bad })).firstFailure).toMatchObject({
        problem: 'bad-signature',
        position: bad.position,
      });
    const forged = signDigest(await computeDigest(log, 8), generateSigningKeyPair().privateKeyPem);
    expect((await verifyLog(log, { against: forged })).ok).toBe(true);
    expect(
      (await verifyLog(log, { against: forged, trustedPublicKeyPem: keys.publicKeyPem })).firstFailure,
    ).toMatchObject({ problem: 'bad-signature' });
  });

  it('accepts a digest that carries no log hash (signed heads only), and still sees a truncation', async () => {
    const headsOnly = signDigest(digestFromHeads(8, digest.heads ?? []), keys.privateKeyPem);
    expect(headsOnly.logHash).toBeUndefined();
    expect(await verifyLog(log, { against: headsOnly })).toMatchObject({ ok: true });
    log.events = log.events.filter((e) => e.position <= 6);
    expect((await verifyLog(log, { against: headsOnly })).firstFailure).toMatchObject({
      problem: 'truncated',
    });
  });

  describe('one stream', () => {
    it('accepts the stream up to and past the digest position, also when the log ends exactly there', async () => {
      expect(await verifyLog(log, { against: digest, streamId: 'A' })).toMatchObject({
        ok: true,
        checkedEvents: 6,
        checkedStreams: 1,
      });
      log.events = log.events.filter((e) => e.position <= 8);
      expect(await verifyLog(log, { against: digest, streamId: 'A' })).toMatchObject({
        ok: true,
        headPosition: 8,
      });
    });

    it('reports a log shorter than the digest as truncated after its head', async () => {
      log.events = log.events.filter((e) => e.position <= 6);
      expect((await verifyLog(log, { against: digest, streamId: 'B' })).firstFailure).toMatchObject({
        problem: 'truncated',
        position: 7,
      });
    });

    it('checks nothing, and says so, for a stream the log does not hold', async () => {
      expect(await verifyLog(log, { streamId: 'Z' })).toEqual({
        ok: true,
        checkedEvents: 0,
        checkedStreams: 0,
        headPosition: 11,
      });
    });

    it('names a later revision at the same or an earlier position than its predecessor as reordered', async () => {
      of(log, 'A', 2).position = of(log, 'A', 1).position;
      expect((await verifyLog(log, { streamId: 'A' })).firstFailure).toMatchObject({
        problem: 'reordered',
        streamId: 'A',
        revision: 2,
      });
    });
  });
});

describe('verifyLog against a signed digest: where a truncation is named', () => {
  let keys: { privateKeyPem: string; publicKeyPem: string };
  beforeEach(() => {
    keys = generateSigningKeyPair();
  });

  it('names a whole stream gone with no position when nothing tells where its events were', async () => {
    const log = chainedLog(sparse);
    const digest = signDigest(await computeDigest(log, 80), keys.privateKeyPem);
    log.events = log.events.filter((e) => e.streamId !== 'C');
    expect((await verifyLog(log, { against: digest })).firstFailure).toStrictEqual({
      problem: 'truncated',
      streamId: 'C',
      revision: 0,
      detail: expect.stringMatching(/has no events up to position 80$/),
    });
  });

  it('does not name a move the log chain found as the first missing position', async () => {
    const log = chainedLog({ ...sparse, logChain: true });
    const digest = signDigest(await computeDigest(log, 100), keys.privateKeyPem);
    const c1 = of(log, 'C', 1); // position 80
    log.events = log.events.filter((e) => e !== c1);
    log.rechain();
    const [a4, b2] = [of(log, 'A', 4), of(log, 'B', 2)]; // positions 90 and 100, swapped
    [a4.position, b2.position] = [b2.position, a4.position];
    expect((await verifyLog(log, { against: digest })).firstFailure).toStrictEqual({
      problem: 'truncated',
      streamId: 'C',
      revision: 1,
      detail: expect.stringContaining('ends at revision 0 (position 10)'),
    });
  });

  it('does not take a break of the log chain at or before a stream’s head as where its tail went', async () => {
    const log = chainedLog();
    const digest = signDigest(await computeDigest(log, 8), keys.privateKeyPem);
    const c0 = of(log, 'C', 0); // position 1: re-hashed, the log chain not recomputed
    c0.data = { ...c0.data, n: 5 };
    resealStream(log, 'C', 0);
    log.events = log.events.filter((e) => e !== of(log, 'C', 1)); // position 8
    expect((await verifyLog(log, { against: digest })).firstFailure).toMatchObject({
      problem: 'rewritten',
      streamId: 'C',
      revision: 0,
      position: 1,
    });
    // A stream re-hashed before another's tail was cut: the break (4) is before B's head (6).
    const other = chainedLog();
    const whole = signDigest(await computeDigest(other, 10), keys.privateKeyPem);
    const a1 = of(other, 'A', 1);
    a1.data = { ...a1.data, n: 5 };
    resealStream(other, 'A', 1);
    other.events = other.events.filter((e) => e !== of(other, 'B', 2)); // position 10
    expect((await verifyLog(other, { against: whole })).firstFailure).toMatchObject({
      problem: 'rewritten',
      streamId: 'A',
      revision: 1,
      position: 4,
    });
  });

  it('still reports a log cut below the digest position while it was being read', async () => {
    const log = chainedLog(sparse);
    const digest = signDigest(await computeDigest(log, 55), keys.privateKeyPem); // no event at 55
    const head = await log.headPosition();
    log.events = log.events.filter((e) => e.position <= 50);
    expect((await verifyLog(log, { against: digest })).firstFailure).toMatchObject({
      problem: 'truncated',
      position: 51,
    });
    log.headPosition = async () => head; // read before the cut
    expect((await verifyLog(log, { against: digest })).firstFailure).toMatchObject({
      problem: 'truncated',
    });
  });

  it('reports an edit at the head of a log cut below the digest before the cut', async () => {
    const log = chainedLog();
    const digest = signDigest(await computeDigest(log, 8), keys.privateKeyPem);
    log.events = log.events.filter((e) => e.position <= 6);
    of(log, 'B', 1).data['n'] = 9; // position 6, the head
    expect((await verifyLog(log, { against: digest, streamId: 'B' })).firstFailure).toMatchObject({
      problem: 'altered',
      streamId: 'B',
      revision: 1,
      position: 6,
    });
  });

  it('compares one stream with no events up to the digest position, or none at all', async () => {
    const log = chainedLog();
    const digest = signDigest(await computeDigest(log, 8), keys.privateKeyPem);
    expect(await verifyLog(log, { against: digest, streamId: 'Z' })).toMatchObject({
      ok: true,
      checkedEvents: 0,
    });
    log.events = log.events.filter((e) => e.streamId !== 'B' || e.position > 8); // B0 (3) and B1 (6)
    expect((await verifyLog(log, { against: digest, streamId: 'B' })).firstFailure).toMatchObject({
      problem: 'removed',
      streamId: 'B',
      revision: 0,
    });
  });

  it('accepts one stream whose head sits exactly at the digest position', async () => {
    const log = chainedLog();
    const digest = signDigest(await computeDigest(log, 8), keys.privateKeyPem); // C1 is at 8
    expect(await verifyLog(log, { against: digest, streamId: 'C' })).toMatchObject({
      ok: true,
      checkedEvents: 2,
    });
  });

  it('names a stream inserted before the digest position that the digest does not know', async () => {
    const log = ArrayEventLog.build(
      ['A', 'B', 'Z', 'A', 'B'].map((s) => [s, ev('Scored', { stream: s })]),
      { contiguousPositions: false, positions: [10, 20, 15, 30, 40] },
    );
    const z0 = of(log, 'Z', 0);
    log.events = log.events.filter((e) => e !== z0);
    const digest = signDigest(await computeDigest(log, 30), keys.privateKeyPem);
    log.events.push(z0);
    expect((await verifyLog(log, { against: digest })).firstFailure).toMatchObject({
      problem: 'rewritten',
      streamId: 'Z',
      revision: 0,
      position: 15,
      eventId: z0.eventId,
    });
  });
});

describe('verifyLog against a digest that carries only its root', () => {
  let keys: { privateKeyPem: string; publicKeyPem: string };
  beforeEach(() => {
    keys = generateSigningKeyPair();
  });

  it('accepts the untouched log, whole or one stream', async () => {
    const log = chainedLog();
    const digest = await rootOnly(log, 8, keys.privateKeyPem);
    expect(digest.heads).toBeUndefined();
    expect(await verifyLog(log, { against: digest })).toMatchObject({ ok: true });
    expect(await verifyLog(log, { against: digest, streamId: 'A' })).toMatchObject({ ok: true });
  });

  it('names a stream rewritten and the whole log re-chained as rewritten at the digest position', async () => {
    const log = chainedLog();
    const digest = await rootOnly(log, 8, keys.privateKeyPem);
    const a1 = of(log, 'A', 1);
    a1.data = { ...a1.data, n: 99 };
    resealStream(log, 'A', 1);
    log.rechain();
    expect((await verifyLog(log)).ok).toBe(true);
    expect((await verifyLog(log, { against: digest })).firstFailure).toStrictEqual({
      problem: 'rewritten',
      position: 8,
      detail: expect.any(String),
    });
  });

  it('names fewer streams than the digest counted as truncated at the digest position', async () => {
    const log = chainedLog(sparse);
    const digest = await rootOnly(log, 80, keys.privateKeyPem);
    log.events = log.events.filter((e) => e.streamId !== 'C');
    expect((await verifyLog(log, { against: digest })).firstFailure).toStrictEqual({
      problem: 'truncated',
      position: 80,
      detail: expect.any(String),
    });
  });

  it('names a log shorter than the digest as truncated after its head, whole or one stream', async () => {
    const log = chainedLog();
    const digest = await rootOnly(log, 8, keys.privateKeyPem);
    log.events = log.events.filter((e) => e.position <= 6);
    for (const streamId of [undefined, 'B'])
      expect((await verifyLog(log, { against: digest, streamId })).firstFailure).toMatchObject({
        problem: 'truncated',
        position: 7,
      });
  });
});
