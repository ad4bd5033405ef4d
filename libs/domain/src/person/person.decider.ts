import { isAdmin, type Actor } from '../actor.js';
import { requireActDate, requireNotBefore } from '../business-date.js';
import { defaultCatalog } from '../catalog/catalog.js';
import { defaultTitleRules } from '../catalog/title-rules.js';
import type { Decider } from '../decider.js';
import { conflict, forbidden, notFound, rule } from '../errors.js';
import type { PersonEvent, SealedPersonal } from '../events/person.events.js';
import {
  optionalText,
  requireArray,
  requireId,
  requireText,
  requireUnique,
  requireYear,
} from '../validation.js';
import type { PersonCommand, PersonContext } from './person.commands.js';
import { evolvePerson, initialPersonState, registrationKey, type PersonState } from './person.state.js';
import { checkTitleClaim } from './title-checks.js';

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Longest base64url text of each sealed part. */
const SEALED_MAX = { iv: 32, ciphertext: 4096, tag: 32 } as const;

/** The sealed personal fields as the API produced them: the domain checks the shape, never the content. */
function requireSealed(raw: unknown): SealedPersonal {
  const s = raw as Partial<SealedPersonal> | undefined;
  if (s?.alg !== 'A256GCM') throw rule('INVALID_SEALED_DATA', 'personal.alg must be A256GCM', 'personal');
  const part = (name: keyof typeof SEALED_MAX): string => {
    const v: unknown = s[name];
    // Not empty: the pattern needs one character at least.
    if (typeof v !== 'string' || v.length > SEALED_MAX[name] || !BASE64URL.test(v))
      throw rule('INVALID_SEALED_DATA', `personal.${name} must be base64url`, 'personal');
    return v;
  };
  return { alg: 'A256GCM', iv: part('iv'), ciphertext: part('ciphertext'), tag: part('tag') };
}

const isRecorder = (actor: Actor): boolean => isAdmin(actor) || actor.role === 'organizer';

/** The personnel office of the unit (its officer), an organizer or an administrator. */
function requireForUnit(actor: Actor, unitId: string | undefined): void {
  if (isRecorder(actor)) return;
  if (actor.role === 'unit-officer' && unitId !== undefined && actor.unitId === unitId) return;
  throw forbidden("only an administrator, an organizer or an officer of the person's unit records this");
}

function requirePerson(state: PersonState, personId: string): void {
  if (state.status === 'none')
    throw notFound('PERSON_NOT_FOUND', `person ${personId} is not registered`, 'personId');
  if (state.status === 'erased')
    throw rule(
      'PERSON_ERASED',
      `person ${personId} was erased: nothing more is recorded for them`,
      'personId',
    );
}

function requireActiveUnit(status: PersonContext['unitStatus'], unitId: string, field: string): void {
  if (status === undefined || status === 'none')
    throw notFound('UNIT_NOT_FOUND', `unit ${unitId} is not registered`, field);
  if (status !== 'active') throw rule('UNIT_NOT_ACTIVE', `unit ${unitId} is ${status}`, field);
}

/**
 * A person of the registry (stream `person-{personId}`): registered in a unit with sealed personal fields,
 * transferred between units, erased (the key outside the log is deleted; this event carries no personal
 * data); their title registrations for a year; and their register of titles, which the award-decision
 * handler claims before a decision so that duplicates and prerequisites are decided race-free here.
 */
export function decidePerson(
  command: PersonCommand,
  state: PersonState,
  context: PersonContext = {},
): PersonEvent[] {
  const { actor } = command;
  const personId = requireId(command.data.personId, 'personId');
  const catalog = context.catalog ?? defaultCatalog;
  switch (command.type) {
    case 'RegisterPerson': {
      const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
      const unitId = requireId(command.data.unitId, 'unitId');
      requireForUnit(actor, unitId);
      if (state.status !== 'none')
        throw conflict('PERSON_ALREADY_REGISTERED', `person ${personId} is registered`, 'personId');
      requireActiveUnit(context.unitStatus, unitId, 'unitId');
      const personal = requireSealed(command.data.personal);
      return [{ type: 'PersonRegistered', data: { personId, unitId, personal, effectiveDate } }];
    }
    case 'TransferPerson': {
      const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
      if (!isRecorder(actor)) throw forbidden('only an administrator or an organizer transfers a person');
      requirePerson(state, personId);
      requireNotBefore(effectiveDate, state.registeredOn, `person ${personId}'s registration`);
      const toUnitId = requireId(command.data.toUnitId, 'toUnitId');
      if (toUnitId === state.unitId)
        throw rule('SAME_UNIT', `person ${personId} is already in unit ${toUnitId}`, 'toUnitId');
      requireActiveUnit(context.unitStatus, toUnitId, 'toUnitId');
      const reason = optionalText(command.data.reason, 'reason', 1000);
      return [
        {
          type: 'PersonTransferred',
          data: {
            personId,
            fromUnitId: state.unitId!,
            toUnitId,
            ...(reason !== undefined && { reason }),
            effectiveDate,
          },
        },
      ];
    }
    case 'ErasePerson': {
      const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
      if (!isAdmin(actor)) throw forbidden('only an administrator erases a person');
      if (state.status === 'none')
        throw notFound('PERSON_NOT_FOUND', `person ${personId} is not registered`, 'personId');
      if (state.status === 'erased')
        throw conflict('PERSON_ALREADY_ERASED', `person ${personId} was erased`, 'personId');
      const requestRef = requireText(command.data.requestRef, 'requestRef', 100);
      return [{ type: 'PersonErased', data: { personId, requestRef, effectiveDate } }];
    }
    case 'RegisterTitle': {
      const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
      requirePerson(state, personId);
      requireForUnit(actor, state.unitId);
      const year = requireYear(command.data.year);
      const code = requireId(command.data.code, 'code');
      const entry = catalog.find(code);
      if (!entry || entry.kind !== 'title' || !entry.recipientKinds.includes('individual'))
        throw rule('TITLE_NOT_REGISTRABLE', `${code} is not an individual title of the catalog`, 'code');
      const organizerUnitId = requireId(command.data.organizerUnitId, 'organizerUnitId');
      if (state.registrations[registrationKey(year, code)])
        throw conflict('TITLE_ALREADY_REGISTERED', `${code} is already registered for ${year}`, 'code');
      const deadline = context.registrationDeadline;
      if (deadline !== undefined && effectiveDate > deadline)
        throw rule(
          'REGISTRATION_CLOSED',
          `registrations for ${year} closed on ${deadline} (organizer ${organizerUnitId}); this one is dated ${effectiveDate}`,
          'effectiveDate',
        );
      return [{ type: 'TitleRegistered', data: { personId, year, code, organizerUnitId, effectiveDate } }];
    }
    case 'RecordPriorTitle': {
      const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
      if (!isRecorder(actor)) throw forbidden('only an administrator or an organizer records prior titles');
      requirePerson(state, personId);
      const code = requireId(command.data.code, 'code');
      const entry = catalog.find(code);
      if (!entry || entry.kind !== 'title' || !entry.recipientKinds.includes('individual'))
        throw rule('TITLE_NOT_REGISTRABLE', `${code} is not an individual title of the catalog`, 'code');
      const year = requireYear(command.data.year);
      if (state.titles.some((t) => t.code === code && t.year === year))
        throw rule('TITLE_ALREADY_HELD', `the person already holds ${code} for ${year}`, 'code');
      const decisionRef = requireText(command.data.decisionRef, 'decisionRef', 100);
      return [{ type: 'PriorTitleRecorded', data: { personId, code, year, decisionRef, effectiveDate } }];
    }
    case 'ClaimTitles': {
      if (!isRecorder(actor))
        throw forbidden('only an administrator or an organizer records award decisions');
      requirePerson(state, personId);
      const decisionId = requireId(command.data.decisionId, 'decisionId');
      const rules = context.titleRules ?? defaultTitleRules;
      const events: PersonEvent[] = [];
      let current = state;
      for (const c of requireArray(command.data.claims, 'claims', 1, 5000) as ClaimInput[]) {
        const isTitle = catalog.find(c.code)?.kind === 'title';
        const basis = checkTitleClaim(current, c, rules, isTitle, c.field);
        const event: PersonEvent = {
          type: 'TitleClaimed',
          data: {
            personId,
            awardId: c.awardId,
            decisionId,
            code: c.code,
            year: c.year,
            ...(c.achievementRef !== undefined && { achievementRef: c.achievementRef }),
            basis,
          },
        };
        events.push(event);
        current = evolvePerson(current, event);
      }
      return events;
    }
    case 'ReleaseTitleClaims': {
      if (!isRecorder(actor)) throw forbidden('only an administrator or an organizer releases title claims');
      const awardIds = requireArray(command.data.awardIds, 'awardIds', 1, 5000).map((a, i) =>
        requireId(a, `awardIds[${i}]`),
      );
      requireUnique(awardIds, 'awardIds');
      // Only what is still claimed is released: a repeated release records nothing.
      return awardIds
        .filter((awardId) => state.titles.some((t) => t.awardId === awardId))
        .map((awardId) => ({
          type: 'TitleClaimReleased' as const,
          data: { personId, awardId, cause: command.data.cause },
        }));
    }
  }
}

type ClaimInput = { awardId: string; code: string; year: number; achievementRef?: string; field: string };

export const personDecider: Decider<PersonCommand, PersonState, PersonEvent, PersonContext> = {
  initialState: initialPersonState,
  evolve: evolvePerson,
  decide: decidePerson,
};
