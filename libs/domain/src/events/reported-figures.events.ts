import type { Dated, TypedEvent } from './event.js';

/**
 * Stream `reported-{cluster|organizer}-{id}-{year}`: figures a cluster or an organizer reported (e.g. Cụm 7's
 * headline "486 lượt" of 2023), recorded exactly as stated — never checked against, nor corrected to, the
 * awards recorded; the totals show both and mark a mismatch.
 */
export interface ReportedFiguresRecordedData extends Dated {
  scope: 'cluster' | 'organizer';
  scopeId: string;
  year: number;
  /** Award instances (lượt) as stated. */
  total: number;
  collective?: number;
  individual?: number;
  /** Where it was stated: a report's or article's reference, and its sha256 when the text is kept. */
  source: { reference: string; sha256?: string };
  /** Why an earlier report of the same scope and year is replaced. */
  reason?: string;
}

export type ReportedFiguresEvent = TypedEvent<'ReportedFiguresRecorded', ReportedFiguresRecordedData>;

export const REPORTED_FIGURES_EVENT_TYPES = ['ReportedFiguresRecorded'] as const;
