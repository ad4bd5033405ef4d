import type { Integer, SealedPersonal } from '@thidua/domain';

/**
 * The read-model contract of the `people` projection (issue 12): per person, the registry record (unit,
 * transfers, the sealed personal fields — dropped once the person is erased), title registrations, prior
 * titles, and the individual awards naming them with each award's prerequisite basis and whether that
 * basis still holds. Names are never stored in clear here: the API opens the sealed fields with the
 * person's key (outside the log) when it answers, and says "đã xoá" when the key is gone.
 */
export const PEOPLE_PROJECTION = 'people';
export const PERSONS = 'persons';
/** `award-holders/{awardId}`: the person an individual award names (a revocation finds it by award id). */
export const AWARD_HOLDERS = 'award-holders';

/**
 * Why an award's basis no longer holds (issue 12; part B uses the same shape for cluster flags): a
 * machine-readable code, the log position of the event that broke it, and a sentence.
 */
export interface BasisNoLongerHolds {
  code: string;
  since: Integer;
  detail: string;
}

/** An award (or a prior title: `awardId` null) a prerequisite was met with. */
export interface BasisDoc {
  code: string;
  year: Integer;
  awardId: string | null;
}

export interface PersonAwardDoc {
  awardId: string;
  decisionId: string;
  decisionNumber: string;
  /** The decision's date. */
  date: string;
  authority: string;
  code: string;
  name: string;
  year: Integer;
  /** The person's unit when it was decided. */
  unitId: string;
  /** The revocation: its date, ground, authority, decision and what was recovered (the last three absent before issue 12). */
  revoked: {
    on: string;
    ground?: string;
    authority?: string;
    recovery?: { insignia: boolean; moneyVnd: Integer };
    decisionRef: string;
    position: Integer;
  } | null;
  /** The titles a prerequisite was met with (awards of this person, or prior titles: `awardId` null). */
  basis: BasisDoc[];
  basisNoLongerHolds: BasisNoLongerHolds[];
}

export interface PersonDoc {
  personId: string;
  unitId: string;
  registeredOn: string;
  /** The sealed personal fields; null once erased. */
  personal: SealedPersonal | null;
  erased: { on: string; requestRef: string; position: Integer } | null;
  transfers: Array<{ fromUnitId: string; toUnitId: string; on: string }>;
  registrations: Array<{ year: Integer; code: string; organizerUnitId: string; on: string }>;
  priorTitles: Array<{ code: string; year: Integer; decisionRef: string }>;
  awards: PersonAwardDoc[];
  position: Integer;
}
