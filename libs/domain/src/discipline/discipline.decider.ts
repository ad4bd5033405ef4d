import { isAdmin } from '../actor.js';
import { requireActDate, requireNotBefore } from '../business-date.js';
import type { Decider } from '../decider.js';
import { conflict, forbidden, notFound, rule } from '../errors.js';
import type { DisciplineEvent, DisciplineSubject } from '../events/discipline.events.js';
import { requireDate, requireId, requireReason, requireText } from '../validation.js';
import type { DisciplineCommand, DisciplineContext } from './discipline.commands.js';
import { evolveDiscipline, initialDisciplineState, type DisciplineState } from './discipline.state.js';

export function requireSubject(raw: unknown): DisciplineSubject {
  const s = raw as Partial<{ kind: string; unitId: unknown; personId: unknown }> | undefined;
  // The subject is named by the path (/discipline/{subjectKind}/{subjectId}): errors name those fields.
  if (s?.kind === 'unit') return { kind: 'unit', unitId: requireId(s.unitId, 'subjectId') };
  if (s?.kind === 'person') return { kind: 'person', personId: requireId(s.personId, 'subjectId') };
  throw rule('INVALID_SUBJECT', 'subjectKind must be unit or person', 'subjectKind');
}

/**
 * Discipline facts of a unit or a person (stream `discipline-{unit|person}-{id}`): a case is opened
 * (pending), decided with the period it runs, or cleared. Recorded by an administrator or an organizer
 * (the emulation office that keeps them); they bar titles and awards while pending or running.
 */
export function decideDiscipline(
  command: DisciplineCommand,
  state: DisciplineState,
  context: DisciplineContext = {},
): DisciplineEvent[] {
  const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
  if (!isAdmin(command.actor) && command.actor.role !== 'organizer')
    throw forbidden('only an administrator or an organizer records discipline');
  const subject = requireSubject(command.data.subject);
  if (subject.kind === 'unit' && (context.unitStatus === undefined || context.unitStatus === 'none'))
    throw notFound('UNIT_NOT_FOUND', `unit ${subject.unitId} is not registered`, 'subjectId');
  const caseId = requireId(command.data.caseId, 'caseId');
  const existing = state.cases[caseId];
  if (command.type === 'OpenDisciplineCase') {
    if (existing) throw conflict('CASE_ID_TAKEN', `case ${caseId} exists`, 'caseId');
    return [
      {
        type: 'DisciplineCaseOpened',
        data: { caseId, subject, note: requireText(command.data.note, 'note', 2000), effectiveDate },
      },
    ];
  }
  if (!existing) throw notFound('CASE_NOT_FOUND', `case ${caseId} does not exist`, 'caseId');
  if (existing.clearedOn !== undefined)
    throw conflict('CASE_CLEARED', `case ${caseId} was cleared on ${existing.clearedOn}`, 'caseId');
  requireNotBefore(effectiveDate, existing.decidedOn ?? existing.openedOn, `case ${caseId}'s last act`);
  if (command.type === 'DecideDiscipline') {
    if (existing.decidedOn !== undefined)
      throw conflict('CASE_ALREADY_DECIDED', `case ${caseId} was decided on ${existing.decidedOn}`, 'caseId');
    const runsUntil = requireDate(command.data.runsUntil, 'runsUntil');
    if (runsUntil < effectiveDate)
      throw rule('RUNS_UNTIL_BEFORE_DECISION', `runsUntil ${runsUntil} is before the decision`, 'runsUntil');
    return [
      {
        type: 'DisciplineDecided',
        data: {
          caseId,
          form: requireText(command.data.form, 'form', 200),
          decisionRef: requireText(command.data.decisionRef, 'decisionRef', 100),
          runsUntil,
          effectiveDate,
        },
      },
    ];
  }
  return [
    {
      type: 'DisciplineCleared',
      data: { caseId, reason: requireReason(command.data.reason), effectiveDate },
    },
  ];
}

export const disciplineDecider: Decider<
  DisciplineCommand,
  DisciplineState,
  DisciplineEvent,
  DisciplineContext
> = {
  initialState: initialDisciplineState,
  evolve: evolveDiscipline,
  decide: (command, state, context) => decideDiscipline(command, state, context),
};
