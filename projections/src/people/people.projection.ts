import type { StoredEvent } from '@thidua/event-store';
import type { DocChange } from '@thidua/read-store';
import {
  businessDateOf,
  defaultCatalog,
  parseStreamId,
  prerequisiteRevoked,
  type AwardDecisionIssuedData,
  type AwardRevokedData,
  type Integer,
  type PersonErasedData,
  type PersonRegisteredData,
  type PersonTransferredData,
  type PriorTitleRecordedData,
  type TitleRegisteredData,
} from '@thidua/domain';
import type { ProjectionDefinition, ProjectionView } from '../projection.js';
import { AWARD_HOLDERS, PEOPLE_PROJECTION, PERSONS, type PersonDoc } from './people.documents.js';

export const PEOPLE_TYPES = [
  'PersonRegistered',
  'PersonTransferred',
  'PersonErased',
  'TitleRegistered',
  'PriorTitleRecorded',
  'AwardDecisionIssued',
  'AwardRevoked',
] as const;

const int = (n: number): Integer => n as Integer;

/** `people` (see people.documents.ts). Lookups by id only; an event naming an unknown person stalls it. */
export function peopleProjection(): ProjectionDefinition {
  return {
    name: PEOPLE_PROJECTION,
    version: 1,
    handles: PEOPLE_TYPES,
    collections: [PERSONS, AWARD_HOLDERS],
    indexes: [{ collection: PERSONS, fields: ['unitId'] }],
    async evolve(event: StoredEvent, view: ProjectionView): Promise<DocChange[]> {
      const position = int(event.position);
      const on = businessDateOf(event) ?? '';
      const put = (doc: PersonDoc): DocChange => ({
        op: 'put',
        collection: PERSONS,
        id: doc.personId,
        doc: { ...doc, position } as unknown as Record<string, unknown>,
      });
      const person = async (personId: string): Promise<PersonDoc> => {
        const doc = (await view.get(PERSONS, personId)) as PersonDoc | null;
        if (!doc)
          throw new Error(`${event.type} #${event.position} names person ${personId}, not registered`);
        return doc;
      };
      switch (event.type) {
        case 'PersonRegistered': {
          const d = event.data as unknown as PersonRegisteredData;
          return [
            put({
              personId: d.personId,
              unitId: d.unitId,
              registeredOn: on,
              personal: d.personal,
              erased: null,
              transfers: [],
              registrations: [],
              priorTitles: [],
              awards: [],
              position,
            }),
          ];
        }
        case 'PersonTransferred': {
          const d = event.data as unknown as PersonTransferredData;
          const doc = await person(d.personId);
          doc.transfers.push({ fromUnitId: d.fromUnitId, toUnitId: d.toUnitId, on });
          return [put({ ...doc, unitId: d.toUnitId })];
        }
        case 'PersonErased': {
          const d = event.data as unknown as PersonErasedData;
          const doc = await person(d.personId);
          // The sealed text goes too: without its key it is noise, and the read model keeps no copy of it.
          return [put({ ...doc, personal: null, erased: { on, requestRef: d.requestRef, position } })];
        }
        case 'TitleRegistered': {
          const d = event.data as unknown as TitleRegisteredData;
          const doc = await person(d.personId);
          doc.registrations.push({ year: int(d.year), code: d.code, organizerUnitId: d.organizerUnitId, on });
          return [put(doc)];
        }
        case 'PriorTitleRecorded': {
          const d = event.data as unknown as PriorTitleRecordedData;
          const doc = await person(d.personId);
          doc.priorTitles.push({ code: d.code, year: int(d.year), decisionRef: d.decisionRef });
          return [put(doc)];
        }
        case 'AwardDecisionIssued':
          return issued(event.data as unknown as AwardDecisionIssuedData, put, person);
        case 'AwardRevoked': {
          const stream = parseStreamId(event.streamId);
          if (stream?.category !== 'award-decision') return [];
          return revoked(event.data as unknown as AwardRevokedData, on, position, view, put, person);
        }
        default:
          return [];
      }
    },
  };
}

async function issued(
  d: AwardDecisionIssuedData,
  put: (doc: PersonDoc) => DocChange,
  person: (id: string) => Promise<PersonDoc>,
): Promise<DocChange[]> {
  const changes: DocChange[] = [];
  const docs = new Map<string, PersonDoc>();
  for (const a of d.awards) {
    // Awards recorded before the registry name a person by free text only: not a registry person's.
    if (a.recipient.kind !== 'individual' || a.recipient.personId === undefined) continue;
    const personId = a.recipient.personId;
    const doc = docs.get(personId) ?? (await person(personId));
    docs.set(personId, doc);
    doc.awards.push({
      awardId: a.awardId,
      decisionId: d.decisionId,
      decisionNumber: d.number,
      date: d.date,
      authority: d.authority,
      code: a.code,
      name: defaultCatalog.find(a.code)?.name ?? a.code,
      year: int(a.year),
      unitId: a.recipient.unitId,
      revoked: null,
      basis: (a.basis ?? []).map((b) => ({ ...b, year: int(b.year) })),
      basisNoLongerHolds: [],
    });
    changes.push({ op: 'put', collection: AWARD_HOLDERS, id: a.awardId, doc: { personId } });
  }
  for (const doc of docs.values()) changes.push(put(doc));
  return changes;
}

/**
 * A revoked award is marked, and every award of the same person whose prerequisite it met shows that its
 * basis no longer holds (`PREREQUISITE_REVOKED`) — it stays conferred until its own authority acts.
 */
async function revoked(
  d: AwardRevokedData,
  on: string,
  position: Integer,
  view: ProjectionView,
  put: (doc: PersonDoc) => DocChange,
  person: (id: string) => Promise<PersonDoc>,
): Promise<DocChange[]> {
  const holder = (await view.get(AWARD_HOLDERS, d.awardId)) as { personId: string } | null;
  if (!holder) return [];
  const doc = await person(holder.personId);
  const award = doc.awards.find((a) => a.awardId === d.awardId);
  if (!award) return [];
  award.revoked = {
    on,
    ...(d.ground !== undefined && { ground: d.ground }),
    ...(d.authority !== undefined && { authority: d.authority }),
    ...(d.recovery !== undefined && {
      recovery: { insignia: d.recovery.insignia, moneyVnd: int(d.recovery.moneyVnd) },
    }),
    decisionRef: d.decisionRef,
    position,
  };
  for (const dependent of doc.awards)
    if (dependent.basis.some((b) => b.awardId === d.awardId))
      dependent.basisNoLongerHolds.push(
        prerequisiteRevoked(award, { decisionRef: d.decisionRef, on }, position),
      );
  return [put(doc)];
}
