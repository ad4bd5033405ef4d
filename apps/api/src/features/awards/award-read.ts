import { Inject, Injectable } from '@nestjs/common';
import {
  awardDecisionStream,
  emulationStream,
  flagBasisIssues,
  notFound,
  type AwardDecisionIssuedData,
  type AwardItem,
  type BasisIssue,
  type FlagBasis,
  type Integer,
} from '@thidua/domain';
import type { EventStore, StoredEvent } from '@thidua/event-store';
import { EVENT_STORE } from '../../infrastructure/tokens.js';
import { decisionIdOfAward } from './award-ids.js';

/**
 * What GET /awards/{awardId} answers: the award as decided, what it rests on (the proposal item it carries
 * out, or the đột xuất reason; for a cluster flag its basis), and `basisNoLongerHolds` — empty while the basis
 * holds (the same shape for every award read, whatever made the basis fail).
 */
export type AwardRead = Omit<AwardItem, 'year' | 'flagBasis'> & {
  year: Integer;
  flagBasis?: Omit<FlagBasis, 'year' | 'rankingPosition'> & { year: Integer; rankingPosition: Integer };
  decisionId: string;
  number: string;
  /** The decision's date. */
  date: string;
  authority: string;
  revoked: boolean;
  /** The organizer's confirmations of a basis that no longer held: reason and log position. */
  basisConfirmations: Array<{ reason: string; position: Integer }>;
  basisNoLongerHolds: Array<Omit<BasisIssue, 'since'> & { since: Integer }>;
};

const PAGE = 1000;

/** Reads an award from its decision's stream and checks its basis against the log as it stands (no projection). */
@Injectable()
export class AwardReader {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async read(awardId: string): Promise<AwardRead> {
    const missing = () => notFound('AWARD_NOT_FOUND', `award ${awardId} does not exist`, 'awardId');
    const decisionId = decisionIdOfAward(awardId);
    if (!decisionId) throw missing();
    const events = await this.readAll(awardDecisionStream(decisionId));
    const issued = events.find((e) => e.type === 'AwardDecisionIssued')?.data as
      AwardDecisionIssuedData | undefined;
    const item = issued?.awards.find((a) => a.awardId === awardId);
    if (!issued || !item) throw missing();
    const mine = (e: StoredEvent) => (e.data as { awardId?: string }).awardId === awardId;
    const revoked = events.some((e) => e.type === 'AwardRevoked' && mine(e));
    const basisConfirmations = events
      .filter((e) => e.type === 'FlagBasisConfirmed' && mine(e))
      .map((e) => ({ reason: (e.data as { reason: string }).reason, position: e.position }));
    const basisNoLongerHolds =
      item.flagBasis && !revoked
        ? flagBasisIssues(
            item.flagBasis,
            item.recipient.unitId,
            await this.readAll(emulationStream(item.flagBasis.clusterId, item.flagBasis.year)),
            basisConfirmations.map((c) => c.position),
          )
        : [];
    const { number, date, authority } = issued;
    return { ...item, decisionId, number, date, authority, revoked, basisConfirmations, basisNoLongerHolds };
  }

  private async readAll(streamId: string): Promise<StoredEvent[]> {
    const all: StoredEvent[] = [];
    for (let fromRevision = 0; ;) {
      const page = await this.events.readStream(streamId, { fromRevision, maxCount: PAGE });
      all.push(...page);
      if (page.length < PAGE) return all;
      fromRevision = page[page.length - 1]!.revision + 1;
    }
  }
}
