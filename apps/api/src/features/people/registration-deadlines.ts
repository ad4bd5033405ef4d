import { Inject, Injectable } from '@nestjs/common';
import { registrationStream, type RegistrationDeadlineSetData } from '@thidua/domain';
import type { EventStore } from '@thidua/event-store';
import { sourceEvent, type SourceEvent } from '@thidua/projections';
import { EVENT_STORE } from '../../infrastructure/tokens.js';

/** An organizer's registration deadline for a year as it stands, and the event that set it. */
export interface RegistrationDeadline {
  /** Last day (inclusive) a registration may be dated. */
  date: string;
  event: SourceEvent;
}

/**
 * Reads deadlines from their streams (`registration-{organizer}-{year}`: one event, or a few when replaced),
 * so a person's registrations can be shown against the deadline they were checked against. No projection:
 * the streams are tiny and read per request, memoised within it.
 */
@Injectable()
export class RegistrationDeadlines {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  reader(): (organizerUnitId: string, year: number) => Promise<RegistrationDeadline | null> {
    const seen = new Map<string, Promise<RegistrationDeadline | null>>();
    return (organizerUnitId, year) => {
      const key = `${organizerUnitId}:${year}`;
      let found = seen.get(key);
      if (!found) {
        found = this.read(organizerUnitId, year);
        seen.set(key, found);
      }
      return found;
    };
  }

  private async read(organizerUnitId: string, year: number): Promise<RegistrationDeadline | null> {
    const events = await this.events.readStream(registrationStream(organizerUnitId, year), {
      fromRevision: 0,
    });
    const last = events.filter((e) => e.type === 'RegistrationDeadlineSet').at(-1);
    return last
      ? { date: (last.data as unknown as RegistrationDeadlineSetData).deadline, event: sourceEvent(last) }
      : null;
  }
}
