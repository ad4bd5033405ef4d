import { cum7AwardDecisions, cum7AwardItems } from './demo-awards.js';
import { DEMO_SCHEME, demoPoints } from './demo-scores.js';
import { ALL_UNITS, CLUSTERS, CUM7_UNITS } from './demo-units.js';

/** Every string inside a value (deep). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('demo data', () => {
  it("deals exactly seed 000's itemised awards of Cụm 7 (836), with the documented Giấy khen split", () => {
    const counts = new Map<string, number>();
    for (const a of cum7AwardItems()) {
      const key = `${a.code}/${a.recipient.kind}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({
      'huan-chuong-bao-ve-to-quoc-hang-ba/collective': 1,
      'huan-chuong-bao-ve-to-quoc-hang-ba/individual': 8,
      'chien-si-thi-dua-toan-quoc/individual': 1,
      'chien-si-thi-dua-toan-luc-luong-cand/individual': 6,
      'bang-khen-bo-truong-bca/collective': 67,
      'bang-khen-bo-truong-bca/individual': 187,
      'giay-khen/collective': 149,
      'giay-khen/individual': 417,
    });
  });

  it('spreads the awards over the six units of Cụm 7, names individuals uniquely, and issues them in 2023', () => {
    const items = cum7AwardItems();
    const units = new Set(CUM7_UNITS.map((u) => u.id));
    const perUnit = new Map<string, number>();
    for (const a of items) perUnit.set(a.recipient.unitId, (perUnit.get(a.recipient.unitId) ?? 0) + 1);
    expect([...perUnit.keys()].sort()).toEqual([...units].sort());
    expect(Math.max(...perUnit.values()) - Math.min(...perUnit.values())).toBeLessThanOrEqual(1);
    const names = items.flatMap((a) => (a.recipient.kind === 'individual' ? [a.recipient.fullName] : []));
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toBe('Cán bộ minh họa 001');

    const decisions = cum7AwardDecisions();
    expect(decisions.flatMap((d) => d.body.awards)).toHaveLength(836);
    for (const d of decisions) {
      expect(d.body.date >= '2023-01-01' && d.body.date < '2023-11-28').toBe(true);
      expect(d.body.number).toContain('(minh họa)');
      expect(d.body.awards.every((a) => a.year === 2023)).toBe(true);
      if (d.body.authority === 'thu-truong-don-vi')
        expect(new Set(d.body.awards.map((a) => a.recipient.unitId)).size).toBe(1);
    }
  });

  it('keeps every Vietnamese text of the demo in Unicode NFC, and unit ids unique', () => {
    const texts = strings([ALL_UNITS, CLUSTERS, DEMO_SCHEME, cum7AwardDecisions()]);
    expect(texts.filter((t) => t !== t.normalize('NFC'))).toEqual([]);
    expect(new Set(ALL_UNITS.map((u) => u.id)).size).toBe(ALL_UNITS.length);
  });

  it('generates the same points for the same unit, period and criterion, within the scale', () => {
    const a = demoPoints('s', 'cuc-ktnv', 'Q1', 'chuyen-mon', 50, 0.95);
    expect(demoPoints('s', 'cuc-ktnv', 'Q1', 'chuyen-mon', 50, 0.95)).toBe(a);
    for (const period of ['Q1', 'Q2', 'Q3', 'Q4', 'Y']) {
      const p = demoPoints('s', 'u', period, 'c', 20, 0.99);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(20);
      expect(p * 2).toBe(Math.round(p * 2));
    }
  });
});
