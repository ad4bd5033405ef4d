import type { PeriodCode } from '@thidua/domain';
import { YearCommand } from '../year-command.js';

interface Dated {
  effectiveDate?: string;
}
export class OpenPeriodCommand extends YearCommand<Dated & { period: PeriodCode }> {}
export class ClosePeriodCommand extends YearCommand<
  Dated & { period: PeriodCode; acceptIncomplete?: { reason: string } }
> {}
export class ReopenPeriodCommand extends YearCommand<Dated & { period: PeriodCode; reason: string }> {}
