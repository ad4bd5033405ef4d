import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PledgeContent } from '@thidua/domain';
import type { CommandResult } from '../../../write-model/command-result.js';
import { EmulationYearWriter } from '../emulation-year.writer.js';
import { AmendPledgeCommand, SetPledgeRulesCommand, SignPledgeCommand } from './pledges.command.js';
import type { PledgeContentDto } from './pledges.dto.js';
import { actDate } from '../../write/act-date.js';

function content(unitId: string, dto: PledgeContentDto): PledgeContent {
  const targets = dto.targets.map((t) =>
    t.count === undefined ? { text: t.text } : { text: t.text, count: t.count },
  );
  return { unitId, titles: [...dto.titles], targets, keyTasks: [...dto.keyTasks] };
}

/** The unit's own officer signs its pledge (ký kết giao ước thi đua); the decider checks who acts. */
@CommandHandler(SignPledgeCommand)
export class SignPledgeHandler implements ICommandHandler<SignPledgeCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  execute({ ctx, ref, input, expectedRevision }: SignPledgeCommand): Promise<CommandResult> {
    const data = { ...content(input.unitId, input), ...actDate(input) };
    return this.year.execute(ctx, ref, 'SignPledge', data, { expectedRevision });
  }
}

/** The organizer records the cluster-year's pledge rules (number of key tasks, whether a title is required). */
@CommandHandler(SetPledgeRulesCommand)
export class SetPledgeRulesHandler implements ICommandHandler<SetPledgeRulesCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  execute({ ctx, ref, input, expectedRevision }: SetPledgeRulesCommand): Promise<CommandResult> {
    const data = { keyTasks: input.keyTasks, titleRequired: input.titleRequired, ...actDate(input) };
    return this.year.execute(ctx, ref, 'SetPledgeRules', data, { expectedRevision });
  }
}

@CommandHandler(AmendPledgeCommand)
export class AmendPledgeHandler implements ICommandHandler<AmendPledgeCommand> {
  constructor(private readonly year: EmulationYearWriter) {}

  execute({ ctx, ref, input, expectedRevision }: AmendPledgeCommand): Promise<CommandResult> {
    const data = { ...content(input.unitId, input), reason: input.reason, ...actDate(input) };
    return this.year.execute(ctx, ref, 'AmendPledge', data, { expectedRevision });
  }
}
