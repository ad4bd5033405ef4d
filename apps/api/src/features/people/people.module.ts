import { Module } from '@nestjs/common';
import { ReadModels } from '../../common/read-models.js';
import { WriteModule } from '../write/write.module.js';
import { PeopleController, RegistrationDeadlineController } from './people.controller.js';
import { PersonHandler, SetRegistrationDeadlineHandler } from './people.handler.js';
import { GetPersonHandler } from './people.query.js';
import { PersonKeys } from './person-keys.provider.js';
import { RegistrationDeadlines } from './registration-deadlines.js';
import { UnitPeopleController } from './unit-people.controller.js';
import { ListUnitPeopleHandler } from './unit-people.query.js';

/** People (cá nhân): the registry, registrations, prior titles, erasure; the key store of crypto-shredding. */
@Module({
  imports: [WriteModule],
  controllers: [PeopleController, RegistrationDeadlineController, UnitPeopleController],
  providers: [
    PersonKeys,
    ReadModels,
    RegistrationDeadlines,
    PersonHandler,
    SetRegistrationDeadlineHandler,
    GetPersonHandler,
    ListUnitPeopleHandler,
  ],
  // The one key store of the process: the award register opens recipients' names with it.
  exports: [PersonKeys],
})
export class PeopleModule {}
