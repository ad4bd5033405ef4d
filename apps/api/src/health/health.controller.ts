import { Controller, Get, Inject, Query, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import type { EventStore, LogIntegrity } from '@thidua/event-store';
import type { ProjectionReadView, ProjectionStatusReport } from '@thidua/projections';
import { Public } from '../auth/auth.decorators.js';
import { NoQuery } from '../common/validation.js';
import { EVENT_STORE, LOG_INTEGRITY, PROJECTION_RUNNER } from '../infrastructure/tokens.js';
import type { MeteredEventStore } from '../metrics/metered-event-store.js';
import { ApiErrors, ApiResult, schemaRef } from '../openapi/api-result.js';
import type { Liveness, NotReady, Readiness } from './health.types.js';

const NO_QUERY = () =>
  ApiErrors({ 400: 'VALIDATION_FAILED: this route takes no query parameter (field names it)' });

const NOT_READY = () =>
  ApiResponse({
    status: 503,
    description:
      'NOT_READY: event store unreachable, or a projection stalled (named, with its position and error) or cut off from the event store',
    schema: schemaRef('NotReady'),
  });

const PROBE_TIMEOUT_MS = 3000;

/**
 * Liveness says the process answers; readiness says it can serve: the log passed its integrity checks
 * (the start-up check and every read so far), the event store answers and takes writes (after a storage
 * failure, a write probe says whether space is back), and no projection is stalled, stopped by an
 * integrity failure (named with its position and error, DESIGN.md §2) or cut off from the event store
 * (named with the outage's start, attempts and last error while it resubscribes).
 */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(LOG_INTEGRITY) private readonly integrity: LogIntegrity,
    /** The runner, or in a stateless API replica the follower of apps/projector's records. */
    @Inject(PROJECTION_RUNNER) private readonly projectionView: ProjectionReadView,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up (no dependency checked)' })
  @ApiResult('Liveness', 'alive')
  @NO_QUERY()
  getLiveness(@Query() _query: NoQuery): Liveness {
    return { status: 'ok' };
  }

  @Get()
  @ApiOperation({ summary: 'Readiness (same as /health/ready)' })
  @ApiResult('Readiness', 'ready')
  @NOT_READY()
  @NO_QUERY()
  getHealth(
    @Query() query: NoQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readiness | NotReady> {
    return this.getReadiness(query, reply);
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: event store reachable, no projection stalled or cut off from the event store',
  })
  @ApiResult('Readiness', 'ready')
  @NOT_READY()
  @NO_QUERY()
  async getReadiness(
    @Query() _query: NoQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readiness | NotReady> {
    try {
      return (await this.health.check([() => this.eventStore(), () => this.projections()])) as Readiness;
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // Keep terminus' details, under the API's own error shape.
      const result = error.getResponse() as HealthCheckResult;
      void reply.status(503);
      return { code: 'NOT_READY', message: describeFailures(result), ...(result as Readiness) };
    }
  }

  private async eventStore() {
    const indicator = this.indicators.check('eventStore');
    const kind = this.events.kind;
    const failures = this.integrity.failures();
    if (failures.length > 0) {
      return indicator.down({
        kind,
        message: `integrity failure (appends refused): ${failures.map((f) => f.detail).join('; ')}`,
        integrity: failures,
      });
    }
    try {
      const storage = await withTimeout(
        (this.events as Partial<MeteredEventStore>).storageProblem?.() ?? Promise.resolve(undefined),
        PROBE_TIMEOUT_MS,
      );
      if (storage) {
        // The reason without the file: readiness is public.
        const { code, reason } = storage as { code?: string; reason?: string };
        return indicator.down({
          kind,
          code,
          message: `storage takes no writes (${code}): ${reason ?? 'unknown'}`,
        });
      }
      const head = await withTimeout(this.events.headPosition(), PROBE_TIMEOUT_MS);
      return indicator.up({ kind, head });
    } catch (error) {
      return indicator.down({ kind, message: (error as Error).message });
    }
  }

  private async projections() {
    const indicator = this.indicators.check('projections');
    let statuses: ProjectionStatusReport[];
    try {
      statuses = await withTimeout(this.projectionView.status(), PROBE_TIMEOUT_MS);
    } catch (error) {
      return indicator.down({ message: `projection status unavailable: ${(error as Error).message}` });
    }
    const byName = Object.fromEntries(
      statuses.map((s) => [
        s.name,
        {
          status: s.status,
          version: s.version,
          position: s.position,
          head: s.head,
          lag: s.lag,
          error: s.error,
          outage: s.outage,
        },
      ]),
    );
    const stalled = statuses
      .filter((s) => s.status === 'stalled' || s.status === 'integrity-failure')
      .map((s) => s.name);
    // Cut off from the event store: it resubscribes by itself, but serves a checkpoint that stands still.
    const interrupted = statuses.filter((s) => s.outage).map((s) => s.name);
    return stalled.length > 0 || interrupted.length > 0
      ? indicator.down({ stalled, interrupted, projections: byName })
      : indicator.up({ projections: byName });
  }
}

function describeFailures(result: HealthCheckResult): string {
  const parts = Object.entries(result.error ?? {}).map(([key, value]) => {
    const detail = value as Record<string, unknown>;
    if (key === 'projections' && Array.isArray(detail['stalled'])) {
      const projections = detail['projections'] as Record<
        string,
        {
          status: string;
          position: number;
          error?: { position: number; type: string; message: string; streamId?: string; revision?: number };
          outage?: { since: string; attempts: number; message: string };
        }
      >;
      const stalled = (detail['stalled'] as string[]).map((name) => {
        const p = projections[name];
        const e = p?.error;
        const event = e?.streamId === undefined ? e?.type : `stream ${e.streamId} revision ${e.revision}`;
        const at = e ? `position ${e.position} (${event})` : `checkpoint ${p?.position}`;
        const how = p?.status === 'integrity-failure' ? 'stopped by an integrity failure' : 'stalled';
        return `projection ${name} ${how} at ${at}: ${e?.message ?? 'unknown error'}`;
      });
      const interrupted = ((detail['interrupted'] as string[] | undefined) ?? []).map((name) => {
        const outage = projections[name]?.outage;
        return `projection ${name} cut off from the event store since ${outage?.since} (attempt ${outage?.attempts}, resubscribing): ${outage?.message}`;
      });
      return [...stalled, ...interrupted].join('; ');
    }
    return `${key}: ${String(detail['message'] ?? 'down')}`;
  });
  return parts.length > 0 ? `not ready: ${parts.join('; ')}` : 'not ready';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
