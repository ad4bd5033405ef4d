import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { chair, context, ey, officerOf, q1Open, UNIT_IDS } from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';
import {
  activeEntryId,
  entryKey,
  evolveEmulationYear,
  getEntry,
  initialEmulationYearState,
} from './emulation-year.state.js';

/** 20,000 events of one cluster-year: 4 periods × 5 units × 5 criteria × 2 assessments, each corrected … */
function bigYear(): EmulationYearEvent[] {
  const events: EmulationYearEvent[] = [...q1Open()];
  for (const period of ['Q2', 'Q3', 'Q4'] as const) events.push({ type: 'PeriodOpened', data: { period } });
  let n = 0;
  while (events.length < 20_000) {
    const unitId = UNIT_IDS[n % 5]!;
    const period = (['Q1', 'Q2', 'Q3', 'Q4'] as const)[Math.floor(n / 5) % 4]!;
    const entryId = `e-${n}`;
    events.push({
      type: 'ScoreRecorded',
      data: {
        entryId,
        unitId,
        period,
        criterion: 'chuyen-mon',
        assessment: 'self',
        points: 10,
        schemeVersion: 1,
      },
    });
    events.push({
      type: 'ScoreWithdrawn',
      data: { entryId, unitId, period, criterion: 'chuyen-mon', assessment: 'self', reason: 'r' },
    });
    n++;
  }
  return events;
}

describe('cluster-year state', () => {
  it('evolve never mutates the state it is given (cached states stay valid)', () => {
    let state = initialEmulationYearState;
    for (const event of [...q1Open(), ...bigYear().slice(20, 200)]) {
      const before = JSON.stringify(state);
      const next = evolveEmulationYear(state, event);
      expect(JSON.stringify(state)).toBe(before);
      state = next;
    }
  });

  it('folds 20,000 events into a small, serializable state that decides like the original', () => {
    const events = bigYear();
    const state = events.reduce(evolveEmulationYear, initialEmulationYearState);
    expect(state.entryCount).toBe((events.length - q1Open().length - 3) / 2);
    expect(getEntry(state, 'e-0')).toMatchObject({ withdrawn: true, points: 10 });
    expect(activeEntryId(state, entryKey(UNIT_IDS[0]!, 'Q1', 'chuyen-mon', 'self'))).toBeUndefined();
    const copy = JSON.parse(JSON.stringify(state));
    expect(copy).toEqual(state);
    const record = ey('RecordScore', officerOf(UNIT_IDS[1]!), {
      entryId: 'e-new',
      unitId: UNIT_IDS[1]!,
      period: 'Q2',
      criterion: 'chuyen-mon',
      points: 33,
      assessment: 'self',
    });
    expect(emulationYearDecider.decide(record, copy, context)).toEqual(
      emulationYearDecider.decide(record, state, context),
    );
    expect(() =>
      emulationYearDecider.decide({ ...record, data: { ...record.data, entryId: 'e-5' } }, copy, context),
    ).toThrow(expect.objectContaining({ code: 'ENTRY_ID_TAKEN' }));
    expect(() => emulationYearDecider.decide({ ...record, actor: chair }, copy, context)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });
});
