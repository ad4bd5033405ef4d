import { Controller, Get, Headers, Inject, Param, Query, Res, type OnModuleDestroy } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ANY_ROLE, Roles } from '../../auth/auth.decorators.js';
import { ApiError } from '../../common/api-error.js';
import { ReadModels } from '../../common/read-models.js';
import { NoQuery } from '../../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ApiErrors, schemaRef } from '../../openapi/api-result.js';
import { DEMO } from '../../openapi/demo-examples.js';
import { clusterYearOr404 } from '../queries/directory.handlers.js';
import { IdParam, YearParam } from '../write/http-params.js';
import { ChangeFeed } from './change-feed.js';
import type { ClusterYearChange } from './live.types.js';

const LAST_EVENT_ID = 'Last-Event-ID';
/** JSON Schema words Nest's types lack: the body is a text stream whose messages carry ClusterYearChange. */
const STREAM_SCHEMA = {
  type: 'string',
  contentMediaType: 'text/event-stream',
  contentSchema: schemaRef('ClusterYearChange'),
} as never; // Nest's SchemaObject type predates these JSON Schema words
/** What EventSource waits before reconnecting after a dropped stream. */
const RETRY_MS = 3000;

/** Cập nhật trực tiếp: live updates of a cluster-year for dashboards (Server-Sent Events). */
@ApiTags('live')
@Controller('clusters')
export class ChangesController implements OnModuleDestroy {
  /** Ends each open stream (the app is closing: the server cannot close while they stay open). */
  private readonly open = new Set<() => void>();

  constructor(
    private readonly feed: ChangeFeed,
    private readonly reads: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':clusterId/years/:year/changes')
  @Roles(...ANY_ROLE)
  @ApiParam({
    name: 'clusterId',
    description: 'The emulation cluster (Cụm thi đua)',
    example: DEMO.clusterId,
  })
  @ApiParam({ name: 'year', type: 'integer', description: 'The emulation year', example: DEMO.year })
  @ApiHeader({
    name: LAST_EVENT_ID,
    required: false,
    description:
      'Resume: the `id` of the last message received (a log position). The changes after it are sent first, ' +
      'then live ones; without it, only changes from now on.',
    schema: { type: 'string', pattern: '^\\d{1,16}$' },
  })
  @ApiOperation({
    summary: "Live updates: a Server-Sent Events stream telling that the cluster-year's projections moved",
    description:
      'text/event-stream. Each event of the cluster-year, once the projections that handle it have applied it (or ' +
      'after 5 s), is one message: `id: <position>`, `event: change`, `data: <ClusterYearChange JSON>` (position, ' +
      'event type, the period it names, the projections that moved). Re-read what you show with ' +
      '`?minPosition=<position>`. A comment line (`: heartbeat`) comes every SSE_HEARTBEAT_MS so idle streams stay ' +
      'open; `retry:` tells EventSource to reconnect after 3 s. Resume with the Last-Event-ID header. The bearer ' +
      'token is required: read the stream with fetch (EventSource cannot send it). A process keeps at most ' +
      'SSE_MAX_STREAMS streams open; one more answers 503 TOO_MANY_STREAMS with Retry-After.',
  })
  @ApiResponse({
    status: 200,
    description: 'The stream; each `data:` line is a ClusterYearChange',
    content: {
      'text/event-stream': {
        schema: STREAM_SCHEMA,
        example: `retry: ${RETRY_MS}\n\nid: 118\nevent: change\ndata: {"clusterId":"bca-cum-2","year":2021,"position":118,"eventId":"…","type":"ScoreRecorded","period":"Q2","projections":["cluster-directory","rankings","unit-history"]}\n\n: heartbeat\n\n`,
      },
    },
  })
  @ApiErrors({
    400: 'VALIDATION_FAILED: field clusterId, year or Last-Event-ID',
    404: 'CLUSTER_NOT_FOUND (field clusterId) or CLUSTER_YEAR_NOT_FOUND (field year)',
    422: "LAST_EVENT_ID_BEYOND_HEAD (field Last-Event-ID): a position past the log's head; the body gives `head`",
    503:
      'TOO_MANY_STREAMS: SSE_MAX_STREAMS streams are open in this process; see Retry-After. PROJECTION_UNAVAILABLE: ' +
      'the directory is not served yet',
  })
  async streamChanges(
    @Param('clusterId', new IdParam('clusterId')) clusterId: string,
    @Param('year', YearParam) year: number,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Query() _query: NoQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const resumeAfter = parseLastEventId(lastEventId);
    if (this.open.size >= this.config.sseMaxStreams) {
      throw new ApiError(
        503,
        'TOO_MANY_STREAMS',
        `${this.config.sseMaxStreams} live-update streams are open in this process; retry later`,
        undefined,
        { 'retry-after': '5' },
      );
    }
    await clusterYearOr404(this.reads, clusterId, year);
    const head = await this.feed.headPosition();
    if (resumeAfter !== undefined && resumeAfter > head) {
      throw new ApiError(
        422,
        'LAST_EVENT_ID_BEYOND_HEAD',
        `Last-Event-ID ${resumeAfter} is beyond the log's head (position ${head})`,
        LAST_EVENT_ID,
        {},
        { head },
      );
    }
    await this.serve(reply, clusterId, year, resumeAfter);
  }

  onModuleDestroy(): void {
    for (const end of [...this.open]) end();
  }

  /**
   * Streams the changes after `resumeAfter` (those missed, read from the log), or from now on without it,
   * then live ones: each once, in order.
   */
  private async serve(
    reply: FastifyReply,
    clusterId: string,
    year: number,
    resumeAfter: number | undefined,
  ): Promise<void> {
    const raw = reply.raw;
    let sent = resumeAfter ?? Number.MAX_SAFE_INTEGER;
    let live = false;
    const waiting: ClusterYearChange[] = [];
    const send = (change: ClusterYearChange): void => {
      if (change.position <= sent) return;
      sent = change.position;
      raw.write(`id: ${change.position}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`);
    };
    const end = (): void => void raw.end();
    this.open.add(end); // counted at once: streams opened together cannot pass the bound
    let unlisten: () => void;
    try {
      // Listening first, then reading what was missed: a change lands in one or both, never in neither.
      unlisten = await this.feed.listen(clusterId, year, (change) =>
        live ? send(change) : waiting.push(change),
      );
    } catch (error) {
      this.open.delete(end);
      throw error;
    }
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), this.config.sseHeartbeatMs);
    const close = (): void => {
      if (!this.open.delete(end)) return;
      clearInterval(heartbeat);
      unlisten();
    };
    raw.on('close', close);
    reply.hijack();
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: ${RETRY_MS}\n\n`);
    try {
      // Listening already: what landed before this point is missed (resume) or not wanted (from now on).
      if (resumeAfter === undefined) sent = await this.feed.headPosition();
      else for (const change of await this.feed.replay(clusterId, year, resumeAfter)) send(change);
      for (const change of waiting) send(change);
      live = true;
    } catch (error) {
      reply.log.error({ err: error }, 'live-update stream failed while catching up');
      close();
      raw.end();
    }
  }
}

/** `Last-Event-ID`: a log position this stream sent; absent → undefined; anything else → 400. */
function parseLastEventId(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = /^\d{1,16}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(value)) {
    throw new ApiError(
      400,
      'VALIDATION_FAILED',
      'Last-Event-ID must be a log position (an integer)',
      LAST_EVENT_ID,
    );
  }
  return value;
}
