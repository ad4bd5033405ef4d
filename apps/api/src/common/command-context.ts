import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AppendResult, NewEventMetadata } from '@thidua/event-store';
import { canonicalJson } from '@thidua/domain';
import type { Actor } from '../auth/roles.js';
import type { CommandResult } from '../write-model/command-result.js';
import { ApiError } from './api-error.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:@-]{1,200}$/;

/**
 * What the HTTP layer adds to every command: who (from the token, never the body), when (the
 * server clock: the domain never reads one), which request, and fresh ids.
 */
export interface CommandContext {
  actor: Actor;
  /** ISO-8601 instant the API received the command. */
  occurredAt: string;
  correlationId: string;
  /** Id of this command; every event it produces names it as its cause. */
  causationId: string;
  /** From the Idempotency-Key header, when given. */
  idempotencyKey?: string;
  /** sha256 of method, path and canonical body: the same key with another body is refused. */
  requestHash?: string;
  /** A fresh uuid (event ids, entry ids). */
  newId(): string;
}

/** Builds the context from a request that passed AuthGuard. */
export function commandContextFrom(
  request: Pick<FastifyRequest, 'id' | 'headers' | 'method' | 'url' | 'body'> & { actor?: Actor },
  now: Date = new Date(),
): CommandContext {
  if (!request.actor) throw new Error('command context needs an authenticated route (@Roles)');
  const context: CommandContext = {
    actor: request.actor,
    occurredAt: now.toISOString(),
    correlationId: request.id,
    causationId: randomUUID(),
    newId: randomUUID,
  };
  const key = request.headers[IDEMPOTENCY_HEADER];
  if (key !== undefined) {
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError(
        400,
        'VALIDATION_FAILED',
        'Idempotency-Key must be 1 to 200 safe characters',
        'Idempotency-Key',
      );
    }
    const path = request.url.split('?')[0];
    context.idempotencyKey = key;
    context.requestHash = createHash('sha256')
      .update(canonicalJson({ method: request.method, path, body: request.body ?? null }), 'utf8')
      .digest('hex');
  }
  return context;
}

/** `@CommandCtx() ctx: CommandContext` in a controller method (on a @Roles route). */
export const CommandCtx = createParamDecorator(
  (_data: unknown, execution: ExecutionContext): CommandContext =>
    commandContextFrom(execution.switchToHttp().getRequest()),
);

/** Same decorator, shorter name (clashes with @nestjs/cqrs's `Command` class if both are imported). */
export const Command = CommandCtx;

/** Event metadata for the store; `prevHash`/`hash` are the store's to add. */
export function eventMetadata(
  context: CommandContext,
  options: { schemaVersion: number; reason?: string | undefined },
): NewEventMetadata {
  const metadata: NewEventMetadata = {
    actor: context.actor,
    occurredAt: context.occurredAt,
    correlationId: context.correlationId,
    causationId: context.causationId,
    schemaVersion: options.schemaVersion,
  };
  if (options.reason !== undefined) metadata.reason = options.reason;
  if (context.requestHash !== undefined) metadata.requestHash = context.requestHash;
  return metadata;
}

/** The 201 body of every command (DESIGN.md §6). */
export function commandResponse(result: AppendResult | CommandResult): CommandResult {
  return {
    streamId: result.streamId,
    revision: result.revision,
    position: result.position,
    eventIds: result.eventIds,
  };
}
