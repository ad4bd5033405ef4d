import type { EventStore, StoredEvent } from '@thidua/event-store';
import type { ReadStore } from '@thidua/read-store';
import type { AwardDecisionIssuedData } from '@thidua/domain';
import { ProjectionRunner } from '../runner/projection-runner.js';
import {
  C7,
  HA_TINH,
  HT_UNIT,
  MINISTRY,
  playCluster7,
} from '../testing/yearly-totals/cluster-7-2023.scenario.js';
import {
  documentsOf,
  feed,
  GuardedDocs,
  openEvents,
  openReads,
  reachHead,
  readLog,
  runToHead,
  TempDir,
} from '../testing/yearly-totals/projection-check.js';
import { INDEX_PAGE_SIZE, UNIT_HISTORY_PROJECTION, type HistoryEntryDoc } from './unit-history.documents.js';

/** Enough corrections that a unit's history spans two index pages. */
const MANY = INDEX_PAGE_SIZE;
import { unitHistoryProjection } from './unit-history.projection.js';
import { KeptHistoryDocs } from './lookups.js';
import { readUnitHistory } from './unit-history.query.js';

const tmp = new TempDir();
afterAll(() => tmp.remove());

/**
 * The test's own account of which units an event concerns (independent of the projection): the unit
 * fields of its data, a cluster's organizer, the recipients' units of an award.
 */
function concerned(event: StoredEvent, awardUnits: Map<string, string>, organizers: Map<string, string>) {
  const d = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'ScoringSchemePublished':
    case 'ScoringSchemeAmended':
    case 'PeriodOpened':
    case 'PeriodClosed':
    case 'PeriodReopened':
    case 'ChairPolicySet':
    // People (issue 12) have their own read model (`people`), not the unit's history.
    case 'PersonRegistered':
      return [];
    case 'ClusterFormed':
      organizers.set(String(d.clusterId), String(d.organizerUnitId));
      return [String(d.organizerUnitId)];
    case 'ClusterRenamed':
    case 'ClusterDissolved':
      return [organizers.get(String(d.clusterId))!];
    case 'UnitMerged':
      return [String(d.unitId), String(d.intoUnitId)];
    case 'BallotCast':
      return [String(d.voterUnitId)];
    case 'ElectionOpened':
      return d.candidates as string[];
    case 'ElectionClosed':
      return (d.tally as Array<{ unitId: string }>).map((t) => t.unitId);
    case 'AwardDecisionIssued': {
      const units = (d as unknown as AwardDecisionIssuedData).awards.map((a) => {
        awardUnits.set(a.awardId, a.recipient.unitId);
        return a.recipient.unitId;
      });
      return [...new Set(units)];
    }
    case 'AwardRevoked':
      return [awardUnits.get(String(d.awardId))!];
    default:
      return [String(d.unitId)];
  }
}

let events: EventStore;

async function wholeHistory(reads: ReadStore, runner: ProjectionRunner, unitId: string) {
  return readUnitHistory(reads, events, runner.target(UNIT_HISTORY_PROJECTION), unitId, 0, 100_000);
}

describe('unit-history projection (real SQLite event store, read store and runner)', () => {
  let reads: ReadStore;
  let runner: ProjectionRunner;
  let log: StoredEvent[];

  beforeAll(async () => {
    events = await openEvents(tmp.file('events'));
    reads = await openReads(tmp.file('reads'));
    runner = new ProjectionRunner(events, reads, [unitHistoryProjection()], { batchSize: 3 });
    await runner.start();
    // Cục Truyền thông's entry corrected many times: its history spans more than one page.
    await playCluster7(events, { corrections: MANY + 20, onStep: () => reachHead(runner, events) });
    await reachHead(runner, events);
    log = await readLog(events);
  });
  afterAll(async () => {
    await runner.stop();
    await reads.close();
    await events.close();
  });

  it('lists, per unit, every event that touched it in log order, with actor, time, stream, revision and hash', async () => {
    const awardUnits = new Map<string, string>();
    const organizers = new Map<string, string>();
    const expected = new Map<string, StoredEvent[]>();
    for (const event of log)
      for (const unitId of concerned(event, awardUnits, organizers))
        expected.set(unitId, [...(expected.get(unitId) ?? []), event]);
    const units = [MINISTRY.id, ...Object.values(C7).map((u) => u.id), HA_TINH.id, HT_UNIT.id];
    expect([...expected.keys()].sort()).toEqual([...units].sort());
    for (const unitId of units) {
      const history = await wholeHistory(reads, runner, unitId);
      const want = expected.get(unitId)!;
      expect(history.total).toBe(want.length);
      expect(history.nextAfter).toBeNull();
      expect(history.items.map((e) => e.eventId)).toEqual(want.map((e) => e.eventId));
      for (const [i, entry] of history.items.entries()) {
        const e = want[i]!;
        expect(entry).toMatchObject({
          unitId,
          position: e.position,
          type: e.type,
          streamId: e.streamId,
          revision: e.revision,
          hash: e.metadata.hash,
          occurredAt: e.metadata.occurredAt,
          actor: e.metadata.actor,
        });
        expect(entry.summary.length).toBeGreaterThan(5);
        expect(entry.summary).toBe(entry.summary.normalize('NFC'));
      }
    }
    expect(expected.get(C7.tt.id)!.length).toBeGreaterThan(MANY);
  });

  it('summarises each event in Vietnamese', async () => {
    const summaries = async (unitId: string) =>
      (await wholeHistory(reads, runner, unitId)).items.map((e) => e.summary);
    expect(await summaries(MINISTRY.id)).toEqual([
      'Đăng ký đơn vị “Bộ Công an”',
      'Thành lập Cụm thi đua số 7',
    ]);
    const tccb = await summaries(C7.tccb.id);
    expect(tccb).toEqual([
      'Đăng ký đơn vị “Cục Tổ chức cán bộ”',
      'Ghi nhận vào sổ thành viên Cụm thi đua số 7 năm 2023',
      'Được kết nạp vào Cụm thi đua số 7 năm 2023',
      'Ký kết giao ước thi đua năm 2023 (Cụm thi đua số 7), đăng ký danh hiệu: Cờ thi đua của Bộ Công an, Cờ thi đua của Chính phủ',
      'Chấm điểm tiêu chí “Xây dựng lực lượng” năm 2023: 49,5 điểm (tự chấm)',
      'Chấm điểm tiêu chí “Kết quả công tác chuyên môn” năm 2023: 48 điểm (tự chấm)',
      'Là ứng viên bầu Cụm trưởng Cụm thi đua số 7 năm 2024 (vòng 1)',
      'Bỏ phiếu bầu Cụm trưởng Cụm thi đua số 7 năm 2024: chọn Cục Tổ chức cán bộ',
      'Trúng cử Cụm trưởng Cụm thi đua số 7 năm 2024: 4/5 phiếu',
      'Được bầu làm Cụm trưởng Cụm thi đua số 7 năm 2024',
      'Quyết định khen thưởng số 1234/QĐ-CTN ngày 15/12/2023 (Chủ tịch nước): Huân chương Bảo vệ Tổ quốc hạng Ba (1 tập thể, 3 cá nhân)',
      'Quyết định khen thưởng số 9876/QĐ-BCA ngày 20/12/2023 (Bộ trưởng Bộ Công an): Cờ thi đua của Bộ Công an (1 tập thể)',
      'Thu hồi Cờ thi đua của Bộ Công an năm 2023 (tập thể đơn vị) theo quyết định 77/QĐ-BCA: Thẩm định lại kết quả',
    ]);
    const tt = await summaries(C7.tt.id);
    expect(tt).toContain(
      'Sửa điểm tiêu chí “Kết quả công tác chuyên môn” năm 2023 từ 46 thành 45,5 điểm (tự chấm): Nhập nhầm số liệu',
    );
    expect(tt).toContain(
      'Quyết định khen thưởng số 9876/QĐ-BCA ngày 20/12/2023 (Bộ trưởng Bộ Công an): Chiến sĩ thi đua toàn lực lượng Công an nhân dân (1 cá nhân); Bằng khen của Bộ trưởng Bộ Công an (1 tập thể)',
    );
    const ubkt = await summaries(C7.ubkt.id);
    expect(ubkt).toEqual(
      expect.arrayContaining([
        'Khiếu nại điểm tiêu chí “Xây dựng lực lượng” năm 2023 (đề nghị 43 điểm): Chưa tính kết quả kiểm tra quý IV',
        'Khiếu nại về điểm năm 2023 được chấp nhận, điểm sửa thành 43: Đã xác minh',
        'Sửa điểm tiêu chí “Xây dựng lực lượng” năm 2023 từ 42 thành 43 điểm (tự chấm): Đã xác minh',
      ]),
    );
    expect(ubkt.slice(-2)).toEqual([
      'Rút khỏi Cụm thi đua số 7 năm 2023: Điều chỉnh tổ chức Cụm thi đua',
      'Xóa khỏi sổ thành viên Cụm thi đua số 7 năm 2023 (đã rút khỏi Cụm)',
    ]);
    const dt = await wholeHistory(reads, runner, C7.dt.id);
    expect(dt.name).toBe('Cục Đào tạo Công an nhân dân');
    expect(dt.items.map((e) => e.summary)).toEqual(
      expect.arrayContaining([
        'Thu hồi Huân chương Bảo vệ Tổ quốc hạng Ba năm 2023 (cá nhân cb-cuc-dao-tao-1) theo quyết định 55/QĐ-CTN: Hồ sơ đề nghị không trung thực',
        'Kết quả bầu Cụm trưởng Cụm thi đua số 7 năm 2024: 1/5 phiếu (không trúng cử)',
      ]),
    );
    const renamed = dt.items.at(-1)!;
    expect(renamed).toMatchObject({
      summary: 'Đổi tên từ “Cục Đào tạo” thành “Cục Đào tạo Công an nhân dân”',
      reason: 'Theo quyết định tổ chức lại',
      actor: { role: 'admin' },
    });
    const ttr = await summaries(C7.ttr.id);
    expect(ttr.indexOf('Được kết nạp vào Cụm thi đua số 7 năm 2023')).toBeGreaterThan(
      ttr.findIndex((s) => s.startsWith('Quyết định khen thưởng số 1234/QĐ-CTN')),
    );
  });

  it('renders an entry with the names as they stood at its event, and copies nothing of the event', async () => {
    // Cục Đào tạo was renamed after the election: the ballot for it still names it as it was then.
    const ballots = (await Promise.all(Object.values(C7).map((u) => wholeHistory(reads, runner, u.id))))
      .flatMap((h) => h.items)
      .filter((e) => e.type === 'BallotCast')
      .map((e) => e.summary);
    expect(ballots).toContain('Bỏ phiếu bầu Cụm trưởng Cụm thi đua số 7 năm 2024: chọn Cục Đào tạo');
    expect(ballots.some((s) => s.includes('Cục Đào tạo Công an nhân dân'))).toBe(false);
    // The projection keeps positions and lookups only: far fewer documents than entries, none per event.
    const target = runner.target(UNIT_HISTORY_PROJECTION);
    const docs = await documentsOf(reads, target, unitHistoryProjection());
    expect(await reads.find(target, 'entries')).toEqual([]);
    const entries = (
      await Promise.all(Object.values(C7).map((u) => wholeHistory(reads, runner, u.id)))
    ).reduce((sum, h) => sum + h.total, 0);
    expect(Object.values(docs).flat().length).toBeLessThan(entries / 4);
  });

  it('pages by position: `after` any position, `limit` entries, `nextAfter` to go on', async () => {
    const target = runner.target(UNIT_HISTORY_PROJECTION);
    const all = (await wholeHistory(reads, runner, C7.tt.id)).items;
    expect(all.length).toBeGreaterThan(MANY);
    const walked: HistoryEntryDoc[] = [];
    let after = 0;
    for (let guard = 0; guard < 100; guard++) {
      const page = await readUnitHistory(reads, events, target, C7.tt.id, after, 7);
      expect(page.items.length).toBeLessThanOrEqual(7);
      walked.push(...page.items);
      if (page.nextAfter === null) break;
      after = page.nextAfter;
    }
    expect(walked.map((e) => e.position)).toEqual(all.map((e) => e.position));
    // `after` need not be one of the unit's positions: every position of the log works.
    for (const cut of [0, 1, all[50]!.position + 1, all[MANY]!.position - 1, all.at(-1)!.position]) {
      const page = await readUnitHistory(reads, events, target, C7.tt.id, cut, 5);
      const want = all.filter((e) => e.position > cut);
      expect(page.items.map((e) => e.position)).toEqual(want.slice(0, 5).map((e) => e.position));
      expect(page.nextAfter).toBe(want.length > 5 ? want[4]!.position : null);
    }
    expect(await readUnitHistory(reads, events, target, 'khong-co', 0, 5)).toEqual({
      unitId: 'khong-co',
      name: null,
      total: 0,
      items: [],
      nextAfter: null,
    });
  });

  it('renders the same pages with its documents kept across pages, reading the store far less', async () => {
    const target = runner.target(UNIT_HISTORY_PROJECTION);
    let lookupReads = 0;
    const counted = new Proxy(reads, {
      get: (store, key) =>
        key === 'get'
          ? (t: typeof target, collection: string, id: string) => {
              lookupReads++;
              return store.get(t, collection, id);
            }
          : (store[key as keyof ReadStore] as unknown),
    });
    const units = [MINISTRY.id, ...Object.values(C7).map((u) => u.id), HA_TINH.id, HT_UNIT.id];
    const pagesOf = async (store: ReadStore, kept?: KeptHistoryDocs) => {
      const pages = [];
      for (const unitId of units)
        for (let after = 0, guard = 0; guard < 100; guard++) {
          const page = await readUnitHistory(store, events, target, unitId, after, 7, undefined, kept);
          pages.push(page);
          if (page.nextAfter === null) break;
          after = page.nextAfter;
        }
      return pages;
    };
    const plain = await pagesOf(counted);
    const plainReads = lookupReads;
    // The containers are frozen when kept: a summary that changed a lookup it read would throw here.
    const kept = new KeptHistoryDocs(() => runner.servedPosition(UNIT_HISTORY_PROJECTION));
    lookupReads = 0;
    expect(await pagesOf(counted, kept)).toEqual(plain);
    const firstPass = lookupReads;
    lookupReads = 0;
    expect(await pagesOf(counted, kept)).toEqual(plain);
    expect({ plainReads, firstPass, again: lookupReads }).toEqual({
      plainReads: expect.any(Number) as number,
      firstPass: expect.any(Number) as number,
      again: 0,
    });
    expect(firstPass).toBeLessThan(plainReads / 2);
  });

  it('pages by event type: only those types, in order, a bounded read per page, `nextAfter` to go on', async () => {
    const target = runner.target(UNIT_HISTORY_PROJECTION);
    const all = (await wholeHistory(reads, runner, C7.tt.id)).items;
    const kinds = [...new Set(all.map((e) => e.type))];
    expect(kinds.length).toBeGreaterThan(2);
    // A rare type (first and last pages differ from the bulk) and a mix of two.
    for (const types of [new Set([kinds[0]!]), new Set(kinds.slice(-2))]) {
      const want = all.filter((e) => types.has(e.type)).map((e) => e.position);
      for (const scanLimit of [undefined, 40]) {
        const walked: number[] = [];
        let after = 0;
        for (let guard = 0; guard < 100; guard++) {
          const page = await readUnitHistory(reads, events, target, C7.tt.id, after, 5, { types, scanLimit });
          expect(page.items.length).toBeLessThanOrEqual(5);
          expect(page.total).toBe(all.length);
          walked.push(...page.items.map((e) => e.position));
          if (page.nextAfter === null) break;
          expect(page.nextAfter).toBeGreaterThan(after);
          after = page.nextAfter;
        }
        expect({ types: [...types], scanLimit, walked }).toEqual({
          types: [...types],
          scanLimit,
          walked: want,
        });
      }
    }
    // A type the unit never had: one bounded read, nothing found, and where to go on.
    const none = await readUnitHistory(reads, events, target, C7.tt.id, 0, 5, {
      types: new Set(['X']),
      scanLimit: 30,
    });
    expect(none).toMatchObject({ items: [], nextAfter: all[29]!.position });
  });

  it('is idempotent if run twice: a redelivered event changes nothing', async () => {
    const definition = unitHistoryProjection();
    const once = new GuardedDocs();
    await feed(definition, once, log);
    expect(once.documents(definition)).toEqual(
      await documentsOf(reads, runner.target(UNIT_HISTORY_PROJECTION), definition),
    );
    // A replay emits nothing: no head, index page or lookup changes.
    const snapshot = once.documents(definition);
    const replayed = (await feed(definition, once, log)).flat();
    expect(replayed).toEqual([]);
    expect(once.documents(definition)).toEqual(snapshot);
    const twice = new GuardedDocs();
    for (const event of log) {
      await feed(definition, twice, [event]);
      const before = twice.documents(definition);
      const again = (await feed(definition, twice, [event])).flat();
      expect(again).toEqual([]);
      expect(twice.documents(definition)).toEqual(before);
    }
    expect(twice.documents(definition)).toEqual(once.documents(definition));
    const before = await documentsOf(reads, runner.target(UNIT_HISTORY_PROJECTION), definition);
    const restarted = await runToHead(events, reads, [unitHistoryProjection()]);
    try {
      expect(await documentsOf(reads, restarted.target(UNIT_HISTORY_PROJECTION), definition)).toEqual(before);
    } finally {
      await restarted.stop();
    }
  });

  it('rebuild equals incremental', async () => {
    const definition = unitHistoryProjection();
    const incremental = await documentsOf(reads, runner.target(UNIT_HISTORY_PROJECTION), definition);
    await runner.rebuild(UNIT_HISTORY_PROJECTION);
    expect(await documentsOf(reads, runner.target(UNIT_HISTORY_PROJECTION), definition)).toEqual(incremental);
    const fresh = await openReads(tmp.file('reads-fresh'));
    const rebuilt = await runToHead(events, fresh, [unitHistoryProjection()], 500);
    try {
      expect(await documentsOf(fresh, rebuilt.target(UNIT_HISTORY_PROJECTION), definition)).toEqual(
        incremental,
      );
    } finally {
      await rebuilt.stop();
      await fresh.close();
    }
  });
});
