import {
  applyDecorators,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHideProperty, ApiQuery, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { EventStore } from '@thidua/event-store';
import { EVENT_STORE, PROJECTION_RUNNER } from '../infrastructure/tokens.js';
import { ApiError } from './api-error.js';

export const MIN_POSITION_PARAM = 'minPosition';
const WAIT_FOR_KEY = 'thidua:wait-for-projections';

/** What read-your-writes needs of the projection runner. */
export interface ProjectionWaiter {
  waitFor(position: number, timeoutMs: number, projections?: string[]): Promise<boolean>;
}

/**
 * For query DTOs (the global ValidationPipe refuses unknown query fields): extend this so
 * `?minPosition=` is allowed. Documented by @WaitForProjections, hence hidden here.
 */
export class MinPositionQuery {
  @ApiHideProperty()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minPosition?: number;
}

/** Parses `?minPosition=`: absent → undefined; not a non-negative integer → 400. */
export function parseMinPosition(raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = typeof raw === 'string' && /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value)) {
    throw new ApiError(
      400,
      'VALIDATION_FAILED',
      'minPosition must be a non-negative integer',
      MIN_POSITION_PARAM,
    );
  }
  return value;
}

/** Waits (bounded by READ_WAIT_MAX_MS) until the projections have applied `minPosition`. */
@Injectable()
export class ReadYourWrites {
  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionWaiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly events: Pick<EventStore, 'headPosition'>,
  ) {}

  async waitFor(minPosition: number | undefined, projections?: string[]): Promise<void> {
    if (minPosition === undefined || minPosition === 0) return;
    // A position the log has not reached was never answered by a command: waiting would not bring it.
    const head = await this.events.headPosition();
    if (minPosition > head) {
      throw new ApiError(
        422,
        'POSITION_BEYOND_HEAD',
        `minPosition ${minPosition} is beyond the head of the log (${head})`,
        MIN_POSITION_PARAM,
        { 'x-log-head': String(head) },
        { head },
      );
    }
    const reached = await this.runner.waitFor(minPosition, this.config.readWaitMaxMs, projections);
    if (!reached) {
      const which = projections?.length ? projections.join(', ') : 'the projections';
      throw new ApiError(
        503,
        'PROJECTION_BEHIND',
        `${which} did not reach position ${minPosition} within ${this.config.readWaitMaxMs} ms; retry later`,
        MIN_POSITION_PARAM,
        { 'retry-after': '1' },
      );
    }
  }
}

/**
 * Waits before the handler, after AuthGuard (global guards run first) and before the pipes, as an
 * interceptor would — but a guard costs nothing when there is no `?minPosition=`: no interceptor means
 * Nest calls the handler without building an rxjs chain per request.
 */
@Injectable()
export class ReadYourWritesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const query = context.switchToHttp().getRequest<{ query?: Record<string, unknown> }>().query ?? {};
    const minPosition = parseMinPosition(query[MIN_POSITION_PARAM]);
    if (minPosition === undefined || minPosition === 0) return true;
    const projections = this.reflector.get<string[] | undefined>(WAIT_FOR_KEY, context.getHandler());
    return this.readYourWrites.waitFor(minPosition, projections).then(() => true);
  }
}

/**
 * On a GET that reads projections: accepts `?minPosition=N` (a command's `position`) and answers
 * only once the named projections (all when none are named) have applied it, or 503
 * PROJECTION_BEHIND with Retry-After after READ_WAIT_MAX_MS; a position beyond the log's head is
 * refused at once (422 POSITION_BEYOND_HEAD, the head in the body and in `x-log-head`).
 */
export function WaitForProjections(...projections: string[]): MethodDecorator {
  return applyDecorators(
    SetMetadata(WAIT_FOR_KEY, projections.length ? projections : undefined),
    UseGuards(ReadYourWritesGuard),
    ApiQuery({
      name: MIN_POSITION_PARAM,
      required: false,
      type: 'integer',
      description:
        "Read-your-writes: a command's `position`; the answer waits until the projection has applied it. " +
        "A position beyond the log's head: 422 POSITION_BEYOND_HEAD at once (the head in the body and in x-log-head).",
    }),
    ApiServiceUnavailableResponse({
      description: 'PROJECTION_BEHIND: the projection did not reach minPosition in time',
    }),
  );
}
