import {
  addDays,
  daysBetween,
  periodEnd,
  recordingDate,
  requireActDate,
  reviewFrom,
} from './business-date.js';
import { DomainError } from './errors.js';
import { businessDateOf, upcastData, upcastEvent } from './events/upcast.js';
import { EVENT_SCHEMA_VERSIONS } from './events/schema-versions.js';

const refused = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('not refused');
};

describe('business dates', () => {
  it('dates a recording instant in Vietnam (UTC+07:00): 16:59:59Z is still the same day, 17:00Z the next', () => {
    expect(recordingDate('2021-11-19T16:59:59.999Z')).toBe('2021-11-19');
    expect(recordingDate('2021-11-19T17:00:00.000Z')).toBe('2021-11-20');
    expect(recordingDate('2021-11-20T00:30:00+07:00')).toBe('2021-11-20');
  });

  it('counts calendar days across month and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2021-12-31', 90)).toBe('2022-03-31');
    expect(daysBetween('2021-11-19', '2022-02-17')).toBe(90);
    expect(daysBetween('2021-11-19', '2021-11-18')).toBe(-1);
  });

  it('takes the date given, or the recording date; never a date after the recording date', () => {
    const at = '2026-03-02T10:00:00Z';
    expect(requireActDate(undefined, at)).toBe('2026-03-02');
    expect(requireActDate('2017-02-23', at)).toBe('2017-02-23'); // a 2017 record loaded in 2026
    expect(requireActDate('2026-03-02', at)).toBe('2026-03-02');
    const late = refused(() => requireActDate('2026-03-03', at));
    expect([late.code, late.field]).toEqual(['EFFECTIVE_DATE_AFTER_RECORDING', 'effectiveDate']);
    const bad = refused(() => requireActDate('2021-02-29', at, 'date'));
    expect([bad.code, bad.field]).toEqual(['INVALID_DATE', 'date']);
  });

  it('ends periods on their calendar end, Q4 and Y no later than the window; reviewsFrom moves a review earlier', () => {
    expect(periodEnd(2021, 'Q2')).toBe('2021-06-30');
    expect(periodEnd(2021, 'M9')).toBe('2021-09-30');
    expect(periodEnd(2021, 'Y')).toBe('2021-12-31');
    const window = { opensOn: '2020-12-01', closesOn: '2021-11-30', reviewsFrom: { Y: '2021-11-15' } };
    expect(periodEnd(2021, 'Q4', window)).toBe('2021-11-30');
    expect(reviewFrom(2021, 'Q4', window)).toBe('2021-11-30');
    expect(reviewFrom(2021, 'Y', window)).toBe('2021-11-15');
    expect(reviewFrom(2021, 'Q1', window)).toBe('2021-03-31');
  });
});

describe('upcasting events recorded before business dates (schema version 1)', () => {
  const v1 = {
    type: 'ScoreRecorded',
    data: { entryId: 'e-1', points: 10 },
    metadata: { occurredAt: '2021-07-27T18:00:00Z', schemaVersion: 1 },
  };

  it('gives a version-1 event the date (in Vietnam) it was recorded on, without changing the stored data', () => {
    const before = JSON.stringify(v1);
    expect(upcastData(v1)).toEqual({ entryId: 'e-1', points: 10, effectiveDate: '2021-07-28' });
    expect(JSON.stringify(v1)).toBe(before);
    expect(upcastData(v1)).toEqual(upcastData(v1)); // deterministic
    expect(businessDateOf(v1)).toBe('2021-07-28');
  });

  it('keeps a version-1 scheme under the rule it was sealed with (rows with missing criteria classified)', () => {
    const scheme = { ...v1, type: 'ScoringSchemePublished', data: { version: 1 } };
    expect(upcastData(scheme)).toMatchObject({ classifyIncomplete: true, effectiveDate: '2021-07-28' });
  });

  it('leaves current events as they are, and reads each type’s own date field', () => {
    const v2 = {
      ...v1,
      data: { entryId: 'e-1', effectiveDate: '2021-06-30' },
      metadata: { ...v1.metadata, schemaVersion: 2 },
    };
    expect(upcastEvent(v2)).toBe(v2);
    expect(businessDateOf(v2)).toBe('2021-06-30');
    const decision = { type: 'AwardDecisionIssued', data: { date: '2023-12-15' }, metadata: v1.metadata };
    expect(businessDateOf(decision)).toBe('2023-12-15');
    const reserved = { type: 'MembershipReserved', data: {}, metadata: v1.metadata };
    expect(businessDateOf(reserved)).toBeNull();
  });

  it('versions every dated type of the old log at 2 and the registry steps at 1', () => {
    expect(EVENT_SCHEMA_VERSIONS.ScoreRecorded).toBe(2);
    expect(EVENT_SCHEMA_VERSIONS.UnitRegistered).toBe(2);
    expect(EVENT_SCHEMA_VERSIONS.AwardRevoked).toBe(2);
    expect(EVENT_SCHEMA_VERSIONS.AwardDecisionIssued).toBe(1);
    expect(EVENT_SCHEMA_VERSIONS.MembershipReserved).toBe(1);
  });
});
