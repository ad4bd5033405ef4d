import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../../common/command-context.js';
import type { CommandResult } from '../../../write-model/command-result.js';
import { ActDateDto, actDate } from '../../write/act-date.js';
import { ApiCommand } from '../../write/api-command.js';
import { IdParam, IfMatch } from '../../write/http-params.js';
import { ApiYearParams, Year, YEAR_ROUTE, type YearRef } from '../year-command.js';
import {
  CastBallotCommand,
  CloseElectionCommand,
  OpenElectionCommand,
  type ElectionOpened,
} from './elections.command.js';
import { CastBallotDto, OpenElectionDto } from './elections.dto.js';
import { DEMO, DEMO_BODIES, DEMO_KEYS } from '../../../openapi/demo-examples.js';

const ELECTION_PARAM = {
  name: 'electionId',
  description:
    'The election, as POST …/elections answered it (the example: the election the POST …/elections example opens ' +
    "with its Idempotency-Key and the demo's token of the chair unit, sub demo-officer-cuc-anm)",
  example: DEMO.electionId,
};

/** Bầu Cụm trưởng, Cụm phó: electing next year's chair and vice-chair units at the year-end review. */
@ApiTags('emulation-year')
@ApiYearParams()
@Controller(`${YEAR_ROUTE}/elections`)
@Roles('unit-officer', 'organizer')
export class ElectionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary: "Open an election of next year's chair or vice-chair (bầu Cụm trưởng, Cụm phó)",
    description:
      "By the chair unit of the year (the organizer while no chair sits). Candidates are member units; the organizer's policy may forbid consecutive terms. The answer carries the new electionId.",
    created: 'ElectionOpened',
    body: {
      type: OpenElectionDto,
      description: 'The seat elected for next year and the candidate member units',
      example: DEMO_BODIES.openElection,
    },
    idempotencyKey: DEMO_KEYS.openElection,
  })
  openElection(
    @Year() ref: YearRef,
    @Body() body: OpenElectionDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<ElectionOpened> {
    return this.commands.execute(new OpenElectionCommand(ctx, ref, body, ifMatch));
  }

  @Post(':electionId/ballots')
  @ApiParam(ELECTION_PARAM)
  @ApiCommand({
    summary: "Cast a member unit's ballot (bỏ phiếu): one per unit, by its officer",
    body: {
      type: CastBallotDto,
      description: "The voting member unit (the caller's own) and its candidate",
      example: DEMO_BODIES.castBallot,
    },
  })
  castBallot(
    @Year() ref: YearRef,
    @Param('electionId', new IdParam('electionId')) electionId: string,
    @Body() body: CastBallotDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new CastBallotCommand(ctx, ref, { ...body, electionId }, ifMatch));
  }

  @Post(':electionId/close')
  @ApiParam(ELECTION_PARAM)
  @ApiCommand({
    summary: 'Close the election and count the ballots (kiểm phiếu)',
    description:
      'Quorum: more than half the members voted; elected: more than half of the ballots. A tie or no majority is recorded, never broken silently; a new round may follow.',
    body: {
      type: ActDateDto,
      description: 'The date of the count (optional)',
      example: DEMO_BODIES.closeElection,
    },
  })
  closeElection(
    @Year() ref: YearRef,
    @Param('electionId', new IdParam('electionId')) electionId: string,
    @Body() body: ActDateDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new CloseElectionCommand(ctx, ref, { electionId, ...actDate(body) }, ifMatch),
    );
  }
}
