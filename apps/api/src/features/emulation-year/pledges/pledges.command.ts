import { YearCommand } from '../year-command.js';
import type { AmendPledgeDto, PledgeRulesDto, SignPledgeDto } from './pledges.dto.js';

export class SignPledgeCommand extends YearCommand<SignPledgeDto> {}
export class AmendPledgeCommand extends YearCommand<AmendPledgeDto & { unitId: string }> {}
export class SetPledgeRulesCommand extends YearCommand<PledgeRulesDto> {}
