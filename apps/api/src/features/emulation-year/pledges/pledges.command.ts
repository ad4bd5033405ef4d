import { YearCommand } from '../year-command.js';
import type { AmendPledgeDto, SignPledgeDto } from './pledges.dto.js';

export class SignPledgeCommand extends YearCommand<SignPledgeDto> {}
export class AmendPledgeCommand extends YearCommand<AmendPledgeDto & { unitId: string }> {}
