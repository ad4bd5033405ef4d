import { INTERN_LIMIT, intern, internedCount } from './intern.js';

describe('intern', () => {
  it('gives back an equal string, and keeps one per distinct value', () => {
    const before = internedCount();
    const parsed = Array.from(
      { length: 50 },
      () => (JSON.parse('{"u":"intern-test-unit-id"}') as { u: string }).u,
    );
    const interned = parsed.map(intern);
    expect(new Set(interned)).toEqual(new Set(['intern-test-unit-id']));
    expect(internedCount()).toBe(before + 1);
    expect(intern('intern-test-other')).toBe('intern-test-other');
    expect(internedCount()).toBe(before + 2);
  });

  it('is bounded: full, it starts again empty', () => {
    for (let i = 0; i < INTERN_LIMIT + 10; i++) intern(`intern-bound-${i}`);
    expect(internedCount()).toBeLessThanOrEqual(INTERN_LIMIT);
    expect(internedCount()).toBeGreaterThan(0);
    expect(intern('intern-bound-1')).toBe('intern-bound-1');
  });
});
