import { randomUUID } from 'node:crypto';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import {
  awardDecisionDecider,
  awardDecisionStream,
  DomainError,
  flagClaimsDecider,
  personDecider,
  proposalDecider,
  titleQuotaDecider,
  type Actor,
} from '@thidua/domain';
import type { EventStore, StoredEvent } from '@thidua/event-store';
import type { CommandContext } from '../../common/command-context.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { EVENT_STORE, LOGGER } from '../../infrastructure/tokens.js';
import { DeciderRunner } from '../../write-model/decider-runner.js';
import { StreamWriter } from '../write/stream-writer.js';
import { InFlightDecisions } from './in-flight-decisions.js';

/** Who the reconciler's events name: the system, acting with an administrator's rights. */
export const RECONCILER_ACTOR: Actor = { id: 'system:claim-reconciler', role: 'admin' };
const REASON = 'the request that claimed these places stopped before recording its decision';
const PAGE = 1000;

/** The claim events, by the stream kind holding them. */
const CLAIMED: Readonly<Record<string, ClaimKind>> = {
  TitleClaimed: 'person',
  ProposalItemClaimed: 'proposal',
  FlagClaimed: 'flag',
  UnitTitleClaimed: 'title-quota',
};
const RELEASED = new Set([
  'TitleClaimReleased',
  'ProposalItemClaimReleased',
  'FlagClaimReleased',
  'UnitTitleClaimReleased',
]);
type ClaimKind = 'person' | 'proposal' | 'flag' | 'title-quota';

interface LiveClaim {
  kind: ClaimKind;
  decisionId: string;
  /** When it was claimed (the log's time), ms. */
  at: number;
  data: Record<string, unknown>;
}

/** What was read of a claims stream so far: the next revision, and its live claims by award id. */
interface Scan {
  next: number;
  live: Map<string, LiveClaim>;
}

/**
 * Releases the claims a stopped request left behind (ARCHITECTURE §3). An award decision claims places in
 * other streams (a person's title, a proposal item, a flag's place, a 15 % place) and then writes the
 * decision; a process killed in between leaves claims nobody releases. A claim whose decision stream holds no
 * decision is settled here, at startup (every claims stream of the log) and before a decision reads a claims
 * stream (that stream):
 *
 * - never while this process is writing that decision (`InFlightDecisions`), nor before the claim is
 *   `CLAIM_RECONCILE_GRACE` old (another replica's slow request);
 * - first the decision's stream is fenced: `AwardDecisionAbandoned` appended where no stream exists yet
 *   (the decider refuses it once the decision is recorded). The two appends are serialized by the stream's
 *   revision, so exactly one wins: the decision (the claims stand) or the fence (the request, if it still
 *   runs, can no longer record its decision: 409 DECISION_ABANDONED, and releases what it claimed);
 * - then the claims are released with the cause a failed decision records (`decision-failed`).
 *
 * A live claim of a recorded decision whose award was revoked (a process stopped between the revocation and
 * its releases) is released with the cause `revoked`, at once: the revocation is on the log.
 *
 * No wall clock decides whether a claim may be released: the grace period only spares live requests a 409.
 */
@Injectable()
export class ClaimReconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly scans = new Map<string, Scan>();
  private readonly running = new Map<string, Promise<void>>();
  /** Decisions found recorded: a recorded decision stays recorded. */
  private readonly recorded = new Set<string>();
  private startup: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly writer: StreamWriter,
    private readonly runner: DeciderRunner,
    private readonly inFlight: InFlightDecisions,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** At startup, in the background: every claims stream of the log. */
  onApplicationBootstrap(): void {
    this.startup = this.reconcileLog().catch((error: unknown) =>
      this.logger.warn({ err: error }, 'claim reconciler: startup pass stopped'),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.startup;
  }

  /** Resolves when the startup pass is over (tests, the CLI). */
  async started(): Promise<void> {
    await this.startup;
  }

  /** Settles the claims of these streams whose decisions were never recorded. */
  async reconcile(streamIds: Iterable<string>): Promise<void> {
    for (const streamId of new Set(streamIds)) {
      const pending = this.running.get(streamId);
      if (pending) {
        await pending; // another caller is settling it now
        continue;
      }
      const run = this.reconcileStream(streamId).finally(() => this.running.delete(streamId));
      this.running.set(streamId, run);
      await run;
    }
  }

  private async reconcileLog(): Promise<void> {
    const streams = new Set<string>();
    for (let after = 0; !this.stopped;) {
      const batch = await this.events.readAll({ after, batchSize: PAGE });
      if (batch.length === 0) break;
      for (const e of batch) if (CLAIMED[e.type] !== undefined) streams.add(e.streamId);
      after = batch[batch.length - 1]!.position;
    }
    for (const streamId of streams) {
      if (this.stopped) return;
      await this.reconcile([streamId]);
    }
  }

  private async reconcileStream(streamId: string): Promise<void> {
    const scan = await this.scan(streamId);
    const byDecision = new Map<string, Array<[string, LiveClaim]>>();
    for (const [awardId, claim] of scan.live) {
      const list = byDecision.get(claim.decisionId) ?? [];
      list.push([awardId, claim]);
      byDecision.set(claim.decisionId, list);
    }
    const graceMs = this.config.claimGraceSeconds * 1000;
    for (const [decisionId, claims] of byDecision) {
      if (this.inFlight.has(decisionId)) continue;
      if (this.recorded.has(decisionId) || (await this.issued(decisionId))) {
        this.recorded.add(decisionId);
        await this.releaseRevoked(streamId, decisionId, claims);
        continue;
      }
      if (claims.some(([, c]) => Date.now() - c.at < graceMs)) continue;
      if (!(await this.abandoned(decisionId))) {
        this.recorded.add(decisionId);
        await this.releaseRevoked(streamId, decisionId, claims);
        continue;
      }
      await this.release(streamId, claims, 'decision-failed');
      this.logger.warn(
        { decisionId, streamId, awardIds: claims.map(([a]) => a) },
        'claim reconciler: released the claims of a decision never recorded',
      );
    }
  }

  /** Reads the stream from where the last scan stopped, keeping its live claims. */
  private async scan(streamId: string): Promise<Scan> {
    const scan = this.scans.get(streamId) ?? { next: 0, live: new Map<string, LiveClaim>() };
    for (;;) {
      const page = await this.events.readStream(streamId, { fromRevision: scan.next, maxCount: PAGE });
      for (const e of page) this.apply(scan, e);
      if (page.length > 0) scan.next = page[page.length - 1]!.revision + 1;
      if (page.length < PAGE) break;
    }
    this.scans.set(streamId, scan);
    return scan;
  }

  private apply(scan: Scan, e: StoredEvent): void {
    const data = e.data as Record<string, unknown> & { awardId?: string; decisionId?: string };
    if (typeof data.awardId !== 'string') return;
    const kind = CLAIMED[e.type];
    if (kind !== undefined && typeof data.decisionId === 'string')
      scan.live.set(data.awardId, {
        kind,
        decisionId: data.decisionId,
        at: Date.parse(e.metadata.occurredAt),
        data,
      });
    else if (RELEASED.has(e.type)) scan.live.delete(data.awardId);
  }

  /**
   * Fences the decision's stream: true when it is (now or already) abandoned, false when it was recorded —
   * decided in the stream's turn, so a decision being appended at this moment wins or loses as a whole.
   */
  private async abandoned(decisionId: string): Promise<boolean> {
    const ctx = this.context();
    try {
      await this.writer.execute(
        awardDecisionDecider,
        StreamWriter.command(ctx, 'AbandonAwardDecision', { decisionId, reason: REASON }),
        ctx,
        { streamId: awardDecisionStream(decisionId), context: async () => ({}) },
      );
      return true;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'DECISION_ALREADY_ISSUED') return false;
      throw error;
    }
  }

  private async issued(decisionId: string): Promise<boolean> {
    return (await this.runner.load(awardDecisionDecider, awardDecisionStream(decisionId))).state.issued;
  }

  /**
   * A recorded decision's award revoked while its claim is still live: the revocation's own releases did not
   * all happen (a process stopped after writing it). Released with the cause a revocation records.
   */
  private async releaseRevoked(
    streamId: string,
    decisionId: string,
    claims: Array<[string, LiveClaim]>,
  ): Promise<void> {
    const { state } = await this.runner.load(awardDecisionDecider, awardDecisionStream(decisionId));
    const revoked = claims.filter(([awardId]) => state.awards[awardId]?.revoked === true);
    if (revoked.length > 0) await this.release(streamId, revoked, 'revoked');
  }

  /** Releases the claims in their stream, as the handler does when a decision is not recorded or revoked. */
  private async release(
    streamId: string,
    claims: Array<[string, LiveClaim]>,
    cause: 'decision-failed' | 'revoked',
  ): Promise<void> {
    const ctx = this.context();
    const awardIds = claims.map(([awardId]) => awardId);
    const { kind, data } = claims[0]![1];
    const options = { streamId, context: async () => ({}) };
    if (kind === 'person') {
      const command = StreamWriter.command(ctx, 'ReleaseTitleClaims', {
        personId: String(data.personId),
        awardIds,
        cause,
      });
      await this.writer.execute(personDecider, command, ctx, options);
    } else if (kind === 'proposal') {
      const proposalId = streamId.slice('proposal-'.length);
      const command = StreamWriter.command(ctx, 'ReleaseProposalItemClaims', { proposalId, awardIds, cause });
      await this.writer.execute(proposalDecider, command, ctx, options);
    } else if (kind === 'flag') {
      const { clusterId, year } = data as { clusterId: string; year: number };
      const command = StreamWriter.command(ctx, 'ReleaseFlagClaims', { clusterId, year, awardIds, cause });
      await this.writer.execute(flagClaimsDecider, command, ctx, { streamId });
    } else {
      const { unitId, year } = data as { unitId: string; year: number };
      const command = StreamWriter.command(ctx, 'ReleaseUnitTitleClaims', { unitId, year, awardIds, cause });
      await this.writer.execute(titleQuotaDecider, command, ctx, { streamId });
    }
  }

  private context(): CommandContext {
    return {
      actor: RECONCILER_ACTOR,
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      newId: randomUUID,
    };
  }
}
