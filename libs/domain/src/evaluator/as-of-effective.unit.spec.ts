import { ey, officerOf, organizer, UNITS } from '../testing/fixtures.js';
import { startedLedger } from '../testing/ledger.js';
import { evaluateRanking, explainRanking } from './evaluate.js';

const xnc = UNITS.xnc.id;
/** Everything below is recorded in 2026: a historical import of Q1/2021. */
const LATER = (minute: number) => `2026-03-02T03:${String(minute).padStart(2, '0')}:00.000Z`;

function importedQ1() {
  const l = startedLedger(); // admitted, scheme published, Q1 opened on 4/1/2021
  const record = (
    entryId: string,
    criterion: string,
    points: number,
    effectiveDate: string,
    minute: number,
  ) =>
    l.run(
      ey(
        'RecordScore',
        officerOf(xnc),
        { entryId, unitId: xnc, period: 'Q1', criterion, points, assessment: 'self', effectiveDate },
        LATER(minute),
      ),
    );
  record('e-xd', 'xd-dang', 25, '2021-03-20', 1);
  record('e-cm', 'chuyen-mon', 40, '2021-04-02', 2);
  l.run(
    ey(
      'CorrectScore',
      officerOf(xnc),
      { entryId: 'e-xd', points: 27, reason: 'Đối chiếu số liệu', effectiveDate: '2021-04-05' },
      LATER(3),
    ),
  );
  l.run(
    ey(
      'ClosePeriod',
      organizer,
      { period: 'Q1', rankingDigest: 'b'.repeat(64), effectiveDate: '2021-04-10' },
      LATER(4),
    ),
  );
  return l;
}

describe('evaluator: as of a business date (asOfEffective)', () => {
  it('answers what had been scored by that day, however late it was recorded', () => {
    const l = importedQ1();
    const row = (date: string) =>
      evaluateRanking(l.events, 'Q1', { upToEffectiveDate: date }).rows.find((r) => r.unitId === xnc)!;
    expect(row('2021-03-31')).toMatchObject({ total: 25, missingCriteria: ['chuyen-mon', 'phong-trao'] });
    expect(row('2021-04-02').total).toBe(65);
    expect(row('2021-04-05').total).toBe(67);
    expect(evaluateRanking(l.events, 'Q1', { upToEffectiveDate: '2021-04-09' }).status).toBe('open');
    expect(evaluateRanking(l.events, 'Q1', { upToEffectiveDate: '2021-04-10' }).status).toBe('closed');
    // As of the recording time, none of the imported scores existed on 1/3/2026.
    const recorded = evaluateRanking(l.events, 'Q1', { upToTime: '2026-03-01T00:00:00Z' });
    expect(recorded.rows.find((r) => r.unitId === xnc)!.total).toBe(0);
  });

  it('explain shows both dates of every link: recorded at (2026) and effective (2021)', () => {
    const l = importedQ1();
    const xd = explainRanking(l.events, 'Q1')
      .rows.find((r) => r.unitId === xnc)!
      .explain.find((c) => c.code === 'xd-dang')!;
    expect(xd.entries[0]!.chain.map((c) => [c.kind, c.at, c.effectiveDate])).toEqual([
      ['recorded', LATER(1), '2021-03-20'],
      ['corrected', LATER(3), '2021-04-05'],
    ]);
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    const l = importedQ1();
    expect(() => evaluateRanking(l.events, 'Q1', { upToEffectiveDate: '2021-02-30' })).toThrow(
      expect.objectContaining({ code: 'INVALID_DATE', field: 'upToEffectiveDate' }),
    );
  });
});
