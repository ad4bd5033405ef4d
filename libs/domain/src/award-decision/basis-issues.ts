/**
 * Why an award's basis no longer holds, since which log position: the one shape every award read answers,
 * whatever broke the basis — a revoked prerequisite of a person's title (issue 12, part A) or a cluster flag
 * whose unit a later event moved outside the quota (part B).
 */
export interface BasisIssue {
  code: string;
  since: number;
  detail: string;
}

/**
 * A title of the person that met this award's prerequisite was revoked (at log position `since`): the award
 * stays conferred until its own authority acts, but its basis no longer holds.
 */
export function prerequisiteRevoked(
  prerequisite: { awardId: string; name: string; year: number },
  revocation: { decisionRef: string; on: string },
  since: number,
): BasisIssue {
  return {
    code: 'PREREQUISITE_REVOKED',
    since,
    detail: `${prerequisite.name} ${prerequisite.year} (${prerequisite.awardId}), a prerequisite of this title, was revoked by ${revocation.decisionRef} on ${revocation.on}`,
  };
}
