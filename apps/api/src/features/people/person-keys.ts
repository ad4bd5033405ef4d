import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { SealedPersonal } from '@thidua/domain';

/** The personal fields sealed in PersonRegistered. */
export interface PersonalFields {
  fullName: string;
  rankTitle?: string;
  position?: string;
}

/**
 * Crypto-shredding: one AES-256 key per person, kept OUTSIDE the event log, in its own SQLite file
 * (`PERSON_KEYS_FILE`, default `${DATA_DIR}/person-keys.sqlite`, mode 0600). The log holds only sealed
 * text; erasing a person deletes the key row (with `secure_delete`, so its bytes are overwritten in the
 * file), and from then the sealed text in the log, its copies and backups of the log are unreadable,
 * while the events — and the hash chain over them — stay exactly as they were.
 */
export class PersonKeyStore {
  private readonly db: Database.Database;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    chmodSync(file, 0o600);
    this.db.pragma('journal_mode = WAL');
    // A key is written once and its deletion must be durable before the erasure is answered.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS person_keys (person_id TEXT PRIMARY KEY, key BLOB NOT NULL) STRICT',
    );
  }

  /** The person's key, created on first use (a retried registration finds the same key). */
  keyFor(personId: string): Buffer {
    this.db
      .prepare('INSERT OR IGNORE INTO person_keys (person_id, key) VALUES (?, ?)')
      .run(personId, randomBytes(32));
    return this.existing(personId)!;
  }

  existing(personId: string): Buffer | undefined {
    const row = this.db.prepare('SELECT key FROM person_keys WHERE person_id = ?').get(personId) as
      { key: Buffer } | undefined;
    return row?.key;
  }

  /** Deletes the key for good (idempotent); the WAL is checkpointed so no copy of it stays in the -wal file. */
  delete(personId: string): void {
    this.db.prepare('DELETE FROM person_keys WHERE person_id = ?').run(personId);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

const b64 = (b: Buffer): string => b.toString('base64url');

/** AES-256-GCM under the person's key; the person id is the associated data (a sealed value cannot be moved). */
export function sealPersonal(key: Buffer, personId: string, fields: PersonalFields): SealedPersonal {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(personId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(fields), 'utf8'), cipher.final()]);
  return { alg: 'A256GCM', iv: b64(iv), ciphertext: b64(ciphertext), tag: b64(cipher.getAuthTag()) };
}

/** The fields, or undefined when the key is gone (erased) or the text does not open under it. */
export function openPersonal(
  key: Buffer | undefined,
  personId: string,
  sealed: SealedPersonal,
): PersonalFields | undefined {
  if (!key) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64url'));
    decipher.setAAD(Buffer.from(personId, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
    const text = Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
    return JSON.parse(text) as PersonalFields;
  } catch {
    return undefined;
  }
}
