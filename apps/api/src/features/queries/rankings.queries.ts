import { Query } from '@nestjs/cqrs';
import type { PeriodCode, WhatIfResult } from '@thidua/domain';
import type { ExplainedRankingDocument, RankingDocument } from '@thidua/projections';

/** A ranking document as the read store holds it: JSON text, sent as the body unchanged. */
export type RankingJson = string;

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

export class GetRankingQuery extends Query<RankingDocument | RankingJson> {
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

/** The ranking had some entries other points or none; records nothing. */
export class WhatIfQuery extends Query<WhatIfResult> {
  constructor(
    readonly ref: PeriodRef,
    readonly asOf: AsOfParams,
    readonly overrides: ReadonlyArray<{ entryId: string; points: number }>,
    readonly exclude: ReadonlyArray<string>,
  ) {
    super();
  }
}
