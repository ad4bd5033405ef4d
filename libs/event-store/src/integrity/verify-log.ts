import type { Integer } from '@thidua/domain';
/**
 * Recomputes every stream's hash chain from the stored log and names the first event (by global
 * position) that was tampered with; optionally checks the log against an earlier signed digest to
 * catch truncation and rewrites that keep each chain internally consistent.
 *
 * Problems:
 * - altered: an event's content (revision included) no longer matches its hash, or its successor
 *   links to a different hash (changed and re-hashed);
 * - removed: a revision is missing from a stream and never turns up (named with the position it had
 *   when a gap in contiguous positions accounts for it);
 * - reordered: intact events of a stream whose revisions run against position order;
 * - gap: a missing position nothing else explains (contiguous stores only);
 * - reordered / rewritten (log chain, stores with one): an intact event whose `logHash` does not chain
 *   from the previous position, because it was moved (an event further on fits here: reordered) or its
 *   stream was changed and re-hashed from it (rewritten), without the log chain being recomputed too;
 * - truncated / rewritten / bad-signature: against a digest (its heads and its signed log hash). A
 *   truncation names the first missing position where the positions tell it.
 *
 * Blame: the first event whose own hash fails is named, never its intact predecessor; a predecessor is
 * named only when it is intact and its intact successor links to another hash (it was re-hashed).
 *
 * One pass over the log in position order. Findings are collected with the position they concern and
 * the earliest is reported, because some are only understood later: a revision that is missing when
 * its successor shows up is "removed" if it never appears, "reordered" if it appears afterwards.
 */
import type { EventStore, StoredEvent } from '../event-store.port.js';
import { verifyDigestSignature, type SignedDigest } from './digest.js';
import { GENESIS_HASH, hashMatches, logChainHash } from './hash-chain.js';
import { merkleRoot, sortHeads, type StreamHead } from './merkle.js';

export type VerifyProblem =
  'altered' | 'removed' | 'reordered' | 'gap' | 'truncated' | 'rewritten' | 'bad-signature';

export interface VerifyFailure {
  problem: VerifyProblem;
  streamId?: string;
  revision?: Integer;
  position?: Integer;
  eventId?: string;
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  checkedEvents: Integer;
  checkedStreams: Integer;
  headPosition: Integer;
  firstFailure?: VerifyFailure;
}

export interface VerifyOptions {
  /** Check one stream only (read by revision). */
  streamId?: string;
  /** An earlier signed digest the log must still agree with. */
  against?: SignedDigest;
  /** When set, `against` must be signed with this key (otherwise any valid signature is accepted). */
  trustedPublicKeyPem?: string;
  onProgress?: (position: number, head: number) => void;
  batchSize?: number;
}

const DEFAULT_BATCH = 2000;
/** Among findings at the same position, the most specific explanation wins. */
const RANK: Record<VerifyProblem, number> = {
  'bad-signature': 0,
  reordered: 1,
  removed: 2,
  altered: 3,
  truncated: 4,
  gap: 5,
  rewritten: 6,
};

interface Finding {
  key: number;
  failure: VerifyFailure;
}

class Findings {
  private best: Finding | undefined;
  add(key: number, failure: VerifyFailure): void {
    const b = this.best;
    if (!b || key < b.key || (key === b.key && RANK[failure.problem] < RANK[b.failure.problem])) {
      this.best = { key, failure };
    }
  }
  get first(): VerifyFailure | undefined {
    return this.best?.failure;
  }
}

interface Missing {
  /** Position of the stream's event before the hole (0 when the hole is at the start). */
  afterPosition: number;
  /** The event that arrived with a higher revision than expected. */
  jump: StoredEvent;
}

interface StreamState {
  next: number;
  lastHash: string;
  lastPosition: number;
  lastEventId: string | undefined;
  /** Revisions skipped by a jump, each with the event that jumped over it, until they turn up. */
  missing: Map<number, Missing>;
}

function safeHashMatches(e: StoredEvent): boolean {
  try {
    return hashMatches(e);
  } catch {
    return false;
  }
}

function at(e: StoredEvent): Pick<VerifyFailure, 'streamId' | 'revision' | 'position' | 'eventId'> {
  return { streamId: e.streamId, revision: e.revision, position: e.position, eventId: e.eventId };
}

/**
 * Checks one event against its stream state, records findings, and advances the state when it extends the
 * chain. Returns whether the event matches its own hash.
 */
function checkEvent(e: StoredEvent, s: StreamState, findings: Findings): boolean {
  const intact = safeHashMatches(e);
  if (!intact) {
    findings.add(e.position, {
      problem: 'altered',
      ...at(e),
      detail: `stream ${e.streamId} revision ${e.revision} (position ${e.position}): content does not match its hash`,
    });
  }
  // The revision number is hashed, so on an event that fails its hash it may be the very thing that was
  // edited: judge the chain as if the event sat at the expected revision. Only intact events can tell
  // of a removal before them or of a reordering.
  const revision = intact ? e.revision : s.next;
  if (revision === s.next) {
    // An event that fails its own hash is the culprit itself: its link says nothing of its predecessor.
    if (intact && e.metadata.prevHash !== s.lastHash) {
      if (s.lastEventId === undefined) {
        findings.add(e.position, {
          problem: 'altered',
          ...at(e),
          detail: `stream ${e.streamId} revision 0 (position ${e.position}) does not link to the genesis hash`,
        });
      } else {
        // This event still names the old hash of its predecessor: the predecessor was changed and re-hashed.
        findings.add(s.lastPosition, {
          problem: 'altered',
          streamId: e.streamId,
          revision: s.next - 1,
          position: s.lastPosition,
          eventId: s.lastEventId,
          detail:
            `stream ${e.streamId} revision ${s.next - 1} (position ${s.lastPosition}) was changed and re-hashed: ` +
            `revision ${e.revision} (position ${e.position}) links to a different hash`,
        });
      }
    }
  } else if (revision > s.next) {
    for (let r = s.next; r < e.revision; r++) s.missing.set(r, { afterPosition: s.lastPosition, jump: e });
  } else {
    const m = s.missing.get(e.revision);
    if (m) {
      s.missing.delete(e.revision);
      findings.add(m.jump.position, {
        problem: 'reordered',
        ...at(m.jump),
        detail:
          `stream ${e.streamId}: revision ${m.jump.revision} (position ${m.jump.position}) comes before ` +
          `revision ${e.revision} (position ${e.position})`,
      });
    } else {
      findings.add(e.position, {
        problem: 'reordered',
        ...at(e),
        detail: `stream ${e.streamId}: revision ${e.revision} appears again at position ${e.position}`,
      });
    }
    return intact; // an out-of-place event does not move the stream's head
  }
  s.next = revision + 1;
  s.lastHash = e.metadata.hash;
  s.lastPosition = e.position;
  s.lastEventId = e.eventId;
  return intact;
}

/**
 * The log chain at one intact event: its stored `logHash` must chain from the previous position's. When
 * it does not, the event was moved here (the next event fits here instead: reordered) or its stream was
 * changed and re-hashed from it, without the log chain being recomputed (rewritten).
 */
function checkLogLink(
  e: StoredEvent,
  previousLogHash: string,
  next: StoredEvent | undefined,
  breaks: Array<{ key: number; failure: VerifyFailure }>,
): void {
  if (e.logHash === logChainHash(previousLogHash, e.metadata.hash)) return;
  const moved = next !== undefined && next.logHash === logChainHash(previousLogHash, next.metadata.hash);
  breaks.push({
    key: e.position,
    failure: {
      problem: moved ? 'reordered' : 'rewritten',
      ...at(e),
      detail: moved
        ? `position ${e.position} (stream ${e.streamId} revision ${e.revision}) is out of log order: the log chain ` +
          `recorded the event now at position ${next.position} (stream ${next.streamId} revision ${next.revision}) here`
        : `the log chain does not lead from position ${e.position - 1} to stream ${e.streamId} revision ` +
          `${e.revision} (position ${e.position}): it was changed and re-hashed, or an event before it was ` +
          'removed or inserted',
    },
  });
}

function newState(): StreamState {
  return { next: 0, lastHash: GENESIS_HASH, lastPosition: 0, lastEventId: undefined, missing: new Map() };
}

export async function verifyLog(store: EventStore, options: VerifyOptions = {}): Promise<VerifyReport> {
  const head = await store.headPosition();
  const findings = new Findings();
  const against = options.against;
  if (against && !verifyDigestSignature(against, options.trustedPublicKeyPem)) {
    findings.add(-Infinity, {
      problem: 'bad-signature',
      position: against.position,
      detail: `the digest at position ${against.position} does not carry a valid signature`,
    });
  }
  const scan =
    options.streamId === undefined
      ? await scanLog(store, head, findings, options)
      : await scanStream(store, options.streamId, head, findings, options);
  if (scan.snapshot) compareWithDigest(scan.snapshot, head, options.streamId, findings);
  const firstFailure = findings.first;
  return {
    ok: firstFailure === undefined,
    checkedEvents: scan.checkedEvents,
    checkedStreams: scan.checkedStreams,
    headPosition: head,
    ...(firstFailure ? { firstFailure } : {}),
  };
}

type SnapshotHead = StreamHead & { position: number; eventId: string };

interface Snapshot {
  /** The digest the log is compared with (`options.against`). */
  digest: SignedDigest;
  heads: Map<string, SnapshotHead>;
  complete: boolean;
  /** The log hash recomputed from the events' own hashes up to the digest position (whole-log scans). */
  logHash?: string;
  /** Missing positions up to the end of the scan (contiguous stores). */
  gaps: Array<{ from: number; to: number }>;
  /** Positions where the stored log chain breaks, not explained by a move (stores with a log chain). */
  breaks: number[];
}

interface ScanResult {
  checkedEvents: number;
  checkedStreams: number;
  /** Stream heads (with the position of the head event) as of the digest position, when given one. */
  snapshot?: Snapshot;
}

function takeSnapshot(streams: Map<string, StreamState>): Map<string, SnapshotHead> {
  const heads = new Map<string, SnapshotHead>();
  for (const [streamId, s] of streams) {
    if (s.lastEventId !== undefined) {
      heads.set(streamId, {
        streamId,
        revision: s.next - 1,
        hash: s.lastHash,
        position: s.lastPosition,
        eventId: s.lastEventId,
      });
    }
  }
  return heads;
}

async function scanLog(
  store: EventStore,
  head: number,
  findings: Findings,
  options: VerifyOptions,
): Promise<ScanResult> {
  const contiguous = store.capabilities.contiguousPositions;
  const streams = new Map<string, StreamState>();
  const gaps: Array<{ from: number; to: number }> = [];
  const digest = options.against;
  const logChain = store.capabilities.logChain === true;
  let snapshot: Snapshot | undefined;
  let previous = 0;
  let checkedEvents = 0;
  let storedLogHash = GENESIS_HASH; // as stored at the previous position: each link is judged on its own
  let orderHash = GENESIS_HASH; // recomputed from the events' hashes, for the digest's log hash
  // Reported after the scan, so that a stream's own finding at the same position (same rank) comes first.
  const logFindings: Array<{ key: number; failure: VerifyFailure }> = [];
  const breaks: number[] = [];
  for (;;) {
    const batch = await store.readAll({ after: previous, batchSize: options.batchSize ?? DEFAULT_BATCH });
    if (batch.length === 0) break;
    for (let i = 0; i < batch.length; i++) {
      const e = batch[i] as StoredEvent;
      if (digest && !snapshot && e.position > digest.position) {
        snapshot = { digest, heads: takeSnapshot(streams), complete: true, logHash: orderHash, gaps, breaks };
      }
      if (e.position <= previous) {
        findings.add(e.position, {
          problem: 'reordered',
          ...at(e),
          detail: `position ${e.position} comes after position ${previous}`,
        });
        continue;
      }
      if (contiguous && e.position !== previous + 1) gaps.push({ from: previous + 1, to: e.position - 1 });
      previous = e.position;
      checkedEvents++;
      let s = streams.get(e.streamId);
      if (!s) {
        s = newState();
        streams.set(e.streamId, s);
      }
      const intact = checkEvent(e, s, findings);
      if (logChain) {
        if (intact) checkLogLink(e, storedLogHash, batch[i + 1], logFindings);
        storedLogHash = e.logHash ?? '';
      }
      orderHash = logChainHash(orderHash, e.metadata.hash);
    }
    options.onProgress?.(previous, head);
  }
  if (digest && !snapshot) {
    snapshot = {
      digest,
      heads: takeSnapshot(streams),
      // Below the head read first only when the log was cut while it was being read.
      complete: previous >= digest.position,
      logHash: orderHash,
      gaps,
      breaks,
    };
  }
  for (const { key, failure } of logFindings) {
    findings.add(key, failure);
    if (failure.problem === 'rewritten') breaks.push(key);
  }
  reportHoles(streams, gaps, findings);
  return { checkedEvents, checkedStreams: streams.size, ...(snapshot ? { snapshot } : {}) };
}

/**
 * Revisions still missing at the end were removed. On contiguous stores each is matched with a position
 * gap between its neighbours, so the report names the position it had; gaps left over are plain gaps.
 */
function reportHoles(
  streams: Map<string, StreamState>,
  gaps: Array<{ from: number; to: number }>,
  findings: Findings,
): void {
  const used = new Set<number>();
  /** Takes the first position of a gap between two positions that no other removed revision took. */
  const takeGapPosition = (after: number, before: number): number | undefined => {
    for (const g of gaps) {
      for (let p = Math.max(g.from, after + 1); p <= Math.min(g.to, before - 1); p++) {
        if (!used.has(p)) {
          used.add(p);
          return p;
        }
      }
    }
    return undefined;
  };
  const holes: Array<{ streamId: string; revision: number; m: Missing }> = [];
  for (const [streamId, s] of streams) {
    for (const [revision, m] of s.missing) holes.push({ streamId, revision, m });
  }
  holes.sort((a, b) => a.m.afterPosition - b.m.afterPosition || a.revision - b.revision);
  for (const { streamId, revision, m } of holes) {
    const position = takeGapPosition(m.afterPosition, m.jump.position);
    const between =
      m.afterPosition === 0
        ? `before revision ${m.jump.revision} (position ${m.jump.position})`
        : `between positions ${m.afterPosition} and ${m.jump.position}`;
    findings.add(position ?? m.afterPosition + 0.5, {
      problem: 'removed',
      streamId,
      revision,
      ...(position !== undefined ? { position } : {}),
      detail:
        `stream ${streamId} revision ${revision} is missing` +
        (position !== undefined ? ` (it was at position ${position})` : ` (${between})`) +
        `; revision ${m.jump.revision} does not link to the stream's previous event`,
    });
  }
  // A gap whose first position a removed revision took is outranked there by that finding, and so is
  // anything it could name further on.
  for (const g of gaps) {
    findings.add(g.from, {
      problem: 'gap',
      position: g.from,
      detail: `position ${g.from} is missing from the log`,
    });
  }
}

async function scanStream(
  store: EventStore,
  streamId: string,
  head: number,
  findings: Findings,
  options: VerifyOptions,
): Promise<ScanResult> {
  const s = newState();
  const digest = options.against;
  let snapshotHead: SnapshotHead | undefined;
  let checkedEvents = 0;
  let fromRevision = 0;
  for (;;) {
    const batch = await store.readStream(streamId, {
      fromRevision,
      maxCount: options.batchSize ?? DEFAULT_BATCH,
    });
    const last = batch[batch.length - 1];
    if (!last) break;
    for (const e of batch) {
      checkedEvents++;
      if (e.position <= s.lastPosition) {
        // Read by revision, yet this later revision sits at an earlier position than its predecessor.
        findings.add(e.position, {
          problem: 'reordered',
          ...at(e),
          detail: `stream ${streamId}: revision ${e.revision} (position ${e.position}) comes before revision ${s.next - 1} (position ${s.lastPosition})`,
        });
      }
      if (e.revision > s.next) {
        findings.add(s.lastPosition + 0.5, {
          problem: 'removed',
          streamId,
          revision: s.next,
          detail:
            `stream ${streamId} revision ${s.next} is missing (between positions ${s.lastPosition} and ${e.position}); ` +
            `revision ${e.revision} does not link to the stream's previous event`,
        });
        s.next = e.revision; // judge the rest of the chain from here
        s.lastHash = e.metadata.prevHash;
      }
      checkEvent(e, s, findings);
      if (digest && e.position <= digest.position) {
        snapshotHead = {
          streamId,
          revision: e.revision,
          hash: e.metadata.hash,
          position: e.position,
          eventId: e.eventId,
        };
      }
    }
    fromRevision = last.revision + 1;
    options.onProgress?.(last.position, head);
  }
  const snapshot =
    digest === undefined
      ? undefined
      : {
          digest,
          heads: new Map(snapshotHead ? [[streamId, snapshotHead]] : []),
          // Read by revision: whether the log reaches the digest position is told by the head alone.
          complete: true,
          gaps: [],
          breaks: [],
        };
  return { checkedEvents, checkedStreams: checkedEvents > 0 ? 1 : 0, ...(snapshot ? { snapshot } : {}) };
}

function compareWithDigest(
  snapshot: Snapshot,
  head: number,
  onlyStream: string | undefined,
  findings: Findings,
): void {
  const digest = snapshot.digest;
  // A stream-level truncation names the stream; the log-level one is only reported without it.
  const streamTruncated = compareHeads(digest, snapshot, head, onlyStream, findings);
  if (!streamTruncated && (head < digest.position || !snapshot.complete)) {
    findings.add(head + 1, {
      problem: 'truncated',
      position: head + 1,
      detail: `the log ends at position ${head}, below the digest position ${digest.position}: position ${head + 1} is the first missing`,
    });
  }
  if (
    digest.logHash !== undefined &&
    snapshot.logHash !== undefined &&
    snapshot.complete &&
    snapshot.logHash !== digest.logHash
  ) {
    findings.add(digest.position, {
      problem: 'rewritten',
      position: digest.position,
      detail:
        `the log hash as of position ${digest.position}, recomputed from the events' hashes in position order, ` +
        "differs from the digest's: events up to it were changed and re-hashed, moved, inserted or removed",
    });
  }
}

/**
 * The first position missing after `after` (a stream's head position, or 0) and at most the digest
 * position: a gap in contiguous positions (no gap holds `after`, an event's position, so a gap past it
 * starts past it), or where the log chain breaks (positions closed up after a removal), else the one after
 * the log's end when the log ends below the digest. Undefined when nothing tells where the missing events
 * were.
 */
function firstMissingAfter(
  after: number,
  snapshot: Snapshot,
  head: number,
  digestPosition: number,
): number | undefined {
  const candidates = [...snapshot.gaps.map((g) => g.from), ...snapshot.breaks, head + 1].filter(
    (p) => p > after && p <= digestPosition,
  );
  return candidates.length > 0 ? Math.min(...candidates) : undefined;
}

function compareHeads(
  digest: SignedDigest,
  snapshot: Snapshot,
  head: number,
  onlyStream: string | undefined,
  findings: Findings,
): boolean {
  let truncated = false;
  if (!digest.heads) {
    // Root only: we can tell that something differs, not which stream (and nothing for one stream).
    if (onlyStream !== undefined) return false;
    const heads = sortHeads(
      [...snapshot.heads.values()].map(({ streamId, revision, hash }) => ({ streamId, revision, hash })),
    );
    if (merkleRoot(heads) !== digest.root) {
      findings.add(digest.position, {
        problem: heads.length < digest.streamCount ? 'truncated' : 'rewritten',
        position: digest.position,
        detail: `the stream heads as of position ${digest.position} no longer give the digest's root`,
      });
    }
    return false;
  }
  const recorded = digest.heads.filter((h) => onlyStream === undefined || h.streamId === onlyStream);
  const expected = new Set(recorded.map((h) => h.streamId));
  for (const h of recorded) {
    const now = snapshot.heads.get(h.streamId);
    if (!now || now.revision < h.revision) {
      truncated = true;
      const missing = firstMissingAfter(now?.position ?? 0, snapshot, head, digest.position);
      const where = missing === undefined ? '' : `; position ${missing} is the first missing`;
      findings.add(missing ?? now?.position ?? digest.position, {
        problem: 'truncated',
        streamId: h.streamId,
        revision: now ? now.revision + 1 : 0,
        ...(missing === undefined ? {} : { position: missing }),
        detail: now
          ? `stream ${h.streamId} ends at revision ${now.revision} (position ${now.position}) as of position ` +
            `${digest.position}; the digest recorded revision ${h.revision}${where}`
          : `stream ${h.streamId} (revision ${h.revision} in the digest) has no events up to position ${digest.position}${where}`,
      });
    } else if (now.hash !== h.hash) {
      // A later revision has another hash too (the revision is hashed).
      findings.add(now.position, {
        problem: 'rewritten',
        streamId: h.streamId,
        revision: now.revision,
        position: now.position,
        eventId: now.eventId,
        detail:
          `stream ${h.streamId} as of position ${digest.position} is at revision ${now.revision} with hash ${now.hash}; ` +
          `the digest recorded revision ${h.revision} with hash ${h.hash}: a revision at or before ` +
          `${Math.min(now.revision, h.revision)} was changed and re-hashed`,
      });
    }
  }
  for (const now of snapshot.heads.values()) {
    if (!expected.has(now.streamId)) {
      findings.add(now.position, {
        problem: 'rewritten',
        streamId: now.streamId,
        revision: now.revision,
        position: now.position,
        eventId: now.eventId,
        detail: `stream ${now.streamId} has events up to position ${digest.position} but is not in the digest`,
      });
    }
  }
  return truncated;
}
