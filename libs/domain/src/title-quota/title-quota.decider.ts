import { isAdmin, type Command } from '../actor.js';
import { defaultTitleRules, type TitleRules } from '../catalog/title-rules.js';
import type { Decider } from '../decider.js';
import { forbidden, rule } from '../errors.js';
import type { TitleQuotaEvent } from '../events/title-quota.events.js';
import { requireArray, requireId, requireUnique, requireYear } from '../validation.js';

export interface UnitTitleClaimInput {
  awardId: string;
  code: string;
  /** The decision's field to name in a refusal (`awards[i].code`). */
  field: string;
}

export type ClaimUnitTitles = Command<
  'ClaimUnitTitles',
  {
    unitId: string;
    year: number;
    decisionId: string;
    claims: UnitTitleClaimInput[];
    /** Counts of decisions recorded before claims existed (yearly totals): kept only on the first claim. */
    baseline: Array<{ code: string; count: number }>;
  }
>;
export type ReleaseUnitTitleClaims = Command<
  'ReleaseUnitTitleClaims',
  {
    unitId: string;
    year: number;
    awardIds: string[];
    cause: 'decision-failed' | 'revoked';
    /**
     * Revoked awards recorded before claims existed, which the baseline counts (the handler knows: the
     * award's decision precedes the baseline on the log and holds no claim here).
     */
    fromBaseline?: Array<{ awardId: string; code: string }>;
  }
>;
export type TitleQuotaCommand = ClaimUnitTitles | ReleaseUnitTitleClaims;

export interface TitleQuotaState {
  /** null until the first claim records it. */
  baseline: Readonly<Record<string, number>> | null;
  claims: Readonly<Record<string, { code: string; decisionId: string }>>;
  /** Awards of the baseline released on their revocation (each lowers the baseline once). */
  baselineReleased: readonly string[];
}
export const initialTitleQuotaState: TitleQuotaState = { baseline: null, claims: {}, baselineReleased: [] };

export function evolveTitleQuota(state: TitleQuotaState, event: TitleQuotaEvent): TitleQuotaState {
  switch (event.type) {
    case 'UnitTitleBaselineRecorded':
      return {
        ...state,
        baseline: Object.fromEntries(event.data.counts.map((c) => [c.code, c.count])),
      };
    case 'UnitTitleClaimed': {
      const { awardId, code, decisionId } = event.data;
      return { ...state, claims: { ...state.claims, [awardId]: { code, decisionId } } };
    }
    case 'UnitTitleClaimReleased': {
      const { awardId, code, fromBaseline } = event.data;
      if (fromBaseline === true) {
        const baseline = { ...state.baseline, [code]: Math.max(0, (state.baseline?.[code] ?? 0) - 1) };
        return { ...state, baseline, baselineReleased: [...state.baselineReleased, awardId] };
      }
      const { [awardId]: _gone, ...claims } = state.claims;
      return { ...state, claims };
    }
    default:
      return state;
  }
}

/** The titles the unit-year holds per code, by the log: the baseline and the live claims (less `except`). */
export function unitTitleCountsOf(
  state: TitleQuotaState,
  except: ReadonlySet<string> = new Set(),
): Array<{ code: string; count: number }> {
  const counts = new Map(Object.entries(state.baseline ?? {}));
  for (const [awardId, c] of Object.entries(state.claims))
    if (!except.has(awardId)) counts.set(c.code, (counts.get(c.code) ?? 0) + 1);
  return [...counts].map(([code, count]) => ({ code, count }));
}

/** The codes a quota rule counts: each capped title and its base. */
export function quotaCodes(rules: TitleRules): Set<string> {
  const codes = new Set<string>();
  for (const r of rules.values())
    if (r.quota) {
      codes.add(r.code);
      codes.add(r.quota.ofCode);
    }
  return codes;
}

/**
 * The unit-year's register of quota titles (`title-quota-{unitId}-{year}`): "Chiến sĩ thi đua cơ sở at most
 * 15 % of the unit's Chiến sĩ tiên tiến" spans decisions, so it is decided here, on the log and serialized by
 * expected revision — the same arithmetic as the decision's own check (`held × 100 ≤ percent × base`, the
 * base counting all of this decision, the refusal naming the first item over the cap).
 */
export function decideTitleQuota(
  command: TitleQuotaCommand,
  state: TitleQuotaState,
  rules: TitleRules = defaultTitleRules,
): TitleQuotaEvent[] {
  if (!isAdmin(command.actor) && command.actor.role !== 'organizer')
    throw forbidden('only an administrator or an organizer records award decisions');
  const unitId = requireId(command.data.unitId, 'unitId');
  const year = requireYear(command.data.year);
  if (command.type === 'ReleaseUnitTitleClaims') {
    const awardIds = requireArray(command.data.awardIds, 'awardIds', 1, 5000).map((a, i) =>
      requireId(a, `awardIds[${i}]`),
    );
    requireUnique(awardIds, 'awardIds');
    const cause = command.data.cause;
    // A revoked award of the baseline: not claimed here, counted once in the baseline, released once.
    const older = new Map(
      (cause === 'revoked' ? (command.data.fromBaseline ?? []) : []).map((b) => [b.awardId, b.code]),
    );
    // Only what is still claimed (or still counted in the baseline) is released: a repeated release records nothing.
    return awardIds.flatMap((awardId): TitleQuotaEvent[] => {
      const held = state.claims[awardId];
      if (held !== undefined)
        return [{ type: 'UnitTitleClaimReleased', data: { unitId, year, code: held.code, awardId, cause } }];
      const code = older.get(awardId);
      if (code === undefined || (state.baseline?.[code] ?? 0) < 1 || state.baselineReleased.includes(awardId))
        return [];
      const data = { unitId, year, code, awardId, cause, fromBaseline: true as const };
      return [{ type: 'UnitTitleClaimReleased', data }];
    });
  }
  const decisionId = requireId(command.data.decisionId, 'decisionId');
  const claims = requireArray(command.data.claims, 'claims', 1, 5000) as UnitTitleClaimInput[];
  const events: TitleQuotaEvent[] = [];
  if (state.baseline === null) {
    const counts = (
      requireArray(command.data.baseline, 'baseline', 0, 100) as ClaimUnitTitles['data']['baseline']
    )
      .filter((c) => Number.isSafeInteger(c.count) && c.count > 0)
      .map(({ code, count }) => ({ code, count }));
    events.push({ type: 'UnitTitleBaselineRecorded', data: { unitId, year, counts } });
  }
  const mine = claims.filter((c) => state.claims[c.awardId] === undefined); // ours already: a retried decision
  for (const c of mine)
    events.push({
      type: 'UnitTitleClaimed',
      data: { unitId, year, code: c.code, awardId: c.awardId, decisionId },
    });
  const after = events.reduce(evolveTitleQuota, state);
  // The held count runs in the order of the decision; the base counts all of it.
  const before = new Map(
    unitTitleCountsOf(after, new Set(claims.map((c) => c.awardId))).map((c) => [c.code, c.count]),
  );
  const total = new Map(unitTitleCountsOf(after).map((c) => [c.code, c.count]));
  const running = new Map<string, number>();
  for (const c of claims) {
    const quota = rules.get(c.code)?.quota;
    if (!quota) continue;
    const held = (running.get(c.code) ?? before.get(c.code) ?? 0) + 1;
    running.set(c.code, held);
    const base = total.get(quota.ofCode) ?? 0;
    if (held * 100 > quota.percent * base)
      throw rule(
        'TITLE_QUOTA_EXCEEDED',
        `${held} × ${c.code} in unit ${unitId} (${year}) exceed ${quota.percent} % of its ${base} × ${quota.ofCode} (at most ${Math.floor((quota.percent * base) / 100)})`,
        c.field,
      );
  }
  return events;
}

export interface TitleQuotaContext {
  titleRules?: TitleRules;
}

export const titleQuotaDecider: Decider<
  TitleQuotaCommand,
  TitleQuotaState,
  TitleQuotaEvent,
  TitleQuotaContext
> = {
  initialState: initialTitleQuotaState,
  evolve: evolveTitleQuota,
  decide: (command, state, context) => decideTitleQuota(command, state, context?.titleRules),
};
