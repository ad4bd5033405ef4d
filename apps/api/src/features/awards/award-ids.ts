import { isValidId } from '@thidua/domain';

/**
 * Award ids are derived from their decision: `{decisionId}-{n}` (n = 1, 2, … in the decision's order).
 * A revocation (POST /awards/{a}/revocation) finds the decision's stream from the award id alone, so no
 * award → decision index is needed on the write side: nothing to keep durable, nothing to lag.
 */
export function awardIdOf(decisionId: string, n: number): string {
  return `${decisionId}-${n}`;
}

/** The decision holding an award, or undefined when the id cannot be one this API gave. */
export function decisionIdOfAward(awardId: string): string | undefined {
  const m = /^(.+)-([1-9]\d{0,4})$/.exec(awardId);
  return m && isValidId(m[1]!) ? m[1] : undefined;
}
