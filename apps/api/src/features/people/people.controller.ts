import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PEOPLE_PROJECTION } from '@thidua/projections';
import { Roles } from '../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../common/command-context.js';
import { WaitForProjections } from '../../common/read-your-writes.js';
import { ApiErrors, ApiResult } from '../../openapi/api-result.js';
import { DEMO, DEMO_BODIES } from '../../openapi/demo-examples.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { ApiCommand } from '../write/api-command.js';
import { ReadQueryDto } from '../queries/queries.dto.js';
import { IdParam, IfMatch, YearParam } from '../write/http-params.js';
import {
  ErasePersonDto,
  RecordPriorTitleDto,
  RegisterPersonDto,
  RegisterTitleDto,
  RegistrationDeadlineDto,
  TransferPersonDto,
} from './people.dto.js';
import { PersonCommandMessage, SetRegistrationDeadlineCommand } from './people.handler.js';
import { GetPersonQuery, type PersonView } from './people.query.js';

const PERSON_PARAM = {
  name: 'personId',
  description: 'The person (POST /people)',
  example: DEMO.newPersonId,
};
const READ_PERSON_PARAM = {
  name: 'personId',
  description: 'The person (POST /people)',
  example: DEMO.personId,
};

/** Cá nhân: the person registry, title registrations, prior titles, erasure (crypto-shredding). */
@ApiTags('people')
@Controller('people')
export class PeopleController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('admin', 'organizer', 'unit-officer')
  @ApiCommand({
    summary: 'Register a person (cá nhân) in a unit; the name is stored sealed under their own key',
    description:
      'Writes PersonRegistered to `person-{personId}`. fullName, rankTitle and position are sealed with AES-256-GCM ' +
      'under a key made for this person and kept outside the log (PERSON_KEYS_FILE); the log holds only the sealed ' +
      'text. Individual awards name the person by id. By an administrator, an organizer, or an officer of that unit. ' +
      '404 UNIT_NOT_FOUND, 409 PERSON_ALREADY_REGISTERED, 422 UNIT_NOT_ACTIVE.',
    body: {
      type: RegisterPersonDto,
      description: 'Id, unit and personal fields',
      example: DEMO_BODIES.registerPerson,
    },
  })
  registerPerson(
    @Body() body: RegisterPersonDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new PersonCommandMessage(ctx, body.personId, { type: 'RegisterPerson', body }, ifMatch),
    );
  }

  @Get(':personId')
  @Roles('admin', 'organizer', 'inspector', 'unit-officer')
  @WaitForProjections(PEOPLE_PROJECTION)
  @ApiParam(READ_PERSON_PARAM)
  @ApiOperation({
    summary: 'A person: unit, transfers, title registrations, prior titles and individual awards',
    description:
      'The personal fields are opened with the person’s key; after an erasure the key is gone and fullName reads ' +
      '"đã xoá" (rankTitle and positionHeld null) while the awards stay listed and counted. Each title registration ' +
      'carries the organizer’s registration deadline of its year (date and event; null: none recorded, no limit). ' +
      'Each award carries its ' +
      'prerequisite basis and `basisNoLongerHolds` (code, the log position since when, a sentence): e.g. ' +
      'PREREQUISITE_REVOKED when a title it was based on was revoked. Not for viewers (personal data).',
  })
  @ApiResult('PersonView', 'The person')
  @ApiErrors({ 404: 'PERSON_NOT_FOUND (field personId)' })
  getPerson(
    @Param('personId', new IdParam('personId')) personId: string,
    @Query() _query: ReadQueryDto,
  ): Promise<PersonView> {
    return this.queries.execute(new GetPersonQuery(personId));
  }

  @Post(':personId/transfers')
  @Roles('admin', 'organizer')
  @ApiParam(PERSON_PARAM)
  @ApiCommand({
    summary: 'Transfer a person to another unit (điều động)',
    description:
      'Writes PersonTransferred; awards decided from then name the new unit. 404 PERSON_NOT_FOUND or UNIT_NOT_FOUND, ' +
      '422 SAME_UNIT, UNIT_NOT_ACTIVE, PERSON_ERASED.',
    body: {
      type: TransferPersonDto,
      description: 'The unit moved to, and why',
      example: DEMO_BODIES.transferPerson,
    },
  })
  transferPerson(
    @Param('personId', new IdParam('personId')) personId: string,
    @Body() body: TransferPersonDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new PersonCommandMessage(ctx, personId, { type: 'TransferPerson', body }, ifMatch),
    );
  }

  @Post(':personId/erasure')
  @Roles('admin')
  @ApiParam(PERSON_PARAM)
  @ApiCommand({
    summary: "Erase a person's personal data (crypto-shredding): the key is deleted",
    description:
      'Writes PersonErased (no personal data: the request reference and the date), then deletes the person’s key: ' +
      'the sealed name in the log can never be opened again, while every event, the hash chain, the awards and the ' +
      'totals stay as they are; GET /people/{personId} then reads "đã xoá". Administrators only. 404 ' +
      'PERSON_NOT_FOUND, 409 PERSON_ALREADY_ERASED (the key is deleted again, in case a crash came between).',
    body: {
      type: ErasePersonDto,
      description: 'The request or decision asking for it',
      example: DEMO_BODIES.erasePerson,
    },
  })
  erasePerson(
    @Param('personId', new IdParam('personId')) personId: string,
    @Body() body: ErasePersonDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new PersonCommandMessage(ctx, personId, { type: 'ErasePerson', body }, ifMatch),
    );
  }

  @Post(':personId/title-registrations')
  @Roles('admin', 'organizer', 'unit-officer')
  @ApiParam(PERSON_PARAM)
  @ApiCommand({
    summary: 'Register a title for a year (đăng ký danh hiệu), before the organizer’s deadline',
    description:
      'Writes TitleRegistered. The individual emulation titles need one to be conferred (422 TITLE_NOT_REGISTERED on ' +
      'the award decision). Refused after the deadline the organizer recorded for the year (422 REGISTRATION_CLOSED, ' +
      'field effectiveDate; the deadline day itself is in time; no deadline recorded: no limit), for a code that is ' +
      'not an individual title (422 TITLE_NOT_REGISTRABLE), twice (409 TITLE_ALREADY_REGISTERED). By an ' +
      'administrator, an organizer, or an officer of the person’s unit.',
    body: {
      type: RegisterTitleDto,
      description: 'Year, title and organizer',
      example: DEMO_BODIES.registerTitle,
    },
  })
  registerTitle(
    @Param('personId', new IdParam('personId')) personId: string,
    @Body() body: RegisterTitleDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new PersonCommandMessage(ctx, personId, { type: 'RegisterTitle', body }, ifMatch),
    );
  }

  @Post(':personId/prior-titles')
  @Roles('admin', 'organizer')
  @ApiParam(PERSON_PARAM)
  @ApiCommand({
    summary: 'Record a title the person holds from before the ledger (imported history)',
    description:
      'Writes PriorTitleRecorded with the number of the decision that conferred it: prerequisites count it ' +
      '(e.g. three Chiến sĩ thi đua cơ sở before a Chiến sĩ thi đua toàn lực lượng). 422 TITLE_NOT_REGISTRABLE, ' +
      'TITLE_ALREADY_HELD.',
    body: {
      type: RecordPriorTitleDto,
      description: 'Title, year, decision',
      example: DEMO_BODIES.recordPriorTitle,
    },
  })
  recordPriorTitle(
    @Param('personId', new IdParam('personId')) personId: string,
    @Body() body: RecordPriorTitleDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new PersonCommandMessage(ctx, personId, { type: 'RecordPriorTitle', body }, ifMatch),
    );
  }
}

/** The organizer's deadline for registering individual titles of a year. */
@ApiTags('organizers')
@Controller('organizers/:organizerUnitId/years/:year')
@Roles('organizer', 'admin')
export class RegistrationDeadlineController {
  constructor(private readonly commands: CommandBus) {}

  @Put('registration-deadline')
  @ApiParam({ name: 'organizerUnitId', description: 'The organizer unit', example: DEMO.organizerId })
  @ApiParam({
    name: 'year',
    type: 'integer',
    description: 'The emulation year',
    example: DEMO.registrationYear,
  })
  @ApiCommand({
    summary: 'Record the deadline for registering individual titles of a year (e.g. 25 March)',
    description:
      'Writes RegistrationDeadlineSet to `registration-{organizerUnitId}-{year}`. A title registration naming this ' +
      'organizer and dated after the deadline is refused (422 REGISTRATION_CLOSED). By the organizer of that unit or ' +
      'an administrator; the deadline lies in the year (422 DEADLINE_OUTSIDE_YEAR); replacing one needs a reason.',
    body: {
      type: RegistrationDeadlineDto,
      description: 'The deadline',
      example: DEMO_BODIES.setRegistrationDeadline,
    },
  })
  setRegistrationDeadline(
    @Param('organizerUnitId', new IdParam('organizerUnitId')) organizerUnitId: string,
    @Param('year', YearParam) year: number,
    @Body() body: RegistrationDeadlineDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new SetRegistrationDeadlineCommand(ctx, organizerUnitId, year, body, ifMatch),
    );
  }
}
