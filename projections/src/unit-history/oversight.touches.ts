/** Unit-history touches of the oversight facts: windows, blocs, cross-inspections, findings, discipline, complaints. */
import type {
  BlocFormedData,
  ComplaintEscalatedData,
  ComplaintFiledData,
  ComplaintResolvedData,
  ConferenceHeldData,
  DisciplineCaseOpenedData,
  DisciplineClearedData,
  DisciplineDecidedData,
  DisciplineSubject,
  EmulationWindowSetData,
  FindingClearedData,
  FindingRecordedData,
  InspectionAssignedData,
} from '@thidua/domain';
import type { Lookups } from './lookups.js';
import {
  HISTORY_COMPLAINTS,
  type EntryRefs,
  type HistoryComplaintDoc,
  type Touch,
} from './unit-history.documents.js';
import { formatDate, periodLabel } from './vietnamese.js';

/** What a unit's history shows of the year's independent assessment: cross-inspections and findings. */
export const ASSESSMENT_TYPES = [
  'InspectionAssigned',
  'FindingRecorded',
  'FindingCleared',
  'ConferenceHeld',
] as const;
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
    case 'ConferenceHeld': {
      const e = d as ConferenceHeldData;
      const summary = `Chủ trì hội nghị ${e.kind} ${label} năm ${year} ngày ${formatDate(e.date)} tại ${e.place} (biên bản: ${e.minutes.reference})`;
      return [{ unitId: e.presidingUnitId, summary, refs }];
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
  _work: Lookups,
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

export const COMPLAINT_TYPES = ['ComplaintFiled', 'ComplaintResolved', 'ComplaintEscalated'] as const;

const OUTCOME: Record<ComplaintResolvedData['outcome'], string> = {
  upheld: 'được chấp nhận',
  'partly-upheld': 'được chấp nhận một phần',
  rejected: 'bị bác',
};

/** A complaint reaches the history of the unit that filed it (for itself or one of its people). */
export async function complaintTouches(
  type: string,
  d: never,
  work: Lookups,
  streamId: string,
  refs: EntryRefs,
): Promise<Touch[]> {
  const id = `${streamId}:${(d as { complaintId: string }).complaintId}`;
  if (type === 'ComplaintFiled') {
    const e = d as ComplaintFiledData;
    await work.get(HISTORY_COMPLAINTS, id);
    const doc: HistoryComplaintDoc = { complaintId: e.complaintId, filerUnitId: e.filer.unitId, position: 0 };
    work.put(HISTORY_COMPLAINTS, id, doc);
    const summary = `Khiếu nại (${e.target.kind}) nhận ngày ${formatDate(e.receivedOn)}, hạn giải quyết ${formatDate(e.dueOn)}: ${e.content}`;
    return [{ unitId: e.filer.unitId, summary, refs }];
  }
  const filed = await work.peek<HistoryComplaintDoc>(HISTORY_COMPLAINTS, id);
  if (!filed) throw new Error(`complaint ${id} ${type} before it was filed`);
  if (type === 'ComplaintResolved') {
    const e = d as ComplaintResolvedData;
    const summary = `Khiếu nại ${OUTCOME[e.outcome]} (lần ${e.level}, quyết định ${e.decisionRef}): ${e.reason}`;
    return [{ unitId: filed.filerUnitId, summary, refs }];
  }
  if (type === 'ComplaintEscalated') {
    const e = d as ComplaintEscalatedData;
    const summary = `Khiếu nại lần hai nhận ngày ${formatDate(e.receivedOn)}, hạn giải quyết ${formatDate(e.dueOn)}: ${e.reason}`;
    return [{ unitId: filed.filerUnitId, summary, refs }];
  }
  throw new Error(`unit-history does not handle ${type} as a complaint`);
}

export const BLOC_TYPES = ['BlocFormed'] as const;

export function blocTouches(type: string, d: never): Touch[] {
  if (type !== 'BlocFormed') throw new Error(`unit-history does not handle ${type} in a bloc stream`);
  const e = d as BlocFormedData;
  return [
    {
      unitId: e.organizerUnitId,
      summary: `Thành lập ${e.name}`,
      refs: { organizerUnitId: e.organizerUnitId },
    },
  ];
}
