/**
 * Given/when/then for deciders (after oskardudycz/EventSourcing.NodeJS samples/decider):
 *   spec(decider).given(events).when(command, context).then(expectedEvents)
 *   spec(decider).given(events).when(command, context).thenThrows('CODE', 'forbidden')
 * Test support only: excluded from the build; uses jest's global `expect`.
 */
import type { Decider } from '../decider.js';
import { DomainError } from '../errors.js';

export interface WhenResult<E> {
  /** The decision equals exactly these events, in order. */
  then(expected: E[]): E[];
  /** The decision is refused with this DomainError code (and status and field, when given); returns the error. */
  thenThrows(code: string, status?: DomainError['status'], field?: string): DomainError;
}

export interface Spec<C, S, E, Ctx> {
  given(events?: E[]): {
    /** The folded state, for assertions on evolve. */
    state: S;
    when(command: C, context?: Ctx): WhenResult<E>;
  };
}

export function spec<C, S, E, Ctx>(decider: Decider<C, S, E, Ctx>, defaultContext?: Ctx): Spec<C, S, E, Ctx> {
  return {
    given(events = []) {
      const state = events.reduce((s, e) => decider.evolve(s, e), decider.initialState);
      const before = JSON.stringify(state);
      const run = (command: C, context: Ctx | undefined): (() => E[]) => {
        return () => decider.decide(command, state, (context ?? defaultContext) as Ctx);
      };
      return {
        state,
        when(command, context) {
          const decide = run(command, context);
          return {
            then(expected) {
              const actual = decide();
              expect(actual).toStrictEqual(expected);
              // A decision must not mutate the state it was given (the handler caches it by revision).
              expect(JSON.stringify(state)).toBe(before);
              // Every emitted event must evolve cleanly and leave the state serializable.
              const after = actual.reduce((s, e) => decider.evolve(s, e), state);
              expect(JSON.parse(JSON.stringify(after))).toEqual(after);
              expect(JSON.stringify(state)).toBe(before);
              return actual;
            },
            thenThrows(code, status, field) {
              let caught: unknown;
              let decided: E[] | undefined;
              try {
                decided = decide();
              } catch (error) {
                caught = error;
              }
              if (decided !== undefined) expect({ decided }).toEqual({ refusedWith: code });
              expect(caught).toBeInstanceOf(DomainError);
              const error = caught as DomainError;
              expect(error.code).toBe(code);
              // A refusal says why, in words, besides its code.
              expect(error.message).not.toBe('');
              if (status !== undefined) expect(error.status).toBe(status);
              // Exactly the field given: none when none is given.
              expect({ code, field: error.field }).toEqual({ code, field });
              expect(JSON.stringify(state)).toBe(before);
              return error;
            },
          };
        },
      };
    },
  };
}

/** Shorthand: spec(decider).given(events). */
export function given<C, S, E, Ctx>(decider: Decider<C, S, E, Ctx>, events: E[] = [], defaultContext?: Ctx) {
  return spec(decider, defaultContext).given(events);
}
