import type { Dated, TypedEvent } from './event.js';

export interface UnitRegisteredData extends Dated {
  unitId: string;
  name: string;
  kind: string;
  parentUnitId?: string;
}
export interface UnitRenamedData extends Dated {
  unitId: string;
  name: string;
  previousName: string;
  reason?: string;
}
export interface UnitMergedData extends Dated {
  unitId: string;
  intoUnitId: string;
  reason: string;
}
export interface UnitDissolvedData extends Dated {
  unitId: string;
  reason: string;
}

export type UnitEvent =
  | TypedEvent<'UnitRegistered', UnitRegisteredData>
  | TypedEvent<'UnitRenamed', UnitRenamedData>
  | TypedEvent<'UnitMerged', UnitMergedData>
  | TypedEvent<'UnitDissolved', UnitDissolvedData>;

export const UNIT_EVENT_TYPES = ['UnitRegistered', 'UnitRenamed', 'UnitMerged', 'UnitDissolved'] as const;
