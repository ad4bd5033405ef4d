import type { DisciplineEvent } from '../events/discipline.events.js';
import { spec } from '../testing/given-when-then.js';
import { organizer } from '../testing/fixtures.js';
import type { DisciplineCommand } from './discipline.commands.js';
import { disciplineDecider } from './discipline.decider.js';
import { disciplineBarsOn } from './discipline.state.js';

// Every refusal of the discipline decider (discipline.decider.ts) with its exact code and field, and the
// time limit of a decision (it runs until a date not before it) probed on both sides.
const AT = '2024-03-01T02:00:00.000Z';
const UNIT = { kind: 'unit', unitId: 'ht-phong-tham-muu' };
const cases = spec(disciplineDecider, { unitStatus: 'active' });
const cmd = (type: DisciplineCommand['type'], data: object, subject: unknown = UNIT) =>
  ({ type, actor: organizer, at: AT, data: { subject, caseId: 'vv-1', ...data } }) as DisciplineCommand;
const open = (subject: unknown = UNIT, over: object = {}) =>
  cmd('OpenDisciplineCase', { note: 'Vi phạm quy trình', effectiveDate: '2023-03-01', ...over }, subject);
const decide = (over: object = {}) =>
  cmd('DecideDiscipline', {
    form: 'Khiển trách',
    decisionRef: '15/QĐ-CAT',
    runsUntil: '2023-09-30',
    effectiveDate: '2023-04-01',
    ...over,
  });
const opened = (): DisciplineEvent[] => [
  {
    type: 'DisciplineCaseOpened',
    data: { caseId: 'vv-1', subject: UNIT as never, note: 'n', effectiveDate: '2023-03-01' },
  },
];

describe('the subject of a discipline case', () => {
  it('a person, named by a person id, whatever the unit status the context carries', () => {
    cases
      .given([])
      .when(open({ kind: 'person', personId: 'cb-0427' }), {})
      .then([
        {
          type: 'DisciplineCaseOpened',
          data: {
            caseId: 'vv-1',
            subject: { kind: 'person', personId: 'cb-0427' },
            note: 'Vi phạm quy trình',
            effectiveDate: '2023-03-01',
          },
        },
      ]);
  });

  it('refuses a subject of no kind or another kind, and ids that are not ids (named as the path names them)', () => {
    for (const subject of [null, { kind: 'group', personId: 'cb-0427' }])
      cases.given([]).when(open(subject)).thenThrows('INVALID_SUBJECT', 'unprocessable', 'subjectKind');
    cases
      .given([])
      .when(open({ kind: 'unit', unitId: 'Phòng Tham mưu' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'subjectId');
    cases
      .given([])
      .when(open({ kind: 'person', personId: 'Nguyễn Văn A' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'subjectId');
  });

  it('refuses a unit that is not registered (no status known, or none)', () => {
    cases.given([]).when(open(), {}).thenThrows('UNIT_NOT_FOUND', 'not-found', 'subjectId');
    cases
      .given([])
      .when(open(), { unitStatus: 'none' })
      .thenThrows('UNIT_NOT_FOUND', 'not-found', 'subjectId');
  });
});

describe('opening and deciding a case', () => {
  it('refuses a case id that is not an id, and an empty note', () => {
    cases
      .given([])
      .when(open(UNIT, { caseId: 'VV 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'caseId');
    cases
      .given([])
      .when(open(UNIT, { note: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'note');
  });

  it('a decision may run until the day it is taken, not end before it', () => {
    cases
      .given(opened())
      .when(decide({ runsUntil: '2023-04-01' }))
      .then([expect.objectContaining({ data: expect.objectContaining({ runsUntil: '2023-04-01' }) })]);
    cases
      .given(opened())
      .when(decide({ runsUntil: '2023-03-31' }))
      .thenThrows('RUNS_UNTIL_BEFORE_DECISION', 'unprocessable', 'runsUntil');
  });

  it('refuses a decision without a valid end date, form or number', () => {
    cases
      .given(opened())
      .when(decide({ runsUntil: '30/9/2023' }))
      .thenThrows('INVALID_DATE', 'unprocessable', 'runsUntil');
    cases
      .given(opened())
      .when(decide({ form: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'form');
    cases
      .given(opened())
      .when(decide({ decisionRef: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'decisionRef');
  });
});

describe('what the discipline fold keeps', () => {
  it('a case opened without a date is dated by nothing; a decision or clearing of a case it does not know changes nothing', () => {
    const undated: DisciplineEvent = {
      type: 'DisciplineCaseOpened',
      data: { caseId: 'vv-1', subject: UNIT as never, note: 'n' },
    };
    expect(cases.given([undated]).state).toStrictEqual({ cases: { 'vv-1': { openedOn: '' } } });
    const unknown: DisciplineEvent[] = [
      {
        type: 'DisciplineDecided',
        data: { caseId: 'vv-9', form: 'f', decisionRef: 'd', runsUntil: '2023-09-30' },
      },
      { type: 'DisciplineCleared', data: { caseId: 'vv-9', reason: 'r' } },
    ];
    for (const event of unknown)
      expect(cases.given([...opened(), event]).state).toStrictEqual(cases.given(opened()).state);
  });

  it('bars in case order, whatever order the cases were opened in', () => {
    const open = (caseId: string): DisciplineEvent => ({
      type: 'DisciplineCaseOpened',
      data: { caseId, subject: UNIT as never, note: 'n', effectiveDate: '2023-03-01' },
    });
    const state = cases.given([open('vv-2'), open('vv-1')]).state;
    expect(disciplineBarsOn(state, '2023-06-01')).toStrictEqual([
      { caseId: 'vv-1', status: 'pending' },
      { caseId: 'vv-2', status: 'pending' },
    ]);
  });
});
