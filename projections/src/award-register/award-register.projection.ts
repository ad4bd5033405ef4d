import type { StoredEvent } from '@thidua/event-store';
import type { DocChange } from '@thidua/read-store';
import {
  AUTHORITY_LEVELS,
  businessDateOf,
  defaultCatalog,
  parseStreamId,
  type AwardDecisionIssuedData,
  type AwardRevokedData,
  type Integer,
} from '@thidua/domain';
import { sourceEvent } from '../source-event.js';
import type { ProjectionDefinition, ProjectionView } from '../projection.js';
import { AWARD_ENTRIES, AWARD_REGISTER_PROJECTION, type AwardEntryDoc } from './award-register.documents.js';

const int = (n: number): Integer => n as Integer;
const authorityName = (code: string): string => AUTHORITY_LEVELS.find((a) => a.code === code)?.name ?? code;

/** `award-register` (see award-register.documents.ts). Lookups by award id only. */
export function awardRegisterProjection(): ProjectionDefinition {
  return {
    name: AWARD_REGISTER_PROJECTION,
    // 2: the proposal item or đột xuất reason, and a flag's basis (issue 12 part B).
    version: 2,
    handles: ['AwardDecisionIssued', 'AwardRevoked'],
    collections: [AWARD_ENTRIES],
    indexes: [{ collection: AWARD_ENTRIES, fields: ['unitId', 'year'] }],
    async evolve(event: StoredEvent, view: ProjectionView): Promise<DocChange[]> {
      if (parseStreamId(event.streamId)?.category !== 'award-decision') return [];
      return event.type === 'AwardDecisionIssued' ? issued(event) : revoked(event, view);
    },
  };
}

function issued(event: StoredEvent): DocChange[] {
  const d = event.data as unknown as AwardDecisionIssuedData;
  const ref = sourceEvent(event);
  return d.awards.map((a) => {
    const doc: AwardEntryDoc = {
      awardId: a.awardId,
      decisionId: d.decisionId,
      decisionNumber: d.number,
      date: d.date,
      authority: d.authority,
      authorityName: authorityName(d.authority),
      code: a.code,
      name: defaultCatalog.find(a.code)?.name ?? a.code,
      year: int(a.year),
      kind: a.recipient.kind,
      unitId: a.recipient.unitId,
      personId: a.recipient.kind === 'individual' ? (a.recipient.personId ?? null) : null,
      citation: a.citation,
      overrideReason: a.override?.reason ?? null,
      proposalItem: a.proposalItem
        ? { proposalId: a.proposalItem.proposalId, itemId: a.proposalItem.itemId }
        : null,
      adHocReason: a.adHoc?.reason ?? null,
      flagBasis: a.flagBasis
        ? {
            ...a.flagBasis,
            year: int(a.flagBasis.year),
            rank: a.flagBasis.rank === null ? null : int(a.flagBasis.rank),
            rankingPosition: int(a.flagBasis.rankingPosition),
            quota: int(a.flagBasis.quota),
            conferredBefore: int(a.flagBasis.conferredBefore),
          }
        : null,
      issued: ref,
      revoked: null,
      position: int(event.position),
    };
    return {
      op: 'put',
      collection: AWARD_ENTRIES,
      id: a.awardId,
      doc: doc as unknown as Record<string, unknown>,
    };
  });
}

async function revoked(event: StoredEvent, view: ProjectionView): Promise<DocChange[]> {
  const d = event.data as unknown as AwardRevokedData;
  const doc = (await view.get(AWARD_ENTRIES, d.awardId)) as AwardEntryDoc | null;
  // The decider refuses a revocation of an award it does not hold: an unknown one is a broken log.
  if (!doc) throw new Error(`AwardRevoked #${event.position} names award ${d.awardId}, not issued`);
  doc.revoked = {
    on: businessDateOf(event) ?? '',
    reason: d.reason,
    decisionRef: d.decisionRef,
    ground: d.ground ?? null,
    authority: d.authority ?? null,
    authorityName: d.authority === undefined ? null : authorityName(d.authority),
    recovery: d.recovery ? { insignia: d.recovery.insignia, moneyVnd: int(d.recovery.moneyVnd) } : null,
    event: sourceEvent(event),
  };
  doc.position = int(event.position);
  return [
    { op: 'put', collection: AWARD_ENTRIES, id: d.awardId, doc: doc as unknown as Record<string, unknown> },
  ];
}
