import { YearCommand } from '../year-command.js';

export class AdmitUnitCommand extends YearCommand<{ unitId: string }> {}
export class WithdrawUnitCommand extends YearCommand<{ unitId: string; reason: string }> {}
