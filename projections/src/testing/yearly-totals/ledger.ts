/**
 * Writes domain-decided events to a real event store as the command handlers do: read the stream, fold,
 * decide with the real decider, append at the expected revision with actor and time in the metadata.
 * Test support only.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AppendResult, EventStore } from '@thidua/event-store';
import {
  awardDecisionDecider,
  awardDecisionStream,
  clusterDecider,
  clusterStream,
  emulationStream,
  emulationYearDecider,
  evaluateRanking,
  membershipDecider,
  membershipStream,
  personDecider,
  personStream,
  type PersonState,
  rankingDigestInput,
  schemaVersionOf,
  unitDecider,
  unitStream,
  type Actor,
  type AwardDecisionContext,
  type AwardItem,
  type Decider,
  type EmulationYearCommand,
  type PeriodCode,
} from '@thidua/domain';

export const admin: Actor = { id: 'u-admin', role: 'admin' };

/** The ledgers keep no key store: a fixed value of the sealed shape stands in for a person's name. */
const SEALED_PLACEHOLDER = {
  alg: 'A256GCM' as const,
  iv: 'AAAAAAAAAAAAAAAA',
  ciphertext: 'bWluaC1ob2E',
  tag: 'AAAAAAAAAAAAAAAAAAAAAA',
};
export const organizerOf = (unitId: string): Actor => ({ id: `org-${unitId}`, role: 'organizer', unitId });
export const officerOf = (unitId: string): Actor => ({
  id: `officer-${unitId}`,
  role: 'unit-officer',
  unitId,
});

type YearData<T extends EmulationYearCommand['type']> = Omit<
  Extract<EmulationYearCommand, { type: T }>['data'],
  'clusterId' | 'year'
>;

export class Ledger {
  private t: number;
  /** Cluster id → organizer unit id, as formed through this ledger. */
  private readonly organizers = new Map<string, string>();

  constructor(
    readonly events: EventStore,
    // Recorded after the year 2023 ended (every act dated on its recording day follows its period's end).
    start = '2024-01-09T08:00:00.000Z',
  ) {
    this.t = Date.parse(start);
  }

  /** Every command one hour after the previous one. */
  private at(): string {
    this.t += 3_600_000;
    return new Date(this.t).toISOString();
  }

  registerUnit(unitId: string, name: string, kind = 'cuc', parentUnitId?: string): Promise<AppendResult> {
    const command = {
      type: 'RegisterUnit' as const,
      actor: admin,
      at: this.at(),
      data: { unitId, name, kind, ...(parentUnitId !== undefined && { parentUnitId }) },
    };
    return this.run(unitStream(unitId), unitDecider, command, parentUnitId ? { parentStatus: 'active' } : {});
  }

  renameUnit(unitId: string, name: string, reason: string): Promise<AppendResult> {
    const command = {
      type: 'RenameUnit' as const,
      actor: admin,
      at: this.at(),
      data: { unitId, name, reason },
    };
    return this.run(unitStream(unitId), unitDecider, command, {});
  }

  formCluster(
    clusterId: string,
    organizerUnitId: string,
    number: number,
    name: string,
  ): Promise<AppendResult> {
    this.organizers.set(clusterId, organizerUnitId);
    const command = {
      type: 'FormCluster' as const,
      actor: admin,
      at: this.at(),
      data: { clusterId, organizerUnitId, number, name },
    };
    return this.run(clusterStream(clusterId), clusterDecider, command, { organizerStatus: 'active' });
  }

  /** Admission as the handler does it: reserve in the organizer's registry, then admit. */
  async admit(clusterId: string, year: number, unitId: string): Promise<AppendResult> {
    const organizerUnitId = this.organizer(clusterId);
    const actor = organizerOf(organizerUnitId);
    await this.run(
      membershipStream(organizerUnitId, year),
      membershipDecider,
      { type: 'ReserveMembership', actor, at: this.at(), data: { organizerUnitId, year, unitId, clusterId } },
      { cluster: { organizerUnitId, status: 'active' } },
    );
    return this.year(
      clusterId,
      year,
      'AdmitUnit',
      actor,
      { unitId },
      {
        unitStatus: 'active',
        reservedClusterId: clusterId,
      },
    );
  }

  /** Withdrawal, then the release in the registry. */
  async withdraw(clusterId: string, year: number, unitId: string, reason: string): Promise<AppendResult> {
    const organizerUnitId = this.organizer(clusterId);
    const actor = organizerOf(organizerUnitId);
    const result = await this.year(clusterId, year, 'WithdrawUnit', actor, { unitId, reason });
    await this.run(
      membershipStream(organizerUnitId, year),
      membershipDecider,
      {
        type: 'ReleaseMembership',
        actor,
        at: this.at(),
        data: { organizerUnitId, year, unitId, clusterId, cause: 'withdrawn', reason },
      },
      { cluster: { organizerUnitId, status: 'active' } },
    );
    return result;
  }

  year<T extends EmulationYearCommand['type']>(
    clusterId: string,
    year: number,
    type: T,
    actor: Actor,
    data: YearData<T>,
    more: Record<string, unknown> = {},
  ): Promise<AppendResult> {
    const command = {
      type,
      actor,
      at: this.at(),
      data: { clusterId, year, ...data },
    } as unknown as EmulationYearCommand;
    const context = {
      cluster: { organizerUnitId: this.organizer(clusterId), status: 'active' as const },
      ...more,
    };
    return this.run(emulationStream(clusterId, year), emulationYearDecider, command, context);
  }

  /** Closes a period sealing the digest of its ranking as it stands (as the close handler does). */
  async closePeriod(clusterId: string, year: number, period: PeriodCode): Promise<AppendResult> {
    const stream = await this.events.readStream(emulationStream(clusterId, year));
    const rankingDigest = createHash('sha256')
      .update(rankingDigestInput(evaluateRanking(stream, period)), 'utf8')
      .digest('hex');
    const actor = organizerOf(this.organizer(clusterId));
    return this.year(clusterId, year, 'ClosePeriod', actor, { period, rankingDigest });
  }

  /**
   * Issues a decision; its individuals (by person id) are registered in their unit first when they are not
   * yet (issue 12), and the decision is decided without title rules — these ledgers test counting, not the
   * rules of titles (the deciders' own tests do).
   */
  async issueDecision(
    actor: Actor,
    decision: { decisionId: string; number: string; date: string; authority: string; awards: AwardItem[] },
    context: AwardDecisionContext = {},
  ): Promise<AppendResult> {
    const people: Array<{ personId: string; state: PersonState }> = [];
    for (const a of decision.awards) {
      if (a.recipient.kind !== 'individual' || a.recipient.personId === undefined) continue;
      const { personId, unitId } = a.recipient;
      if (people.some((p) => p.personId === personId)) continue;
      const streamId = personStream(personId);
      let state = await this.state(streamId, personDecider);
      if (state.status === 'none') {
        await this.run(
          streamId,
          personDecider,
          {
            type: 'RegisterPerson' as const,
            actor: admin,
            at: this.at(),
            data: { personId, unitId, personal: SEALED_PLACEHOLDER },
          },
          { unitStatus: 'active' },
        );
        state = await this.state(streamId, personDecider);
      }
      people.push({ personId, state });
    }
    // The scenarios' decisions rest on no recorded proposal: đột xuất unless a scenario says otherwise, and
    // recorded by an actor the scenario trusts for its recipients (the recorder rule has its own spec).
    const awards = decision.awards.map((a) =>
      a.proposalItem || a.adHoc ? a : { ...a, adHoc: { reason: 'Khen thưởng (dữ liệu kiểm thử)' } },
    );
    const heldBy = awards.map((a) => ({
      unitId: a.recipient.unitId,
      year: a.year,
      organizerUnitId: actor.unitId ?? '',
    }));
    const command = {
      type: 'IssueAwardDecision' as const,
      actor,
      at: this.at(),
      data: { ...decision, awards },
    };
    return this.run(awardDecisionStream(decision.decisionId), awardDecisionDecider, command, {
      people,
      titleRules: new Map(),
      heldBy,
      ...context,
    });
  }

  private async state<S, E>(
    streamId: string,
    decider: { initialState: S; evolve(s: S, e: E): S },
  ): Promise<S> {
    const stored = await this.events.readStream(streamId);
    return stored.reduce((s, e) => decider.evolve(s, e as unknown as E), decider.initialState);
  }

  revokeAward(
    actor: Actor,
    decisionId: string,
    awardId: string,
    reason: string,
    decisionRef: string,
  ): Promise<AppendResult> {
    const command = {
      type: 'RevokeAward' as const,
      actor,
      at: this.at(),
      // The highest authority may revoke anything (issue 12: the conferrer or one above it).
      data: {
        decisionId,
        awardId,
        reason,
        decisionRef,
        ground: 'false-declaration',
        authority: 'chu-tich-nuoc',
        recovery: { insignia: true, moneyVnd: 0 },
      },
    };
    return this.run(awardDecisionStream(decisionId), awardDecisionDecider, command, {});
  }

  private organizer(clusterId: string): string {
    const organizer = this.organizers.get(clusterId);
    if (!organizer) throw new Error(`cluster ${clusterId} was not formed through this ledger`);
    return organizer;
  }

  private async run<
    C extends { actor: Actor; at: string; data: object },
    S,
    E extends { type: string; data: object },
    Ctx,
  >(streamId: string, decider: Decider<C, S, E, Ctx>, command: C, context: Ctx): Promise<AppendResult> {
    const stored = await this.events.readStream(streamId);
    const state = stored.reduce((s, e) => decider.evolve(s, e as unknown as E), decider.initialState);
    const decided = decider.decide(command, state, context);
    const causationId = randomUUID();
    const reason = (command.data as { reason?: unknown }).reason;
    return this.events.append(
      streamId,
      decided.map((e) => ({
        eventId: randomUUID(),
        type: e.type,
        data: e.data as Record<string, unknown>,
        metadata: {
          actor: command.actor,
          occurredAt: command.at,
          correlationId: causationId,
          causationId,
          schemaVersion: schemaVersionOf(e.type),
          ...(typeof reason === 'string' && { reason }),
        },
      })),
      stored.length === 0 ? 'no-stream' : stored.length - 1,
    );
  }
}
