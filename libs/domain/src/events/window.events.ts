import type { PeriodCode } from '../periods.js';
import type { Dated, TypedEvent } from './event.js';

/**
 * Stream `window-{organizerUnitId}-{year}`: the organizer's emulation window for a year (a recorded
 * policy): acts of its cluster-years of that year are dated from `opensOn` to `closesOn`, and a period is
 * reviewed (closed) no earlier than its end or its `reviewsFrom` date.
 */
export interface EmulationWindowSetData extends Dated {
  organizerUnitId: string;
  year: number;
  opensOn: string;
  closesOn: string;
  reviewsFrom: Partial<Record<PeriodCode, string>>;
  /** Given when an earlier window of the year is replaced. */
  reason?: string;
}

export type WindowEvent = TypedEvent<'EmulationWindowSet', EmulationWindowSetData>;

export const WINDOW_EVENT_TYPES = ['EmulationWindowSet'] as const;
