import { spec } from '../testing/given-when-then.js';
import { organizer } from '../testing/fixtures.js';
import { reportedFiguresDecider, type RecordReportedFigures } from './reported-figures.decider.js';

// Reported figures (reported-figures.decider.ts): figures probed at 0, the source and its digest, and the
// field each refusal names for either scope.
const AT = '2024-01-10T02:00:00.000Z';
const SHA = 'e'.repeat(64);
const reports = spec(reportedFiguresDecider, { organizerUnitId: 'bo-cong-an' });
const record = (over: Record<string, unknown> = {}): RecordReportedFigures =>
  ({
    type: 'RecordReportedFigures',
    actor: organizer,
    at: AT,
    data: {
      scope: 'cluster',
      scopeId: 'bca-cum-7',
      year: 2023,
      total: 486,
      source: { reference: 'Báo cáo tổng kết Cụm 7' },
      effectiveDate: '2023-11-28',
      ...over,
    },
  }) as RecordReportedFigures;

describe('reported figures: bounds and source', () => {
  it('takes 0 as a figure, and a source without a digest', () => {
    reports
      .given([])
      .when(record({ total: 0, collective: 0, individual: 0 }))
      .then([
        {
          type: 'ReportedFiguresRecorded',
          data: {
            scope: 'cluster',
            scopeId: 'bca-cum-7',
            year: 2023,
            total: 0,
            collective: 0,
            individual: 0,
            source: { reference: 'Báo cáo tổng kết Cụm 7' },
            effectiveDate: '2023-11-28',
          },
        },
      ]);
  });

  it('needs a source with a reference', () => {
    for (const source of [undefined, { reference: '' }, { sha256: SHA }])
      reports
        .given([])
        .when(record({ source }))
        .thenThrows('TEXT_REQUIRED', 'unprocessable', 'source.reference');
  });

  it('refuses a digest with anything before or after its 64 hex digits', () => {
    for (const sha256 of [`0${SHA}`, `${SHA}0`])
      reports
        .given([])
        .when(record({ source: { reference: 'r', sha256 } }))
        .thenThrows('INVALID_DIGEST', 'unprocessable', 'source.sha256');
  });

  it('names the scope id field of its scope when it is not an id', () => {
    reports
      .given([])
      .when(record({ scopeId: 'Cụm 7' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'clusterId');
    reports
      .given([])
      .when(record({ scope: 'organizer', scopeId: 'Bộ Công an' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'organizerUnitId');
  });
});
