import { Module } from '@nestjs/common';
import { ReadModels } from '../../common/read-models.js';
import { WriteModule } from '../write/write.module.js';
import { PeopleController, RegistrationDeadlineController } from './people.controller.js';
import { PersonHandler, SetRegistrationDeadlineHandler } from './people.handler.js';
import { GetPersonHandler } from './people.query.js';
import { PersonKeys } from './person-keys.provider.js';

/** People (cá nhân): the registry, registrations, prior titles, erasure; the key store of crypto-shredding. */
@Module({
  imports: [WriteModule],
  controllers: [PeopleController, RegistrationDeadlineController],
  providers: [PersonKeys, ReadModels, PersonHandler, SetRegistrationDeadlineHandler, GetPersonHandler],
  // The one key store of the process: the award register opens recipients' names with it.
  exports: [PersonKeys],
})
export class PeopleModule {}
