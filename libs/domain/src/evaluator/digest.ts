import { canonicalJson } from '../canonical-json.js';
import type { CriterionScore, ExplainedRanking, Ranking, RankingRow } from './evaluator.types.js';

/**
 * The stable part of a ranking, sealed by PeriodClosed: what the units are ranked on, without the
 * status, position, revisions or explain detail (those change while the sealed result does not).
 * The handler stores `sha256(canonicalJson(rankingForDigest(ranking)))` as the `rankingDigest`.
 */
export interface RankingForDigest {
  clusterId: string;
  year: number;
  period: string;
  schemeVersion: number | null;
  rows: RankingRow[];
}

export function rankingForDigest(ranking: Ranking | ExplainedRanking): RankingForDigest {
  return {
    clusterId: ranking.clusterId,
    year: ranking.year,
    period: ranking.period,
    schemeVersion: ranking.schemeVersion,
    rows: ranking.rows.map((r) => ({
      unitId: r.unitId,
      total: r.total,
      groups: r.groups,
      bonus: r.bonus,
      penalty: r.penalty,
      rank: r.rank,
      classification: r.classification,
      criteria: r.criteria,
      missingCriteria: r.missingCriteria,
      // Absent on rankings without them, so earlier seals keep their digests.
      ...(r.unclassified !== undefined && { unclassified: r.unclassified }),
      ...(r.cappedBy !== undefined && { cappedBy: r.cappedBy }),
    })),
  };
}

/** The exact string to hash for a ranking's digest: `canonicalJson(rankingForDigest(ranking))`. */
export function rankingDigestInput(ranking: Ranking | ExplainedRanking): string {
  let text = '';
  writeRankingDigestInput(ranking, (piece) => {
    text += piece;
  });
  return text;
}

/**
 * Gives `canonicalJson(rankingForDigest(ranking))` to `write` in pieces (a head, each row, a tail), so a
 * hash can take them one by one instead of one long string. The live rankings projection digests every
 * period a delivery touched (≈ 2 ms for a 64-unit year by canonicalJson): this writer knows the keys of
 * the digest's own objects and of the evaluator's criterion scores (most of the objects) in code-unit
 * order, so it does not sort them; everything else goes through canonicalJson. Byte for byte the same
 * text, corner cases included (undefined fields left out, holes, non-finite numbers refused).
 */
export function writeRankingDigestInput(
  ranking: Ranking | ExplainedRanking,
  write: (piece: string) => void,
): void {
  let head = field('', '"clusterId":', ranking.clusterId);
  head = field(head, '"period":', ranking.period);
  write((head === '' ? '{' : head + ',') + '"rows":[');
  const rows: readonly RankingRow[] = ranking.rows;
  for (let i = 0; i < rows.length; i++) {
    // A hole in the rows stays one (rankingForDigest maps them), which canonicalJson writes as nothing.
    const text = i in rows ? rowText(rows[i]!) : '';
    write(i > 0 ? ',' + text : text);
  }
  // After "rows", never first.
  let tail = ']';
  if (ranking.schemeVersion !== undefined) tail += ',"schemeVersion":' + canonicalJson(ranking.schemeVersion);
  if (ranking.year !== undefined) tail += ',"year":' + canonicalJson(ranking.year);
  write(tail + '}');
}

/** `text` with `"key":value` appended after a comma, or after `{` when it is the first; undefined adds nothing. */
function field(text: string, quotedKey: string, value: unknown): string {
  if (value === undefined) return text;
  return (text === '' ? '{' : text + ',') + quotedKey + canonicalJson(value);
}

/** canonicalJson of rankingForDigest's row: its keys in code-unit order. */
function rowText(r: RankingRow): string {
  let text = field('', '"bonus":', r.bonus);
  text = field(text, '"cappedBy":', r.cappedBy);
  text = field(text, '"classification":', r.classification);
  if (r.criteria !== undefined)
    text = (text === '' ? '{' : text + ',') + '"criteria":' + criteriaText(r.criteria);
  text = field(text, '"groups":', r.groups);
  text = field(text, '"missingCriteria":', r.missingCriteria);
  text = field(text, '"penalty":', r.penalty);
  text = field(text, '"rank":', r.rank);
  text = field(text, '"total":', r.total);
  text = field(text, '"unclassified":', r.unclassified);
  text = field(text, '"unitId":', r.unitId);
  return text === '' ? '{}' : text + '}';
}

/** The criterion scores; those with exactly CriterionScore's four keys, of the expected types, without a sort. */
function criteriaText(criteria: readonly CriterionScore[]): string {
  if (!Array.isArray(criteria)) return canonicalJson(criteria);
  let text = '[';
  for (let i = 0; i < criteria.length; i++) {
    if (i > 0) text += ',';
    const c: unknown = criteria[i];
    if (isPlainScore(c)) text += scoreText(c);
    else if (c === undefined) {
      if (i in criteria) text += 'null'; // a hole gives nothing, as canonicalJson writes it
    } else {
      const other = canonicalJson(c) as string | undefined; // undefined for a function or symbol
      if (other !== undefined) text += other;
    }
  }
  return text + ']';
}

function isPlainScore(c: unknown): c is CriterionScore {
  if (typeof c !== 'object' || c === null) return false;
  // Its keys counted without Object.keys (an array per score, and a ranking digests thousands).
  // for-in also lists inherited keys: an object with any, or with a key not its own, is not taken here.
  let keys = 0;
  for (const key in c) {
    if (key !== 'code' && key !== 'entryId' && key !== 'points' && key !== 'source') return false;
    if (!Object.prototype.propertyIsEnumerable.call(c, key)) return false;
    keys += 1;
  }
  if (keys !== 4) return false;
  const { code, entryId, points, source } = c as CriterionScore;
  return (
    typeof code === 'string' &&
    typeof entryId === 'string' &&
    Number.isFinite(points) && // a number, finite
    typeof source === 'string'
  );
}

function scoreText(c: CriterionScore): string {
  return (
    '{"code":' +
    quoted(c.code) +
    ',"entryId":' +
    quoted(c.entryId) +
    ',"points":' +
    // What JSON.stringify and canonicalJson give for a finite number (-0 → "0").
    ('' + c.points) +
    ',"source":' +
    quoted(c.source) +
    '}'
  );
}

/** Printable ASCII but `"` and `\`: what JSON.stringify writes as it is, between quotes. */
const VERBATIM = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * JSON.stringify of a string, without its call for the ids a score holds (ASCII codes: half the time of a
 * 100,000-event year's digest went to these calls).
 */
const quoted = (s: string): string => (VERBATIM.test(s) ? '"' + s + '"' : JSON.stringify(s));
