import { isOrganizerOf } from '../actor.js';
import { defaultCatalog } from '../catalog/catalog.js';
import { conflict, forbidden, notFound, rule } from '../errors.js';
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { requireArray, requireId, requireReason, requireUnique } from '../validation.js';
import type { EmulationYearContext, RecordTitleReview } from './emulation-year.commands.js';
import type { EmulationYearState } from './emulation-year.state.js';
import { isChair, requireActive, requireCluster, requireMember } from './guards.js';

const whole = (v: unknown, field: string, min = 0): number => {
  // Number.isSafeInteger is false for anything but a number.
  if (!Number.isSafeInteger(v) || (v as number) < min)
    throw rule('INVALID_VOTES', `${field} must be a whole number, ${min} or more`, field);
  return v as number;
};

/**
 * Bình xét, suy tôn at a tổng kết conference: candidates from the final Y ranking, the members' vote and its
 * tally (a secret vote: receipts only), the units chosen for the title, and a reason for each chosen unit
 * ranked below a candidate left out. Recorded by the organizer or the chair unit.
 */
export function decideTitleReview(
  c: RecordTitleReview,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  if (!isOrganizerOf(c.actor, cluster.organizerUnitId) && !isChair(c.actor, state))
    throw forbidden('the organizer or the chair unit records the title review of the tổng kết');
  requireActive(cluster);
  const d = c.data;
  const reviewId = requireId(d.reviewId, 'reviewId');
  if (state.titleReviews?.includes(reviewId))
    throw conflict('REVIEW_ID_TAKEN', `title review ${reviewId} exists`, 'reviewId');
  const conferenceId = requireId(d.conferenceId, 'conferenceId');
  const kind = state.conferenceKinds?.[conferenceId];
  if (kind === undefined)
    throw notFound('CONFERENCE_NOT_FOUND', `conference ${conferenceId} was not recorded`, 'conferenceId');
  if (kind !== 'tổng kết')
    throw rule(
      'NOT_A_TONG_KET',
      `conference ${conferenceId} is a ${kind}: titles are reviewed at the tổng kết`,
      'conferenceId',
    );
  // The catalog finds nothing under a key that is not a string.
  const entry = defaultCatalog.find(d.code);
  if (!entry || !entry.recipientKinds.includes('collective'))
    throw rule(
      'UNKNOWN_AWARD',
      `${String(d.code)} is not a collective title or award of the catalog`,
      'code',
    );
  const ranking = ctx.finalRanking;
  if (!ranking?.final)
    throw rule(
      'CLUSTER_RANKING_NOT_FINAL',
      'the Y ranking of the year is not final: candidates come from it',
      'candidates',
    );
  const candidates = requireArray(d.candidates, 'candidates', 1, 100).map((u, i) => {
    const unitId = requireId(u, `candidates[${i}]`);
    const row = ranking.rows.find((r) => r.unitId === unitId);
    if (!row)
      throw rule('NOT_IN_RANKING', `unit ${unitId} has no row in the final Y ranking`, `candidates[${i}]`);
    return { unitId, rank: row.rank };
  });
  requireUnique(
    candidates.map((x) => x.unitId),
    'candidates',
    'DUPLICATE_CANDIDATE',
  );
  const seats = whole(d.seats, 'seats', 1);
  if (seats > candidates.length)
    throw rule('TOO_MANY_SEATS', `${seats} seats for ${candidates.length} candidates`, 'seats');
  if (typeof d.secret !== 'boolean') throw rule('INVALID_SECRET', 'secret must be true or false', 'secret');
  const voters = requireArray(d.voters, 'voters', 1, 200).map((u, i) => requireId(u, `voters[${i}]`));
  // One receipt per voting unit: no double vote.
  requireUnique(voters, 'voters', 'ALREADY_VOTED');
  voters.forEach((u, i) => requireMember(state, u, `voters[${i}]`));
  const tally = requireArray(d.tally, 'tally', 1, 100).map((t, i) => {
    const unitId = requireId((t as { unitId?: unknown })?.unitId, `tally[${i}].unitId`);
    if (!candidates.some((x) => x.unitId === unitId))
      throw rule('NOT_A_CANDIDATE', `unit ${unitId} is not a candidate`, `tally[${i}].unitId`);
    return { unitId, votes: whole((t as { votes?: unknown }).votes, `tally[${i}].votes`) };
  });
  requireUnique(
    tally.map((t) => t.unitId),
    'tally',
    'DUPLICATE_CANDIDATE',
  );
  const missing = candidates.filter((x) => !tally.some((t) => t.unitId === x.unitId)).map((x) => x.unitId);
  if (missing.length > 0)
    throw rule('TALLY_INCOMPLETE', `the tally names no votes for ${missing.join(', ')}`, 'tally');
  const invalid = d.invalid === undefined ? 0 : whole(d.invalid, 'invalid');
  // Each valid ballot names at most `seats` units; more invalid ballots than voters leave room for no
  // vote at all (cast, never negative, exceeds a negative bound).
  const cast = tally.reduce((n, t) => n + t.votes, 0);
  if (cast > (voters.length - invalid) * seats)
    throw rule(
      'COUNT_MISMATCH',
      `${cast} votes and ${invalid} invalid ballots cannot come from ${voters.length} ballots of ${seats} choice(s)`,
      'tally',
    );
  const sorted = [...tally].sort((a, b) => b.votes - a.votes || (a.unitId < b.unitId ? -1 : 1));
  const boundary = sorted[seats - 1]!.votes;
  const above = sorted.filter((t) => t.votes > boundary);
  const atBoundary = sorted.filter((t) => t.votes === boundary);
  const tie = above.length + atBoundary.length > seats;
  const chosen = (tie ? above : sorted.slice(0, seats)).map((t) => t.unitId);
  // Proposing a unit over a higher-ranked one needs a recorded reason.
  const given = (d.reasons ?? {}) as Record<string, unknown>;
  const reasons: Record<string, string> = {};
  for (const unitId of chosen) {
    const rank = candidates.find((x) => x.unitId === unitId)!.rank;
    const skipped = candidates.filter((x) => !chosen.includes(x.unitId) && x.rank < rank);
    if (skipped.length > 0) reasons[unitId] = requireReason(given[unitId], `reasons.${unitId}`);
  }
  return [
    {
      type: 'TitleReviewHeld',
      data: {
        reviewId,
        conferenceId,
        code: entry.code,
        seats,
        secret: d.secret,
        candidates,
        voters,
        tally: sorted,
        invalid,
        outcome: tie ? 'tie' : 'chosen',
        chosen,
        reasons,
      },
    },
  ];
}
