import type { Dated, TypedEvent } from './event.js';

/**
 * Who a discipline case is about: a unit, or a person by a person id. People are registered by a later
 * person registry (`PersonRegistered`, issue 12); until then a person is named by the id alone, the same
 * id that registry will use, so these cases need no change when it comes.
 */
export type DisciplineSubject = { kind: 'unit'; unitId: string } | { kind: 'person'; personId: string };

/** Stream `discipline-{unit|person}-{id}`: a discipline case is opened (pending from its date). */
export interface DisciplineCaseOpenedData extends Dated {
  caseId: string;
  subject: DisciplineSubject;
  /** What the case is about. */
  note: string;
}

/** The disciplinary decision: the discipline runs from its date to `runsUntil` (inclusive). */
export interface DisciplineDecidedData extends Dated {
  caseId: string;
  /** The form of discipline as decided, e.g. "Khiển trách", "Cảnh cáo". */
  form: string;
  /** Number of the disciplinary decision. */
  decisionRef: string;
  runsUntil: string;
}

/** The case ends without (further) discipline: closed without one, or the discipline annulled. */
export interface DisciplineClearedData extends Dated {
  caseId: string;
  reason: string;
}

export type DisciplineEvent =
  | TypedEvent<'DisciplineCaseOpened', DisciplineCaseOpenedData>
  | TypedEvent<'DisciplineDecided', DisciplineDecidedData>
  | TypedEvent<'DisciplineCleared', DisciplineClearedData>;

export const DISCIPLINE_EVENT_TYPES = [
  'DisciplineCaseOpened',
  'DisciplineDecided',
  'DisciplineCleared',
] as const;
