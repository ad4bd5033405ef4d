import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { ApiYearParams, Year, YEAR_ROUTE, type YearRef } from '../emulation-year/year-command.js';
import { ApiCommand } from '../write/api-command.js';
import { IdParam, IfMatch } from '../write/http-params.js';
import {
  ComplaintFiledDto,
  EscalateComplaintDto,
  FileComplaintDto,
  FileDecisionComplaintDto,
  ResolveComplaintDto,
} from './complaints.dto.js';
import { ComplaintCommand, type ComplaintFiled, type ComplaintPlace } from './complaints.handler.js';

const FILE =
  'Filed by an officer of the affected unit (for itself, or one of its people by person id), or recorded on receipt ' +
  'by the competent authority. Received within 90 days of the decision or of learning of it (422 ' +
  'COMPLAINT_TIME_BARRED, Luật Khiếu nại 2011 art. 9); due 30 days after receipt. The answer carries the complaintId.';
const RESOLVE = 'By the competent authority of the current level (first: ';
const ESCALATE =
  'The second level (Luật Khiếu nại 2011 art. 33): after a first-level decision not upholding it in full, within 30 ' +
  'days of it; or, unresolved, after its due date and within 30 days of that (422 FIRST_LEVEL_PENDING, ' +
  'ESCALATION_TIME_BARRED, NOTHING_TO_ESCALATE, NO_SUPERIOR_AUTHORITY). Due 45 days after receipt. By the ' +
  'complainant, or recorded by the superior authority.';

/** Khiếu nại about a cluster-year: a score entry, a ranking, a classification, an election, a proposal. */
@ApiTags('complaints')
@ApiYearParams()
@Controller(`${YEAR_ROUTE}/complaints`)
@Roles('unit-officer', 'organizer')
export class YearComplaintsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary:
      'File a complaint (khiếu nại) about the cluster-year: entry, ranking, classification, election, proposal',
    description:
      `${FILE} Resolved first by the cluster's organizer. While a complaint on a ranking or a classification (or, for ` +
      'the year Y, on a proposal) is open, that ranking reads finality "disputed" and no cluster flag is given on it ' +
      '(422 CLUSTER_RANKING_DISPUTED). Not limited by the emulation window.',
    created: ComplaintFiledDto,
  })
  file(
    @Year() ref: YearRef,
    @Body() body: FileComplaintDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<ComplaintFiled> {
    return this.send(
      ctx,
      { kind: 'year', ref },
      { type: 'FileComplaint', body },
      ifMatch,
    ) as Promise<ComplaintFiled>;
  }

  @Post(':complaintId/resolution')
  @ApiParam({ name: 'complaintId' })
  @ApiCommand({
    summary:
      'Resolve a complaint (giải quyết khiếu nại): upheld, partly upheld or rejected, by a numbered decision',
    description: `${RESOLVE}the cluster's organizer; second: the organizer's parent unit).`,
  })
  resolve(
    @Year() ref: YearRef,
    @Param('complaintId', new IdParam('complaintId')) complaintId: string,
    @Body() body: ResolveComplaintDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.send(ctx, { kind: 'year', ref }, { type: 'ResolveComplaint', complaintId, body }, ifMatch);
  }

  @Post(':complaintId/escalation')
  @ApiParam({ name: 'complaintId' })
  @ApiCommand({ summary: 'Take a complaint to the second level (khiếu nại lần hai)', description: ESCALATE })
  escalate(
    @Year() ref: YearRef,
    @Param('complaintId', new IdParam('complaintId')) complaintId: string,
    @Body() body: EscalateComplaintDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.send(ctx, { kind: 'year', ref }, { type: 'EscalateComplaint', complaintId, body }, ifMatch);
  }

  private send(
    ctx: CommandContext,
    place: ComplaintPlace,
    action: ComplaintCommand['action'],
    ifMatch?: number,
  ) {
    return this.commands.execute(new ComplaintCommand(ctx, place, action, ifMatch));
  }
}

/** Khiếu nại about an award decision (quyết định khen thưởng) or one of its awards. */
@ApiTags('complaints')
@ApiParam({ name: 'decisionId' })
@Controller('award-decisions/:decisionId/complaints')
@Roles('unit-officer', 'organizer', 'admin')
export class DecisionComplaintsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary: 'File a complaint about an award decision (or one of its awards)',
    description: `${FILE} Resolved first by the authority that issued the decision (recorded by its emulation office: an organizer or an administrator).`,
    created: ComplaintFiledDto,
  })
  file(
    @Param('decisionId', new IdParam('decisionId')) decisionId: string,
    @Body() body: FileDecisionComplaintDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<ComplaintFiled> {
    return this.send(ctx, decisionId, { type: 'FileComplaint', body }, ifMatch) as Promise<ComplaintFiled>;
  }

  @Post(':complaintId/resolution')
  @ApiParam({ name: 'complaintId' })
  @ApiCommand({
    summary: 'Resolve a complaint about an award decision',
    description: `${RESOLVE}the authority that issued it; second: the next authority up the catalog, e.g. the Prime Minister for the Minister).`,
  })
  resolve(
    @Param('decisionId', new IdParam('decisionId')) decisionId: string,
    @Param('complaintId', new IdParam('complaintId')) complaintId: string,
    @Body() body: ResolveComplaintDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.send(ctx, decisionId, { type: 'ResolveComplaint', complaintId, body }, ifMatch);
  }

  @Post(':complaintId/escalation')
  @ApiParam({ name: 'complaintId' })
  @ApiCommand({
    summary: 'Take a complaint about an award decision to the second level',
    description: ESCALATE,
  })
  escalate(
    @Param('decisionId', new IdParam('decisionId')) decisionId: string,
    @Param('complaintId', new IdParam('complaintId')) complaintId: string,
    @Body() body: EscalateComplaintDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.send(ctx, decisionId, { type: 'EscalateComplaint', complaintId, body }, ifMatch);
  }

  private send(
    ctx: CommandContext,
    decisionId: string,
    action: ComplaintCommand['action'],
    ifMatch?: number,
  ) {
    return this.commands.execute(
      new ComplaintCommand(ctx, { kind: 'decision', decisionId }, action, ifMatch),
    );
  }
}
