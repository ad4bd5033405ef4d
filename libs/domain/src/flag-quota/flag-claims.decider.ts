import { isAdmin, type Command } from '../actor.js';
import type { Decider } from '../decider.js';
import { forbidden, rule } from '../errors.js';
import type { FlagClaimEvent } from '../events/flag-claim.events.js';
import { requireArray, requireId, requireUnique, requireYear } from '../validation.js';

/** A flag of the decision, as decided: its cluster-year quota and whether it was given by override. */
export interface FlagClaimInput {
  awardId: string;
  code: string;
  unitId: string;
  quota: number;
  override: boolean;
  /** The decision's field to name in a refusal (`awards[i].recipient`). */
  field: string;
}

/** A flag the yearly totals list for the cluster-year (decisions recorded before flag claims existed). */
export interface RecordedFlag {
  awardId: string;
  code: string;
  unitId: string;
}

export type ClaimFlags = Command<
  'ClaimFlags',
  {
    clusterId: string;
    year: number;
    decisionId: string;
    claims: FlagClaimInput[];
    recordedBefore: RecordedFlag[];
  }
>;
export type ReleaseFlagClaims = Command<
  'ReleaseFlagClaims',
  {
    clusterId: string;
    year: number;
    awardIds: string[];
    cause: 'decision-failed' | 'revoked';
    /**
     * Revoked flags that hold no claim (recorded before claims existed, or given with no ranking to rest on):
     * counted from the yearly totals' list until now, released here so they no longer are.
     */
    recordedBefore?: RecordedFlag[];
  }
>;
export type FlagClaimCommand = ClaimFlags | ReleaseFlagClaims;

export interface FlagClaimsState {
  /** Live claims by award id. */
  claims: Readonly<Record<string, { code: string; unitId: string; decisionId: string }>>;
  /** Award ids whose claim was released (a revoked flag the totals may still list for a moment). */
  released: readonly string[];
}
export const initialFlagClaimsState: FlagClaimsState = { claims: {}, released: [] };

export function evolveFlagClaims(state: FlagClaimsState, event: FlagClaimEvent): FlagClaimsState {
  switch (event.type) {
    case 'FlagClaimed': {
      const { awardId, code, unitId, decisionId } = event.data;
      return { ...state, claims: { ...state.claims, [awardId]: { code, unitId, decisionId } } };
    }
    case 'FlagClaimReleased': {
      const { [event.data.awardId]: _gone, ...claims } = state.claims;
      return { claims, released: [...state.released, event.data.awardId] };
    }
    default:
      return state;
  }
}

/**
 * The flags of a code that fill places of the cluster-year's quota, as `checkClusterFlag` counts them: the
 * live claims, and the flags recorded before claims existed (the totals' list, less anything this stream
 * knows), other than the unit's own.
 */
export function flagsConferred(
  state: FlagClaimsState,
  recordedBefore: ReadonlyArray<RecordedFlag>,
  code: string,
  exceptUnitId: string,
): Array<{ awardId: string; unitId: string }> {
  const live = Object.entries(state.claims).map(([awardId, c]) => ({ awardId, ...c }));
  const older = recordedBefore.filter(
    (r) => state.claims[r.awardId] === undefined && !state.released.includes(r.awardId),
  );
  return [...live, ...older]
    .filter((f) => f.code === code && f.unitId !== exceptUnitId)
    .map(({ awardId, unitId }) => ({ awardId, unitId }));
}

/**
 * The cluster-year's register of flag places (`flag-claims-{clusterId}-{year}`): "the flags already
 * conferred count against the quota" is decided here, on the log and serialized by expected revision —
 * not on the yearly totals, which may lag and do not serialize two decisions.
 */
export function decideFlagClaims(command: FlagClaimCommand, state: FlagClaimsState): FlagClaimEvent[] {
  if (!isAdmin(command.actor) && command.actor.role !== 'organizer')
    throw forbidden('only an administrator or an organizer records award decisions');
  const clusterId = requireId(command.data.clusterId, 'clusterId');
  const year = requireYear(command.data.year);
  if (command.type === 'ReleaseFlagClaims') {
    const awardIds = requireArray(command.data.awardIds, 'awardIds', 1, 5000).map((a, i) =>
      requireId(a, `awardIds[${i}]`),
    );
    requireUnique(awardIds, 'awardIds');
    const cause = command.data.cause;
    const older = new Map(
      (cause === 'revoked' ? (command.data.recordedBefore ?? []) : []).map((f) => [f.awardId, f]),
    );
    // Only what is still claimed (or still counted from the totals) is released: a repeated release records nothing.
    return awardIds.flatMap((awardId): FlagClaimEvent[] => {
      const held = state.claims[awardId];
      if (held !== undefined) {
        const data = { clusterId, year, code: held.code, unitId: held.unitId, awardId, cause };
        return [{ type: 'FlagClaimReleased', data }];
      }
      const old = older.get(awardId);
      if (old === undefined || state.released.includes(awardId)) return [];
      const data = { clusterId, year, code: old.code, unitId: old.unitId, awardId, cause };
      return [{ type: 'FlagClaimReleased', data: { ...data, recordedBefore: true } }];
    });
  }
  const decisionId = requireId(command.data.decisionId, 'decisionId');
  const recordedBefore = requireArray(
    command.data.recordedBefore,
    'recordedBefore',
    0,
    5000,
  ) as RecordedFlag[];
  const events: FlagClaimEvent[] = [];
  let current = state;
  for (const c of requireArray(command.data.claims, 'claims', 1, 5000) as FlagClaimInput[]) {
    if (current.claims[c.awardId] !== undefined) continue; // ours already (a retried decision)
    const conferred = flagsConferred(current, recordedBefore, c.code, c.unitId);
    if (!c.override && conferred.length >= c.quota)
      throw rule(
        'FLAG_QUOTA_EXHAUSTED',
        `${conferred.length} flag(s) of this code already hold the quota of ${c.quota} in cluster ${clusterId} (${year}): ${conferred.map((f) => f.awardId).join(', ')}`,
        c.field,
      );
    const event: FlagClaimEvent = {
      type: 'FlagClaimed',
      data: {
        clusterId,
        year,
        code: c.code,
        unitId: c.unitId,
        awardId: c.awardId,
        decisionId,
        quota: c.quota,
        ...(c.override && { override: true as const }),
      },
    };
    events.push(event);
    current = evolveFlagClaims(current, event);
  }
  return events;
}

export const flagClaimsDecider: Decider<FlagClaimCommand, FlagClaimsState, FlagClaimEvent, unknown> = {
  initialState: initialFlagClaimsState,
  evolve: evolveFlagClaims,
  decide: (command, state) => decideFlagClaims(command, state),
};
