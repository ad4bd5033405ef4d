import { Injectable } from '@nestjs/common';
import { type Actor, type Decider, schemaVersionOf } from '@thidua/domain';
import { eventMetadata, type CommandContext } from '../../common/command-context.js';
import type { CommandResult } from '../../write-model/command-result.js';
import { DeciderRunner, type LoadedStream } from '../../write-model/decider-runner.js';
import { entityIdOf } from '../../write-model/deterministic-id.js';

/** A domain command as the deciders take it. */
export interface DomainCommand<T extends string = string, D = object> {
  type: T;
  actor: Actor;
  at: string;
  data: D;
}

export interface WriteOptions<Ctx> {
  streamId: string;
  /** From If-Match. */
  expectedRevision?: number | undefined;
  /** Facts from other streams, loaded in the stream's turn on every attempt. */
  context?: (loaded: LoadedStream) => Promise<Ctx>;
  /**
   * A step of a command that writes to several streams (admission: reservation, admission, release).
   * The Idempotency-Key names the whole request; each step derives its own key (`key#step`: '#' is not
   * allowed in a client's key, so no collision) so that their deterministic event ids differ.
   */
  step?: string;
}

/** The one "build the domain command, decide, append" path every write handler takes. */
@Injectable()
export class StreamWriter {
  constructor(private readonly runner: DeciderRunner) {}

  /** Actor from the verified token and time from the server clock — never from the body. */
  static command<T extends string, D>(ctx: CommandContext, type: T, data: D): DomainCommand<T, D> {
    return { type, actor: ctx.actor, at: ctx.occurredAt, data };
  }

  execute<C extends DomainCommand, S, E extends { type: string; data: object }, Ctx>(
    decider: Decider<C, S, E, Ctx>,
    command: C,
    ctx: CommandContext,
    options: WriteOptions<Ctx>,
  ): Promise<CommandResult> {
    const reason = (command.data as { reason?: unknown }).reason;
    const key = ctx.idempotencyKey;
    return this.runner.execute(decider, command, {
      streamId: options.streamId,
      // schemaVersion here is a placeholder: each event gets its own type's version.
      metadata: eventMetadata(ctx, {
        schemaVersion: 1,
        reason: typeof reason === 'string' ? reason : undefined,
      }),
      schemaVersionOf,
      newId: ctx.newId,
      ...(options.expectedRevision !== undefined && { expectedRevision: options.expectedRevision }),
      ...(key !== undefined && { idempotencyKey: options.step ? `${key}#${options.step}` : key }),
      ...(options.context && { context: options.context }),
    });
  }

  /**
   * The id the server gives a new entity (score entry, dispute, election). Derived from the
   * Idempotency-Key when there is one, so a replayed request answers the same id.
   */
  static newEntityId(ctx: CommandContext, kind: string): string {
    return ctx.idempotencyKey === undefined
      ? ctx.newId()
      : entityIdOf(ctx.actor.id, ctx.idempotencyKey, kind);
  }
}
