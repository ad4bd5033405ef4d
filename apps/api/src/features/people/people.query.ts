import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound } from '@thidua/domain';
import { PEOPLE_PROJECTION, PERSONS, type PersonDoc } from '@thidua/projections';
import { ReadModels } from '../../common/read-models.js';
import { openPersonal } from './person-keys.js';
import { PersonKeys } from './person-keys.provider.js';

/** What an erased person's name reads (the key is gone; the awards stay and count). */
export const ERASED_NAME = 'đã xoá';

/** A person as the API answers: the registry record with the personal fields opened (or "đã xoá"). */
export type PersonView = Omit<PersonDoc, 'personal'> & {
  fullName: string;
  rankTitle: string | null;
  /** Chức vụ (the registration's `position`; `position` here is the log position, as on every document). */
  positionHeld: string | null;
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
  ) {}

  async execute({ personId }: GetPersonQuery): Promise<PersonView> {
    const doc = await this.reads.get<PersonDoc>(PEOPLE_PROJECTION, PERSONS, personId);
    if (!doc) throw notFound('PERSON_NOT_FOUND', `person ${personId} is not registered`, 'personId');
    return personView(doc, this.keys);
  }
}

/** The person's document with the sealed fields opened by the person's key, or "đã xoá" once it is gone. */
export function personView(doc: PersonDoc, keys: PersonKeys): PersonView {
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
