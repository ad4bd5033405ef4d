import type { Integer } from '@thidua/domain';
import type { SourceEvent, ReportedFiguresDoc, TotalsDoc } from '@thidua/projections';

/** What was reported, beside what is recorded (issue 12): the gap is shown, never closed. */
export interface ReportedComparison {
  /** Award instances (lượt) as reported. */
  total: Integer;
  collective: Integer | null;
  individual: Integer | null;
  source: { reference: string; sha256: string | null };
  statedOn: string;
  /** The event that recorded the figures: who, when, and its stream and revision (to open it in the log). */
  recorded: SourceEvent;
  /** Earlier reports of the same scope and year that this one replaced, with the reason given. */
  replaced: ReportedFiguresDoc['replaced'];
  /** The recorded total of the same document (`total`). */
  recordedTotal: Integer;
  /** recorded − reported (e.g. 836 − 486 = 350 for Cụm 7 in 2023). */
  difference: Integer;
  /** The reported and recorded figures differ (total, or the collective/individual split where stated). */
  mismatch: boolean;
}

/** GET /totals/{year}: the totals, and for a cluster or an organizer what it reported (null when nothing). */
export type TotalsAnswer = TotalsDoc & { reported: ReportedComparison | null };

export function compareReported(totals: TotalsDoc, reported: ReportedFiguresDoc | null): TotalsAnswer {
  if (!reported) return { ...totals, reported: null };
  const differs = (stated: Integer | null, recorded: Integer) => stated !== null && stated !== recorded;
  return {
    ...totals,
    reported: {
      total: reported.total,
      collective: reported.collective,
      individual: reported.individual,
      source: reported.source,
      statedOn: reported.statedOn,
      recorded: reported.recorded,
      replaced: reported.replaced,
      recordedTotal: totals.total,
      difference: (totals.total - reported.total) as Integer,
      mismatch:
        reported.total !== totals.total ||
        differs(reported.collective, totals.collective) ||
        differs(reported.individual, totals.individual),
    },
  };
}
