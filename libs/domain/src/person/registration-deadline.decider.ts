import { isAdmin, isOrganizerOf, type Command } from '../actor.js';
import { requireActDate } from '../business-date.js';
import type { Decider } from '../decider.js';
import { forbidden, rule } from '../errors.js';
import type { RegistrationEvent } from '../events/person.events.js';
import { requireDate, requireId, requireReason, requireYear } from '../validation.js';

export type SetRegistrationDeadline = Command<
  'SetRegistrationDeadline',
  { organizerUnitId: string; year: number; deadline: string; reason?: string; effectiveDate?: string }
>;

export interface RegistrationState {
  deadline?: string;
}

/**
 * The organizer's deadline for registering individual titles of a year (stream
 * `registration-{organizer}-{year}`; sectors set one, e.g. 25 March): a registration dated after it is
 * refused. None recorded → no limit. A replaced deadline needs a reason.
 */
export const registrationDeadlineDecider: Decider<
  SetRegistrationDeadline,
  RegistrationState,
  RegistrationEvent,
  void
> = {
  initialState: {},
  // An event of another stream changes nothing.
  evolve: (state, event) =>
    event.type === 'RegistrationDeadlineSet' ? { deadline: event.data.deadline } : state,
  decide(command, state) {
    const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
    const organizerUnitId = requireId(command.data.organizerUnitId, 'organizerUnitId');
    if (!isAdmin(command.actor) && !isOrganizerOf(command.actor, organizerUnitId))
      throw forbidden('only the organizer (or an administrator) sets its registration deadline');
    const year = requireYear(command.data.year);
    const deadline = requireDate(command.data.deadline, 'deadline');
    if (Number(deadline.slice(0, 4)) !== year)
      throw rule('DEADLINE_OUTSIDE_YEAR', `deadline ${deadline} is not in ${year}`, 'deadline');
    const reason = state.deadline === undefined ? undefined : requireReason(command.data.reason, 'reason');
    return [
      {
        type: 'RegistrationDeadlineSet',
        data: { organizerUnitId, year, deadline, ...(reason !== undefined && { reason }), effectiveDate },
      },
    ];
  },
};
