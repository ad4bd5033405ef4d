import type { PersonEvent, PrerequisiteBasis } from '../events/person.events.js';

/** A title the person holds: awarded in the ledger (claimed, not released) or recorded from before it. */
export interface HeldTitle {
  code: string;
  year: number;
  /** null for a prior title (recorded from before the ledger). */
  awardId: string | null;
  achievementRef?: string;
  basis: PrerequisiteBasis[];
}

export interface PersonState {
  status: 'none' | 'active' | 'erased';
  unitId?: string;
  registeredOn?: string;
  /** Đăng ký danh hiệu: `{year}:{code}` → the organizer it was registered with. */
  registrations: Readonly<Record<string, { organizerUnitId: string; on: string }>>;
  titles: ReadonlyArray<HeldTitle>;
}

export const initialPersonState: PersonState = { status: 'none', registrations: {}, titles: [] };

export const registrationKey = (year: number, code: string): string => `${year}:${code}`;

export function evolvePerson(state: PersonState, event: PersonEvent): PersonState {
  switch (event.type) {
    case 'PersonRegistered':
      return {
        ...state,
        status: 'active',
        unitId: event.data.unitId,
        ...(event.data.effectiveDate !== undefined && { registeredOn: event.data.effectiveDate }),
      };
    case 'PersonTransferred':
      return { ...state, unitId: event.data.toUnitId };
    case 'PersonErased':
      return { ...state, status: 'erased' };
    case 'TitleRegistered':
      return {
        ...state,
        registrations: {
          ...state.registrations,
          [registrationKey(event.data.year, event.data.code)]: {
            organizerUnitId: event.data.organizerUnitId,
            on: event.data.effectiveDate ?? '',
          },
        },
      };
    case 'PriorTitleRecorded':
      return {
        ...state,
        titles: [...state.titles, { code: event.data.code, year: event.data.year, awardId: null, basis: [] }],
      };
    case 'TitleClaimed': {
      const d = event.data;
      const title: HeldTitle = {
        code: d.code,
        year: d.year,
        awardId: d.awardId,
        ...(d.achievementRef !== undefined && { achievementRef: d.achievementRef }),
        basis: d.basis,
      };
      return { ...state, titles: [...state.titles, title] };
    }
    case 'TitleClaimReleased':
      return { ...state, titles: state.titles.filter((t) => t.awardId !== event.data.awardId) };
    default:
      return state;
  }
}
