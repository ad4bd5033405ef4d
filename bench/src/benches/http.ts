import type { BigYear } from '../dataset/big-year.js';
import type { BenchOptions } from '../util/options.js';
import type { Report } from '../util/report.js';

export async function httpFigures(
  _report: Report,
  ctx: { work: string; opts: BenchOptions; bigYear: BigYear | undefined; log: (line: string) => void },
): Promise<void> {
  ctx.log('  (HTTP figures: not written yet)');
}
