import { rule } from '../errors.js';
import { requireArray, requireId, requirePoints, requireText, requireUnique } from '../validation.js';

/**
 * A cluster's criteria and scoring scale (tiêu chí và thang điểm thi đua) for one year. Score criteria
 * add to their group; bonus criteria add; penalty criteria are entered as positive points and subtract.
 */
export type CriterionKind = 'score' | 'bonus' | 'penalty';

export interface Criterion {
  code: string;
  title: string;
  group: string;
  maxPoints: number;
  kind: CriterionKind;
}

/** Classification (xếp loại), highest first: the first threshold whose minTotal the total reaches. */
export interface ClassificationThreshold {
  code: string;
  label: string;
  minTotal: number;
}

/**
 * Tie-breaks, applied in order after the total (a fixed vocabulary):
 * `group:<name>` higher group total first; `penalty` lower penalty first; `bonus` higher bonus first;
 * `criterion:<code>` higher points on that criterion first.
 */
export type TieBreak = `group:${string}` | 'penalty' | 'bonus' | `criterion:${string}`;

/**
 * A knock-out condition (điều kiện loại trừ): raised for a unit by a recorded finding, it caps the row's
 * classification at `capTo` (a threshold code) or bars the row from rank 1.
 */
export type KnockOut =
  | { code: string; label: string; effect: 'cap-classification'; capTo: string }
  | { code: string; label: string; effect: 'bar-rank-1' };

export interface ScoringSchemeContent {
  criteria: Criterion[];
  thresholds: ClassificationThreshold[];
  tieBreaks: TieBreak[];
  knockOuts?: KnockOut[];
}

export interface ScoringScheme extends ScoringSchemeContent {
  version: number;
  /** A scheme recorded before the rule: rows with missing criteria are classified (see the event). */
  classifyIncomplete?: boolean;
}

const KINDS: readonly CriterionKind[] = ['score', 'bonus', 'penalty'];
const MAX_CRITERION_POINTS = 10_000;

/** Validates a scheme from a command; returns a clean copy (only known fields, in the given order). */
export function validateScheme(input: ScoringSchemeContent): ScoringSchemeContent {
  const criteria = requireArray(input?.criteria, 'criteria', 1, 500).map((raw, i) => {
    const c = raw as Partial<Criterion>;
    const f = `criteria[${i}]`;
    if (!KINDS.includes(c.kind as CriterionKind))
      throw rule('INVALID_CRITERION_KIND', `${f}.kind must be score, bonus or penalty`, `${f}.kind`);
    if (typeof c.maxPoints !== 'number' || !(c.maxPoints > 0))
      throw rule('INVALID_MAX_POINTS', `${f}.maxPoints must be positive`, `${f}.maxPoints`);
    return {
      code: requireId(c.code, `${f}.code`),
      title: requireText(c.title, `${f}.title`),
      group: requireText(c.group, `${f}.group`, 200),
      maxPoints: requirePoints(c.maxPoints, MAX_CRITERION_POINTS, `${f}.maxPoints`),
      kind: c.kind as CriterionKind,
    };
  });
  requireUnique(
    criteria.map((c) => c.code),
    'criteria',
    'DUPLICATE_CRITERION',
  );
  if (!criteria.some((c) => c.kind === 'score'))
    throw rule('NO_SCORE_CRITERION', 'a scheme needs at least one score criterion', 'criteria');

  const thresholds = requireArray(input.thresholds, 'thresholds', 1, 20).map((raw, i) => {
    const t = raw as Partial<ClassificationThreshold>;
    const f = `thresholds[${i}]`;
    if (typeof t.minTotal !== 'number' || !Number.isFinite(t.minTotal))
      throw rule('INVALID_THRESHOLD', `${f}.minTotal must be a finite number`, `${f}.minTotal`);
    if (Number(t.minTotal.toFixed(2)) !== t.minTotal)
      throw rule('INVALID_THRESHOLD', `${f}.minTotal may have at most two decimals`, `${f}.minTotal`);
    return {
      code: requireId(t.code, `${f}.code`),
      label: requireText(t.label, `${f}.label`, 100),
      minTotal: t.minTotal,
    };
  });
  requireUnique(
    thresholds.map((t) => t.code),
    'thresholds',
    'DUPLICATE_THRESHOLD',
  );
  for (let i = 1; i < thresholds.length; i++)
    if (!(thresholds[i]!.minTotal < thresholds[i - 1]!.minTotal))
      throw rule('THRESHOLDS_NOT_DESCENDING', 'thresholds must be listed highest first', `thresholds[${i}]`);

  const scoreGroups = new Set(criteria.filter((c) => c.kind === 'score').map((c) => c.group));
  const codes = new Set(criteria.map((c) => c.code));
  const tieBreaks = requireArray(input.tieBreaks ?? [], 'tieBreaks', 0, 50).map((raw, i) => {
    const f = `tieBreaks[${i}]`;
    if (raw === 'penalty' || raw === 'bonus') return raw as TieBreak;
    if (typeof raw === 'string' && raw.startsWith('group:') && scoreGroups.has(raw.slice(6)))
      return raw as TieBreak;
    if (typeof raw === 'string' && raw.startsWith('criterion:') && codes.has(raw.slice(10)))
      return raw as TieBreak;
    throw rule(
      'INVALID_TIE_BREAK',
      `${f} must be 'penalty', 'bonus', 'group:<a score group>' or 'criterion:<a criterion code>'`,
      f,
    );
  });
  requireUnique(tieBreaks, 'tieBreaks', 'DUPLICATE_TIE_BREAK');
  const thresholdCodes = new Set(thresholds.map((t) => t.code));
  const knockOuts = requireArray(input.knockOuts ?? [], 'knockOuts', 0, 50).map((raw, i): KnockOut => {
    const k = (raw ?? {}) as Partial<KnockOut> & { capTo?: unknown };
    const f = `knockOuts[${i}]`;
    const code = requireId(k.code, `${f}.code`);
    const label = requireText(k.label, `${f}.label`, 300);
    if (k.effect === 'bar-rank-1') {
      if (k.capTo !== undefined)
        throw rule('INVALID_KNOCK_OUT', `${f}.capTo applies to cap-classification only`, `${f}.capTo`);
      return { code, label, effect: 'bar-rank-1' };
    }
    if (k.effect !== 'cap-classification')
      throw rule('INVALID_KNOCK_OUT', `${f}.effect must be cap-classification or bar-rank-1`, `${f}.effect`);
    if (typeof k.capTo !== 'string' || !thresholdCodes.has(k.capTo))
      throw rule('INVALID_KNOCK_OUT', `${f}.capTo must be a threshold code of the scheme`, `${f}.capTo`);
    return { code, label, effect: 'cap-classification', capTo: k.capTo };
  });
  requireUnique(
    knockOuts.map((k) => k.code),
    'knockOuts',
    'DUPLICATE_KNOCK_OUT',
  );
  return { criteria, thresholds, tieBreaks, ...(knockOuts.length > 0 && { knockOuts }) };
}
