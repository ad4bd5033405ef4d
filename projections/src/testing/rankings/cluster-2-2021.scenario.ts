/**
 * Cụm thi đua số 2 of the Ministry in 2021 (seed 003), played through the real deciders into an event
 * store: five units, Cục An ninh mạng… as chair, a scheme, pledges, Q1 scores with a correction, Q1
 * closed, a dispute upheld afterwards (→ revised), Q2 with a score withdrawn and a unit withdrawn, a unit
 * renamed. Test support only.
 */
import type { EventStore } from '@thidua/event-store';
import {
  admin,
  chair,
  CLUSTER,
  context,
  officerOf,
  ORGANIZER_UNIT,
  organizer,
  scheme,
  UNITS,
  YEAR,
} from '@thidua/domain/testing';
import type { Actor, Assessment, EmulationYearCommand, PeriodCode } from '@thidua/domain';
import { LedgerWriter } from './ledger-writer.js';

export { CLUSTER, UNITS, YEAR };

/**
 * Every command one hour after the previous one, from 2022-01-04 08:00Z: the year 2021 is recorded after it
 * ended, so every act (dated on its recording day) falls after the end of the period it concerns.
 */
export class Clock {
  private t = Date.parse('2022-01-04T08:00:00.000Z');
  next(): string {
    this.t += 3_600_000;
    return new Date(this.t).toISOString();
  }
}

type YearData<T extends EmulationYearCommand['type']> = Omit<
  Extract<EmulationYearCommand, { type: T }>['data'],
  'clusterId' | 'year'
>;

export interface ScenarioResult {
  /** Position/time of the last event of each step of interest. */
  marks: Record<
    | 'yearStarted'
    | 'q1Scored'
    | 'beforeCorrection'
    | 'corrected'
    | 'q1Closed'
    | 'disputeUpheld'
    | 'q2Done'
    | 'renamed',
    { position: number; at: string }
  >;
  /** The Q1 cluster entry corrected before closing, and the one a dispute corrected after. */
  correctedEntry: string;
  disputedEntry: string;
  q2WithdrawnEntry: string;
  renamedUnit: { unitId: string; name: string };
}

export const NEW_XNC_NAME = 'Cục Cảnh sát quản lý xuất nhập cảnh';

export type MarkName = keyof ScenarioResult['marks'];

/** Writes the scenario; `onMark` is awaited after each marked step (a test may look at the read side then). */
export async function playCluster2(
  events: EventStore,
  options: { clock?: Clock; onMark?: (name: MarkName, position: number) => Promise<void> } = {},
): Promise<ScenarioResult> {
  const clock = options.clock ?? new Clock();
  const w = new LedgerWriter(events);
  const unitIds = Object.values(UNITS).map((u) => u.id);
  const year = <T extends EmulationYearCommand['type']>(type: T, actor: Actor, data: YearData<T>) =>
    w.year(
      {
        type,
        actor,
        at: clock.next(),
        data: { clusterId: CLUSTER, year: YEAR, ...data },
      } as unknown as EmulationYearCommand,
      context,
    );
  const score = (
    actor: Actor,
    entryId: string,
    unitId: string,
    period: PeriodCode,
    criterion: string,
    points: number,
    assessment: Assessment,
  ) => year('RecordScore', actor, { entryId, unitId, period, criterion, points, assessment });
  const marks = {} as ScenarioResult['marks'];
  const mark = async (name: MarkName, r: { position: number }): Promise<void> => {
    marks[name] = { position: r.position, at: clock.next() };
    await options.onMark?.(name, r.position);
  };

  await w.unit({
    type: 'RegisterUnit',
    actor: admin,
    at: clock.next(),
    data: { unitId: ORGANIZER_UNIT, name: 'Bộ Công an', kind: 'bo' },
  });
  for (const u of Object.values(UNITS)) {
    const kind = u.id.startsWith('bo-tu-lenh') ? 'bo-tu-lenh' : 'cuc';
    await w.unit({
      type: 'RegisterUnit',
      actor: admin,
      at: clock.next(),
      data: { unitId: u.id, name: u.name, kind },
    });
  }
  await w.cluster({
    type: 'FormCluster',
    actor: admin,
    at: clock.next(),
    data: { clusterId: CLUSTER, organizerUnitId: ORGANIZER_UNIT, number: 2, name: 'Cụm thi đua số 2' },
  });
  for (const unitId of unitIds) {
    await w.year(
      {
        type: 'AdmitUnit',
        actor: organizer,
        at: clock.next(),
        data: { clusterId: CLUSTER, year: YEAR, unitId },
      },
      { ...context, unitStatus: 'active', reservedClusterId: CLUSTER },
    );
  }
  await year('AssignChair', organizer, { unitId: UNITS.anm.id, role: 'chair', source: 'organizer' });
  await year('AssignChair', organizer, { unitId: UNITS.ktnv.id, role: 'vice-chair', source: 'organizer' });
  await year('PublishScoringScheme', organizer, scheme);
  for (const unitId of unitIds) {
    await year('SignPledge', officerOf(unitId), {
      unitId,
      titles: ['co-thi-dua-bo-cong-an'],
      targets: [{ text: 'Hoàn thành 77 chỉ tiêu công tác', count: 77 }],
      keyTasks: ['Bảo đảm an ninh mạng', 'Xây dựng lực lượng trong sạch', 'Cải cách hành chính'],
    });
  }
  await year('AmendPledge', officerOf(UNITS.xnc.id), {
    unitId: UNITS.xnc.id,
    titles: ['co-thi-dua-bo-cong-an'],
    targets: [{ text: 'Hoàn thành 80 chỉ tiêu công tác', count: 80 }],
    keyTasks: ['Quản lý xuất nhập cảnh', 'Xây dựng lực lượng trong sạch', 'Cải cách hành chính'],
    reason: 'Bổ sung chỉ tiêu sau hội nghị giao ban',
  });
  const opened = await year('OpenPeriod', organizer, { period: 'Q1' });
  await mark('yearStarted', opened);

  // Q1: self scores from every unit, cluster scores for some (cluster wins over self).
  const points: Record<string, [number, number, number]> = {
    [UNITS.anm.id]: [28, 45, 18],
    [UNITS.ktnv.id]: [27, 44, 18],
    [UNITS.ngoaiTuyen.id]: [27, 44, 18], // ties with ktnv on the total and on Nghiệp vụ
    [UNITS.xnc.id]: [25, 40, 15],
    [UNITS.canhVe.id]: [26, 42, 16],
  };
  let last = opened;
  for (const [unitId, [a, b, c]] of Object.entries(points)) {
    await score(officerOf(unitId), `q1-${unitId}-xd-dang-self`, unitId, 'Q1', 'xd-dang', a, 'self');
    await score(officerOf(unitId), `q1-${unitId}-chuyen-mon-self`, unitId, 'Q1', 'chuyen-mon', b, 'self');
    last = await score(
      officerOf(unitId),
      `q1-${unitId}-phong-trao-self`,
      unitId,
      'Q1',
      'phong-trao',
      c,
      'self',
    );
  }
  await score(
    chair,
    `q1-${UNITS.canhVe.id}-chuyen-mon-cluster`,
    UNITS.canhVe.id,
    'Q1',
    'chuyen-mon',
    47,
    'cluster',
  );
  await score(
    chair,
    `q1-${UNITS.xnc.id}-diem-thuong-cluster`,
    UNITS.xnc.id,
    'Q1',
    'diem-thuong',
    3,
    'cluster',
  );
  // The chair's own unit is scored by the vice-chair unit (the chair never assesses itself).
  last = await score(
    officerOf(UNITS.ktnv.id),
    `q1-${UNITS.anm.id}-diem-tru-cluster`,
    UNITS.anm.id,
    'Q1',
    'diem-tru',
    2,
    'cluster',
  );
  await mark('q1Scored', last);
  await mark('beforeCorrection', last);

  const correctedEntry = `q1-${UNITS.canhVe.id}-chuyen-mon-cluster`;
  const corrected = await year('CorrectScore', chair, {
    entryId: correctedEntry,
    points: 49,
    reason: 'Nhập nhầm điểm',
  });
  await mark('corrected', corrected);

  const closed = await w.closePeriod(organizer, clock.next(), CLUSTER, YEAR, 'Q1', context);
  await mark('q1Closed', closed);

  // After closing: Cục Quản lý xuất nhập cảnh disputes its phong-trao self score; the organizer upholds it.
  const disputedEntry = `q1-${UNITS.xnc.id}-phong-trao-self`;
  await year('FileDispute', officerOf(UNITS.xnc.id), {
    disputeId: 'd-xnc-q1',
    entryId: disputedEntry,
    reason: 'Điểm phong trào chưa tính kết quả tháng 3',
    proposedPoints: 19,
  });
  const upheld = await year('ResolveDispute', organizer, {
    disputeId: 'd-xnc-q1',
    outcome: 'upheld',
    reason: 'Chấp nhận khiếu nại',
    correctedPoints: 19,
  });
  await mark('disputeUpheld', upheld);

  await year('OpenPeriod', organizer, { period: 'Q2' });
  for (const unitId of unitIds) {
    await score(
      officerOf(unitId),
      `q2-${unitId}-xd-dang-self`,
      unitId,
      'Q2',
      'xd-dang',
      20 + unitIds.indexOf(unitId),
      'self',
    );
  }
  const q2WithdrawnEntry = `q2-${UNITS.ngoaiTuyen.id}-xd-dang-self`;
  await year('WithdrawScore', officerOf(UNITS.ngoaiTuyen.id), {
    entryId: q2WithdrawnEntry,
    reason: 'Nhập trùng',
  });
  // A unit leaves during Q2: Q2 no longer lists it, the sealed Q1 still does.
  const left = await year('WithdrawUnit', organizer, {
    unitId: UNITS.canhVe.id,
    reason: 'Điều chuyển sang cụm khác',
  });
  await mark('q2Done', left);

  const renamed = await w.unit({
    type: 'RenameUnit',
    actor: admin,
    at: clock.next(),
    data: { unitId: UNITS.xnc.id, name: NEW_XNC_NAME, reason: 'Đổi tên' },
  });
  await mark('renamed', renamed);

  return {
    marks,
    correctedEntry,
    disputedEntry,
    q2WithdrawnEntry,
    renamedUnit: { unitId: UNITS.xnc.id, name: NEW_XNC_NAME },
  };
}
