import type { Integer } from '@thidua/domain';
import type { SourceEvent } from '../source-event.js';

/**
 * The read-model contract of the `reported-figures` projection (issue 12): per cluster or organizer and
 * year, the figures it reported, as stated (`reported/{scope}:{scopeId}:{year}`), with the reports it
 * replaced. GET /totals answers them beside the awards recorded.
 */
export const REPORTED_FIGURES_PROJECTION = 'reported-figures';
export const REPORTED = 'reported';

export const reportedDocId = (scope: 'cluster' | 'organizer', scopeId: string, year: number): string =>
  `${scope}:${scopeId}:${year}`;

export interface ReportedFiguresDoc {
  scope: 'cluster' | 'organizer';
  scopeId: string;
  year: Integer;
  total: Integer;
  collective: Integer | null;
  individual: Integer | null;
  source: { reference: string; sha256: string | null };
  /** The date it was stated on (the report's business date). */
  statedOn: string;
  /** Earlier reports of the same scope and year, replaced (oldest first), with the reason given. */
  replaced: Array<{ total: Integer; statedOn: string; reason: string | null; position: Integer }>;
  /** The ReportedFiguresRecorded event behind the figures: who recorded them, when, and where to read it (version 2). */
  recorded: SourceEvent;
  position: Integer;
}
