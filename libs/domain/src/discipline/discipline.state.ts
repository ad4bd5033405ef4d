import type { DisciplineEvent } from '../events/discipline.events.js';

export interface DisciplineCase {
  openedOn: string;
  decidedOn?: string;
  runsUntil?: string;
  form?: string;
  decisionRef?: string;
  clearedOn?: string;
}

/** The cases of one subject (unit or person), by case id. */
export interface DisciplineState {
  cases: Readonly<Record<string, DisciplineCase>>;
}

export const initialDisciplineState: DisciplineState = { cases: {} };

export function evolveDiscipline(state: DisciplineState, event: DisciplineEvent): DisciplineState {
  const d = event.data;
  const existing = state.cases[d.caseId];
  switch (event.type) {
    case 'DisciplineCaseOpened':
      return { cases: { ...state.cases, [d.caseId]: { openedOn: d.effectiveDate ?? '' } } };
    case 'DisciplineDecided': {
      if (!existing) return state;
      const { form, decisionRef, runsUntil } = event.data;
      const decided = {
        ...existing,
        form,
        decisionRef,
        runsUntil,
        decidedOn: d.effectiveDate ?? existing.openedOn,
      };
      return { cases: { ...state.cases, [d.caseId]: decided } };
    }
    case 'DisciplineCleared':
      if (!existing) return state;
      return {
        cases: {
          ...state.cases,
          [d.caseId]: { ...existing, clearedOn: d.effectiveDate ?? existing.openedOn },
        },
      };
    default:
      return state;
  }
}

/** A case that bars titles and awards on a date (TT 12/2019/TT-BCA art. 2: "chưa xét tặng"). */
export interface DisciplineBar {
  caseId: string;
  /** pending: awaiting the disciplinary decision; running: the discipline has not expired. */
  status: 'pending' | 'running';
}

/**
 * The cases that bar the subject on `date`: opened by then, not cleared by then, and either undecided
 * (pending) or decided with the discipline still running (to `runsUntil` inclusive).
 */
export function disciplineBarsOn(state: DisciplineState, date: string): DisciplineBar[] {
  const bars: DisciplineBar[] = [];
  for (const caseId of Object.keys(state.cases).sort()) {
    const c = state.cases[caseId]!;
    if (c.openedOn > date || (c.clearedOn !== undefined && c.clearedOn <= date)) continue;
    if (c.decidedOn === undefined || c.decidedOn > date) bars.push({ caseId, status: 'pending' });
    else if (date <= c.runsUntil!) bars.push({ caseId, status: 'running' });
  }
  return bars;
}
