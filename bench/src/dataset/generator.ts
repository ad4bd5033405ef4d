/**
 * The synthetic data set: every event is decided by the real deciders from commands a user would send
 * (units registered, clusters formed, units admitted through the membership registry, schemes,
 * pledges, periods opened and closed with their ranking digest, self and cluster scores, corrections,
 * withdrawals, disputes, chair elections, award decisions). Deterministic for a seed.
 *
 * Order: year by year, period by period; inside a period the clusters are taken `interleave` at a
 * time and their sittings (one officer entering one form: a unit's self-assessment, the chair's
 * assessment of one unit, a ballot…) are shuffled together, as many offices work at once.
 */
import { createHash } from 'node:crypto';

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
  type Assessment,
  type AwardItem,
  type Decider,
  type EmulationYearCommand,
  type EmulationYearContext,
  type EvaluatorEvent,
  type PeriodCode,
} from '@thidua/domain';
import type { ExpectedRevision, NewEvent } from '@thidua/event-store';
import type { Prng } from '../util/prng.js';
import {
  EVIDENCE,
  FAMILY_NAMES,
  GIVEN_NAMES,
  MIDDLE_NAMES,
  POSITIONS,
  RANK_TITLES,
  REASONS,
} from './names.js';
import { MINISTRY, type ClusterPlan, type WorldPlan } from './world.js';

/** One append as a command handler would issue it: one command's events on one stream. */
export interface PlannedAppend {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
}

/** Periods in calendar order, with the window (month, day → month, day) in which their scores are entered. */
// Each period's sittings start on the day it ends (a period is reviewed, closed, no earlier: issue 13);
// Q4 and Y are scored and closed in the first days of January (months past 12 roll into the next year).
const PERIOD_WINDOWS: ReadonlyArray<[PeriodCode, [number, number], [number, number]]> = [
  ['Q1', [3, 31], [4, 20]],
  ['Q2', [6, 30], [7, 10]],
  ['H1', [7, 10], [7, 20]],
  ['Q3', [9, 30], [10, 10]],
  ['M9', [10, 10], [10, 20]],
  ['Q4', [12, 31], [13, 2]],
  ['Y', [13, 2], [13, 3]],
];

const admin: Actor = { id: 'u-admin', role: 'admin' };
const organizerOf = (unitId: string): Actor => ({ id: `org-${unitId}`, role: 'organizer', unitId });
const officerOf = (unitId: string): Actor => ({ id: `officer-${unitId}`, role: 'unit-officer', unitId });

interface Track {
  revision: number;
  state: unknown;
}

interface Entry {
  entryId: string;
  unitId: string;
  criterion: string;
  assessment: Assessment;
  points: number;
  max: number;
  withdrawn: boolean;
}

/** A cluster in one year, while the generator works on it. */
class ClusterYear {
  readonly streamId: string;
  readonly organizer: Actor;
  readonly events: EvaluatorEvent[] = [];
  chair = '';
  /** Points quality of each unit (0.7..0.98), so rankings are not flat. */
  readonly quality = new Map<string, number>();
  entries: Entry[] = [];

  constructor(
    readonly cluster: ClusterPlan,
    readonly year: number,
  ) {
    this.streamId = emulationStream(cluster.id, year);
    this.organizer = organizerOf(cluster.organizerUnitId);
  }

  get context(): EmulationYearContext {
    return { cluster: { organizerUnitId: this.cluster.organizerUnitId, status: 'active' } };
  }
}

type Sitting = () => Generator<PlannedAppend>;

export interface OpenedClusterYear {
  clusterId: string;
  year: number;
  chair: string;
  /** Enters the chair's own cluster scores (nobody scores itself). */
  organizerUnitId: string;
  units: string[];
  criteria: Array<{ code: string; maxPoints: number; kind: string }>;
}

export interface GeneratorOptions {
  seed?: number;
  /** Cluster-years whose sittings are shuffled together inside a period. */
  interleave: number;
  /** Correction rate per score entry (default 3 %). */
  correctionRate?: number;
}

export class DataSetGenerator {
  /** Events emitted so far (= the global position of the last one in a fresh store). */
  position = 0;
  readonly countByType = new Map<string, number>();
  readonly streams = new Set<string>();
  private readonly tracks = new Map<string, Track>();
  private readonly electedChair = new Map<string, { electionId: string; unitId: string }>();
  private now = 0;
  /** After `openYear`: the cluster-years set up, for building score commands. */
  opened: OpenedClusterYear[] = [];
  private readonly correctionRate: number;

  constructor(
    private readonly world: WorldPlan,
    private readonly prng: Prng,
    private readonly options: GeneratorOptions,
  ) {
    this.correctionRate = options.correctionRate ?? 0.03;
  }

  /** The appends of the whole world, stopping once `limit` events have been emitted. */
  *appends(limit = Number.POSITIVE_INFINITY): Generator<PlannedAppend> {
    if (limit <= 0) return;
    for (const append of this.everything()) {
      yield append;
      if (this.position >= limit) return;
    }
  }

  private *everything(): Generator<PlannedAppend> {
    yield* this.register();
    for (const year of this.world.years) {
      const cys = this.world.clusters.map((c) => new ClusterYear(c, year));
      const chunks = this.chunks(cys);
      yield* this.phase(chunks, Date.UTC(year, 0, 5), Date.UTC(year, 2, 10), (cy) => this.setupSittings(cy));
      for (const [period, [m0, d0], [m1, d1]] of PERIOD_WINDOWS) {
        yield* this.phase(chunks, Date.UTC(year, m0 - 1, d0), Date.UTC(year, m1 - 1, d1), (cy) =>
          this.periodSittings(cy, period),
        );
      }
      yield* this.phase(chunks, Date.UTC(year + 1, 0, 3), Date.UTC(year + 1, 0, 4), (cy) =>
        this.yearEndSittings(cy),
      );
      // A finished year is never written again: drop its decider states and folded events.
      for (const cy of cys) this.tracks.delete(cy.streamId);
      for (const org of new Set(cys.map((cy) => cy.cluster.organizerUnitId)))
        this.tracks.delete(membershipStream(org, year));
    }
  }

  /**
   * Units registered and clusters formed, then the first year set up (members, chair, scheme, pledges)
   * with every period open and no score yet: where the HTTP write figure starts from.
   */
  *openYear(): Generator<PlannedAppend> {
    const year = this.world.years[0] ?? 2025;
    yield* this.register();
    const cys = this.world.clusters.map((c) => new ClusterYear(c, year));
    const chunks = this.chunks(cys);
    yield* this.phase(chunks, Date.UTC(year, 0, 5), Date.UTC(year, 2, 10), (cy) => this.setupSittings(cy));
    yield* this.phase(chunks, Date.UTC(year, 2, 10), Date.UTC(year, 2, 15), (cy) =>
      PERIOD_WINDOWS.map(([period]) =>
        function* (this: DataSetGenerator) {
          yield* this.year(cy, {
            type: 'OpenPeriod',
            actor: cy.organizer,
            at: this.at(),
            data: this.y(cy, { period }),
          });
        }.bind(this),
      ),
    );
    this.opened = cys.map((cy) => ({
      clusterId: cy.cluster.id,
      year,
      chair: cy.chair,
      organizerUnitId: cy.cluster.organizerUnitId,
      units: cy.cluster.units,
      criteria: cy.cluster.scheme.criteria.map((c) => ({
        code: c.code,
        maxPoints: c.maxPoints,
        kind: c.kind,
      })),
    }));
  }

  private *register(): Generator<PlannedAppend> {
    const first = this.world.years[0] ?? 2022;
    this.now = Date.UTC(first, 0, 3, 1, 0, 0);
    for (const unit of this.world.units) {
      const parent = unit.parentUnitId;
      yield* this.exec(
        unitDecider,
        unitStream(unit.id),
        {
          type: 'RegisterUnit',
          actor: admin,
          at: this.at(),
          data: {
            unitId: unit.id,
            name: unit.name,
            kind: unit.kind,
            ...(parent !== undefined && { parentUnitId: parent }),
          },
        },
        parent === undefined ? {} : { parentStatus: 'active' },
      );
    }
    for (const c of this.world.clusters) {
      yield* this.exec(
        clusterDecider,
        clusterStream(c.id),
        {
          type: 'FormCluster',
          actor: admin,
          at: this.at(),
          data: { clusterId: c.id, organizerUnitId: c.organizerUnitId, number: c.number, name: c.name },
        },
        { organizerStatus: 'active' },
      );
    }
  }

  private chunks(cys: ClusterYear[]): ClusterYear[][] {
    const chunks: ClusterYear[][] = [];
    for (let i = 0; i < cys.length; i += this.options.interleave)
      chunks.push(cys.slice(i, i + this.options.interleave));
    return chunks;
  }

  /** Runs one phase: chunk after chunk, the sittings of a chunk shuffled (each cluster-year's in order). */
  private *phase(
    chunks: ClusterYear[][],
    start: number,
    end: number,
    sittingsOf: (cy: ClusterYear) => Sitting[],
  ): Generator<PlannedAppend> {
    const span = (end - start) / chunks.length;
    for (let c = 0; c < chunks.length; c++) {
      const queues = (chunks[c] as ClusterYear[]).map((cy) => sittingsOf(cy)).filter((q) => q.length > 0);
      const total = queues.reduce((sum, q) => sum + q.length, 0);
      let done = 0;
      while (queues.length > 0) {
        const i = Math.floor(this.prng.next() * queues.length);
        const queue = queues[i] as Sitting[];
        const sitting = queue.shift() as Sitting;
        if (queue.length === 0) queues.splice(i, 1);
        this.now = Math.max(this.now, Math.round(start + span * c + (span * done) / total));
        done++;
        yield* sitting();
      }
    }
  }

  // ---- sittings -------------------------------------------------------------------------------------------

  private setupSittings(cy: ClusterYear): Sitting[] {
    const { cluster, year } = cy;
    for (const u of cluster.units) cy.quality.set(u, 0.7 + this.prng.next() * 0.28);
    const sittings: Sitting[] = [];
    sittings.push(
      function* (this: DataSetGenerator) {
        for (const unitId of cluster.units) {
          yield* this.exec(
            membershipDecider,
            membershipStream(cluster.organizerUnitId, year),
            {
              type: 'ReserveMembership',
              actor: cy.organizer,
              at: this.at(),
              data: { organizerUnitId: cluster.organizerUnitId, year, unitId, clusterId: cluster.id },
            },
            { cluster: { organizerUnitId: cluster.organizerUnitId, status: 'active' } },
          );
          yield* this.year(
            cy,
            { type: 'AdmitUnit', actor: cy.organizer, at: this.at(), data: this.y(cy, { unitId }) },
            {
              ...cy.context,
              unitStatus: 'active',
              reservedClusterId: cluster.id,
            },
          );
        }
      }.bind(this),
    );
    sittings.push(
      function* (this: DataSetGenerator) {
        const elected = this.electedChair.get(cluster.id);
        if (elected && cluster.units.includes(elected.unitId)) {
          cy.chair = elected.unitId;
          yield* this.year(
            cy,
            {
              type: 'AssignChair',
              actor: cy.organizer,
              at: this.at(),
              data: this.y(cy, {
                unitId: elected.unitId,
                role: 'chair',
                source: 'election',
                electionId: elected.electionId,
              }),
            },
            {
              ...cy.context,
              electedInPreviousYear: [
                { electionId: elected.electionId, role: 'chair', unitId: elected.unitId },
              ],
            },
          );
        } else {
          cy.chair = this.prng.pick(cluster.units);
          yield* this.year(cy, {
            type: 'AssignChair',
            actor: cy.organizer,
            at: this.at(),
            data: this.y(cy, { unitId: cy.chair, role: 'chair', source: 'organizer' }),
          });
        }
        if (this.prng.chance(0.1)) {
          yield* this.year(cy, {
            type: 'SetChairPolicy',
            actor: cy.organizer,
            at: this.at(),
            data: this.y(cy, { forbidConsecutiveTerms: true }),
          });
        }
        yield* this.year(cy, {
          type: 'PublishScoringScheme',
          actor: cy.organizer,
          at: this.at(),
          data: this.y(cy, cluster.scheme),
        });
      }.bind(this),
    );
    const pledges: Sitting[] = cluster.units.map((unitId) =>
      function* (this: DataSetGenerator) {
        yield* this.year(cy, {
          type: 'SignPledge',
          actor: officerOf(unitId),
          at: this.at(),
          data: this.y(cy, {
            unitId,
            titles:
              cluster.organizerUnitId === MINISTRY && this.prng.chance(0.3)
                ? ['co-thi-dua-bo-cong-an']
                : [this.prng.chance(0.6) ? 'don-vi-quyet-thang' : 'don-vi-tien-tien'],
            targets: Array.from({ length: this.prng.int(3, 8) }, (_, i) => ({
              text: `Chỉ tiêu ${i + 1}: hoàn thành ${this.prng.int(85, 100)}% kế hoạch công tác năm ${year}`,
              ...(this.prng.chance(0.5) && { count: this.prng.int(5, 120) }),
            })),
            keyTasks: [
              `Triển khai thực hiện Đề án 06 năm ${year}`,
              'Xây dựng lực lượng trong sạch, vững mạnh, chính quy, tinh nhuệ, hiện đại',
              `Đấu tranh, kiềm chế, làm giảm các loại tội phạm năm ${year}`,
            ],
          }),
        });
      }.bind(this),
    );
    return [...sittings, ...this.prng.shuffle(pledges)];
  }

  private periodSittings(cy: ClusterYear, period: PeriodCode): Sitting[] {
    const { cluster } = cy;
    cy.entries = [];
    const open: Sitting = function* (this: DataSetGenerator) {
      yield* this.year(cy, {
        type: 'OpenPeriod',
        actor: cy.organizer,
        at: this.at(),
        data: this.y(cy, { period }),
      });
    }.bind(this);
    const forms: Sitting[] = [];
    for (const unitId of cluster.units) {
      for (const assessment of ['self', 'cluster'] as const) {
        forms.push(
          function* (this: DataSetGenerator) {
            const actor = assessment === 'self' ? officerOf(unitId) : this.clusterScorer(cy, unitId);
            for (const c of cluster.scheme.criteria) {
              if (c.kind !== 'score' && !this.prng.chance(0.2)) continue;
              const points = this.points(cy, unitId, c.kind, c.maxPoints, assessment);
              const entryId = this.prng.uuid();
              yield* this.year(cy, {
                type: 'RecordScore',
                actor,
                at: this.at(),
                data: this.y(cy, {
                  entryId,
                  unitId,
                  period,
                  criterion: c.code,
                  points,
                  assessment,
                  ...(this.prng.chance(0.25) && {
                    evidence: `${this.prng.pick(EVIDENCE)} số ${this.prng.int(10, 999)}/BC ${period}/${cy.year}`,
                  }),
                }),
              });
              cy.entries.push({
                entryId,
                unitId,
                criterion: c.code,
                assessment,
                points,
                max: c.maxPoints,
                withdrawn: false,
              });
            }
          }.bind(this),
        );
      }
    }
    const adjust: Sitting = function* (this: DataSetGenerator) {
      for (const entry of [...cy.entries]) {
        if (entry.withdrawn) continue;
        const actor =
          entry.assessment === 'self' ? officerOf(entry.unitId) : this.clusterScorer(cy, entry.unitId);
        if (this.prng.chance(this.correctionRate)) {
          const points = this.changed(entry.points, entry.max);
          yield* this.year(cy, {
            type: 'CorrectScore',
            actor,
            at: this.at(),
            data: this.y(cy, { entryId: entry.entryId, points, reason: this.prng.pick(REASONS) }),
          });
          entry.points = points;
        } else if (this.prng.chance(0.004)) {
          yield* this.year(cy, {
            type: 'WithdrawScore',
            actor,
            at: this.at(),
            data: this.y(cy, { entryId: entry.entryId, reason: 'Nhập trùng tiêu chí, nhập lại' }),
          });
          entry.withdrawn = true;
          const entryId = this.prng.uuid();
          const points = this.changed(entry.points, entry.max);
          yield* this.year(cy, {
            type: 'RecordScore',
            actor,
            at: this.at(),
            data: this.y(cy, {
              entryId,
              unitId: entry.unitId,
              period,
              criterion: entry.criterion,
              points,
              assessment: entry.assessment,
            }),
          });
          cy.entries.push({ ...entry, entryId, points, withdrawn: false });
        }
      }
    }.bind(this);
    const dispute: Sitting = function* (this: DataSetGenerator) {
      const candidates = cy.entries.filter(
        (e) => e.assessment === 'cluster' && !e.withdrawn && e.unitId !== cy.chair,
      );
      if (candidates.length === 0 || !this.prng.chance(0.3)) return;
      const entry = this.prng.pick(candidates);
      const disputeId = this.prng.uuid();
      const proposed = this.changed(entry.points, entry.max);
      yield* this.year(cy, {
        type: 'FileDispute',
        actor: officerOf(entry.unitId),
        at: this.at(),
        data: this.y(cy, {
          disputeId,
          entryId: entry.entryId,
          reason: 'Đơn vị đề nghị xem xét lại điểm chấm của Cụm, kèm tài liệu chứng minh',
          proposedPoints: proposed,
        }),
      });
      const upheld = this.prng.chance(0.5);
      yield* this.year(cy, {
        type: 'ResolveDispute',
        actor: cy.organizer,
        at: this.at(),
        data: this.y(
          cy,
          upheld
            ? {
                disputeId,
                outcome: 'upheld' as const,
                reason: 'Chấp nhận đề nghị của đơn vị',
                correctedPoints: proposed,
              }
            : { disputeId, outcome: 'rejected' as const, reason: 'Giữ nguyên điểm chấm của Cụm' },
        ),
      });
      if (upheld) entry.points = proposed;
    }.bind(this);
    const close: Sitting = function* (this: DataSetGenerator) {
      const ranking = evaluateRanking(cy.events, period);
      const rankingDigest = createHash('sha256').update(rankingDigestInput(ranking), 'utf8').digest('hex');
      yield* this.year(cy, {
        type: 'ClosePeriod',
        actor: cy.organizer,
        at: this.at(),
        data: this.y(cy, { period, rankingDigest }),
      });
    }.bind(this);
    return [open, ...this.prng.shuffle(forms), adjust, dispute, close];
  }

  private yearEndSittings(cy: ClusterYear): Sitting[] {
    const { cluster, year } = cy;
    const electionId = `bau-cum-truong-${year + 1}`;
    const candidates = this.prng
      .shuffle(cluster.units.filter((u) => u !== cy.chair))
      .slice(0, Math.min(3, cluster.units.length - 1));
    const favourite = candidates[0];
    const sittings: Sitting[] = [];
    if (favourite !== undefined) {
      sittings.push(
        function* (this: DataSetGenerator) {
          yield* this.year(cy, {
            type: 'OpenElection',
            actor: officerOf(cy.chair),
            at: this.at(),
            data: this.y(cy, { electionId, role: 'chair', candidates }),
          });
        }.bind(this),
      );
      const ballots: Sitting[] = cluster.units.map((voter) =>
        function* (this: DataSetGenerator) {
          if (this.prng.chance(0.05)) return; // absent
          yield* this.year(cy, {
            type: 'CastBallot',
            actor: officerOf(voter),
            at: this.at(),
            data: this.y(cy, {
              electionId,
              voterUnitId: voter,
              candidateUnitId: this.prng.chance(0.75) ? favourite : this.prng.pick(candidates),
            }),
          });
        }.bind(this),
      );
      sittings.push(...this.prng.shuffle(ballots));
      sittings.push(
        function* (this: DataSetGenerator) {
          const decided = yield* this.year(cy, {
            type: 'CloseElection',
            actor: officerOf(cy.chair),
            at: this.at(),
            data: this.y(cy, { electionId }),
          });
          const elected = decided.find((e) => e.type === 'ChairElected');
          if (elected)
            this.electedChair.set(cluster.id, { electionId, unitId: String(elected.data['unitId']) });
          else this.electedChair.delete(cluster.id);
        }.bind(this),
      );
    }
    sittings.push(
      function* (this: DataSetGenerator) {
        const ranking = evaluateRanking(cy.events, 'Y');
        const top = ranking.rows.filter((r) => r.rank <= 2).map((r) => r.unitId);
        const decisionId = `qd-${cluster.id}-${year}`;
        const awards: AwardItem[] = top.map((unitId, i) => ({
          awardId: `${decisionId}-t${i + 1}`,
          code: cluster.awardCode,
          recipient: { kind: 'collective', unitId },
          year,
          citation: `Đã có thành tích xuất sắc trong phong trào thi đua "Vì an ninh Tổ quốc" năm ${year}`,
          adHoc: { reason: 'Khen thưởng (dữ liệu đo hiệu năng)' },
        }));
        const individuals = this.prng.int(2, 6);
        const people: Array<{ personId: string; state: PersonState }> = [];
        for (let i = 0; i < individuals; i++) {
          // Individual awards name a registered person (issue 12): registered here first. The bench keeps no
          // key store, so the sealed fields are a hash of the generated name standing in for ciphertext.
          const personId = `cb-${decisionId}-c${i + 1}`;
          const unitId = this.prng.pick(cluster.units);
          const name = `${this.prng.pick(FAMILY_NAMES)} ${this.prng.pick(MIDDLE_NAMES)} ${this.prng.pick(GIVEN_NAMES)} ${this.prng.pick(RANK_TITLES)} ${this.prng.pick(POSITIONS)}`;
          const digest = createHash('sha256').update(name).digest();
          yield* this.exec(
            personDecider,
            personStream(personId),
            {
              type: 'RegisterPerson',
              actor: cy.organizer,
              at: this.at(),
              data: {
                personId,
                unitId,
                personal: {
                  alg: 'A256GCM',
                  iv: digest.subarray(0, 12).toString('base64url'),
                  ciphertext: digest.toString('base64url'),
                  tag: digest.subarray(16).toString('base64url'),
                },
              },
            },
            { unitStatus: 'active' },
          );
          people.push({ personId, state: this.tracks.get(personStream(personId))!.state as PersonState });
          awards.push({
            awardId: `${decisionId}-c${i + 1}`,
            code: i === 0 ? cluster.individualAwardCode : cluster.awardCode,
            recipient: { kind: 'individual', personId, unitId },
            year,
            citation: `Có thành tích xuất sắc trong thực hiện nhiệm vụ năm ${year}`,
            adHoc: { reason: 'Khen thưởng (dữ liệu đo hiệu năng)' },
          });
        }
        const suffix = cluster.organizerUnitId === MINISTRY ? 'QĐ-BCA' : 'QĐ-CAT';
        const date = new Date(this.now).toISOString().slice(0, 10);
        const streamId = awardDecisionStream(decisionId);
        yield* this.exec(
          awardDecisionDecider,
          streamId,
          {
            type: 'IssueAwardDecision',
            actor: cy.organizer,
            at: this.at(),
            data: {
              decisionId,
              number: `${this.prng.int(100, 9999)}/${suffix}`,
              date,
              authority: cluster.authority,
              awards,
            },
          },
          // The bench measures throughput, not the title rules: no registrations, prerequisites or quotas.
          // The generator's organizer records awards to units of its own clusters.
          {
            people,
            titleRules: new Map(),
            heldBy: awards.map((a) => ({
              unitId: a.recipient.unitId,
              year: a.year,
              organizerUnitId: cy.organizer.unitId ?? '',
            })),
          },
        );
        if (this.prng.chance(0.02) && awards[0]) {
          yield* this.exec(
            awardDecisionDecider,
            streamId,
            {
              type: 'RevokeAward',
              actor: cy.organizer,
              at: this.at(),
              data: {
                decisionId,
                awardId: awards[0].awardId,
                reason: 'Hồ sơ đề nghị khen thưởng không đúng thực tế',
                decisionRef: `${this.prng.int(100, 9999)}/${suffix}`,
                ground: 'false-declaration',
                authority: cluster.authority,
                recovery: { insignia: true, moneyVnd: 0 },
              },
            },
            {},
          );
        }
      }.bind(this),
    );
    return sittings;
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  /** The command time: the phase clock, advanced 20–90 s per command (a person typing). */
  private at(): string {
    this.now += this.prng.int(20_000, 90_000);
    return new Date(this.now).toISOString();
  }

  private y<D extends object>(cy: ClusterYear, data: D): D & { clusterId: string; year: number } {
    return { clusterId: cy.cluster.id, year: cy.year, ...data };
  }

  /** Who enters a unit's cluster assessment: the chair, but never for itself (the organizer does). */
  private clusterScorer(cy: ClusterYear, unitId: string): Actor {
    return unitId === cy.chair ? cy.organizer : officerOf(cy.chair);
  }

  private points(cy: ClusterYear, unitId: string, kind: string, max: number, assessment: Assessment): number {
    const q = cy.quality.get(unitId) ?? 0.8;
    if (kind === 'bonus') return Math.min(max, this.prng.int(1, 10) / 2);
    if (kind === 'penalty') return Math.min(max, this.prng.int(1, 6) / 2);
    const noise = (this.prng.next() - 0.5) * 0.12 + (assessment === 'self' ? 0.04 : 0);
    return Math.min(max, Math.max(0, Math.round(max * Math.min(1, q + noise) * 4) / 4));
  }

  /** Other points for the same criterion (a correction, a proposal): within 0..max, never equal. */
  private changed(points: number, max: number): number {
    const step = this.prng.int(1, 4) / 4;
    let next = Math.round((points + step <= max ? points + step : points - step) * 100) / 100;
    if (next < 0 || next === points) next = points === 0 ? Math.min(max, 0.25) : 0;
    return next;
  }

  private *year(
    cy: ClusterYear,
    command: EmulationYearCommand,
    context: EmulationYearContext = cy.context,
  ): Generator<PlannedAppend, Array<{ type: string; data: Record<string, unknown> }>> {
    const before = this.position;
    const decided = yield* this.exec(emulationYearDecider, cy.streamId, command, context, (events) => {
      let revision = (this.tracks.get(cy.streamId)?.revision ?? -1) - events.length;
      let position = before;
      for (const e of events) {
        cy.events.push({
          eventId: e.eventId,
          type: e.type,
          streamId: cy.streamId,
          data: e.data,
          position: ++position,
          revision: ++revision,
          metadata: { actor: e.metadata.actor, occurredAt: e.metadata.occurredAt },
        });
      }
    });
    return decided;
  }

  /** Decides with the real decider, evolves the tracked state and yields the append. */
  private *exec<
    C extends { type: string; actor: Actor; at: string; data: object },
    S,
    E extends { type: string; data: object },
    Ctx,
  >(
    decider: Decider<C, S, E, Ctx>,
    streamId: string,
    command: C,
    context: Ctx,
    onEvents?: (events: NewEvent[]) => void,
  ): Generator<PlannedAppend, Array<{ type: string; data: Record<string, unknown> }>> {
    let track = this.tracks.get(streamId);
    if (!track) {
      track = { revision: -1, state: decider.initialState };
      this.tracks.set(streamId, track);
    }
    const state = track.state as S;
    const decided = decider.decide(command, state, context);
    if (decided.length === 0) return [];
    const correlationId = this.prng.uuid();
    const reason = (command.data as { reason?: unknown }).reason;
    const events: NewEvent[] = decided.map((e) => ({
      eventId: this.prng.uuid(),
      type: e.type,
      data: e.data as Record<string, unknown>,
      metadata: {
        actor: command.actor,
        occurredAt: command.at,
        correlationId,
        causationId: correlationId,
        schemaVersion: schemaVersionOf(e.type),
        ...(typeof reason === 'string' && { reason }),
      },
    }));
    const expected: ExpectedRevision = track.revision < 0 ? 'no-stream' : track.revision;
    track.state = decided.reduce((s, e) => decider.evolve(s, e), state);
    track.revision += events.length;
    this.streams.add(streamId);
    for (const e of events) this.countByType.set(e.type, (this.countByType.get(e.type) ?? 0) + 1);
    onEvents?.(events);
    this.position += events.length;
    yield { streamId, events, expected };
    return events.map((e) => ({ type: e.type, data: e.data }));
  }

  /** Events appended so far on a stream (its revision + 1). */
  streamLength(streamId: string): number {
    return (this.tracks.get(streamId)?.revision ?? -1) + 1;
  }
}
