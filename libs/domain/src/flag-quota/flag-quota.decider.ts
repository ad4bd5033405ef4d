import { isAdmin, isOrganizerOf, type Command } from '../actor.js';
import { requireActDate } from '../business-date.js';
import { defaultCatalog } from '../catalog/catalog.js';
import type { Decider } from '../decider.js';
import { forbidden, rule } from '../errors.js';
import type { FlagQuotaEvent, FlagQuotaRule } from '../events/flag-quota.events.js';
import { optionalText, requireId, requireReason, requireYear } from '../validation.js';

export type SetFlagQuota = Command<
  'SetFlagQuota',
  {
    organizerUnitId: string;
    year: number;
    code: string;
    rule: FlagQuotaRule;
    reason?: string;
    effectiveDate?: string;
  }
>;

export interface FlagQuotaState {
  quotas: Readonly<Record<string, FlagQuotaRule>>;
}
export const initialFlagQuotaState: FlagQuotaState = { quotas: {} };

export function evolveFlagQuota(state: FlagQuotaState, event: FlagQuotaEvent): FlagQuotaState {
  return event.type === 'FlagQuotaSet'
    ? { quotas: { ...state.quotas, [event.data.code]: event.data.rule } }
    : state;
}

/** The quota a rule gives a cluster-year of `members` units. */
export function quotaOf(rule: FlagQuotaRule | undefined, members: number): number {
  if (!rule) return 1; // none recorded: the leading unit (decided; see ARCHITECTURE §13)
  return rule.kind === 'per-cluster' ? rule.count : Math.floor((members * rule.percent) / 100);
}

function requireRule(raw: unknown): FlagQuotaRule {
  const r = raw as Partial<Record<string, unknown>> | undefined;
  const whole = (v: unknown, field: string, max: number): number => {
    // Number.isSafeInteger is false for anything but a number.
    if (!Number.isSafeInteger(v) || (v as number) < 0 || (v as number) > max)
      throw rule('INVALID_QUOTA', `${field} must be a whole number from 0 to ${max}`, field);
    return v as number;
  };
  if (r?.kind === 'per-cluster') return { kind: 'per-cluster', count: whole(r.count, 'rule.count', 100) };
  if (r?.kind === 'share') return { kind: 'share', percent: whole(r.percent, 'rule.percent', 100) };
  throw rule('INVALID_QUOTA', 'rule.kind must be per-cluster or share', 'rule.kind');
}

/** The organizer (or an administrator) records the quota of a cluster flag for its clusters of a year. */
export function decideFlagQuota(command: SetFlagQuota, state: FlagQuotaState): FlagQuotaEvent[] {
  const organizerUnitId = requireId(command.data.organizerUnitId, 'organizerUnitId');
  const year = requireYear(command.data.year);
  if (!isAdmin(command.actor) && !isOrganizerOf(command.actor, organizerUnitId))
    throw forbidden('only the organizer (or an administrator) records its flag quota');
  const code = command.data.code;
  // The catalog finds nothing under a key that is not a string.
  if (defaultCatalog.find(code)?.isClusterFlag !== true)
    throw rule('NOT_A_CLUSTER_FLAG', `${String(code)} is not a cluster flag (Cờ thi đua)`, 'code');
  const quota = requireRule(command.data.rule);
  const reason =
    state.quotas[code] === undefined
      ? optionalText(command.data.reason, 'reason', 1000)
      : requireReason(command.data.reason, 'reason');
  const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
  return [
    {
      type: 'FlagQuotaSet',
      data: {
        organizerUnitId,
        year,
        code,
        rule: quota,
        ...(reason !== undefined && { reason }),
        effectiveDate,
      },
    },
  ];
}

export const flagQuotaDecider: Decider<SetFlagQuota, FlagQuotaState, FlagQuotaEvent, void> = {
  initialState: initialFlagQuotaState,
  evolve: evolveFlagQuota,
  decide: (c, s) => decideFlagQuota(c, s),
};
