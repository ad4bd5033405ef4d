import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { membershipDecider, membershipStream, notFound, type ReleaseMembership } from '@thidua/domain';
import type { CommandContext } from '../../../common/command-context.js';
import { LOGGER } from '../../../infrastructure/tokens.js';
import type { CommandResult } from '../../../write-model/command-result.js';
import { StreamContexts } from '../../write/stream-contexts.js';
import { StreamWriter } from '../../write/stream-writer.js';
import type { YearRef } from '../year-command.js';

/**
 * The organizer's yearly registry `membership-{organizer}-{year}` that makes "a unit is in at most one
 * cluster of the same organizer per year" race-free: admission reserves the unit there first (appended
 * at the registry's revision, so two admissions cannot both succeed), withdrawal releases it.
 */
@Injectable()
export class MembershipRegistry {
  constructor(
    private readonly writer: StreamWriter,
    private readonly contexts: StreamContexts,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The organizer of the cluster, or 404: the registry to use depends on it. */
  async organizerOf(clusterId: string): Promise<string> {
    const cluster = await this.contexts.cluster(clusterId);
    if (!cluster) throw notFound('CLUSTER_NOT_FOUND', `cluster ${clusterId} does not exist`, 'clusterId');
    return cluster.organizerUnitId;
  }

  async holder(organizerUnitId: string, ref: YearRef, unitId: string): Promise<string | undefined> {
    return this.contexts.reservation(organizerUnitId, ref.year, unitId);
  }

  reserve(
    ctx: CommandContext,
    ref: YearRef,
    organizerUnitId: string,
    unitId: string,
  ): Promise<CommandResult> {
    const data = { organizerUnitId, year: ref.year, unitId, clusterId: ref.clusterId };
    return this.writer.execute(membershipDecider, StreamWriter.command(ctx, 'ReserveMembership', data), ctx, {
      streamId: membershipStream(organizerUnitId, ref.year),
      step: 'reservation',
      context: async () => {
        // The cluster holding the unit now, if another one: a dissolved one has released it.
        const holder = await this.holder(organizerUnitId, ref, unitId);
        const holderStatus =
          holder && holder !== ref.clusterId ? (await this.contexts.cluster(holder))?.status : undefined;
        return { cluster: await this.contexts.cluster(ref.clusterId), ...(holderStatus && { holderStatus }) };
      },
    });
  }

  /**
   * Compensation (admission failed) or follow-up (withdrawn). Never throws: the caller's outcome stands,
   * and a release that could not be written is logged for an operator (the unit stays held).
   */
  async release(
    ctx: CommandContext,
    ref: YearRef,
    organizerUnitId: string,
    unitId: string,
    cause: ReleaseMembership['data']['cause'],
    reason?: string,
  ): Promise<void> {
    const data = {
      organizerUnitId,
      year: ref.year,
      unitId,
      clusterId: ref.clusterId,
      cause,
      ...(reason !== undefined && { reason }),
    };
    try {
      await this.writer.execute(
        membershipDecider,
        StreamWriter.command(ctx, 'ReleaseMembership', data),
        ctx,
        {
          streamId: membershipStream(organizerUnitId, ref.year),
          step: 'release',
          context: async () => ({ cluster: await this.contexts.cluster(ref.clusterId) }),
        },
      );
    } catch (error) {
      this.logger.error(
        {
          err: error,
          correlationId: ctx.correlationId,
          organizerUnitId,
          year: ref.year,
          unitId,
          clusterId: ref.clusterId,
          cause,
        },
        'membership registry: release not recorded; the unit stays reserved for this cluster',
      );
    }
  }
}
