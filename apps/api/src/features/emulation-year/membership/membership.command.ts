import { YearCommand } from '../year-command.js';

export class AdmitUnitCommand extends YearCommand<{ unitId: string; effectiveDate?: string }> {}
export class WithdrawUnitCommand extends YearCommand<{
  unitId: string;
  reason: string;
  effectiveDate?: string;
}> {}
