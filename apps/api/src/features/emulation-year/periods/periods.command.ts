import type { PeriodCode } from '@thidua/domain';
import { YearCommand } from '../year-command.js';

export class OpenPeriodCommand extends YearCommand<{ period: PeriodCode }> {}
export class ClosePeriodCommand extends YearCommand<{ period: PeriodCode }> {}
export class ReopenPeriodCommand extends YearCommand<{ period: PeriodCode; reason: string }> {}
