import { Body, Controller, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../../common/command-context.js';
import type { CommandResult } from '../../../write-model/command-result.js';
import { ApiCommand } from '../../write/api-command.js';
import { IfMatch } from '../../write/http-params.js';
import { ApiYearParams, Year, YEAR_ROUTE, type YearRef } from '../year-command.js';
import { PutSchemeCommand } from './scheme.command.js';
import { SchemeDto } from './scheme.dto.js';
import { DEMO_BODIES } from '../../../openapi/demo-examples.js';

@ApiTags('emulation-year')
@ApiYearParams()
@Controller(YEAR_ROUTE)
export class SchemeController {
  constructor(private readonly commands: CommandBus) {}

  @Put('scheme')
  @Roles('organizer')
  @ApiCommand({
    summary: 'Publish or amend the criteria and scoring scale (tiêu chí và thang điểm thi đua) of the year',
    description:
      "The cluster's organizer only. The first PUT publishes version 1 (ScoringSchemePublished); each later PUT amends it with a reason (ScoringSchemeAmended, version n+1). Both answer 201 (a new version is created every time). A closed period keeps the version it was sealed with; scores are checked against the version in force.",
    body: {
      type: SchemeDto,
      description:
        'Criteria (tiêu chí) with their groups and maximum points, classification thresholds, tie-breaks; a reason for an amendment',
      example: DEMO_BODIES.publishScheme,
    },
  })
  publishScheme(
    @Year() ref: YearRef,
    @Body() body: SchemeDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new PutSchemeCommand(ctx, ref, body, ifMatch));
  }
}
