import type { Command } from '../actor.js';
import { unitStream } from '../streams.js';

export type RegisterUnit = Command<
  'RegisterUnit',
  { unitId: string; name: string; kind: string; parentUnitId?: string }
>;
export type RenameUnit = Command<'RenameUnit', { unitId: string; name: string; reason?: string }>;
export type MergeUnit = Command<'MergeUnit', { unitId: string; intoUnitId: string; reason: string }>;
export type DissolveUnit = Command<'DissolveUnit', { unitId: string; reason: string }>;

export type UnitCommand = RegisterUnit | RenameUnit | MergeUnit | DissolveUnit;

export type UnitStatus = 'none' | 'active' | 'merged' | 'dissolved';

/** What the handler loads from other unit streams: the parent (RegisterUnit) or the merge target (MergeUnit). */
export interface UnitContext {
  parentStatus?: UnitStatus;
  intoStatus?: UnitStatus;
}

export const unitStreamOf = (command: UnitCommand): string => unitStream(command.data.unitId);
