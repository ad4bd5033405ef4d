import { Inject, Injectable } from '@nestjs/common';
import {
  awardDecisionStream,
  businessDateOf,
  defaultCatalog,
  emulationStream,
  flagBasisIssues,
  notFound,
  prerequisiteRevoked,
  type AwardDecisionIssuedData,
  type AwardItem,
  type AwardRevokedData,
  type BasisIssue,
  type FlagBasis,
  type Integer,
  type PrerequisiteBasis,
} from '@thidua/domain';
import type { EventStore, StoredEvent } from '@thidua/event-store';
import { EVENT_STORE } from '../../infrastructure/tokens.js';
import { decisionIdOfAward } from './award-ids.js';
import { awardClaimsOf, type AwardClaim } from './award-claims-read.js';

/**
 * What GET /awards/{awardId} answers: the award as decided, what it rests on (the proposal item it carries
 * out, or the đột xuất reason; for a cluster flag its basis; for a person's title the titles that met its
 * prerequisite), and `basisNoLongerHolds` — empty while the basis holds (the same shape for every award read,
 * whatever made the basis fail: a flag's unit moved outside the quota, a prerequisite revoked).
 */
export type AwardRead = Omit<AwardItem, 'year' | 'flagBasis' | 'basis'> & {
  year: Integer;
  flagBasis?: Omit<FlagBasis, 'year' | 'rankingPosition'> & { year: Integer; rankingPosition: Integer };
  /** The titles a person's title's prerequisite was met with (a prior title: awardId null). */
  basis?: Array<Omit<PrerequisiteBasis, 'year'> & { year: Integer }>;
  decisionId: string;
  number: string;
  /** The decision's date. */
  date: string;
  authority: string;
  revoked: boolean;
  /** The organizer's confirmations of a basis that no longer held: reason and log position. */
  basisConfirmations: Array<{ reason: string; position: Integer }>;
  basisNoLongerHolds: Array<Omit<BasisIssue, 'since'> & { since: Integer }>;
  /**
   * The places the award holds (or held) in other streams, claimed before its decision was written: its
   * title in the person's register, the proposal item it carries out, its flag's place in the cluster-year
   * quota, its place among the unit-year's titles the 15 % rule counts — each with the event that claimed it
   * and the one that released it (cause decision-failed or revoked). Empty for awards recorded before claims.
   */
  claims: AwardClaim[];
};

const PAGE = 1000;

/** Reads an award from its decision's stream and checks its basis against the log as it stands (no projection). */
@Injectable()
export class AwardReader {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  /** `withClaims` false: the claims are not read (the award list needs only the basis). */
  async read(awardId: string, withClaims = true): Promise<AwardRead> {
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
    const flagIssues =
      item.flagBasis && !revoked
        ? flagBasisIssues(
            item.flagBasis,
            item.recipient.unitId,
            await this.readAll(emulationStream(item.flagBasis.clusterId, item.flagBasis.year)),
            basisConfirmations.map((c) => c.position),
          )
        : [];
    // A flag's organizer confirms it after what broke its basis (a revoked Ministry flag under a Government
    // flag included); a person's title has no confirmation.
    const confirmed = (issue: BasisIssue) => basisConfirmations.some((c) => c.position > issue.since);
    const prerequisiteIssues = revoked ? [] : await this.prerequisiteIssues(item);
    const basisNoLongerHolds = [...flagIssues, ...prerequisiteIssues.filter((i) => !confirmed(i))].sort(
      (a, b) => a.since - b.since,
    );
    const { number, date, authority } = issued;
    const claims = withClaims ? await awardClaimsOf(item, (streamId) => this.readAll(streamId)) : [];
    return {
      ...item,
      decisionId,
      number,
      date,
      authority,
      revoked,
      basisConfirmations,
      basisNoLongerHolds,
      claims,
    };
  }

  /** The titles that met the award's prerequisite and were revoked since (the people projection says the same). */
  private async prerequisiteIssues(item: AwardItem): Promise<BasisIssue[]> {
    const issues: BasisIssue[] = [];
    for (const b of item.basis ?? []) {
      const decisionId = b.awardId === null ? undefined : decisionIdOfAward(b.awardId);
      if (b.awardId === null || !decisionId) continue; // a prior title, recorded from before the ledger
      const revocation = (await this.readAll(awardDecisionStream(decisionId))).find(
        (e) => e.type === 'AwardRevoked' && (e.data as { awardId?: string }).awardId === b.awardId,
      );
      if (!revocation) continue;
      const d = revocation.data as unknown as AwardRevokedData;
      const name = defaultCatalog.find(b.code)?.name ?? b.code;
      issues.push(
        prerequisiteRevoked(
          { awardId: b.awardId, name, year: b.year },
          { decisionRef: d.decisionRef, on: businessDateOf(revocation) ?? '' },
          revocation.position,
        ),
      );
    }
    return issues;
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
