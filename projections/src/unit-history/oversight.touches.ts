/** Unit-history touches of the oversight facts: windows, cross-inspections, findings, discipline, complaints. */
import type {
  DisciplineCaseOpenedData,
  DisciplineClearedData,
  DisciplineDecidedData,
  DisciplineSubject,
  EmulationWindowSetData,
  FindingClearedData,
  FindingRecordedData,
  InspectionAssignedData,
} from '@thidua/domain';
import type { DocWork } from './doc-work.js';
import type { EntryRefs, Touch } from './unit-history.documents.js';
import { formatDate, periodLabel } from './vietnamese.js';

/** What a unit's history shows of the year's independent assessment: cross-inspections and findings. */
export const ASSESSMENT_TYPES = ['InspectionAssigned', 'FindingRecorded', 'FindingCleared'] as const;
export const DISCIPLINE_TYPES = ['DisciplineCaseOpened', 'DisciplineDecided', 'DisciplineCleared'] as const;
export const WINDOW_TYPES = ['EmulationWindowSet'] as const;

export function assessmentTouches(
  type: string,
  d: never,
  label: string,
  refs: EntryRefs,
  year: number,
): Touch[] {
  switch (type) {
    case 'InspectionAssigned': {
      const e = d as InspectionAssignedData;
      const period = periodLabel(e.period, year);
      const r = { ...refs, period: e.period };
      return [
        {
          unitId: e.inspectorUnitId,
          summary: `Được giao kiểm tra chéo đơn vị ${e.inspectedUnitId} ${period} (${label})`,
          refs: r,
        },
        {
          unitId: e.inspectedUnitId,
          summary: `Được kiểm tra chéo bởi đơn vị ${e.inspectorUnitId} ${period} (${label})`,
          refs: r,
        },
      ];
    }
    case 'FindingRecorded': {
      const e = d as FindingRecordedData;
      const summary = `Kết luận “${e.knockOut}” ${periodLabel(e.period, year)} (${label}): ${e.evidence}`;
      return [{ unitId: e.unitId, summary, refs: { ...refs, period: e.period } }];
    }
    case 'FindingCleared': {
      const e = d as FindingClearedData;
      const summary = `Hủy kết luận ${periodLabel(e.period, year)} (${label}): ${e.reason}`;
      return [{ unitId: e.unitId, summary, refs: { ...refs, period: e.period } }];
    }
    default:
      throw new Error(`unit-history does not handle ${type} here`);
  }
}

/** Discipline facts reach the history of a unit subject (a person's have no unit history yet). */
export async function disciplineTouches(
  type: string,
  d: never,
  subject: DisciplineSubject,
  _work: DocWork,
): Promise<Touch[]> {
  if (subject.kind !== 'unit') return [];
  const unitId = subject.unitId;
  switch (type) {
    case 'DisciplineCaseOpened': {
      const e = d as DisciplineCaseOpenedData;
      return [{ unitId, summary: `Mở vụ việc kỷ luật ${e.caseId} (chờ xử lý): ${e.note}`, refs: {} }];
    }
    case 'DisciplineDecided': {
      const e = d as DisciplineDecidedData;
      const summary = `Quyết định kỷ luật ${e.decisionRef} (vụ việc ${e.caseId}): ${e.form}, thời hạn đến ${formatDate(e.runsUntil)}`;
      return [{ unitId, summary, refs: {} }];
    }
    case 'DisciplineCleared': {
      const e = d as DisciplineClearedData;
      return [{ unitId, summary: `Kết thúc vụ việc kỷ luật ${e.caseId}: ${e.reason}`, refs: {} }];
    }
    default:
      throw new Error(`unit-history does not handle ${type} in a discipline stream`);
  }
}

export function windowTouches(type: string, d: never): Touch[] {
  if (type !== 'EmulationWindowSet')
    throw new Error(`unit-history does not handle ${type} in a window stream`);
  const e = d as EmulationWindowSetData;
  const summary = `Thời gian thi đua năm ${e.year}: từ ${formatDate(e.opensOn)} đến ${formatDate(e.closesOn)}`;
  return [{ unitId: e.organizerUnitId, summary, refs: { year: e.year, organizerUnitId: e.organizerUnitId } }];
}
