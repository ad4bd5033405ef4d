import type { Command } from '../actor.js';
import type { PeriodCode } from '../periods.js';
import { windowStream } from '../streams.js';
import type { UnitStatus } from '../unit/unit.commands.js';

export type SetEmulationWindow = Command<
  'SetEmulationWindow',
  {
    organizerUnitId: string;
    year: number;
    opensOn: string;
    closesOn: string;
    reviewsFrom?: Partial<Record<PeriodCode, string>>;
    reason?: string;
    effectiveDate?: string;
  }
>;

export type WindowCommand = SetEmulationWindow;

/** The organizer unit's status, loaded by the handler from its unit stream. */
export interface WindowContext {
  organizerStatus?: UnitStatus;
}

export const windowStreamOf = (command: WindowCommand): string =>
  windowStream(command.data.organizerUnitId, command.data.year);
