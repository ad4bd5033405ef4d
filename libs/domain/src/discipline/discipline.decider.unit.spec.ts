import { awardDecisionDecider } from '../award-decision/award-decision.decider.js';
import type { AwardDecisionCommand } from '../award-decision/award-decision.commands.js';
import type { DisciplineEvent, DisciplineSubject } from '../events/discipline.events.js';
import { spec } from '../testing/given-when-then.js';
import { registeredPerson } from '../testing/people.js';
import { admin, officerOf, organizer } from '../testing/fixtures.js';
import type { DisciplineCommand } from './discipline.commands.js';
import { disciplineDecider } from './discipline.decider.js';
import {
  disciplineBarsOn,
  evolveDiscipline,
  initialDisciplineState,
  type DisciplineState,
} from './discipline.state.js';

const AT = '2024-03-01T02:00:00.000Z';
const unit = { kind: 'unit', unitId: 'ht-phong-tham-muu' } as DisciplineSubject;
const person = { kind: 'person', personId: 'cb-0427' } as DisciplineSubject;
const cases = spec(disciplineDecider, { unitStatus: 'active' });
const cmd = <T extends DisciplineCommand['type']>(type: T, data: object, subject = unit, actor = organizer) =>
  ({ type, actor, at: AT, data: { subject, caseId: 'vv-1', ...data } }) as DisciplineCommand;
const opened: DisciplineEvent = {
  type: 'DisciplineCaseOpened',
  data: {
    caseId: 'vv-1',
    subject: unit,
    note: 'Đơn vị để xảy ra vi phạm quy trình',
    effectiveDate: '2023-03-01',
  },
};
const decided: DisciplineEvent = {
  type: 'DisciplineDecided',
  data: {
    caseId: 'vv-1',
    form: 'Khiển trách',
    decisionRef: '15/QĐ-CAT',
    runsUntil: '2023-09-30',
    effectiveDate: '2023-04-01',
  },
};
const fold = (events: DisciplineEvent[]): DisciplineState =>
  events.reduce(evolveDiscipline, initialDisciplineState);

describe('discipline facts of units and people (pending, running, cleared)', () => {
  it('an organizer or an administrator opens a case; nobody else', () => {
    cases
      .given([])
      .when(
        cmd('OpenDisciplineCase', {
          note: 'Đơn vị để xảy ra vi phạm quy trình',
          effectiveDate: '2023-03-01',
        }),
      )
      .then([opened]);
    cases
      .given([])
      .when(cmd('OpenDisciplineCase', { note: 'n' }, person, admin))
      .then([expect.objectContaining({ type: 'DisciplineCaseOpened' })]);
    cases
      .given([])
      .when(cmd('OpenDisciplineCase', { note: 'n' }, unit, officerOf('ht-phong-tham-muu')))
      .thenThrows('FORBIDDEN', 'forbidden');
    cases
      .given([])
      .when(cmd('OpenDisciplineCase', { note: 'n' }), { unitStatus: 'none' })
      .thenThrows('UNIT_NOT_FOUND', 'not-found', 'subjectId');
    cases
      .given([opened])
      .when(cmd('OpenDisciplineCase', { note: 'n' }))
      .thenThrows('CASE_ID_TAKEN', 'conflict', 'caseId');
  });

  it('decides it with the period it runs, not before it was opened; clears it', () => {
    cases
      .given([opened])
      .when(
        cmd('DecideDiscipline', {
          form: 'Khiển trách',
          decisionRef: '15/QĐ-CAT',
          runsUntil: '2023-09-30',
          effectiveDate: '2023-04-01',
        }),
      )
      .then([decided]);
    cases
      .given([opened])
      .when(
        cmd('DecideDiscipline', {
          form: 'Khiển trách',
          decisionRef: '15/QĐ-CAT',
          runsUntil: '2023-03-31',
          effectiveDate: '2023-04-01',
        }),
      )
      .thenThrows('RUNS_UNTIL_BEFORE_DECISION', 'unprocessable', 'runsUntil');
    cases
      .given([opened])
      .when(
        cmd('DecideDiscipline', {
          form: 'Khiển trách',
          decisionRef: '15',
          runsUntil: '2023-09-30',
          effectiveDate: '2023-02-28',
        }),
      )
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'effectiveDate');
    cases
      .given([opened, decided])
      .when(cmd('DecideDiscipline', { form: 'Cảnh cáo', decisionRef: '16', runsUntil: '2024-01-01' }))
      .thenThrows('CASE_ALREADY_DECIDED', 'conflict', 'caseId');
    cases
      .given([])
      .when(cmd('ClearDiscipline', { reason: 'Hủy' }))
      .thenThrows('CASE_NOT_FOUND', 'not-found', 'caseId');
    const cleared = cases
      .given([opened])
      .when(cmd('ClearDiscipline', { reason: 'Không đủ căn cứ xử lý', effectiveDate: '2023-05-10' }))
      .then([
        {
          type: 'DisciplineCleared',
          data: { caseId: 'vv-1', reason: 'Không đủ căn cứ xử lý', effectiveDate: '2023-05-10' },
        },
      ]);
    cases
      .given([opened, ...cleared])
      .when(cmd('ClearDiscipline', { reason: 'Lần nữa' }))
      .thenThrows('CASE_CLEARED', 'conflict', 'caseId');
  });

  it('bars from the day a case opens, through the last day the discipline runs; not the day after, not once cleared', () => {
    const running = fold([opened, decided]);
    expect(disciplineBarsOn(running, '2023-02-28')).toEqual([]);
    expect(disciplineBarsOn(running, '2023-03-01')).toEqual([{ caseId: 'vv-1', status: 'pending' }]);
    expect(disciplineBarsOn(running, '2023-04-01')).toEqual([{ caseId: 'vv-1', status: 'running' }]);
    expect(disciplineBarsOn(running, '2023-09-30')).toEqual([{ caseId: 'vv-1', status: 'running' }]);
    expect(disciplineBarsOn(running, '2023-10-01')).toEqual([]);
    const cleared = fold([
      opened,
      { type: 'DisciplineCleared', data: { caseId: 'vv-1', reason: 'r', effectiveDate: '2023-05-10' } },
    ]);
    expect(disciplineBarsOn(cleared, '2023-05-09')).toEqual([{ caseId: 'vv-1', status: 'pending' }]);
    expect(disciplineBarsOn(cleared, '2023-05-10')).toEqual([]);
  });
});

describe('no title or award while discipline is pending or running (TT 12/2019/TT-BCA art. 2)', () => {
  const decisions = spec(awardDecisionDecider);
  const issue = (date: string, recipient: object): AwardDecisionCommand => ({
    type: 'IssueAwardDecision',
    actor: organizer,
    at: AT,
    data: {
      decisionId: 'qd-1',
      number: '1/QĐ-CAT',
      date,
      authority: 'giam-doc-ca-tinh',
      awards: [
        {
          awardId: 'qd-1-1',
          code: 'giay-khen',
          recipient,
          year: 2023,
          citation: 'Thành tích năm 2023',
          adHoc: { reason: 'Khen thưởng đột xuất (kiểm thử)' },
        } as never,
      ],
    },
  });
  const collective = { kind: 'collective', unitId: 'ht-phong-tham-muu' };
  const individual = {
    kind: 'individual',
    unitId: 'ht-phong-tham-muu',
    personId: 'cb-0427',
  };
  // Folded per test (not at describe level) so the mutation run attributes coverage to each test.
  type Facts = {
    people: Array<ReturnType<typeof registeredPerson>>;
    discipline: Array<{ subject: DisciplineSubject; state: DisciplineState }>;
    heldBy: Array<{ unitId: string; year: number; organizerUnitId: string }>;
  };
  let context: Facts;
  beforeEach(() => {
    const personCase = fold([{ ...opened, data: { ...opened.data, subject: person } }, decided]);
    context = {
      people: [
        registeredPerson('cb-0427', 'ht-phong-tham-muu'),
        registeredPerson('cb-9999', 'ht-phong-tham-muu'),
      ],
      heldBy: [{ unitId: 'ht-phong-tham-muu', year: 2023, organizerUnitId: organizer.unitId! }],
      discipline: [
        { subject: unit, state: fold([opened, decided]) },
        { subject: person, state: personCase },
      ],
    };
  });

  it('refuses the award to a unit under discipline on the decision date, and accepts it the day after it ends', () => {
    decisions
      .given([])
      .when(issue('2023-09-30', collective), context)
      .thenThrows('RECIPIENT_UNDER_DISCIPLINE', 'unprocessable', 'awards[0].recipient');
    decisions
      .given([])
      .when(issue('2023-03-01', collective), context)
      .thenThrows('RECIPIENT_UNDER_DISCIPLINE', 'unprocessable', 'awards[0].recipient');
    decisions
      .given([])
      .when(issue('2023-10-01', collective), context)
      .then([expect.objectContaining({ type: 'AwardDecisionIssued' })]);
    decisions
      .given([])
      .when(issue('2023-02-28', collective), context)
      .then([expect.objectContaining({ type: 'AwardDecisionIssued' })]);
  });

  it('refuses it to a person under discipline, known by person id', () => {
    decisions
      .given([])
      .when(issue('2023-06-01', individual), context)
      .thenThrows('RECIPIENT_UNDER_DISCIPLINE', 'unprocessable', 'awards[0].recipient');
    decisions
      .given([])
      .when(issue('2023-06-01', { ...individual, personId: 'cb-9999' }), context)
      .then([expect.objectContaining({ type: 'AwardDecisionIssued' })]);
  });

  it('matches a unit only to unit facts and a person only to person facts, even when ids coincide', () => {
    const onUnitId = (subject: DisciplineSubject) => ({
      discipline: [{ ...context.discipline[0]!, subject }],
      heldBy: context.heldBy,
    });
    // A person whose id is the unit's id is not barred by the unit's case, nor the unit by a person's.
    decisions
      .given([])
      .when(issue('2023-06-01', { ...individual, personId: 'ht-phong-tham-muu' }), {
        ...context,
        people: [...context.people, registeredPerson('ht-phong-tham-muu', 'ht-phong-tham-muu')],
      })
      .then([expect.objectContaining({ type: 'AwardDecisionIssued' })]);
    decisions
      .given([])
      .when(issue('2023-06-01', collective), onUnitId({ kind: 'person', personId: 'ht-phong-tham-muu' }))
      .then([expect.objectContaining({ type: 'AwardDecisionIssued' })]);
    // Another unit's case does not bar this one.
    decisions
      .given([])
      .when(issue('2023-06-01', collective), onUnitId({ kind: 'unit', unitId: 'ht-phong-khac' }))
      .then([expect.objectContaining({ type: 'AwardDecisionIssued' })]);
  });

  it('knows every person: an individual award without a person id is refused (issue 12)', () => {
    const { personId: _none, ...unnamed } = individual;
    decisions
      .given([])
      .when(issue('2023-06-01', unnamed), context)
      .thenThrows('INVALID_ID', 'unprocessable', 'awards[0].recipient.personId');
  });
});
