/**
 * A decider (DESIGN.md §2): pure functions, no I/O, no clock. `context` carries what the command
 * handler loaded from other streams (e.g. the cluster's organizer); the decider trusts it.
 */
export interface Decider<Command, State, Event, Context = void> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, context: Context): Event[];
}

/** Fold a stream's events into a state. */
export function foldEvents<State, Event>(
  decider: { initialState: State; evolve(state: State, event: Event): State },
  events: ReadonlyArray<Event>,
): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}
