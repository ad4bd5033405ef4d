import { Module } from '@nestjs/common';
import { ReadModels } from '../../common/read-models.js';
import { PeopleModule } from '../people/people.module.js';
import { AwardReader } from '../awards/award-read.js';
import { AwardListController } from './award-list.controller.js';
import { ListAwardsHandler } from './award-list.query.js';

/** The award register: the awards behind the totals, with their recipients named (the people module's keys). */
@Module({
  imports: [PeopleModule],
  controllers: [AwardListController],
  // AwardReader reads a flag's basis from the log (stateless: its own instance here).
  providers: [ReadModels, ListAwardsHandler, AwardReader],
})
export class AwardRegisterModule {}
