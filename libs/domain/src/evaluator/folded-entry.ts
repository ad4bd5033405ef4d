import type { Assessment } from '../events/emulation-year.events.js';
import type { ChainLink } from './evaluator.types.js';

/** One score entry of a period, with its history. */
export interface FoldedEntry {
  entryId: string;
  unitId: string;
  criterion: string;
  assessment: Assessment;
  points: number;
  withdrawn: boolean;
  chain: ChainLink[];
}

/**
 * An entry as a fold holds it. Made by a constructor, not an object literal: V8 pretenures a literal's
 * allocation site once most of its objects survive, and a fold's entries mostly do (the rankings
 * projection's folds). The entries of later as-of queries then went straight into the old generation and
 * died there (≈ 160 KB a request at 20,000 events, bringing the full collections that were the as-of's
 * tail). Objects made by `new` are not pretenured.
 */
export class OwnedEntry implements FoldedEntry {
  constructor(
    public entryId: string,
    public unitId: string,
    public criterion: string,
    public assessment: Assessment,
    public points: number,
    public withdrawn: boolean,
    public chain: ChainLink[],
  ) {}
}

/** An untraced score entry (a year log's entries make theirs here on demand: entry-columns.ts). */
export function untracedEntry(
  entryId: string,
  unitId: string,
  criterion: string,
  assessment: Assessment,
  points: number,
  withdrawn: boolean,
): FoldedEntry {
  return new OwnedEntry(entryId, unitId, criterion, assessment, points, withdrawn, UNTRACED);
}

/** The chain of every entry of an untraced fold: empty, never written (frozen: a write would throw). */
export const UNTRACED = Object.freeze([]) as unknown as ChainLink[];
