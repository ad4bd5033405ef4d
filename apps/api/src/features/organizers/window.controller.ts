import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators.js';
import { Command, type CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { DEMO, DEMO_BODIES } from '../../openapi/demo-examples.js';
import { ApiCommand } from '../write/api-command.js';
import { IdParam, IfMatch, YearParam } from '../write/http-params.js';
import { SetEmulationWindowCommand } from './window.handler.js';
import { EmulationWindowDto } from './window.dto.js';

/** An organizer's recorded policies per year: its emulation window (thời gian tính thi đua). */
@ApiTags('organizers')
@Controller('organizers/:organizerUnitId/years/:year')
@Roles('organizer', 'admin')
export class WindowController {
  constructor(private readonly commands: CommandBus) {}

  @Put('window')
  @ApiParam({ name: 'organizerUnitId', description: 'The organizer unit', example: DEMO.organizerId })
  @ApiParam({ name: 'year', type: 'integer', description: 'The emulation year', example: DEMO.windowYear })
  @ApiCommand({
    summary:
      "Record the organizer's emulation window for a year (e.g. the Ministry's year closing in November)",
    description:
      'Writes EmulationWindowSet to `window-{organizerUnitId}-{year}`. Every act of the organizer’s cluster-years of ' +
      'that year must then be dated from opensOn to closesOn (422 EFFECTIVE_DATE_OUTSIDE_WINDOW), and a period is ' +
      'closed no earlier than its end — Q4 and Y end on closesOn when that is earlier than 31/12 — unless reviewsFrom ' +
      'allows it sooner (422 REVIEW_BEFORE_PERIOD_END). Complaints are not limited by the window. Without a recorded ' +
      'window there is no window limit. By the organizer of that unit or an administrator; replacing a window needs ' +
      'a reason.',
    body: {
      type: EmulationWindowDto,
      description: 'opensOn, closesOn, reviewsFrom per period, and why',
      example: DEMO_BODIES.setEmulationWindow,
    },
  })
  setEmulationWindow(
    @Param('organizerUnitId', new IdParam('organizerUnitId')) organizerUnitId: string,
    @Param('year', YearParam) year: number,
    @Body() body: EmulationWindowDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(new SetEmulationWindowCommand(ctx, organizerUnitId, year, body, ifMatch));
  }
}
