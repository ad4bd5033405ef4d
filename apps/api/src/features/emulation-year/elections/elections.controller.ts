import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../../common/command-context.js';
import type { CommandResult } from '../../../write-model/command-result.js';
import { ApiCommand } from '../../write/api-command.js';
import { IdParam, IfMatch } from '../../write/http-params.js';
import { ApiYearParams, Year, YEAR_ROUTE, type YearRef } from '../year-command.js';
import {
  CastBallotCommand,
  CloseElectionCommand,
  OpenElectionCommand,
  type ElectionOpened,
} from './elections.command.js';
import { CastBallotDto, CloseElectionDto, OpenElectionDto } from './elections.dto.js';
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
      "By the chair unit of the year (the organizer while no chair sits). Candidates are member units; the organizer's policy may forbid consecutive terms. " +
      "After a round without an absolute majority (or a tied run-off) the next round is the run-off between that round's leaders " +
      '(the first two, everyone tied for second included), decided by plurality: its candidates are fixed (422 RUN_OFF_CANDIDATES). ' +
      '`secret: true` holds a secret ballot. The answer carries the new electionId.',
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
    description:
      'An open ballot names the candidate (BallotCast). In a secret round the unit names none: the log records its receipt ' +
      '(SecretBallotCast; its event id in the answer), so it cannot vote twice (409 ALREADY_VOTED), and never whom it chose.',
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
      'Quorum: more than half the members voted (half is not enough). A first round elects the candidate with more than half ' +
      'of the ballots cast (exactly half is not a majority); without one, `runOffCandidates` names the run-off (the two leaders, ' +
      'all tied for second included), which elects by plurality; a tie in a run-off is recorded and decided by a new run-off. ' +
      "A secret round is closed with the counting committee's `count`, which must add up to the receipts (422 COUNT_MISMATCH).",
    body: {
      type: CloseElectionDto,
      description: 'The date of the count (optional); a secret round: the count',
      example: DEMO_BODIES.closeElection,
    },
  })
  closeElection(
    @Year() ref: YearRef,
    @Param('electionId', new IdParam('electionId')) electionId: string,
    @Body() body: CloseElectionDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new CloseElectionCommand(ctx, ref, { ...body, electionId }, ifMatch));
  }
}
