import type { Target } from '@thidua/read-store';
import { KeptHistoryEntries, type EntryBytes } from './kept-entries.js';

const gen1: Target = { projection: 'unit-history', generation: 1 };
const gen2: Target = { projection: 'unit-history', generation: 2 };

const entry = (position: number, text = `{"position":${position},"summary":"Ghi điểm"}`): EntryBytes => ({
  position,
  type: 'ScoreRecorded',
  bytes: Buffer.from(text),
});

/** An entry rendered as readUnitHistoryEntries renders it: kept when its position was rendered before. */
function rendered(kept: KeptHistoryEntries, at: Target, unitId: string, e: EntryBytes): void {
  if (kept.renderedBefore(at, unitId, e.position)) kept.keep(at, unitId, e);
}

/** Renders an entry twice: it is kept the second time. */
function keepTwice(kept: KeptHistoryEntries, at: Target, unitId: string, e: EntryBytes): void {
  rendered(kept, at, unitId, e);
  rendered(kept, at, unitId, e);
}

describe('KeptHistoryEntries: rendered entries kept by unit and position', () => {
  it('keeps an entry the second time its position is rendered', () => {
    const kept = new KeptHistoryEntries(() => true);
    kept.usable(gen1);
    rendered(kept, gen1, 'u1', entry(5));
    expect({ entry: kept.get('u1', 5), bytes: kept.bytes }).toEqual({ entry: undefined, bytes: 0 });
    rendered(kept, gen1, 'u1', entry(5));
    expect(kept.get('u1', 5)?.position).toBe(5);
    // An event may concern several units: rendered once for each, it is kept for none.
    rendered(kept, gen1, 'u2', entry(6));
    rendered(kept, gen1, 'u3', entry(6));
    expect([kept.get('u2', 6), kept.get('u3', 6)]).toEqual([undefined, undefined]);
  });

  it('keeps entries per unit, for the generation it serves, and drops them all when the generation changes', () => {
    const kept = new KeptHistoryEntries(() => true);
    expect(kept.usable(gen1)).toBe(true);
    keepTwice(kept, gen1, 'u1', entry(5));
    expect(kept.get('u1', 5)?.bytes.toString()).toBe('{"position":5,"summary":"Ghi điểm"}');
    expect(kept.get('u2', 5)).toBeUndefined();
    expect(kept.usable(gen2)).toBe(true);
    expect(kept.get('u1', 5)).toBeUndefined();
    // Rendered from the old generation, finished after the switch: not kept.
    keepTwice(kept, gen1, 'u1', entry(6));
    expect({ entry: kept.get('u1', 6), bytes: kept.bytes }).toEqual({ entry: undefined, bytes: 0 });
  });

  it('is not usable, and holds nothing, while a check has failed', () => {
    let intact = true;
    const kept = new KeptHistoryEntries(() => intact);
    kept.usable(gen1);
    keepTwice(kept, gen1, 'u1', entry(5));
    expect(kept.bytes).toBeGreaterThan(0);
    intact = false;
    expect(kept.usable(gen1)).toBe(false);
    expect({ entry: kept.get('u1', 5), bytes: kept.bytes }).toEqual({ entry: undefined, bytes: 0 });
  });

  it('holds at most its bound of bytes: full, it starts again', () => {
    const one = entry(1).bytes.length + 128;
    const kept = new KeptHistoryEntries(() => true, one * 3);
    kept.usable(gen1);
    for (const p of [1, 2, 3]) keepTwice(kept, gen1, 'u1', entry(p));
    keepTwice(kept, gen1, 'u1', entry(3));
    expect(kept.bytes).toBe(one * 3);
    keepTwice(kept, gen1, 'u2', entry(4));
    expect(kept.bytes).toBe(one);
    expect([1, 2, 3].map((p) => kept.get('u1', p))).toEqual([undefined, undefined, undefined]);
    expect(kept.get('u2', 4)?.position).toBe(4);
  });
});
