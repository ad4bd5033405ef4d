import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PEOPLE_PROJECTION, PERSONS, type PersonDoc } from '@thidua/projections';
import { ReadModels } from '../../common/read-models.js';
import { registeredUnit } from '../queries/units-organizers.handlers.js';
import { ERASED_NAME, personView, withDeadlines, type PersonView } from './people.query.js';
import { PersonKeys } from './person-keys.provider.js';
import { RegistrationDeadlines } from './registration-deadlines.js';

/** GET /units/{unitId}/people: the people registered in a unit now, opened, in Vietnamese order. */
export interface UnitPeople {
  unitId: string;
  unitName: string | null;
  people: PersonView[];
}

export class ListUnitPeopleQuery extends Query<UnitPeople> {
  constructor(readonly unitId: string) {
    super();
  }
}

const byName = new Intl.Collator('vi').compare;

/** People whose current unit it is (transferred-out people are under their new unit); erased names last. */
@QueryHandler(ListUnitPeopleQuery)
export class ListUnitPeopleHandler implements IQueryHandler<ListUnitPeopleQuery> {
  constructor(
    private readonly reads: ReadModels,
    private readonly keys: PersonKeys,
    private readonly deadlines: RegistrationDeadlines,
  ) {}

  async execute({ unitId }: ListUnitPeopleQuery): Promise<UnitPeople> {
    const unit = await registeredUnit(this.reads, unitId);
    const docs = await this.reads.find<PersonDoc>(PEOPLE_PROJECTION, PERSONS, { where: { unitId } });
    const deadline = this.deadlines.reader();
    const people = await Promise.all(docs.map((d) => withDeadlines(personView(d, this.keys), deadline)));
    const erased = (p: PersonView) => (p.fullName === ERASED_NAME ? 1 : 0);
    people.sort(
      (a, b) => erased(a) - erased(b) || byName(a.fullName, b.fullName) || byName(a.personId, b.personId),
    );
    return { unitId, unitName: unit.name ?? null, people };
  }
}
