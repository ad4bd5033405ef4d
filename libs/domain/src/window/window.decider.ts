import { isAdmin, isOrganizerOf } from '../actor.js';
import { requireActDate, type EmulationWindow } from '../business-date.js';
import type { Decider } from '../decider.js';
import { forbidden, rule } from '../errors.js';
import type { WindowEvent } from '../events/window.events.js';
import { requirePeriodCode, type PeriodCode } from '../periods.js';
import { optionalText, requireDate, requireId, requireReason, requireYear } from '../validation.js';
import type { WindowCommand, WindowContext } from './window.commands.js';

export interface WindowState {
  window?: EmulationWindow;
}

export const initialWindowState: WindowState = {};

export function evolveWindow(state: WindowState, event: WindowEvent): WindowState {
  // An event of another stream changes nothing.
  if (event.type !== 'EmulationWindowSet') return state;
  const { opensOn, closesOn, reviewsFrom } = event.data;
  return { window: { opensOn, closesOn, reviewsFrom } };
}

/**
 * The organizer (or an administrator) records its emulation window for a year: a policy, never a
 * constant (the Ministry's year closes in November; a province may close in December). It spans at
 * most the year before, the year and the year after; replacing it needs a reason.
 */
export function decideWindow(
  command: WindowCommand,
  state: WindowState,
  context: WindowContext = {},
): WindowEvent[] {
  const organizerUnitId = requireId(command.data.organizerUnitId, 'organizerUnitId');
  const year = requireYear(command.data.year);
  if (!isAdmin(command.actor) && !isOrganizerOf(command.actor, organizerUnitId))
    throw forbidden('only the organizer (or an administrator) records its emulation window');
  if (context.organizerStatus !== 'active')
    throw rule('ORGANIZER_NOT_ACTIVE', `unit ${organizerUnitId} is not an active unit`, 'organizerUnitId');
  const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
  const opensOn = requireDate(command.data.opensOn, 'opensOn');
  const closesOn = requireDate(command.data.closesOn, 'closesOn');
  if (opensOn < `${year - 1}-01-01` || opensOn > `${year}-12-31`)
    throw rule('WINDOW_NOT_IN_YEAR', `opensOn must fall in ${year - 1} or ${year}`, 'opensOn');
  if (closesOn < `${year}-01-01` || closesOn > `${year + 1}-12-31`)
    throw rule('WINDOW_NOT_IN_YEAR', `closesOn must fall in ${year} or ${year + 1}`, 'closesOn');
  if (closesOn < opensOn) throw rule('WINDOW_INVERTED', 'closesOn is before opensOn', 'closesOn');
  const reviewsFrom: Partial<Record<PeriodCode, string>> = {};
  const given = command.data.reviewsFrom ?? {}; // null too
  if (typeof given !== 'object' || Array.isArray(given))
    throw rule('INVALID_REVIEWS_FROM', 'reviewsFrom maps periods to dates', 'reviewsFrom');
  for (const key of Object.keys(given).sort()) {
    const field = `reviewsFrom.${key}`;
    const period = requirePeriodCode(key, field);
    const date = requireDate((given as Record<string, unknown>)[key], field);
    if (date < opensOn || date > closesOn)
      throw rule('REVIEW_DATE_OUTSIDE_WINDOW', `${field} is outside ${opensOn} – ${closesOn}`, field);
    reviewsFrom[period] = date;
  }
  // Replacing a window says why.
  const reason =
    state.window === undefined
      ? optionalText(command.data.reason, 'reason', 1000)
      : requireReason(command.data.reason, 'reason');
  return [
    {
      type: 'EmulationWindowSet',
      data: {
        organizerUnitId,
        year,
        opensOn,
        closesOn,
        reviewsFrom,
        ...(reason !== undefined && { reason }),
        effectiveDate,
      },
    },
  ];
}

export const windowDecider: Decider<WindowCommand, WindowState, WindowEvent, WindowContext> = {
  initialState: initialWindowState,
  evolve: evolveWindow,
  decide: (command, state, context) => decideWindow(command, state, context),
};
