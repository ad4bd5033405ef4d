import type { Command } from '../actor.js';
import type { DisciplineSubject } from '../events/discipline.events.js';
import { disciplineStream } from '../streams.js';
import type { UnitStatus } from '../unit/unit.commands.js';

interface Subject {
  subject: DisciplineSubject;
  caseId: string;
  effectiveDate?: string;
}

export type OpenDisciplineCase = Command<'OpenDisciplineCase', Subject & { note: string }>;
export type DecideDiscipline = Command<
  'DecideDiscipline',
  Subject & { form: string; decisionRef: string; runsUntil: string }
>;
export type ClearDiscipline = Command<'ClearDiscipline', Subject & { reason: string }>;

export type DisciplineCommand = OpenDisciplineCase | DecideDiscipline | ClearDiscipline;

/** For a unit subject, its status from its unit stream. */
export interface DisciplineContext {
  unitStatus?: UnitStatus;
}

export const disciplineStreamOf = (command: DisciplineCommand): string =>
  disciplineStream(command.data.subject);
