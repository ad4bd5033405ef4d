import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../write-model/command-result.js';
import { StreamContexts } from '../../write/stream-contexts.js';
import { EmulationYearWriter } from '../emulation-year.writer.js';
import { AdmitUnitCommand, WithdrawUnitCommand } from './membership.command.js';
import { MembershipRegistry } from './membership-registry.js';
import { actDate } from '../../write/act-date.js';

/**
 * Admission in two steps: reserve the unit in the organizer's registry, then admit it in the
 * cluster-year; if the admission fails the reservation is released and the error stands.
 */
@CommandHandler(AdmitUnitCommand)
export class AdmitUnitHandler implements ICommandHandler<AdmitUnitCommand> {
  constructor(
    private readonly year: EmulationYearWriter,
    private readonly registry: MembershipRegistry,
    private readonly contexts: StreamContexts,
  ) {}

  async execute({ ctx, ref, input, expectedRevision }: AdmitUnitCommand): Promise<CommandResult> {
    const { unitId } = input;
    const data = { unitId, ...actDate(input) };
    const organizer = await this.registry.organizerOf(ref.clusterId);
    // Already held for this cluster (an earlier attempt, or the replay of this very request): admit only.
    const held = (await this.registry.holder(organizer, ref, unitId)) === ref.clusterId;
    const unitStatus = () => this.contexts.unitStatus(unitId);
    // Refuse up front what the admission would refuse, so that nothing is recorded. Not on a request
    // with an Idempotency-Key: its replay must reach the runner, which answers it as the first time.
    if (!ctx.idempotencyKey) {
      const context = { unitStatus: await unitStatus(), reservedClusterId: ref.clusterId };
      await this.year.dryRun(ctx, ref, 'AdmitUnit', data, { expectedRevision, context });
    }
    if (!held) await this.registry.reserve(ctx, ref, organizer, unitId);
    const more = async () => ({
      unitStatus: await unitStatus(),
      reservedClusterId: await this.registry.holder(organizer, ref, unitId),
    });
    try {
      return await this.year.execute(ctx, ref, 'AdmitUnit', data, { expectedRevision, more });
    } catch (error) {
      if (!held) await this.registry.release(ctx, ref, organizer, unitId, 'admission-failed');
      throw error;
    }
  }
}

/** Withdrawal from the cluster-year, then the registry lets the unit go (it may join another cluster). */
@CommandHandler(WithdrawUnitCommand)
export class WithdrawUnitHandler implements ICommandHandler<WithdrawUnitCommand> {
  constructor(
    private readonly year: EmulationYearWriter,
    private readonly registry: MembershipRegistry,
  ) {}

  async execute({ ctx, ref, input, expectedRevision }: WithdrawUnitCommand): Promise<CommandResult> {
    const result = await this.year.execute(ctx, ref, 'WithdrawUnit', input, { expectedRevision });
    const organizer = await this.registry.organizerOf(ref.clusterId);
    // Checked, not assumed: a replayed request must not release a unit admitted again since.
    const stillHeld = (await this.registry.holder(organizer, ref, input.unitId)) === ref.clusterId;
    if (stillHeld && !(await this.year.isMember(ref, input.unitId)))
      await this.registry.release(ctx, ref, organizer, input.unitId, 'withdrawn', input.reason);
    return result;
  }
}
