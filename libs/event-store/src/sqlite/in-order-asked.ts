/**
 * Rows read by position (ascending, each position once, as `WHERE position IN (…)` gives them) in the order
 * `positions` asks for them: a position asked twice is answered twice, one without a row is left out. A
 * history page asks in ascending order, and gets the rows as they are.
 */
export function inOrderAsked<R extends readonly [number, ...unknown[]]>(
  positions: readonly number[],
  rows: R[],
): R[] {
  if (rows.length === positions.length && rows.every((row, i) => row[0] === positions[i])) return rows;
  const byPosition = new Map(rows.map((row) => [row[0], row]));
  const out: R[] = [];
  for (const position of positions) {
    const row = byPosition.get(position);
    if (row) out.push(row);
  }
  return out;
}
