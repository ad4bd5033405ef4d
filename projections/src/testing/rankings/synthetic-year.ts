/**
 * A synthetic cluster-year for measurements (not decided by the deciders, but shaped as they decide):
 * units admitted, a chair, a scheme, pledges, then for each period in calendar order: opened, self and
 * cluster scores, a few corrections and withdrawals, closed (with a placeholder digest), disputes on the
 * closed period upheld or rejected; a chair election at the end. Deterministic for a seed. Test support only.
 */
import type { NewEvent } from '@thidua/event-store';
import { clusterStream, emulationStream, unitStream, type Actor, type PeriodCode } from '@thidua/domain';
import { prng } from '@thidua/domain/testing';

export interface SyntheticYearOptions {
  clusterId: string;
  year: number;
  units: number;
  /** Criteria of the scheme: all score criteria but 2 bonus and 2 penalty. */
  criteria: number;
  seed: number;
}

export interface SyntheticYear {
  streamId: string;
  clusterId: string;
  units: string[];
  /** Setup, each period in calendar order, the election: the writer may interleave streams per phase. */
  phases: NewEvent[][];
}

const PERIOD_ORDER: PeriodCode[] = ['Q1', 'Q2', 'H1', 'Q3', 'M9', 'Q4', 'Y'];

let idCounter = 0;
const eventId = (): string => {
  idCounter += 1;
  const hex = idCounter.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
};

export function syntheticYear(o: SyntheticYearOptions): SyntheticYear {
  const rnd = prng(o.seed);
  const streamId = emulationStream(o.clusterId, o.year);
  let t = Date.UTC(o.year, 0, 4, 8);
  const ev = (type: string, actor: Actor, data: Record<string, unknown>, reason?: string): NewEvent => {
    t += 60_000;
    const id = eventId();
    return {
      eventId: id,
      type,
      data,
      metadata: {
        actor,
        occurredAt: new Date(t).toISOString(),
        correlationId: id,
        causationId: id,
        schemaVersion: 1,
        ...(reason !== undefined && { reason }),
      },
    };
  };
  const organizer: Actor = { id: `org-${o.clusterId}`, role: 'organizer', unitId: 'bo-cong-an' };
  const units = Array.from({ length: o.units }, (_, i) => `${o.clusterId}-u${i}`);
  const officer = (u: string): Actor => ({ id: `officer-${u}`, role: 'unit-officer', unitId: u });
  const chair = officer(units[0]!);
  const groups = ['Xây dựng lực lượng', 'Nghiệp vụ', 'Phong trào', 'Hậu cần', 'Đối ngoại'];
  const criteria = Array.from({ length: o.criteria }, (_, i) => {
    const kind = i >= o.criteria - 2 ? 'penalty' : i >= o.criteria - 4 ? 'bonus' : 'score';
    return {
      code: `tc-${i}`,
      title: `Tiêu chí ${i}`,
      group: kind === 'score' ? groups[i % groups.length]! : kind === 'bonus' ? 'Điểm thưởng' : 'Điểm trừ',
      maxPoints: kind === 'score' ? 20 : 5,
      kind,
    };
  });
  const setup: NewEvent[] = [];
  for (const u of units) setup.push(ev('UnitAdmitted', organizer, { unitId: u }));
  setup.push(ev('ChairAssigned', organizer, { unitId: units[0], role: 'chair', source: 'organizer' }));
  setup.push(
    ev('ScoringSchemePublished', organizer, {
      version: 1,
      criteria,
      thresholds: [
        { code: 'xuat-sac', label: 'Xuất sắc', minTotal: 300 },
        { code: 'tot', label: 'Tốt', minTotal: 200 },
        { code: 'kha', label: 'Khá', minTotal: 0 },
      ],
      tieBreaks: ['group:Nghiệp vụ', 'penalty', 'bonus'],
    }),
  );
  for (const u of units)
    setup.push(
      ev('PledgeSigned', officer(u), {
        unitId: u,
        version: 1,
        titles: ['co-thi-dua-bo-cong-an'],
        targets: [{ text: 'Hoàn thành 77 chỉ tiêu công tác', count: 77 }],
        keyTasks: ['Nội dung 1', 'Nội dung 2', 'Nội dung 3'],
      }),
    );

  const phases: NewEvent[][] = [setup];
  let previous: { period: PeriodCode; entries: Array<Record<string, unknown>> } | undefined;
  for (const period of PERIOD_ORDER) {
    const phase: NewEvent[] = [ev('PeriodOpened', organizer, { period })];
    // Disputes on the period closed before (filed and resolved while this one runs).
    if (previous) {
      for (const entry of previous.entries) {
        if (rnd() >= 0.01) continue;
        const disputeId = `kn-${entry['entryId'] as string}`;
        const base = {
          disputeId,
          entryId: entry['entryId'],
          unitId: entry['unitId'],
          period: previous.period,
        };
        phase.push(
          ev('DisputeFiled', officer(entry['unitId'] as string), {
            ...base,
            criterion: entry['criterion'],
            reason: 'Chưa tính đủ kết quả',
          }),
        );
        const upheld = rnd() < 0.5;
        phase.push(
          ev('DisputeResolved', organizer, {
            ...base,
            outcome: upheld ? 'upheld' : 'rejected',
            reason: upheld ? 'Có căn cứ' : 'Không có căn cứ',
            resolvedAs: 'organizer',
            ...(upheld && { correctedPoints: entry['points'] }),
          }),
        );
        if (upheld)
          phase.push(
            ev('ScoreCorrected', organizer, {
              entryId: entry['entryId'],
              unitId: entry['unitId'],
              period: previous.period,
              criterion: entry['criterion'],
              assessment: entry['assessment'],
              previousPoints: entry['points'],
              points: entry['points'],
              reason: 'Giải quyết khiếu nại',
              disputeId,
            }),
          );
      }
    }
    const entries: Array<Record<string, unknown>> = [];
    for (const u of units) {
      for (const c of criteria) {
        for (const assessment of ['self', 'cluster'] as const) {
          if (rnd() >= (assessment === 'self' ? 0.75 : 0.9)) continue;
          const points = Math.round(rnd() * c.maxPoints * 100) / 100;
          const data = {
            entryId: `${u}-${c.code}-${assessment}-${period.toLowerCase()}`,
            unitId: u,
            period,
            criterion: c.code,
            assessment,
            points,
            schemeVersion: 1,
            ...(rnd() < 0.3 && { evidence: `Báo cáo số ${Math.floor(rnd() * 1000)}/BC` }),
          };
          phase.push(ev('ScoreRecorded', assessment === 'self' ? officer(u) : chair, data));
          entries.push(data);
          const r = rnd();
          if (r < 0.04) {
            const corrected = Math.round(rnd() * c.maxPoints * 100) / 100;
            phase.push(
              ev(
                'ScoreCorrected',
                chair,
                {
                  entryId: data.entryId,
                  unitId: u,
                  period,
                  criterion: c.code,
                  assessment,
                  previousPoints: points,
                  points: corrected,
                  reason: 'Thẩm định lại',
                },
                'Thẩm định lại',
              ),
            );
            data.points = corrected;
          } else if (r < 0.05) {
            phase.push(
              ev(
                'ScoreWithdrawn',
                chair,
                {
                  entryId: data.entryId,
                  unitId: u,
                  period,
                  criterion: c.code,
                  assessment,
                  reason: 'Nhập nhầm',
                },
                'Nhập nhầm',
              ),
            );
            entries.pop();
          }
        }
      }
    }
    phase.push(ev('PeriodClosed', organizer, { period, rankingDigest: 'ab'.repeat(32), schemeVersion: 1 }));
    phases.push(phase);
    previous = { period, entries };
  }
  const election: NewEvent[] = [];
  const electionId = `bau-${o.clusterId}-${o.year + 1}`;
  const candidates = units.slice(1, 3);
  election.push(
    ev('ElectionOpened', chair, { electionId, role: 'chair', forYear: o.year + 1, round: 1, candidates }),
  );
  for (const u of units)
    election.push(
      ev('BallotCast', officer(u), {
        electionId,
        voterUnitId: u,
        candidateUnitId: candidates[rnd() < 0.6 ? 0 : 1],
      }),
    );
  phases.push(election);
  return { streamId, clusterId: o.clusterId, units, phases };
}

/** What the years need before them in the log: their units registered and their clusters formed. */
export function syntheticWorld(years: SyntheticYear[]): Array<{ streamId: string; event: NewEvent }> {
  const admin: Actor = { id: 'u-admin', role: 'admin' };
  const out: Array<{ streamId: string; event: NewEvent }> = [];
  const add = (streamId: string, type: string, data: Record<string, unknown>): void => {
    const id = eventId();
    out.push({
      streamId,
      event: {
        eventId: id,
        type,
        data,
        metadata: {
          actor: admin,
          occurredAt: '2023-12-01T08:00:00.000Z',
          correlationId: id,
          causationId: id,
          schemaVersion: 1,
        },
      },
    });
  };
  add(unitStream('bo-cong-an'), 'UnitRegistered', { unitId: 'bo-cong-an', name: 'Bộ Công an', kind: 'bo' });
  const units = new Set<string>();
  const clusters = new Set<string>();
  years.forEach((y, i) => {
    for (const u of y.units) {
      if (units.has(u)) continue;
      units.add(u);
      add(unitStream(u), 'UnitRegistered', {
        unitId: u,
        name: `Đơn vị ${u}`,
        kind: 'cuc',
        parentUnitId: 'bo-cong-an',
      });
    }
    if (clusters.has(y.clusterId)) return;
    clusters.add(y.clusterId);
    add(clusterStream(y.clusterId), 'ClusterFormed', {
      clusterId: y.clusterId,
      organizerUnitId: 'bo-cong-an',
      number: i + 1,
      name: `Cụm thi đua số ${i + 1}`,
    });
  });
  return out;
}

/** Events of the given years interleaved as many offices work at once: per phase, `group` streams at a time. */
export function interleave(
  years: SyntheticYear[],
  group: number,
  seed: number,
): Array<{ streamId: string; event: NewEvent }> {
  const rnd = prng(seed);
  const out: Array<{ streamId: string; event: NewEvent }> = [];
  const phases = Math.max(...years.map((y) => y.phases.length));
  for (let p = 0; p < phases; p++) {
    for (let g = 0; g < years.length; g += group) {
      const queues = years
        .slice(g, g + group)
        .map((y) => ({ streamId: y.streamId, events: [...(y.phases[p] ?? [])] }));
      let live = queues.filter((q) => q.events.length > 0);
      while (live.length > 0) {
        const q = live[Math.floor(rnd() * live.length)]!;
        // A sitting: one officer entering a few forms in a row.
        const n = 1 + Math.floor(rnd() * 8);
        for (const event of q.events.splice(0, n)) out.push({ streamId: q.streamId, event });
        live = live.filter((x) => x.events.length > 0);
      }
    }
  }
  return out;
}
