import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import {
  chair,
  context,
  DIGEST,
  ey,
  officerOf,
  organizer,
  otherOrganizer,
  q1Open,
  UNITS,
  dated,
} from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';

const year = spec(emulationYearDecider, context);
const xnc = UNITS.xnc.id;
const anm = UNITS.anm.id;
const entry = {
  entryId: 'e-2',
  unitId: xnc,
  period: 'Q1' as const,
  criterion: 'chuyen-mon',
  assessment: 'cluster' as const,
};
const scored: EmulationYearEvent[] = [
  ...q1Open(),
  { type: 'ScoreRecorded', data: { ...entry, points: 40, schemeVersion: 1 } },
];
const closed: EmulationYearEvent[] = [
  ...scored,
  { type: 'PeriodClosed', data: { period: 'Q1', rankingDigest: DIGEST, schemeVersion: 1 } },
];
const filed: EmulationYearEvent = {
  type: 'DisputeFiled',
  data: {
    disputeId: 'kn-1',
    entryId: 'e-2',
    unitId: xnc,
    period: 'Q1',
    criterion: 'chuyen-mon',
    reason: 'Chưa tính chuyên án',
    proposedPoints: 46,
  },
};
const file = (actor = officerOf(xnc), over = {}) =>
  ey('FileDispute', actor, {
    disputeId: 'kn-1',
    entryId: 'e-2',
    reason: 'Chưa tính chuyên án',
    proposedPoints: 46,
    ...over,
  });
const resolve = (actor = organizer, over: object = {}) =>
  ey('ResolveDispute', actor, {
    disputeId: 'kn-1',
    outcome: 'upheld' as const,
    reason: 'Chấp nhận',
    correctedPoints: 46,
    ...over,
  });

describe('cluster-year: disputes (khiếu nại)', () => {
  it("the unit's officer files a dispute about its entry, while open or after the period is closed", () => {
    year
      .given(scored)
      .when(file())
      .then(dated([filed]));
    year
      .given(closed)
      .when(file())
      .then(dated([filed]));
    const { proposedPoints: _p, ...noProposal } = filed.data as { proposedPoints?: number };
    year
      .given(scored)
      .when(file(undefined, { proposedPoints: undefined }))
      .then(dated([{ type: 'DisputeFiled', data: noProposal } as EmulationYearEvent]));
  });

  it('refuses other units, unknown or withdrawn entries, a second open dispute, bad proposals, missing reason', () => {
    year
      .given(scored)
      .when(file(officerOf(UNITS.ktnv.id)))
      .thenThrows('FORBIDDEN', 'forbidden');
    year.given(scored).when(file(organizer)).thenThrows('FORBIDDEN', 'forbidden');
    year
      .given(scored)
      .when(file(undefined, { entryId: 'e-404' }))
      .thenThrows('ENTRY_NOT_FOUND', 'not-found', 'entryId');
    year
      .given([...scored, filed])
      .when(file(undefined, { disputeId: 'kn-2' }))
      .thenThrows('DISPUTE_ALREADY_OPEN', 'conflict', 'entryId');
    year
      .given([...scored, filed])
      .when(file())
      .thenThrows('DISPUTE_ID_TAKEN', 'conflict', 'disputeId');
    year
      .given(scored)
      .when(file(undefined, { proposedPoints: 60 }))
      .thenThrows('POINTS_OUT_OF_RANGE', 'unprocessable', 'proposedPoints');
    year
      .given(scored)
      .when(file(undefined, { reason: '' }))
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
    const withdrawn: EmulationYearEvent[] = [
      ...scored,
      { type: 'ScoreWithdrawn', data: { ...entry, reason: 'r' } },
    ];
    year.given(withdrawn).when(file()).thenThrows('ENTRY_WITHDRAWN', 'unprocessable', 'entryId');
  });

  it('upheld by the organizer with corrected points: the resolution records the correction', () => {
    year
      .given([...closed, filed])
      .when(resolve())
      .then(
        dated([
          {
            type: 'DisputeResolved',
            data: {
              disputeId: 'kn-1',
              entryId: 'e-2',
              unitId: xnc,
              period: 'Q1',
              outcome: 'upheld',
              reason: 'Chấp nhận',
              resolvedAs: 'organizer',
              correctedPoints: 46,
            },
          },
          {
            type: 'ScoreCorrected',
            data: { ...entry, previousPoints: 40, points: 46, reason: 'Chấp nhận', disputeId: 'kn-1' },
          },
        ]),
      );
  });

  it('upheld by the chair unit, withdrawing the entry', () => {
    year
      .given([...scored, filed])
      .when(resolve(chair, { correctedPoints: undefined, withdrawEntry: true }))
      .then(
        dated([
          {
            type: 'DisputeResolved',
            data: {
              disputeId: 'kn-1',
              entryId: 'e-2',
              unitId: xnc,
              period: 'Q1',
              outcome: 'upheld',
              reason: 'Chấp nhận',
              resolvedAs: 'chair',
              withdrawEntry: true,
            },
          },
          { type: 'ScoreWithdrawn', data: { ...entry, reason: 'Chấp nhận', disputeId: 'kn-1' } },
        ]),
      );
  });

  it('rejected with a reason', () => {
    const rejected = year
      .given([...closed, filed])
      .when(resolve(chair, { outcome: 'rejected', correctedPoints: undefined, reason: 'Không có căn cứ' }))
      .then(
        dated([
          {
            type: 'DisputeResolved',
            data: {
              disputeId: 'kn-1',
              entryId: 'e-2',
              unitId: xnc,
              period: 'Q1',
              outcome: 'rejected',
              reason: 'Không có căn cứ',
              resolvedAs: 'chair',
            },
          },
        ]),
      );
    year
      .given([...closed, filed, ...rejected])
      .when(resolve())
      .thenThrows('DISPUTE_NOT_OPEN', 'conflict');
    // after a rejection, the unit may file again
    year
      .given([...closed, filed, ...rejected])
      .when(file(undefined, { disputeId: 'kn-2' }))
      .then(
        dated([
          {
            type: 'DisputeFiled',
            data: { ...(filed.data as object), disputeId: 'kn-2' },
          } as EmulationYearEvent,
        ]),
      );
  });

  it('only the organizer or the chair resolves; the chair not about its own entry', () => {
    for (const actor of [officerOf(xnc), officerOf(UNITS.ktnv.id), otherOrganizer])
      year
        .given([...scored, filed])
        .when(resolve(actor))
        .thenThrows('FORBIDDEN', 'forbidden');
    const ownEntry: EmulationYearEvent[] = [
      ...q1Open(),
      { type: 'ScoreRecorded', data: { ...entry, unitId: anm, points: 40, schemeVersion: 1 } },
      { type: 'DisputeFiled', data: { ...(filed.data as object), unitId: anm } } as EmulationYearEvent,
    ];
    year.given(ownEntry).when(resolve(chair)).thenThrows('FORBIDDEN', 'forbidden');
    year
      .given(ownEntry)
      .when(resolve(organizer))
      .then(
        dated([
          expect.objectContaining({ type: 'DisputeResolved' }),
          expect.objectContaining({ type: 'ScoreCorrected' }),
        ]),
      );
  });

  it('refuses ambiguous or incomplete resolutions, no change, bad points and unknown disputes', () => {
    const g = year.given([...scored, filed]);
    g.when(resolve(undefined, { correctedPoints: undefined })).thenThrows(
      'RESOLUTION_AMBIGUOUS',
      'unprocessable',
      'outcome',
    );
    g.when(resolve(undefined, { withdrawEntry: true })).thenThrows(
      'RESOLUTION_AMBIGUOUS',
      'unprocessable',
      'outcome',
    );
    g.when(resolve(undefined, { outcome: 'rejected' })).thenThrows(
      'RESOLUTION_AMBIGUOUS',
      'unprocessable',
      'outcome',
    );
    g.when(resolve(undefined, { outcome: 'maybe' })).thenThrows(
      'INVALID_OUTCOME',
      'unprocessable',
      'outcome',
    );
    g.when(resolve(undefined, { correctedPoints: 40 })).thenThrows(
      'NO_CHANGE',
      'unprocessable',
      'correctedPoints',
    );
    g.when(resolve(undefined, { correctedPoints: 55 })).thenThrows(
      'POINTS_OUT_OF_RANGE',
      'unprocessable',
      'correctedPoints',
    );
    g.when(resolve(undefined, { reason: '' })).thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
    g.when(resolve(undefined, { disputeId: 'kn-404' })).thenThrows(
      'DISPUTE_NOT_FOUND',
      'not-found',
      'disputeId',
    );
  });
});

describe('cluster-year: disputes, the remaining refusals', () => {
  it('names a malformed dispute id when filing and resolving', () => {
    year
      .given(scored)
      .when(file(undefined, { disputeId: 'KN 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'disputeId');
    year
      .given([...scored, filed])
      .when(resolve(undefined, { disputeId: 'KN 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'disputeId');
  });

  it('refuses a rejection that also withdraws (even withdrawEntry: false) as ambiguous', () => {
    year
      .given([...scored, filed])
      .when(resolve(undefined, { outcome: 'rejected', correctedPoints: undefined, withdrawEntry: false }))
      .thenThrows('RESOLUTION_AMBIGUOUS', 'unprocessable', 'outcome');
  });

  it('refuses to uphold a dispute whose entry was withdrawn after it was filed', () => {
    const withdrawn: EmulationYearEvent = { type: 'ScoreWithdrawn', data: { ...entry, reason: 'Nhập nhầm' } };
    year
      .given([...scored, filed, withdrawn])
      .when(resolve())
      .thenThrows('ENTRY_WITHDRAWN', 'unprocessable', 'disputeId');
  });
});
