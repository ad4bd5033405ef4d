import { conflict, rule } from '../errors.js';
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { requireReason } from '../validation.js';
import type {
  ClosePeriod,
  EmulationYearContext,
  OpenPeriod,
  ReopenPeriod,
} from './emulation-year.commands.js';
import { latestScheme, sealsUpTo, type EmulationYearState } from './emulation-year.state.js';
import { requireNotBefore, reviewFrom } from '../business-date.js';
import { actDate, requireActive, requireCluster, requireOrganizer, requirePeriodCode } from './guards.js';

/** Period lifecycle, organizer only: open → close (seals the ranking's digest) → reopen with a reason. */
export function decideOpenPeriod(
  c: OpenPeriod,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  requireOrganizer(c.actor, cluster);
  requireActive(cluster);
  const period = requirePeriodCode(c.data.period);
  if (!latestScheme(state))
    throw rule('SCHEME_NOT_PUBLISHED', 'publish the scoring scheme before opening a period');
  const status = state.periods[period]?.status;
  if (status === 'open') throw conflict('PERIOD_ALREADY_OPEN', `period ${period} is open`, 'period');
  if (status === 'closed')
    throw rule('PERIOD_CLOSED', `period ${period} is closed: reopen it with a reason`, 'period');
  return [{ type: 'PeriodOpened', data: { period } }];
}

export function decideClosePeriod(
  c: ClosePeriod,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  requireOrganizer(c.actor, cluster);
  requireActive(cluster);
  const period = requirePeriodCode(c.data.period);
  const open = state.periods[period];
  if (open?.status !== 'open') throw rule('PERIOD_NOT_OPEN', `period ${period} is not open`, 'period');
  const on = actDate(c);
  requireNotBefore(on, open.openedOn, `the opening of ${period}`);
  // The close seals what was recorded before it: it is not dated before any of it.
  requireNotBefore(on, sealsUpTo(state, period), `the last act ${period}'s ranking reads`);
  // A review is not held before the period it reviews ends, unless the organizer's window says so.
  const earliest = reviewFrom(c.data.year, period, ctx.window);
  if (on < earliest)
    throw rule(
      'REVIEW_BEFORE_PERIOD_END',
      `${period} ${c.data.year} cannot be closed before ${earliest} (its end, or the window's reviewsFrom)`,
      'effectiveDate',
    );
  if (typeof c.data.rankingDigest !== 'string' || !/^[0-9a-f]{64}$/.test(c.data.rankingDigest))
    throw rule('INVALID_DIGEST', 'rankingDigest must be a lowercase hex sha256', 'rankingDigest');
  // Rows missing criteria get no classification ("chưa đủ điểm"): sealing them needs a reasoned acceptance.
  const incomplete = [...(ctx.incompleteUnits ?? [])].sort();
  const acceptance = c.data.acceptIncomplete;
  if (incomplete.length > 0 && acceptance === undefined)
    throw rule(
      'INCOMPLETE_ROWS',
      `${incomplete.join(', ')} miss criteria ("chưa đủ điểm"): close with acceptIncomplete and a reason`,
      'acceptIncomplete',
    );
  if (incomplete.length === 0 && acceptance !== undefined)
    throw rule(
      'NOTHING_INCOMPLETE',
      `every row of ${period} is complete: nothing to accept`,
      'acceptIncomplete',
    );
  const acceptedIncomplete =
    acceptance === undefined
      ? undefined
      : { reason: requireReason(acceptance.reason, 'acceptIncomplete.reason'), unitIds: incomplete };
  return [
    {
      type: 'PeriodClosed',
      data: {
        period,
        rankingDigest: c.data.rankingDigest,
        schemeVersion: latestScheme(state)!.version,
        ...(acceptedIncomplete && { acceptedIncomplete }),
      },
    },
  ];
}

export function decideReopenPeriod(
  c: ReopenPeriod,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  requireOrganizer(c.actor, cluster);
  requireActive(cluster);
  const period = requirePeriodCode(c.data.period);
  const p = state.periods[period];
  if (p?.status !== 'closed') throw rule('PERIOD_NOT_CLOSED', `period ${period} is not closed`, 'period');
  requireNotBefore(actDate(c), p.closedOn, `the close of ${period}`);
  return [
    {
      type: 'PeriodReopened',
      data: { period, reason: requireReason(c.data.reason), previousDigest: p.digest ?? '' },
    },
  ];
}
