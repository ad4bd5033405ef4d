/**
 * What a forger with write access to a SQLite log and the hashing code does, for the tests that show
 * what is (and is not) detected: re-seal a stream's chain after an edit, recompute the log chain.
 */
import type Database from 'better-sqlite3';

import type { EventMetadata } from '../event-store.port.js';
import { GENESIS_HASH, logChainHash, sealEvent } from '../integrity/hash-chain.js';

interface Row {
  event_id: string;
  type: string;
  revision: number;
  data: string;
  metadata: string;
}

/** Re-seals `streamId` from `fromRevision` on, so each event matches its hash and links to its predecessor again. */
export function resealStream(db: Database.Database, streamId: string, fromRevision: number): void {
  const rows = db
    .prepare(
      'SELECT event_id, type, revision, data, metadata FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision',
    )
    .all(streamId, fromRevision) as Row[];
  const before =
    fromRevision === 0
      ? undefined
      : (db
          .prepare('SELECT metadata FROM events WHERE stream_id = ? AND revision = ?')
          .pluck()
          .get(streamId, fromRevision - 1) as string | undefined);
  let prevHash = before === undefined ? GENESIS_HASH : (JSON.parse(before) as EventMetadata).hash;
  const update = db.prepare('UPDATE events SET metadata = ? WHERE stream_id = ? AND revision = ?');
  for (const r of rows) {
    const { hash: _h, prevHash: _p, ...meta } = JSON.parse(r.metadata) as EventMetadata;
    const sealed = sealEvent(streamId, r.revision, prevHash, {
      eventId: r.event_id,
      type: r.type,
      data: JSON.parse(r.data) as Record<string, unknown>,
      metadata: meta,
    });
    update.run(sealed.metadataJson, streamId, r.revision);
    prevHash = sealed.hash;
  }
}

/** Recomputes the log-wide chain column of every row, in position order. */
export function rechainLog(db: Database.Database): void {
  const rows = db.prepare('SELECT position, metadata FROM events ORDER BY position').all() as Array<{
    position: number;
    metadata: string;
  }>;
  const update = db.prepare('UPDATE events SET log_hash = ? WHERE position = ?');
  let logHash = GENESIS_HASH;
  for (const r of rows) {
    logHash = logChainHash(logHash, (JSON.parse(r.metadata) as EventMetadata).hash);
    update.run(logHash, r.position);
  }
}
