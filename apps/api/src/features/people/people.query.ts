import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound } from '@thidua/domain';
import { PEOPLE_PROJECTION, PERSONS, type PersonDoc } from '@thidua/projections';
import { ReadModels } from '../../common/read-models.js';
import { openPersonal } from './person-keys.js';
import { PersonKeys } from './person-keys.provider.js';
import { RegistrationDeadlines, type RegistrationDeadline } from './registration-deadlines.js';

/** What an erased person's name reads (the key is gone; the awards stay and count). */
export const ERASED_NAME = 'đã xoá';

/** The registry record with the personal fields opened (or "đã xoá"). */
export type OpenedPerson = Omit<PersonDoc, 'personal'> & {
  fullName: string;
  rankTitle: string | null;
  /** Chức vụ (the registration's `position`; `position` here is the log position, as on every document). */
  positionHeld: string | null;
};

/** A person as the API answers: opened, each title registration beside the deadline it was checked against. */
export type PersonView = Omit<OpenedPerson, 'registrations'> & {
  registrations: Array<
    PersonDoc['registrations'][number] & {
      /** The organizer's registration deadline of that year as it stands (null: none recorded, no limit). */
      deadline: RegistrationDeadline | null;
    }
  >;
};

export class GetPersonQuery extends Query<PersonView> {
  constructor(readonly personId: string) {
    super();
  }
}

@QueryHandler(GetPersonQuery)
export class GetPersonHandler implements IQueryHandler<GetPersonQuery> {
  constructor(
    private readonly reads: ReadModels,
    private readonly keys: PersonKeys,
    private readonly deadlines: RegistrationDeadlines,
  ) {}

  async execute({ personId }: GetPersonQuery): Promise<PersonView> {
    const doc = await this.reads.get<PersonDoc>(PEOPLE_PROJECTION, PERSONS, personId);
    if (!doc) throw notFound('PERSON_NOT_FOUND', `person ${personId} is not registered`, 'personId');
    return withDeadlines(personView(doc, this.keys), this.deadlines.reader());
  }
}

/** The registrations beside their deadlines. */
export async function withDeadlines(
  person: OpenedPerson,
  deadline: (organizerUnitId: string, year: number) => Promise<RegistrationDeadline | null>,
): Promise<PersonView> {
  return {
    ...person,
    registrations: await Promise.all(
      person.registrations.map(async (r) => ({ ...r, deadline: await deadline(r.organizerUnitId, r.year) })),
    ),
  };
}

/** The person's document with the sealed fields opened by the person's key, or "đã xoá" once it is gone. */
export function personView(doc: PersonDoc, keys: PersonKeys): OpenedPerson {
  const { personal, ...rest } = doc;
  const fields = personal
    ? openPersonal(keys.store.existing(doc.personId), doc.personId, personal)
    : undefined;
  return {
    ...rest,
    fullName: fields?.fullName ?? ERASED_NAME,
    rankTitle: fields?.rankTitle ?? null,
    positionHeld: fields?.position ?? null,
  };
}
