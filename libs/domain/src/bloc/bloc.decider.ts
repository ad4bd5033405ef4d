import { isAdmin, type Command } from '../actor.js';
import { requireActDate } from '../business-date.js';
import type { Decider } from '../decider.js';
import { conflict, forbidden, rule } from '../errors.js';
import type { BlocEvent } from '../events/bloc.events.js';
import type { UnitStatus } from '../unit/unit.commands.js';
import { requireId, requireText } from '../validation.js';

export type FormBloc = Command<
  'FormBloc',
  { blocId: string; organizerUnitId: string; name: string; effectiveDate?: string }
>;
export type BlocCommand = FormBloc;

export interface BlocContext {
  organizerStatus?: UnitStatus;
}

export interface BlocState {
  status: 'none' | 'active';
  organizerUnitId?: string;
  name?: string;
}

export const initialBlocState: BlocState = { status: 'none' };

export function evolveBloc(state: BlocState, event: BlocEvent): BlocState {
  // An event of another stream changes nothing.
  return event.type === 'BlocFormed'
    ? { status: 'active', organizerUnitId: event.data.organizerUnitId, name: event.data.name }
    : state;
}

/** Blocs are formed by an administrator for an organizer unit, like clusters (Law 06/2022/QH15 art. 16). */
export function decideBloc(command: BlocCommand, state: BlocState, context: BlocContext = {}): BlocEvent[] {
  const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
  if (!isAdmin(command.actor)) throw forbidden('only an administrator forms blocs');
  const blocId = requireId(command.data.blocId, 'blocId');
  if (state.status !== 'none') throw conflict('BLOC_ALREADY_FORMED', `bloc ${blocId} exists`, 'blocId');
  const organizerUnitId = requireId(command.data.organizerUnitId, 'organizerUnitId');
  if (context.organizerStatus !== 'active')
    throw rule(
      'ORGANIZER_NOT_ACTIVE',
      `organizer unit ${organizerUnitId} is not an active unit`,
      'organizerUnitId',
    );
  return [
    {
      type: 'BlocFormed',
      data: { blocId, organizerUnitId, name: requireText(command.data.name, 'name', 300), effectiveDate },
    },
  ];
}

export const blocDecider: Decider<BlocCommand, BlocState, BlocEvent, BlocContext> = {
  initialState: initialBlocState,
  evolve: evolveBloc,
  decide: (command, state, context) => decideBloc(command, state, context),
};
