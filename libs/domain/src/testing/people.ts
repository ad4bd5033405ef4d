import type { PersonEvent, SealedPersonal } from '../events/person.events.js';
import { evolvePerson, initialPersonState, type PersonState } from '../person/person.state.js';

/** A sealed value of the right shape (tests of the domain never see real ciphertext). */
export const SEALED: SealedPersonal = {
  alg: 'A256GCM',
  iv: 'AAAAAAAAAAAAAAAA',
  ciphertext: 'c2VhbGVkLXBlcnNvbmFs',
  tag: 'AAAAAAAAAAAAAAAAAAAAAA',
};

export const personRegistered = (personId: string, unitId: string, on = '2019-01-02'): PersonEvent => ({
  type: 'PersonRegistered',
  data: { personId, unitId, personal: SEALED, effectiveDate: on },
});

export const titleRegistered = (personId: string, year: number, code: string): PersonEvent => ({
  type: 'TitleRegistered',
  data: { personId, year, code, organizerUnitId: 'bo-cong-an', effectiveDate: `${year}-02-01` },
});

export const priorTitle = (personId: string, code: string, year: number): PersonEvent => ({
  type: 'PriorTitleRecorded',
  data: { personId, code, year, decisionRef: `${year}/QĐ (minh họa)`, effectiveDate: '2024-01-05' },
});

export const personState = (events: PersonEvent[]): PersonState =>
  events.reduce(evolvePerson, initialPersonState);

/**
 * A person in `unitId` who registered `code` for `year` and holds the titles given as [code, year] pairs:
 * the award-decision context of one individual recipient.
 */
export function registeredPerson(
  personId: string,
  unitId: string,
  registered: ReadonlyArray<[string, number]> = [],
  held: ReadonlyArray<[string, number]> = [],
): { personId: string; state: PersonState } {
  return {
    personId,
    state: personState([
      personRegistered(personId, unitId),
      ...registered.map(([code, year]) => titleRegistered(personId, year, code)),
      ...held.map(([code, year]) => priorTitle(personId, code, year)),
    ]),
  };
}
