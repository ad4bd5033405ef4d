import type { NormalizedQuery } from '../validation.js';
import { jsonPath } from './sqlite-schema.js';

export interface SqlQuery {
  sql: string;
  params: (string | number)[];
}

/**
 * Builds the find statement. Names were validated: the projection and collection are written into the
 * text as literals (so the planner can use the partial index declared for them, see `indexSql`) and
 * field names become JSON paths (so expression indexes match); every value is a bound parameter.
 * Equality is type-strict, like MongoDB: `1` does not match `true` or `"1"`; `null` matches null or a
 * missing field.
 */
export function buildFindSql(
  projection: string,
  generation: number,
  collection: string,
  query: NormalizedQuery,
): SqlQuery {
  const conditions = [`projection = '${projection}'`, 'generation = ?', `collection = '${collection}'`];
  const params: (string | number)[] = [generation];

  for (const [field, value] of query.where) {
    const path = jsonPath(field);
    if (value === null) {
      conditions.push(`json_extract(doc, ${path}) IS NULL`);
    } else if (typeof value === 'boolean') {
      conditions.push(`json_type(doc, ${path}) = ?`);
      params.push(value ? 'true' : 'false');
    } else if (typeof value === 'number') {
      conditions.push(`json_extract(doc, ${path}) = ? AND json_type(doc, ${path}) IN ('integer', 'real')`);
      params.push(value);
    } else {
      conditions.push(`json_extract(doc, ${path}) = ? AND json_type(doc, ${path}) = 'text'`);
      params.push(value);
    }
  }
  let sql = `SELECT doc FROM docs WHERE ${conditions.join(' AND ')} ORDER BY `;
  if (query.orderBy) {
    const direction = query.orderBy.direction === 'desc' ? 'DESC' : 'ASC';
    sql += `json_extract(doc, ${jsonPath(query.orderBy.field)}) ${direction}, `;
  }
  // `+id` keeps the primary key from being chosen just for its order when fields are filtered: the
  // declared index on those fields is then used, and the few rows found are sorted.
  sql += query.where.length > 0 ? '+id ASC' : 'id ASC';
  if (query.limit !== undefined || query.offset !== undefined) {
    sql += ' LIMIT ? OFFSET ?';
    params.push(query.limit ?? -1, query.offset ?? 0);
  }
  return { sql, params };
}

/**
 * A declared index, partial to its projection and collection: only that collection's rows pay for it on
 * write (a full expression index over `docs` would evaluate its JSON paths on every projection's rows).
 */
export function indexSql(projection: string, collection: string, fields: readonly string[]): string {
  const name = `docs_ix_${projection}_${collection}_${fields.join('__')}`.replace(/-/g, '_');
  const expressions = fields.map((field) => `json_extract(doc, ${jsonPath(field)})`).join(', ');
  return (
    // The leading key columns repeat the WHERE so the planner prefers it to the primary key.
    `CREATE INDEX IF NOT EXISTS "${name}" ON docs (projection, generation, collection, ${expressions}) ` +
    `WHERE projection = '${projection}' AND collection = '${collection}'`
  );
}
