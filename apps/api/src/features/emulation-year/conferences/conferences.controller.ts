import { Body, Controller, Post } from '@nestjs/common';
import { Command as CqrsCommand, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../../common/command-context.js';
import { actDate } from '../../write/act-date.js';
import { DEMO_BODIES, DEMO_KEYS } from '../../../openapi/demo-examples.js';
import { ApiCommand } from '../../write/api-command.js';
import { IfMatch } from '../../write/http-params.js';
import { StreamWriter } from '../../write/stream-writer.js';
import { EmulationYearWriter } from '../emulation-year.writer.js';
import { ApiYearParams, Year, YEAR_ROUTE, type YearRef } from '../year-command.js';
import { HoldConferenceDto, IssuePlanDto } from './conferences.dto.js';
import type { ConferenceHeld, PlanIssued } from './conferences.types.js';

type Created = ConferenceHeld | PlanIssued;

export class RecordConferenceOrPlan extends CqrsCommand<Created> {
  constructor(
    readonly ctx: CommandContext,
    readonly ref: YearRef,
    readonly input: { kind: 'conference'; body: HoldConferenceDto } | { kind: 'plan'; body: IssuePlanDto },
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

@CommandHandler(RecordConferenceOrPlan)
export class RecordConferenceOrPlanHandler implements ICommandHandler<RecordConferenceOrPlan> {
  constructor(private readonly year: EmulationYearWriter) {}

  async execute({ ctx, ref, input, expectedRevision }: RecordConferenceOrPlan): Promise<Created> {
    if (input.kind === 'conference') {
      const conferenceId = StreamWriter.newEntityId(ctx, 'conference');
      const { kind, date, place, presidingUnitId, minutes } = input.body;
      const data = {
        conferenceId,
        kind,
        date,
        place,
        presidingUnitId,
        minutes: { reference: minutes.reference, sha256: minutes.sha256 },
      };
      return {
        ...(await this.year.execute(ctx, ref, 'HoldConference', data, { expectedRevision })),
        conferenceId,
      };
    }
    const planId = StreamWriter.newEntityId(ctx, 'plan');
    const data = { planId, title: input.body.title, reference: input.body.reference, ...actDate(input.body) };
    return { ...(await this.year.execute(ctx, ref, 'IssuePlan', data, { expectedRevision })), planId };
  }
}

/** Hội nghị and kế hoạch: the cluster-year's conferences (ký kết, giao ban, sơ kết, tổng kết) and its plan. */
@ApiTags('emulation-year')
@ApiYearParams()
@Controller(YEAR_ROUTE)
@Roles('organizer', 'unit-officer')
export class ConferencesController {
  constructor(private readonly commands: CommandBus) {}

  @Post('conferences')
  @ApiCommand({
    summary: 'Record a conference (hội nghị ký kết, giao ban, sơ kết, tổng kết)',
    description:
      'By the organizer or the chair unit: kind, date (its business date), place, the presiding unit (a member or the ' +
      'organizer: 422 PRESIDING_NOT_IN_CLUSTER) and the minutes by reference and sha256. The answer carries the conferenceId.',
    created: 'ConferenceHeld',
    body: {
      type: HoldConferenceDto,
      description: 'Kind, date, place, presiding unit, minutes (reference and sha256)',
      example: DEMO_BODIES.holdConference,
    },
    idempotencyKey: DEMO_KEYS.holdConference,
  })
  holdConference(
    @Year() ref: YearRef,
    @Body() body: HoldConferenceDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<ConferenceHeld> {
    return this.commands.execute(
      new RecordConferenceOrPlan(ctx, ref, { kind: 'conference', body }, ifMatch),
    ) as Promise<ConferenceHeld>;
  }

  @Post('plans')
  @ApiCommand({
    summary: "Record the cluster's plan for the year (kế hoạch triển khai phong trào thi đua)",
    description: 'By the organizer or the chair unit. The answer carries the planId.',
    created: 'PlanIssued',
    body: { type: IssuePlanDto, description: 'Title and number of the plan', example: DEMO_BODIES.issuePlan },
    idempotencyKey: DEMO_KEYS.issuePlan,
  })
  issuePlan(
    @Year() ref: YearRef,
    @Body() body: IssuePlanDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<PlanIssued> {
    return this.commands.execute(
      new RecordConferenceOrPlan(ctx, ref, { kind: 'plan', body }, ifMatch),
    ) as Promise<PlanIssued>;
  }
}
