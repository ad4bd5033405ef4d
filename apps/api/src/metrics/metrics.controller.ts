import { Controller, Get, Header, Inject, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { NoQuery } from '../common/validation.js';
import { ApiErrors } from '../openapi/api-result.js';
import { METRICS, type Metrics } from './metrics.js';

/**
 * Public on purpose: Prometheus scrapers carry no JWT, and the figures (counts, latencies,
 * projection lag) reveal no ledger content. Restrict it at the network level if that matters.
 */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS) private readonly metrics: Metrics) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary:
      'Prometheus metrics (public): appends, append latency, projection lag and position, HTTP durations',
  })
  @ApiResponse({
    status: 200,
    description: 'Prometheus text exposition format',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiErrors({ 400: 'VALIDATION_FAILED: this route takes no query parameter (field names it)' })
  async getMetrics(
    @Query() _query: NoQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    void reply.type(this.metrics.contentType);
    return this.metrics.render();
  }
}
