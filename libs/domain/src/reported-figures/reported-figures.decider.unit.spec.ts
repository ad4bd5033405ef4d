import { spec } from '../testing/given-when-then.js';
import { admin, officerOf, organizer, otherOrganizer } from '../testing/fixtures.js';
import { reportedFiguresDecider, type RecordReportedFigures } from './reported-figures.decider.js';

const AT = '2024-01-10T02:00:00.000Z';
const SEED_000 = '0568bd6013502d9da690ea25b539cd2bfbd84323533be86880e95819c079a6c9';
const reports = spec(reportedFiguresDecider, { organizerUnitId: 'bo-cong-an' });
const record = (over: Record<string, unknown> = {}, actor = organizer): RecordReportedFigures =>
  ({
    type: 'RecordReportedFigures',
    actor,
    at: AT,
    data: {
      scope: 'cluster',
      scopeId: 'bca-cum-7',
      year: 2023,
      total: 486,
      source: { reference: 'Bài báo tổng kết Cụm thi đua số 7 (seed 000)', sha256: SEED_000 },
      effectiveDate: '2023-11-28',
      ...over,
    },
  }) as RecordReportedFigures;

describe('reported figures (recorded as stated)', () => {
  it('records Cụm 7’s "486 lượt" as stated, whatever the awards recorded say', () => {
    const first = reports
      .given([])
      .when(record())
      .then([
        {
          type: 'ReportedFiguresRecorded',
          data: {
            scope: 'cluster',
            scopeId: 'bca-cum-7',
            year: 2023,
            total: 486,
            source: { reference: 'Bài báo tổng kết Cụm thi đua số 7 (seed 000)', sha256: SEED_000 },
            effectiveDate: '2023-11-28',
          },
        },
      ]);
    // A later report replaces it, with a reason.
    reports
      .given(first)
      .when(record({ total: 490 }))
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
    reports
      .given(first)
      .when(record({ total: 490, reason: 'Báo cáo bổ sung (minh họa)' }))
      .then([expect.objectContaining({ data: expect.objectContaining({ total: 490 }) })]);
  });

  it('refuses figures that are no whole numbers ≥ 0, and a malformed digest', () => {
    for (const [over, field] of [
      [{ total: -1 }, 'total'],
      [{ total: 4.5 }, 'total'],
      [{ collective: -2 }, 'collective'],
      [{ individual: '3' }, 'individual'],
    ] as const)
      reports.given([]).when(record(over)).thenThrows('INVALID_FIGURE', 'unprocessable', field);
    reports
      .given([])
      .when(record({ source: { reference: 'x', sha256: 'ABC' } }))
      .thenThrows('INVALID_DIGEST', 'unprocessable', 'source.sha256');
  });

  it('is recorded by the organizer of the cluster or an administrator; an unknown cluster is 404', () => {
    reports
      .given([])
      .when(record({}, admin))
      .then([expect.objectContaining({ type: 'ReportedFiguresRecorded' })]);
    for (const actor of [otherOrganizer, officerOf('cuc-tccb')])
      reports.given([]).when(record({}, actor)).thenThrows('FORBIDDEN', 'forbidden');
    reports.given([]).when(record(), {}).thenThrows('CLUSTER_NOT_FOUND', 'not-found', 'clusterId');
    reports
      .given([])
      .when(record({ scope: 'organizer', scopeId: 'khong-co' }), {})
      .thenThrows('ORGANIZER_NOT_FOUND', 'not-found', 'organizerUnitId');
  });
});
