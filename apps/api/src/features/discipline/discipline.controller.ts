import { Body, Controller, Param, Post, type PipeTransform } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { DisciplineSubject } from '@thidua/domain';
import { Roles } from '../../auth/auth.decorators.js';
import { ApiError } from '../../common/api-error.js';
import { Command, type CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { DEMO, DEMO_BODIES, DEMO_KEYS } from '../../openapi/demo-examples.js';
import { ApiCommand } from '../write/api-command.js';
import { IdParam, IfMatch } from '../write/http-params.js';
import { DisciplineCommandMessage, type DisciplineCaseOpened } from './discipline.handler.js';
import { ClearDisciplineDto, DecideDisciplineDto, OpenDisciplineCaseDto } from './discipline.dto.js';

/** `{subjectKind}`: unit or person. */
class SubjectKindParam implements PipeTransform<string, 'unit' | 'person'> {
  transform(value: string): 'unit' | 'person' {
    if (value !== 'unit' && value !== 'person')
      throw new ApiError(400, 'VALIDATION_FAILED', 'subjectKind must be unit or person', 'subjectKind');
    return value;
  }
}

const CASE_PARAM = {
  name: 'caseId',
  description: 'The case, as POST …/cases answered it (the example: the case the POST example opens)',
  example: DEMO.caseId,
};

const subjectOf = (kind: 'unit' | 'person', id: string): DisciplineSubject =>
  kind === 'unit' ? { kind, unitId: id } : { kind, personId: id };

const RULE =
  'Facts of discipline (kỷ luật) of a unit or a person, kept by an organizer or an administrator. While a case is ' +
  'pending (opened, not decided) or its discipline runs (from the decision to runsUntil, inclusive), the subject ' +
  'gets no title or award: an award decision dated then is refused (422 RECIPIENT_UNDER_DISCIPLINE; TT ' +
  '12/2019/TT-BCA art. 2). People are named by a person id (the id a person registry will use).';

/** Kỷ luật: discipline cases of units and people. */
@ApiTags('discipline')
@ApiParam({
  name: 'subjectKind',
  description: 'unit or person',
  schema: { type: 'string', enum: ['unit', 'person'], example: 'person' },
})
@ApiParam({
  name: 'subjectId',
  description: 'The unit id or the person id',
  example: DEMO.disciplinedPerson,
})
@Controller('discipline/:subjectKind/:subjectId/cases')
@Roles('organizer', 'admin')
export class DisciplineController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary: 'Open a discipline case (pending from its date)',
    description: `${RULE} The answer carries the new caseId.`,
    created: 'DisciplineCaseOpened',
    body: {
      type: OpenDisciplineCaseDto,
      description: 'What the case is about, and its date',
      example: DEMO_BODIES.openDisciplineCase,
    },
    idempotencyKey: DEMO_KEYS.openDisciplineCase,
  })
  openDisciplineCase(
    @Param('subjectKind', new SubjectKindParam()) kind: 'unit' | 'person',
    @Param('subjectId', new IdParam('subjectId')) id: string,
    @Body() body: OpenDisciplineCaseDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<DisciplineCaseOpened> {
    return this.commands.execute(
      new DisciplineCommandMessage(ctx, subjectOf(kind, id), { type: 'OpenDisciplineCase', body }, ifMatch),
    ) as Promise<DisciplineCaseOpened>;
  }

  @Post(':caseId/decision')
  @ApiParam(CASE_PARAM)
  @ApiCommand({
    summary: 'Record the disciplinary decision and the period it runs',
    description: RULE,
    body: {
      type: DecideDisciplineDto,
      description: 'The form, the decision number and the last day it runs',
      example: DEMO_BODIES.decideDisciplineCase,
    },
  })
  decideDisciplineCase(
    @Param('subjectKind', new SubjectKindParam()) kind: 'unit' | 'person',
    @Param('subjectId', new IdParam('subjectId')) id: string,
    @Param('caseId', new IdParam('caseId')) caseId: string,
    @Body() body: DecideDisciplineDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new DisciplineCommandMessage(
        ctx,
        subjectOf(kind, id),
        { type: 'DecideDiscipline', body, caseId },
        ifMatch,
      ),
    );
  }

  @Post(':caseId/clearance')
  @ApiParam(CASE_PARAM)
  @ApiCommand({
    summary: 'Clear a case (closed without discipline, or annulled), with a reason',
    description: RULE,
    body: { type: ClearDisciplineDto, description: 'Why', example: DEMO_BODIES.clearDisciplineCase },
  })
  clearDisciplineCase(
    @Param('subjectKind', new SubjectKindParam()) kind: 'unit' | 'person',
    @Param('subjectId', new IdParam('subjectId')) id: string,
    @Param('caseId', new IdParam('caseId')) caseId: string,
    @Body() body: ClearDisciplineDto,
    @Command() ctx: CommandContext,
    @IfMatch() ifMatch?: number,
  ): Promise<CommandResult> {
    return this.commands.execute(
      new DisciplineCommandMessage(
        ctx,
        subjectOf(kind, id),
        { type: 'ClearDiscipline', body, caseId },
        ifMatch,
      ),
    );
  }
}
