import type { Command } from '../actor.js';
import type { Catalog } from '../catalog/catalog.js';
import type { TitleRules } from '../catalog/title-rules.js';
import type { SealedPersonal } from '../events/person.events.js';
import type { UnitStatus } from '../unit/unit.commands.js';
import { personStream } from '../streams.js';

export type RegisterPerson = Command<
  'RegisterPerson',
  { personId: string; unitId: string; personal: SealedPersonal; effectiveDate?: string }
>;
export type TransferPerson = Command<
  'TransferPerson',
  { personId: string; toUnitId: string; reason?: string; effectiveDate?: string }
>;
export type ErasePerson = Command<
  'ErasePerson',
  { personId: string; requestRef: string; effectiveDate?: string }
>;
export type RegisterTitle = Command<
  'RegisterTitle',
  { personId: string; year: number; code: string; organizerUnitId: string; effectiveDate?: string }
>;
export type RecordPriorTitle = Command<
  'RecordPriorTitle',
  { personId: string; code: string; year: number; decisionRef: string; effectiveDate?: string }
>;
/** Sent by the award-decision handler: the person's titles of one decision, before the decision. */
export type ClaimTitles = Command<
  'ClaimTitles',
  {
    personId: string;
    decisionId: string;
    claims: Array<{ awardId: string; code: string; year: number; achievementRef?: string; field: string }>;
  }
>;
export type ReleaseTitleClaims = Command<
  'ReleaseTitleClaims',
  { personId: string; awardIds: string[]; cause: 'decision-failed' | 'revoked' }
>;

export type PersonCommand =
  | RegisterPerson
  | TransferPerson
  | ErasePerson
  | RegisterTitle
  | RecordPriorTitle
  | ClaimTitles
  | ReleaseTitleClaims;

export interface PersonContext {
  /** Status of the unit the command names (RegisterPerson: unitId; TransferPerson: toUnitId). */
  unitStatus?: UnitStatus;
  /** RegisterTitle: the organizer's recorded deadline for the year, if any. */
  registrationDeadline?: string;
  catalog?: Catalog;
  titleRules?: TitleRules;
}

export const personStreamOf = (command: PersonCommand): string => personStream(command.data.personId);
