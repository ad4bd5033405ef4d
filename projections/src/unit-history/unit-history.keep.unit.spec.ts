import type { DocChange } from '@thidua/read-store';
import { unitHistoryProjection } from './unit-history.projection.js';
import { HISTORY_INDEX, HISTORY_NAMES, HISTORY_UNITS, INDEX_PAGE_SIZE } from './unit-history.documents.js';

const page = (length: number): DocChange => ({
  op: 'put',
  collection: HISTORY_INDEX,
  id: 'u1:0',
  doc: { unitId: 'u1', page: 0, positions: Array.from({ length }, (_, i) => i + 1), position: length },
});

describe('unit-history: what the runner keeps between batches', () => {
  const keep = unitHistoryProjection().keep!;

  it("keeps the heads and a unit's last page while it fills, not a full page (never read again)", () => {
    expect(keep.collections).toEqual([HISTORY_UNITS, HISTORY_INDEX]);
    const head: DocChange = { op: 'put', collection: HISTORY_UNITS, id: 'u1', doc: { unitId: 'u1' } };
    expect(keep.keeps!(head)).toBe(true);
    expect(keep.keeps!(page(1))).toBe(true);
    expect(keep.keeps!(page(INDEX_PAGE_SIZE - 1))).toBe(true);
    expect(keep.keeps!(page(INDEX_PAGE_SIZE))).toBe(false);
    expect(keep.collections).not.toContain(HISTORY_NAMES);
  });
});
