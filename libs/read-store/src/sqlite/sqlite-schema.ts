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
 * Declared indexes are expression indexes `docs_ix_<fields>` on
 * (projection, generation, collection, json_extract(doc, '$.<field>')...).
 */
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

/** JSON path of a validated top-level field name (names are checked against FIELD_NAME before use). */
export function jsonPath(field: string): string {
  return `'$.${field}'`;
}
