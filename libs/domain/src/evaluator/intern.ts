/**
 * One string object per distinct id kept by folds. JSON.parse makes a new string for every id of every
 * event (V8 shares only values of up to 10 characters), and a fold keeps a period's score entries until
 * the period is released: the same unit and criterion ids, held thousands of times each, were most of a
 * rebuild's live strings. Interning cannot change a result (strings compare by value); it only lets the
 * event's own copies die young.
 *
 * The table is a memo, not state: bounded, it is emptied when full (ids seen since are interned again).
 */
const MAX_INTERNED = 1 << 14;

const table = new Map<string, string>();

export function intern(value: string): string {
  const known = table.get(value);
  if (known !== undefined) return known;
  if (table.size >= MAX_INTERNED) table.clear();
  table.set(value, value);
  return value;
}

/** Strings held by the table (for tests). */
export const internedCount = (): number => table.size;

export const INTERN_LIMIT = MAX_INTERNED;
