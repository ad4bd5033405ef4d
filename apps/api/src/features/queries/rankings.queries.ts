import { Query } from '@nestjs/cqrs';
import type { PeriodCode, PlacedRanking, PlacedRow, WhatIfDiff } from '@thidua/domain';
import type { ExplainedRankingDocument, RankingDocument } from '@thidua/projections';
import type { StoredJson } from '../../openapi/stored-json.js';

interface PeriodRef {
  clusterId: string;
  year: number;
  period: PeriodCode;
}

/**
 * The ranking (bảng xếp hạng) of a period: the projection's document as its stored JSON text (answered
 * as is, never parsed), or computed as of a position/time.
 */
/** `?asOf=` (position or instant) and `?asOfEffective=` (business date), as the query string gave them. */
export interface AsOfParams {
  asOf?: string | undefined;
  asOfEffective?: string | undefined;
}

export class GetRankingQuery extends Query<RankingDocument | StoredJson<RankingDocument>> {
  constructor(
    readonly ref: PeriodRef,
    readonly asOf: AsOfParams,
  ) {
    super();
  }
}

/** Giải trình: the ranking with each row's points traced to the events that gave them. */
export class ExplainRankingQuery extends Query<ExplainedRankingDocument> {
  constructor(
    readonly ref: PeriodRef,
    readonly asOf: AsOfParams,
  ) {
    super();
  }
}

/** A row of a what-if answer: the unit's name beside its id, and how the row was placed. */
export interface NamedPlacedRow extends PlacedRow {
  unitName: string | null;
}

/**
 * An evaluator ranking whose rows carry the unit's name beside its id and say how each was placed against
 * the row above (`placedBy`: a lower total, or which tie-break of the scheme parted equal totals).
 */
export interface NamedRanking extends Omit<PlacedRanking, 'rows'> {
  rows: NamedPlacedRow[];
}

/** A unit whose total, rank or classification the what-if changes, with its name. */
export interface NamedWhatIfDiff extends WhatIfDiff {
  unitName: string | null;
}

/** What POST …/what-if answers: the actual and the hypothetical ranking, and what differs, by unit. */
export interface WhatIfAnswer {
  actual: NamedRanking;
  hypothetical: NamedRanking;
  /** Units whose total, rank or classification differ, by unit id. */
  diff: NamedWhatIfDiff[];
}

/** The ranking had some entries other points or none; records nothing. */
export class WhatIfQuery extends Query<WhatIfAnswer> {
  constructor(
    readonly ref: PeriodRef,
    readonly asOf: AsOfParams,
    readonly overrides: ReadonlyArray<{ entryId: string; points: number }>,
    readonly exclude: ReadonlyArray<string>,
  ) {
    super();
  }
}
