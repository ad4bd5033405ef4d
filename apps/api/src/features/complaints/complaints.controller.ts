import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { Year, YEAR_ROUTE, type YearRef } from '../emulation-year/year-command.js';
import { DEMO, DEMO_BODIES, DEMO_KEYS } from '../../openapi/demo-examples.js';
import { ApiCommand } from '../write/api-command.js';
import { IdParam, IfMatch } from '../write/http-params.js';
import {
  EscalateComplaintDto,
  FileComplaintDto,
  FileDecisionComplaintDto,
  ResolveComplaintDto,
} from './complaints.dto.js';
import { ComplaintCommand, type ComplaintFiled, type ComplaintPlace } from './complaints.handler.js';

const YEAR_COMPLAINT_PARAM = {
  name: 'complaintId',
  description:
    'The complaint, as POST …/complaints answered it (the example: the one the POST example files)',
  example: DEMO.complaintId,
};
const DECISION_COMPLAINT_PARAM = { ...YEAR_COMPLAINT_PARAM, example: DEMO.decisionComplaintId };

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
@ApiParam({
  name: 'clusterId',
  description: 'The emulation cluster (Cụm thi đua)',
  example: DEMO.htClusterId,
})
@ApiParam({ name: 'year', type: 'integer', description: 'The emulation year', example: DEMO.year })
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
    created: 'ComplaintFiled',
    body: {
      type: FileComplaintDto,
      description: 'What it is about, who files it, what it says, when it was received',
      example: DEMO_BODIES.fileComplaint,
    },
    idempotencyKey: DEMO_KEYS.fileComplaint,
  })
  fileComplaint(
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
  @ApiParam(YEAR_COMPLAINT_PARAM)
  @ApiCommand({
    summary:
      'Resolve a complaint (giải quyết khiếu nại): upheld, partly upheld or rejected, by a numbered decision',
    description: `${RESOLVE}the cluster's organizer; second: the organizer's parent unit).`,
    body: {
      type: ResolveComplaintDto,
      description: 'The outcome, why, and the number of the resolution decision',
      example: DEMO_BODIES.resolveComplaint,
    },
  })
  resolveComplaint(
    @Year() ref: YearRef,
    @Param('complaintId', new IdParam('complaintId')) complaintId: string,
    @Body() body: ResolveComplaintDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.send(ctx, { kind: 'year', ref }, { type: 'ResolveComplaint', complaintId, body }, ifMatch);
  }

  @Post(':complaintId/escalation')
  @ApiParam(YEAR_COMPLAINT_PARAM)
  @ApiCommand({
    summary: 'Take a complaint to the second level (khiếu nại lần hai)',
    description: ESCALATE,
    body: {
      type: EscalateComplaintDto,
      description: 'Why, and when the second level received it',
      example: DEMO_BODIES.escalateComplaint,
    },
  })
  escalateComplaint(
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
@ApiParam({
  name: 'decisionId',
  description:
    'The award decision (the example: the Minister’s Bằng khen decision of Cụm 7, 2023, in the demo)',
  example: DEMO.decisionId,
})
@Controller('award-decisions/:decisionId/complaints')
@Roles('unit-officer', 'organizer', 'admin')
export class DecisionComplaintsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary: 'File a complaint about an award decision (or one of its awards)',
    description: `${FILE} Resolved first by the authority that issued the decision (recorded by its emulation office: an organizer or an administrator).`,
    created: 'ComplaintFiled',
    body: {
      type: FileDecisionComplaintDto,
      description:
        'Who files it, what it says, when it was received (and, optionally, the one award it is about)',
      example: DEMO_BODIES.fileDecisionComplaint,
    },
    idempotencyKey: DEMO_KEYS.fileDecisionComplaint,
  })
  fileDecisionComplaint(
    @Param('decisionId', new IdParam('decisionId')) decisionId: string,
    @Body() body: FileDecisionComplaintDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<ComplaintFiled> {
    return this.send(ctx, decisionId, { type: 'FileComplaint', body }, ifMatch) as Promise<ComplaintFiled>;
  }

  @Post(':complaintId/resolution')
  @ApiParam(DECISION_COMPLAINT_PARAM)
  @ApiCommand({
    summary: 'Resolve a complaint about an award decision',
    description: `${RESOLVE}the authority that issued it; second: the next authority up the catalog, e.g. the Prime Minister for the Minister).`,
    body: {
      type: ResolveComplaintDto,
      description: 'The outcome, why, and the number of the resolution decision',
      example: DEMO_BODIES.resolveDecisionComplaint,
    },
  })
  resolveDecisionComplaint(
    @Param('decisionId', new IdParam('decisionId')) decisionId: string,
    @Param('complaintId', new IdParam('complaintId')) complaintId: string,
    @Body() body: ResolveComplaintDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.send(ctx, decisionId, { type: 'ResolveComplaint', complaintId, body }, ifMatch);
  }

  @Post(':complaintId/escalation')
  @ApiParam(DECISION_COMPLAINT_PARAM)
  @ApiCommand({
    summary: 'Take a complaint about an award decision to the second level',
    description: ESCALATE,
    body: {
      type: EscalateComplaintDto,
      description: 'Why, and when the second level received it',
      example: DEMO_BODIES.escalateDecisionComplaint,
    },
  })
  escalateDecisionComplaint(
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
