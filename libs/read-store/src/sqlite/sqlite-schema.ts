import type Database from 'better-sqlite3';

/**
 * SQLite read-model schema (file `read-models.sqlite`). Documents of every projection generation share
 * one table; a generation is a value of `generation`, so a rebuild fills new rows beside the served ones
 * and `active` switches in one statement.
 *
 *   docs(projection, generation, collection, id, doc JSON text, position)  PK (projection, generation, collection, id)
 *   checkpoints(projection, generation, version, position)                 PK (projection, generation)
 *   active(projection PK, generation)
 *   projection_status(projection PK, record JSON text)   what the runner last published (status, stall)
 *
 * Declared indexes are partial expression indexes `docs_ix_<projection>_<collection>_<fields>` on
 * (generation, json_extract(doc, '$.<field>')...) WHERE projection = … AND collection = … (sqlite-find.ts).
 *
 * The schema has a version (`PRAGMA user_version`). A file of another version is emptied and made
 * again: read models are derived data, and the runner rebuilds every projection that has no checkpoint.
 */
export const READ_SCHEMA_VERSION = 2;

export const SQLITE_READ_SCHEMA = `
CREATE TABLE IF NOT EXISTS docs (
  projection TEXT NOT NULL,
  generation INTEGER NOT NULL,
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  doc TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (projection, generation, collection, id)
);
CREATE TABLE IF NOT EXISTS checkpoints (
  projection TEXT NOT NULL,
  generation INTEGER NOT NULL,
  version INTEGER NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (projection, generation)
);
CREATE TABLE IF NOT EXISTS active (
  projection TEXT NOT NULL PRIMARY KEY,
  generation INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS projection_status (
  projection TEXT NOT NULL PRIMARY KEY,
  record TEXT NOT NULL
);
`;

/**
 * Creates the schema, or replaces one of another version (its read models are rebuilt from the log). The
 * version is read under the write lock: processes opening a new file at once must not drop each other's rows.
 */
export function openReadSchema(db: Database.Database): void {
  db.transaction(() => {
    if (db.pragma('user_version', { simple: true }) !== READ_SCHEMA_VERSION) {
      for (const table of ['docs', 'checkpoints', 'active', 'projection_status'])
        db.exec(`DROP TABLE IF EXISTS ${table}`);
      db.pragma(`user_version = ${READ_SCHEMA_VERSION}`);
    }
    db.exec(SQLITE_READ_SCHEMA);
  }).immediate();
}

/** JSON path of a validated top-level field name (names are checked against FIELD_NAME before use). */
export function jsonPath(field: string): string {
  return `'$.${field}'`;
}
