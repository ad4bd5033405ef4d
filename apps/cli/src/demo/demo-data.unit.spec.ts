import { cum7AwardDecisions, cum7AwardItems, cum7People, cum7TitleHistory } from './demo-awards.js';
import { DEMO_SCHEME, demoPoints } from './demo-scores.js';
import { MINH_HOA } from './demo-calendar.js';
import { haTinhPeople, haTinhQ2Decisions } from './demo-ha-tinh.js';
import { ALL_UNITS, BLOCS, CLUSTERS, CUM7_SUB_UNITS, CUM7_UNITS, HT_SUB_UNITS } from './demo-units.js';

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

  it('spreads the awards over the sub-collectives of Cụm 7, names individuals uniquely, and issues them in 2023', () => {
    const items = cum7AwardItems();
    const subUnits = new Map(CUM7_SUB_UNITS.map((u) => [u.id, u]));
    const perUnit = new Map<string, number>();
    for (const a of items) perUnit.set(a.recipient.unitId, (perUnit.get(a.recipient.unitId) ?? 0) + 1);
    // Every award lands on a sub-collective (25 under each of the six Cục), none on a Cục itself.
    expect([...perUnit.keys()].every((id) => subUnits.has(id))).toBe(true);
    expect(perUnit.size).toBe(CUM7_SUB_UNITS.length);
    expect(CUM7_SUB_UNITS).toHaveLength(6 * 25);
    expect(new Set(CUM7_SUB_UNITS.map((u) => u.parent))).toEqual(new Set(CUM7_UNITS.map((u) => u.id)));
    expect(CUM7_SUB_UNITS.every((u) => u.name.includes('(minh họa)'))).toBe(true);
    // Individuals are registered people (issue 12), one per individual award, named and numbered in order.
    const people = cum7People();
    expect(people).toHaveLength(619);
    expect(new Set(people.map((p) => p.personId)).size).toBe(619);
    expect(new Set(people.map((p) => p.fullName)).size).toBe(619);
    expect(people[0]).toMatchObject({ personId: 'cb-cum7-001', fullName: 'Cán bộ minh họa 001' });
    // Their titles' history (registrations, prior titles) is demo data, with numbers marked so.
    const history = cum7TitleHistory();
    expect(history.map((h) => [h.code, h.prior.length])).toEqual([
      ['chien-si-thi-dua-toan-quoc', 2],
      ...Array.from({ length: 6 }, () => ['chien-si-thi-dua-toan-luc-luong-cand', 3]),
    ]);
    expect(history.flatMap((h) => h.prior).every((t) => t.decisionRef.includes('(minh họa)'))).toBe(true);

    const decisions = cum7AwardDecisions();
    expect(decisions.flatMap((d) => d.body.awards)).toHaveLength(836);
    for (const d of decisions) {
      expect(d.body.date >= '2023-01-01' && d.body.date < '2023-11-28').toBe(true);
      expect(d.body.number).toContain('(minh họa)');
      expect(d.body.awards.every((a) => a.year === 2023)).toBe(true);
      // The head of a Cục gives the Giấy khen of its own sub-collectives and their people.
      const unitOf = (r: (typeof d.body.awards)[number]['recipient']) =>
        r.kind === 'collective' ? r.unitId : people.find((p) => p.personId === r.personId)!.unitId;
      if (d.body.authority === 'thu-truong-don-vi')
        expect(new Set(d.body.awards.map((a) => subUnits.get(unitOf(a.recipient))!.parent)).size).toBe(1);
    }
  });

  it("deals seed 004's counts of Hà Tĩnh's Quý II/2021 over the Đội of its three Phòng, dated in Q2", () => {
    const decisions = haTinhQ2Decisions();
    const count = (codes: string[], kind: string) =>
      decisions
        .flatMap((d) => d.body.awards)
        .filter((a) => codes.includes(a.code) && a.recipient.kind === kind).length;
    const bangKhen = ['bang-khen-bo-truong-bca', 'bang-khen-chu-tich-ubnd-tinh'];
    expect([count(bangKhen, 'collective'), count(bangKhen, 'individual')]).toEqual([2, 4]);
    expect([count(['bieu-duong'], 'collective'), count(['bieu-duong'], 'individual')]).toEqual([10 + 31, 47]);
    const subUnits = new Set(HT_SUB_UNITS.map((u) => u.id));
    for (const d of decisions) {
      expect(d.body.date >= '2021-04-01' && d.body.date <= '2021-06-30').toBe(true);
      expect(d.body.number).toContain('(minh họa)');
      for (const a of d.body.awards) {
        const r = a.recipient;
        const unitId =
          r.kind === 'collective' ? r.unitId : haTinhPeople().find((p) => p.personId === r.personId)!.unitId;
        expect(subUnits.has(unitId)).toBe(true);
        expect(a.citation).toContain(MINH_HOA);
      }
    }
    expect(haTinhPeople()).toHaveLength(4 + 47);
  });

  it('keeps every Vietnamese text of the demo in Unicode NFC, and unit ids unique', () => {
    const texts = strings([
      ALL_UNITS,
      BLOCS,
      CLUSTERS,
      DEMO_SCHEME,
      cum7AwardDecisions(),
      haTinhQ2Decisions(),
    ]);
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
