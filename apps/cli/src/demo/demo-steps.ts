import { officerOf, organizerOf } from './demo-actors.js';
import type { DemoActor } from './demo-client.js';
import { MINH_HOA } from './demo-calendar.js';
import { DEMO_EVIDENCE } from './demo-scores.js';
import type { CommandAnswer, DemoSession } from './demo-session.js';
import type { DemoCluster } from './demo-units.js';

/** The commands the demo's cluster-years share. Every one carries its business date (`on`). */

export const yearPath = (cluster: DemoCluster, year: number) => `/clusters/${cluster.id}/years/${year}`;

export async function admit(
  s: DemoSession,
  cluster: DemoCluster,
  year: number,
  unitId: string,
  on: string,
): Promise<void> {
  await s.command(
    `${cluster.id}:${year}:admit:${unitId}`,
    organizerOf(cluster.organizer),
    'POST',
    `${yearPath(cluster, year)}/members`,
    { unitId, effectiveDate: on },
  );
}

export interface PledgeContent {
  titles: string[];
  targets: Array<{ text: string; count?: number }>;
  keyTasks: string[];
}

export async function pledge(
  s: DemoSession,
  cluster: DemoCluster,
  year: number,
  unitId: string,
  content: PledgeContent,
  on: string,
): Promise<void> {
  await s.command(
    `${cluster.id}:${year}:pledge:${unitId}`,
    officerOf(unitId),
    'POST',
    `${yearPath(cluster, year)}/pledges`,
    { unitId, ...content, effectiveDate: on },
  );
}

export async function score(
  s: DemoSession,
  cluster: DemoCluster,
  year: number,
  score: {
    period: string;
    unitId: string;
    criterion: string;
    points: number;
    assessment: 'self' | 'cluster' | 'appraisal';
    on: string;
    evidence?: string;
  },
  as: DemoActor = officerOf(score.unitId),
): Promise<CommandAnswer> {
  const { period, unitId, criterion, points, assessment, on } = score;
  return s.command(
    `${cluster.id}:${year}:${period}:score:${assessment}:${unitId}:${criterion}`,
    as,
    'POST',
    `${yearPath(cluster, year)}/scores`,
    {
      unitId,
      period,
      criterion,
      points,
      assessment,
      evidence: score.evidence ?? DEMO_EVIDENCE,
      effectiveDate: on,
    },
  );
}

/**
 * A conference the seed reports (kind, date, place as reported). There are no minutes: the "minutes" are
 * the seed's press article, by its sha256, and the reference says so; what the seed does not give (the
 * presiding unit, a place) is named in `note` and marked.
 */
export async function conference(
  s: DemoSession,
  cluster: DemoCluster,
  year: number,
  c: {
    step: string;
    kind: 'ký kết' | 'giao ban' | 'sơ kết' | 'tổng kết';
    date: string;
    place: string;
    presidingUnitId: string;
    seed: string;
    sha256: string;
    note: string;
  },
  as: DemoActor = organizerOf(cluster.organizer),
): Promise<CommandAnswer> {
  return s.command(
    `${cluster.id}:${year}:conference:${c.step}`,
    as,
    'POST',
    `${yearPath(cluster, year)}/conferences`,
    {
      kind: c.kind,
      date: c.date,
      place: c.place,
      presidingUnitId: c.presidingUnitId,
      minutes: {
        reference: `Bài báo seed ${c.seed} thay biên bản (không có biên bản); ${c.note} – ${MINH_HOA}`,
        sha256: c.sha256,
      },
    },
  );
}

/** Registers the people an organizer's decisions name (issue 12): name and rank title are demo data. */
export async function registerPeople(
  s: DemoSession,
  organizerUnitId: string,
  people: ReadonlyArray<{ personId: string; unitId: string; fullName: string; rankTitle: string }>,
  on: string,
): Promise<void> {
  for (const p of people)
    await s.command(`person:${p.personId}`, organizerOf(organizerUnitId), 'POST', '/people', {
      ...p,
      effectiveDate: on,
    });
}
