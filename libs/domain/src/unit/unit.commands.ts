import type { Command } from '../actor.js';
import { unitStream } from '../streams.js';

/** Every unit command may give the act's business date (default: the date it is recorded on). */
interface Dated {
  effectiveDate?: string;
}
export type RegisterUnit = Command<
  'RegisterUnit',
  Dated & { unitId: string; name: string; kind: string; parentUnitId?: string }
>;
export type RenameUnit = Command<'RenameUnit', Dated & { unitId: string; name: string; reason?: string }>;
export type MergeUnit = Command<'MergeUnit', Dated & { unitId: string; intoUnitId: string; reason: string }>;
export type DissolveUnit = Command<'DissolveUnit', Dated & { unitId: string; reason: string }>;

export type UnitCommand = RegisterUnit | RenameUnit | MergeUnit | DissolveUnit;

export type UnitStatus = 'none' | 'active' | 'merged' | 'dissolved';

/** What the handler loads from other unit streams: the parent (RegisterUnit) or the merge target (MergeUnit). */
export interface UnitContext {
  parentStatus?: UnitStatus;
  intoStatus?: UnitStatus;
}

export const unitStreamOf = (command: UnitCommand): string => unitStream(command.data.unitId);
