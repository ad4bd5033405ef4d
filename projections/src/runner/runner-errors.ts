import { StoreError } from '@thidua/event-store';
import type { StallInfo } from './runner-types.js';

export class UnknownProjectionError extends StoreError {
  constructor(readonly projection: string) {
    super('UNKNOWN_PROJECTION', `no projection named ${projection}`);
  }
}

export class RunnerStateError extends StoreError {
  constructor(message: string) {
    super('RUNNER_STATE', message);
  }
}

/** A projection stopped at an event it could not handle (it never skips one). */
export class ProjectionStalledError extends StoreError {
  constructor(
    readonly projection: string,
    readonly stall: StallInfo,
  ) {
    super(
      'PROJECTION_STALLED',
      `projection ${projection} stalled at position ${stall.position} (${stall.type}): ${stall.message}`,
    );
  }
}

/** A definition returned a change the runner refuses (unknown collection, not a change). */
export class InvalidChangeError extends StoreError {
  constructor(message: string) {
    super('INVALID_PROJECTION_CHANGE', message);
  }
}
