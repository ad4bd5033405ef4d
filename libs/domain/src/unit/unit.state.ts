import type { UnitEvent } from '../events/unit.events.js';
import type { UnitStatus } from './unit.commands.js';

export interface UnitState {
  status: UnitStatus;
  unitId?: string;
  name?: string;
  kind?: string;
  parentUnitId?: string;
  mergedInto?: string;
  /** Business date of the registration (renaming, merging, dissolving come after it). */
  registeredOn?: string;
}

export const initialUnitState: UnitState = { status: 'none' };

export function evolveUnit(state: UnitState, event: UnitEvent): UnitState {
  switch (event.type) {
    case 'UnitRegistered':
      return {
        status: 'active',
        unitId: event.data.unitId,
        name: event.data.name,
        kind: event.data.kind,
        ...(event.data.parentUnitId !== undefined && { parentUnitId: event.data.parentUnitId }),
        ...(event.data.effectiveDate !== undefined && { registeredOn: event.data.effectiveDate }),
      };
    case 'UnitRenamed':
      return { ...state, name: event.data.name };
    case 'UnitMerged':
      return { ...state, status: 'merged', mergedInto: event.data.intoUnitId };
    case 'UnitDissolved':
      return { ...state, status: 'dissolved' };
    default:
      return state;
  }
}
