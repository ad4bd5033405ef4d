import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Logger } from 'pino';
import {
  type ProjectionDefinition,
  type ProjectionReadView,
  ProjectionRunner,
  type ProjectionStatusReport,
} from '@thidua/projections';
import { Roles } from '../auth/auth.decorators.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ApiError } from '../common/api-error.js';
import { NoBody } from '../common/validation.js';
import { LOGGER, PROJECTION_DEFINITIONS, PROJECTION_RUNNER } from '../infrastructure/tokens.js';
import { ApiErrors, ApiResult } from '../openapi/api-result.js';
import type { RebuildAccepted } from './admin.types.js';
import { ProjectionThread } from '../infrastructure/projection-thread.js';

/** Quản trị (administration) of the read models: status, lag, errors; rebuild from the log. */
@ApiTags('admin')
@Controller('admin/projections')
export class ProjectionsController {
  private readonly rebuilding = new Set<string>();

  constructor(
    /** The runner when this API runs the projections, else a follower (GET works, rebuild answers 409). */
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionReadView,
    @Inject(PROJECTION_DEFINITIONS) private readonly definitions: ProjectionDefinition[],
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles('admin', 'inspector')
  @ApiOperation({
    summary: 'Every projection: version, generation, status, position, head, lag, error if stalled',
  })
  @ApiResult('ProjectionStatusList', 'Every projection')
  listProjections(): Promise<ProjectionStatusReport[]> {
    return this.projections.status();
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @Roles('admin')
  @ApiParam({
    name: 'name',
    description:
      'A projection: cluster-directory, rankings, unit-history, yearly-totals, people, reported-figures or ' +
      'award-register',
    example: 'rankings',
  })
  @ApiOperation({
    summary:
      'Rebuild a projection from the log beside the serving one; switches when it has caught up (runs in the background)',
  })
  @ApiResult('RebuildAccepted', 'Rebuild started', 202)
  @ApiErrors({
    404: 'PROJECTION_NOT_FOUND (field name)',
    409: 'PROJECTIONS_NOT_IN_PROCESS (apps/projector runs them) or REBUILD_IN_PROGRESS',
  })
  rebuildProjection(@Param('name') name: string, @NoBody() _body: undefined): RebuildAccepted {
    if (!this.definitions.some((d) => d.name === name)) {
      throw new ApiError(404, 'PROJECTION_NOT_FOUND', `no projection named ${name}`, 'name');
    }
    // On this thread (ProjectionRunner) or on the projection worker (ProjectionThread).
    const runner =
      this.projections instanceof ProjectionRunner || this.projections instanceof ProjectionThread
        ? this.projections
        : undefined;
    if (!this.config.projectionsInProcess || !runner) {
      throw new ApiError(
        409,
        'PROJECTIONS_NOT_IN_PROCESS',
        'this API does not run the projections (PROJECTIONS_IN_PROCESS=false); stop apps/projector and run `npm run cli -- rebuild NAME`',
      );
    }
    if (this.rebuilding.has(name)) {
      throw new ApiError(409, 'REBUILD_IN_PROGRESS', `projection ${name} is already being rebuilt`, 'name');
    }
    this.rebuilding.add(name);
    const log = this.logger.child({ projection: name });
    log.info('rebuild started');
    runner
      .rebuild(name)
      .then(() => log.info('rebuild finished'))
      .catch((error: unknown) => log.error({ err: error }, 'rebuild failed'))
      .finally(() => this.rebuilding.delete(name));
    return { projection: name, status: 'rebuilding', statusUrl: '/admin/projections' };
  }
}
