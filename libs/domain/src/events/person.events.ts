import type { Dated, TypedEvent } from './event.js';

/**
 * A person's personal fields (full name, rank title, position) sealed by the API with AES-256-GCM under the
 * person's own key, which is kept outside the log (crypto-shredding): the domain only carries the sealed
 * text. Deleting the key (erasure) makes it unreadable for good while the event, and the hash chain over
 * it, stay as they are. base64url strings.
 */
export interface SealedPersonal {
  alg: 'A256GCM';
  iv: string;
  ciphertext: string;
  tag: string;
}

/** Stream `person-{personId}`: a person (cá nhân) enters the registry in a unit. */
export interface PersonRegisteredData extends Dated {
  personId: string;
  unitId: string;
  personal: SealedPersonal;
}

/** The person moves to another unit (điều động): awards from then on name the new unit. */
export interface PersonTransferredData extends Dated {
  personId: string;
  fromUnitId: string;
  toUnitId: string;
  reason?: string;
}

/** The person's key was deleted: the personal fields are gone; awards and counts stay. No personal data. */
export interface PersonErasedData extends Dated {
  personId: string;
  /** Reference of the request or decision that asked for the erasure (not personal data). */
  requestRef: string;
}

/** Đăng ký danh hiệu: the person registers a title for a year, under an organizer's deadline. */
export interface TitleRegisteredData extends Dated {
  personId: string;
  year: number;
  code: string;
  organizerUnitId: string;
}

/** A title the person holds from before the ledger (imported history), with its decision's number. */
export interface PriorTitleRecordedData extends Dated {
  personId: string;
  code: string;
  year: number;
  decisionRef: string;
}

/**
 * The person's register of titles (and rewarded achievements): written by the award-decision handler before
 * the decision, so that "no second copy of a title for a year", "one achievement rewarded once" and the
 * prerequisites are decided race-free in the person's stream. `basis` names the awards the prerequisite
 * was met with.
 */
export interface TitleClaimedData {
  personId: string;
  awardId: string;
  decisionId: string;
  code: string;
  year: number;
  achievementRef?: string;
  basis: PrerequisiteBasis[];
}

/** An award (or a prior title, `awardId` null) that met a prerequisite. */
export interface PrerequisiteBasis {
  code: string;
  year: number;
  awardId: string | null;
}

/** The claim no longer stands: its decision was not recorded, or the award was revoked. */
export interface TitleClaimReleasedData {
  personId: string;
  awardId: string;
  cause: 'decision-failed' | 'revoked';
}

export type PersonEvent =
  | TypedEvent<'PersonRegistered', PersonRegisteredData>
  | TypedEvent<'PersonTransferred', PersonTransferredData>
  | TypedEvent<'PersonErased', PersonErasedData>
  | TypedEvent<'TitleRegistered', TitleRegisteredData>
  | TypedEvent<'PriorTitleRecorded', PriorTitleRecordedData>
  | TypedEvent<'TitleClaimed', TitleClaimedData>
  | TypedEvent<'TitleClaimReleased', TitleClaimReleasedData>;

export const PERSON_EVENT_TYPES = [
  'PersonRegistered',
  'PersonTransferred',
  'PersonErased',
  'TitleRegistered',
  'PriorTitleRecorded',
  'TitleClaimed',
  'TitleClaimReleased',
] as const;

/** Stream `registration-{organizerUnitId}-{year}`: the organizer's deadline for registering titles. */
export interface RegistrationDeadlineSetData extends Dated {
  organizerUnitId: string;
  year: number;
  /** Last day (inclusive) a registration may be dated. */
  deadline: string;
  reason?: string;
}

export type RegistrationEvent = TypedEvent<'RegistrationDeadlineSet', RegistrationDeadlineSetData>;

export const REGISTRATION_EVENT_TYPES = ['RegistrationDeadlineSet'] as const;
