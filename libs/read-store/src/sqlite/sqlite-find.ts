import type { NormalizedQuery } from '../validation.js';
import { jsonPath } from './sqlite-schema.js';

export interface SqlQuery {
  sql: string;
  params: (string | number)[];
}

/**
 * Builds the find statement. Field names were validated (they become JSON paths so expression
 * indexes can match); every value is a bound parameter. Equality is type-strict, like MongoDB:
 * `1` does not match `true` or `"1"`; `null` matches null or a missing field.
 */
export function buildFindSql(
  projection: string,
  generation: number,
  collection: string,
  query: NormalizedQuery,
): SqlQuery {
  const conditions = ['projection = ?', 'generation = ?', 'collection = ?'];
  const params: (string | number)[] = [projection, generation, collection];
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
  sql += 'id ASC';
  if (query.limit !== undefined || query.offset !== undefined) {
    sql += ' LIMIT ? OFFSET ?';
    params.push(query.limit ?? -1, query.offset ?? 0);
  }
  return { sql, params };
}
