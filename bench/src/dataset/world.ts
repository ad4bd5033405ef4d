/**
 * The shape of the synthetic world: organizers (the Ministry and provincial police), their units and
 * clusters, and each cluster's scoring scheme. Sized so that the years planned hold at least the
 * number of events asked for.
 */
import type { ScoringSchemeContent } from '@thidua/domain';
import type { Prng } from '../util/prng.js';
import {
  BONUS_CRITERION,
  DISTRICT_NAMES,
  MINISTRY_UNITS,
  PENALTY_CRITERIA,
  PROVINCES,
  PROVINCIAL_UNITS,
  SCORE_CRITERIA,
} from './names.js';

export const MINISTRY = 'bo-cong-an';

export interface UnitPlan {
  id: string;
  name: string;
  kind: string;
  parentUnitId?: string;
}

export interface ClusterPlan {
  id: string;
  organizerUnitId: string;
  number: number;
  name: string;
  units: string[];
  scheme: ScoringSchemeContent;
  /** Authority and award code of the year-end decision of this cluster's organizer. */
  authority: string;
  awardCode: string;
  individualAwardCode: string;
}

export interface WorldPlan {
  /** Registration order: parents before children. */
  units: UnitPlan[];
  clusters: ClusterPlan[];
  years: number[];
}

export interface WorldOptions {
  targetEvents: number;
  firstYear: number;
  minYears: number;
}

/** Rough events of one cluster-year (scores dominate): used only to size the world. */
export function estimateClusterYear(cluster: ClusterPlan): number {
  const kinds = cluster.scheme.criteria;
  const score = kinds.filter((c) => c.kind === 'score').length;
  const extra = kinds.length - score;
  const perUnitPeriod = 2 * score + 2 * 0.2 * extra;
  const units = cluster.units.length;
  return Math.round(units * 7 * perUnitPeriod * 1.045 + units * 4 + 12);
}

function scheme(prng: Prng, scoreCount: number): ScoringSchemeContent {
  const pool = [...SCORE_CRITERIA];
  prng.shuffle(pool);
  const chosen = pool.slice(0, scoreCount);
  // Keep the catalogue order of the criteria, as a scheme document lists them.
  chosen.sort((a, b) => SCORE_CRITERIA.indexOf(a) - SCORE_CRITERIA.indexOf(b));
  if (!chosen.some(([, , group]) => group === 'Nghiệp vụ')) chosen[0] = SCORE_CRITERIA[4]!;
  const criteria = chosen.map(([code, title, group]) => ({
    code,
    title,
    group,
    maxPoints: prng.pick([5, 10, 10, 15, 20]),
    kind: 'score' as const,
  }));
  const max = criteria.reduce((sum, c) => sum + c.maxPoints, 0);
  const [bonusCode, bonusTitle, bonusGroup] = BONUS_CRITERION;
  return {
    criteria: [
      ...criteria,
      { code: bonusCode, title: bonusTitle, group: bonusGroup, maxPoints: 5, kind: 'bonus' },
      ...PENALTY_CRITERIA.map(([code, title, group]) => ({
        code,
        title,
        group,
        maxPoints: 5,
        kind: 'penalty' as const,
      })),
    ],
    thresholds: [
      { code: 'xuat-sac', label: 'Xuất sắc', minTotal: Math.round(max * 0.9) },
      { code: 'tot', label: 'Tốt', minTotal: Math.round(max * 0.75) },
      { code: 'kha', label: 'Khá', minTotal: Math.round(max * 0.5) },
      { code: 'trung-binh', label: 'Trung bình', minTotal: 0 },
    ],
    tieBreaks: ['group:Nghiệp vụ', 'penalty', 'bonus'],
  };
}

/** Splits ids into groups of min..max (the last group may take the remainder). */
function groups(prng: Prng, ids: string[], min: number, max: number): string[][] {
  const out: string[][] = [];
  let i = 0;
  while (i < ids.length) {
    let size = prng.int(min, max);
    if (ids.length - (i + size) < min) size = ids.length - i;
    out.push(ids.slice(i, i + size));
    i += size;
  }
  return out;
}

export function planWorld(prng: Prng, options: WorldOptions): WorldPlan {
  const units: UnitPlan[] = [{ id: MINISTRY, name: 'Bộ Công an', kind: 'bo' }];
  const clusters: ClusterPlan[] = [];
  let number = 0;
  const ministryCluster = (members: string[]): ClusterPlan => {
    number++;
    return {
      id: `bca-cum-${number}`,
      organizerUnitId: MINISTRY,
      number,
      name: `Cụm thi đua số ${number}`,
      units: members,
      scheme: scheme(prng, prng.int(8, 14)),
      authority: 'bo-truong-bca',
      awardCode: 'bang-khen-bo-truong-bca',
      individualAwardCode: 'chien-si-thi-dua-toan-luc-luong-cand',
    };
  };
  for (const [id, name, kind] of MINISTRY_UNITS) units.push({ id, name, kind, parentUnitId: MINISTRY });
  for (const members of groups(
    prng,
    MINISTRY_UNITS.map(([id]) => id),
    5,
    8,
  ))
    clusters.push(ministryCluster(members));

  const perYear = (): number => clusters.reduce((sum, c) => sum + estimateClusterYear(c), 0);
  let years = options.minYears;
  const provinces: string[] = [];
  for (const [slug, provinceName] of PROVINCES) {
    if (perYear() * years >= options.targetEvents * 1.03) break;
    const org = `ca-${slug}`;
    provinces.push(org);
    units.push({ id: org, name: `Công an ${provinceName}`, kind: 'cong-an-tinh', parentUnitId: MINISTRY });
    const members: string[] = [];
    const departments = prng.int(14, PROVINCIAL_UNITS.length);
    for (let i = 0; i < departments; i++) {
      const id = `${org}-p${String(i + 1).padStart(2, '0')}`;
      units.push({
        id,
        name: `${PROVINCIAL_UNITS[i]} - Công an ${provinceName}`,
        kind: 'phong',
        parentUnitId: org,
      });
      members.push(id);
    }
    const districts = prng.int(8, DISTRICT_NAMES.length);
    for (let i = 0; i < districts; i++) {
      const id = `${org}-h${String(i + 1).padStart(2, '0')}`;
      units.push({
        id,
        name: `Công an ${DISTRICT_NAMES[i]} - ${provinceName}`,
        kind: 'khac',
        parentUnitId: org,
      });
      members.push(id);
    }
    let local = 0;
    for (const group of groups(prng, members, 5, 10)) {
      local++;
      clusters.push({
        id: `${org}-cum-${local}`,
        organizerUnitId: org,
        number: local,
        name: `Cụm thi đua số ${local} - Công an ${provinceName}`,
        units: group,
        scheme: scheme(prng, prng.int(8, 12)),
        authority: 'giam-doc-ca-tinh',
        awardCode: 'giay-khen',
        individualAwardCode: 'chien-si-thi-dua-co-so',
      });
    }
    // Every five provinces form one of the Ministry's clusters of provincial police.
    if (provinces.length % 5 === 0) clusters.push(ministryCluster(provinces.slice(-5)));
  }
  while (perYear() * years < options.targetEvents * 1.03) years++;
  return {
    units,
    clusters,
    years: Array.from({ length: years }, (_, i) => options.firstYear + i),
  };
}

/**
 * One oversized cluster of the Ministry (64 department-like units, 22 score criteria) for the as-of
 * and what-if figures: its one year passes 20,000 events during the year-end period. The as-of growth
 * figures scale `memberCount` with the cluster-year's size (a year's events grow with its members).
 */
export function planBigCluster(prng: Prng, firstYear: number, memberCount = 64): WorldPlan {
  const units: UnitPlan[] = [{ id: MINISTRY, name: 'Bộ Công an', kind: 'bo' }];
  const members: string[] = [];
  for (let i = 0; i < memberCount; i++) {
    const [slug, name, kind] = MINISTRY_UNITS[i % MINISTRY_UNITS.length]!;
    const id = i < MINISTRY_UNITS.length ? slug : `${slug}-${i}`;
    units.push({
      id,
      name: i < MINISTRY_UNITS.length ? name : `${name} (${i})`,
      kind,
      parentUnitId: MINISTRY,
    });
    members.push(id);
  }
  return {
    units,
    clusters: [
      {
        id: 'bca-cum-lon',
        organizerUnitId: MINISTRY,
        number: 99,
        name: 'Cụm thi đua số 99 (mở rộng)',
        units: members,
        scheme: scheme(prng, 22),
        authority: 'bo-truong-bca',
        awardCode: 'bang-khen-bo-truong-bca',
        individualAwardCode: 'chien-si-thi-dua-toan-luc-luong-cand',
      },
    ],
    years: [firstYear],
  };
}
