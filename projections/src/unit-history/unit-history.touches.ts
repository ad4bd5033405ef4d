import type { StoredEvent } from '@thidua/event-store';
import {
  type AwardDecisionIssuedData,
  type AwardRevokedData,
  type FlagClaimedData,
  type FlagClaimReleasedData,
  type BallotCastData,
  type FlagBasisConfirmedData,
  type TitleReviewHeldData,
  type SecretBallotCastData,
  type ChairAssignedData,
  type ChairElectedData,
  type ClusterDissolvedData,
  type ClusterFormedData,
  type ClusterRenamedData,
  type DisputeFiledData,
  type DisputeResolvedData,
  type ElectionClosedData,
  type ElectionOpenedData,
  type MembershipReleasedData,
  type MembershipReservedData,
  awardDecisionStream,
  emulationStream,
  parseStreamId,
  type PledgeAmendedData,
  type PledgeSignedData,
  type ScoreCorrectedData,
  type ScoreRecordedData,
  type ScoreWithdrawnData,
  type ScoringSchemePublishedData,
  type UnitAdmittedData,
  type UnitDissolvedData,
  type UnitMergedData,
  type UnitRegisteredData,
  type UnitRenamedData,
  type UnitWithdrawnData,
} from '@thidua/domain';
import type { Lookups } from './lookups.js';
import {
  ASSESSMENT_TYPES,
  assessmentTouches,
  BLOC_TYPES,
  blocTouches,
  COMPLAINT_TYPES,
  complaintTouches,
  DISCIPLINE_TYPES,
  disciplineTouches,
  WINDOW_TYPES,
  windowTouches,
} from './oversight.touches.js';
import { PROPOSAL_TYPES, proposalTouches } from './proposal.touches.js';
import {
  electionDocId,
  HISTORY_AWARDS,
  HISTORY_CLUSTERS,
  HISTORY_ELECTIONS,
  HISTORY_SCHEMES,
  HISTORY_NAMES,
  schemeDocId,
  type EntryRefs,
  type Touch,
  type HistoryAwardDoc,
  type HistoryClusterDoc,
  type HistoryElectionDoc,
  type HistorySchemeDoc,
  type HistoryNameDoc,
} from './unit-history.documents.js';
import {
  ASSESSMENT_LABEL,
  authorityName,
  awardName,
  clusterLabel,
  compareAwardCodes,
  formatDate,
  formatPoints,
  periodLabel,
  recipientCounts,
  ROLE_LABEL,
} from './vietnamese.js';

export type { Touch } from './unit-history.documents.js';

/** The event types that reach a unit's history (and keep the lookups the summaries need). */
export const UNIT_HISTORY_TYPES = [
  'UnitRegistered',
  'UnitRenamed',
  'UnitMerged',
  'UnitDissolved',
  'ClusterFormed',
  'ClusterRenamed',
  'ClusterDissolved',
  'MembershipReserved',
  'MembershipReleased',
  'UnitAdmitted',
  'UnitWithdrawn',
  'ChairAssigned',
  'ScoringSchemePublished',
  'ScoringSchemeAmended',
  'PledgeSigned',
  'PledgeAmended',
  'ScoreRecorded',
  'ScoreCorrected',
  'ScoreWithdrawn',
  'DisputeFiled',
  'DisputeResolved',
  'ElectionOpened',
  'BallotCast',
  'SecretBallotCast',
  'ElectionClosed',
  'ChairElected',
  'AwardDecisionIssued',
  'AwardRevoked',
  'FlagBasisConfirmed',
  'FlagClaimed',
  'FlagClaimReleased',
  'TitleReviewHeld',
  ...ASSESSMENT_TYPES,
  ...PROPOSAL_TYPES,
  ...DISCIPLINE_TYPES,
  ...WINDOW_TYPES,
  ...COMPLAINT_TYPES,
  ...BLOC_TYPES,
] as const;

const OUTCOME_LABEL: Record<ElectionClosedData['outcome'], string> = {
  elected: 'không trúng cử',
  tie: 'hòa phiếu, chưa có kết quả',
  'no-majority': 'không ứng viên nào đạt đa số',
  'no-quorum': 'không đủ số đơn vị bỏ phiếu',
};

/**
 * The units an event touches, each with its Vietnamese summary; keeps the lookup documents (clusters,
 * criterion titles, elections, awards) current on the way. Throws on an event it cannot place. The one
 * place an event type's history summary is written: the projection runs it to index the event under
 * its units, a history page runs it again to render the entry (with the lookups as they stood then).
 */
export async function touchesOf(event: StoredEvent, work: Lookups): Promise<Touch[]> {
  const stream = parseStreamId(event.streamId);
  // Typed per event type below (`never` converts to each event's data type).
  const d = event.data as never;
  switch (stream?.category) {
    case 'unit':
      return unitTouches(event.type, d, work);
    case 'cluster':
      return clusterTouches(event.type, d, work);
    case 'membership':
      return membershipTouches(event.type, d, work, stream.organizerUnitId, stream.year);
    case 'emulation':
      return yearTouches(event.type, d, work, stream.clusterId, stream.year);
    case 'award-decision':
      return awardTouches(event.type, d, work, stream.decisionId);
    case 'discipline':
      return disciplineTouches(event.type, d, stream.subject, work);
    case 'window':
      return windowTouches(event.type, d);
    case 'bloc':
      return blocTouches(event.type, d);
    case 'proposal':
      return proposalTouches(event.type, d, work, stream.proposalId);
    case 'flag-claims':
      return flagClaimTouches(event.type, d, work);
    default:
      throw new Error(`${event.type} #${event.position} is in an unexpected stream ${event.streamId}`);
  }
}

/** A cluster flag's place in its cluster-year quota (flag-claims stream), on the flag's unit. */
async function flagClaimTouches(type: string, d: never, work: Lookups): Promise<Touch[]> {
  if (type === 'FlagClaimed') {
    const e = d as FlagClaimedData;
    const label = clusterLabel(await work.peek(HISTORY_CLUSTERS, e.clusterId), e.clusterId);
    const how = e.override ? ', ngoài chỉ tiêu theo quyết định đặc cách của đơn vị tổ chức cụm' : '';
    const summary = `Giữ 1 suất ${awardName(e.code)} năm ${e.year} của ${label} (chỉ tiêu ${e.quota}${how}), khen thưởng ${e.awardId}`;
    const refs = { clusterId: e.clusterId, year: e.year, decisionId: e.decisionId, awardIds: [e.awardId] };
    return [{ unitId: e.unitId, summary, refs }];
  }
  if (type === 'FlagClaimReleased') {
    const e = d as FlagClaimReleasedData;
    const why = e.cause === 'revoked' ? 'khen thưởng bị thu hồi' : 'quyết định không được ghi nhận';
    const summary = `Trả lại suất ${awardName(e.code)} năm ${e.year} (${why}), khen thưởng ${e.awardId}`;
    return [
      { unitId: e.unitId, summary, refs: { clusterId: e.clusterId, year: e.year, awardIds: [e.awardId] } },
    ];
  }
  throw new Error(`unit-history does not handle ${type} in a flag-claims stream`);
}

async function nameOf(work: Lookups, unitId: string): Promise<string> {
  return (await work.peek<HistoryNameDoc>(HISTORY_NAMES, unitId))?.name ?? unitId;
}

async function unitTouches(type: string, d: never, work: Lookups): Promise<Touch[]> {
  switch (type) {
    case 'UnitRegistered': {
      const e = d as UnitRegisteredData;
      return [{ unitId: e.unitId, summary: `Đăng ký đơn vị “${e.name}”`, refs: {}, name: e.name }];
    }
    case 'UnitRenamed': {
      const e = d as UnitRenamedData;
      const summary = `Đổi tên từ “${e.previousName}” thành “${e.name}”`;
      return [{ unitId: e.unitId, summary, refs: {}, name: e.name }];
    }
    case 'UnitMerged': {
      const e = d as UnitMergedData;
      const [name, into] = [await nameOf(work, e.unitId), await nameOf(work, e.intoUnitId)];
      return [
        { unitId: e.unitId, summary: `Sáp nhập vào ${into}: ${e.reason}`, refs: {} },
        { unitId: e.intoUnitId, summary: `Tiếp nhận ${name} sáp nhập vào: ${e.reason}`, refs: {} },
      ];
    }
    case 'UnitDissolved': {
      const e = d as UnitDissolvedData;
      return [{ unitId: e.unitId, summary: `Giải thể đơn vị: ${e.reason}`, refs: {} }];
    }
    default:
      throw new Error(`unit-history does not handle ${type} in a unit stream`);
  }
}

/** Cluster events reach the organizer's history (it forms, renames and dissolves its clusters). */
async function clusterTouches(type: string, d: never, work: Lookups): Promise<Touch[]> {
  const clusterId = (d as { clusterId: string }).clusterId;
  const stored = await work.get<HistoryClusterDoc>(HISTORY_CLUSTERS, clusterId);
  switch (type) {
    case 'ClusterFormed': {
      const e = d as ClusterFormedData;
      const doc: HistoryClusterDoc = {
        clusterId,
        number: e.number,
        name: e.name,
        organizerUnitId: e.organizerUnitId,
        position: 0,
      };
      work.put(HISTORY_CLUSTERS, clusterId, doc);
      const label = clusterLabel(doc, clusterId);
      const summary = e.name === label ? `Thành lập ${label}` : `Thành lập ${label} (“${e.name}”)`;
      return [{ unitId: e.organizerUnitId, summary, refs: { clusterId } }];
    }
    case 'ClusterRenamed': {
      const e = d as ClusterRenamedData;
      if (!stored) throw new Error(`cluster ${clusterId} renamed before it was formed`);
      work.put(HISTORY_CLUSTERS, clusterId, { ...stored, number: e.number, name: e.name });
      const summary = `Đổi tên Cụm thi đua số ${e.previousNumber} (“${e.previousName}”) thành Cụm thi đua số ${e.number} (“${e.name}”)`;
      return [{ unitId: stored.organizerUnitId, summary, refs: { clusterId } }];
    }
    case 'ClusterDissolved': {
      const e = d as ClusterDissolvedData;
      if (!stored) throw new Error(`cluster ${clusterId} dissolved before it was formed`);
      const summary = `Giải thể ${clusterLabel(stored, clusterId)}: ${e.reason}`;
      return [{ unitId: stored.organizerUnitId, summary, refs: { clusterId } }];
    }
    default:
      throw new Error(`unit-history does not handle ${type} in a cluster stream`);
  }
}

async function membershipTouches(
  type: string,
  d: never,
  work: Lookups,
  organizerUnitId: string,
  year: number,
): Promise<Touch[]> {
  const e = d as MembershipReservedData | MembershipReleasedData;
  const label = clusterLabel(await work.peek(HISTORY_CLUSTERS, e.clusterId), e.clusterId);
  const refs: EntryRefs = { clusterId: e.clusterId, year, organizerUnitId };
  if (type === 'MembershipReserved')
    return [{ unitId: e.unitId, summary: `Ghi nhận vào sổ thành viên ${label} năm ${year}`, refs }];
  if (type === 'MembershipReleased') {
    const cause = (e as MembershipReleasedData).cause;
    const why =
      cause === 'withdrawn'
        ? 'đã rút khỏi Cụm'
        : cause === 'cluster-dissolved'
          ? 'Cụm đã giải thể'
          : 'kết nạp không thành';
    return [{ unitId: e.unitId, summary: `Xóa khỏi sổ thành viên ${label} năm ${year} (${why})`, refs }];
  }
  throw new Error(`unit-history does not handle ${type} in a membership stream`);
}

async function yearTouches(
  type: string,
  d: never,
  work: Lookups,
  clusterId: string,
  year: number,
): Promise<Touch[]> {
  const label = clusterLabel(await work.peek(HISTORY_CLUSTERS, clusterId), clusterId);
  // The entries' refs are spelled out ({ clusterId, year, … }), not `{ ...refs, … }`: on Node 20 a literal
  // that spreads and then adds fields is built ≈ 30× slower (a runtime call each), and a page renders 50.
  const refs: EntryRefs = { clusterId, year };
  const criterionTitle = async (code: string): Promise<string> => {
    const scheme = await work.peek<HistorySchemeDoc>(HISTORY_SCHEMES, schemeDocId(clusterId, year));
    return scheme?.titles[code] ?? code;
  };
  if ((ASSESSMENT_TYPES as readonly string[]).includes(type))
    return assessmentTouches(type, d, label, refs, year);
  if ((COMPLAINT_TYPES as readonly string[]).includes(type))
    return complaintTouches(type, d, work, emulationStream(clusterId, year), refs);
  switch (type) {
    case 'UnitAdmitted': {
      const e = d as UnitAdmittedData;
      return [{ unitId: e.unitId, summary: `Được kết nạp vào ${label} năm ${year}`, refs }];
    }
    case 'UnitWithdrawn': {
      const e = d as UnitWithdrawnData;
      return [{ unitId: e.unitId, summary: `Rút khỏi ${label} năm ${year}: ${e.reason}`, refs }];
    }
    case 'ChairAssigned': {
      const e = d as ChairAssignedData;
      const role = ROLE_LABEL[e.role];
      const summary =
        e.source === 'election'
          ? `Đảm nhiệm ${role} ${label} năm ${year} theo kết quả bầu`
          : `Được giao làm ${role} ${label} năm ${year}`;
      return [
        {
          unitId: e.unitId,
          summary,
          refs: { clusterId, year, ...(e.electionId && { electionId: e.electionId }) },
        },
      ];
    }
    case 'ScoringSchemePublished':
    case 'ScoringSchemeAmended': {
      const e = d as ScoringSchemePublishedData;
      const id = schemeDocId(clusterId, year);
      await work.get(HISTORY_SCHEMES, id);
      const titles = Object.fromEntries(e.criteria.map((c) => [c.code, c.title]));
      const doc: HistorySchemeDoc = { clusterId, year, version: e.version, titles, position: 0 };
      work.put(HISTORY_SCHEMES, id, doc);
      return [];
    }
    case 'PledgeSigned':
    case 'PledgeAmended': {
      const e = d as PledgeSignedData | PledgeAmendedData;
      const titles = e.titles.length ? e.titles.map(awardName).join(', ') : 'không đăng ký danh hiệu';
      const head =
        type === 'PledgeSigned'
          ? `Ký kết giao ước thi đua năm ${year} (${label})`
          : `Sửa đổi giao ước thi đua năm ${year} (${label}, phiên bản ${e.version})`;
      const tail = type === 'PledgeAmended' ? `; lý do: ${(e as PledgeAmendedData).reason}` : '';
      return [{ unitId: e.unitId, summary: `${head}, đăng ký danh hiệu: ${titles}${tail}`, refs }];
    }
    case 'ScoreRecorded': {
      const e = d as ScoreRecordedData;
      const summary = `Chấm điểm tiêu chí “${await criterionTitle(e.criterion)}” ${periodLabel(e.period, year)}: ${formatPoints(e.points)} điểm (${ASSESSMENT_LABEL[e.assessment]})`;
      return [{ unitId: e.unitId, summary, refs: scoreRefs(clusterId, year, e) }];
    }
    case 'ScoreCorrected': {
      const e = d as ScoreCorrectedData;
      const summary = `Sửa điểm tiêu chí “${await criterionTitle(e.criterion)}” ${periodLabel(e.period, year)} từ ${formatPoints(e.previousPoints)} thành ${formatPoints(e.points)} điểm (${ASSESSMENT_LABEL[e.assessment]}): ${e.reason}`;
      return [{ unitId: e.unitId, summary, refs: scoreRefs(clusterId, year, e) }];
    }
    case 'ScoreWithdrawn': {
      const e = d as ScoreWithdrawnData;
      const summary = `Rút điểm tiêu chí “${await criterionTitle(e.criterion)}” ${periodLabel(e.period, year)} (${ASSESSMENT_LABEL[e.assessment]}): ${e.reason}`;
      return [{ unitId: e.unitId, summary, refs: scoreRefs(clusterId, year, e) }];
    }
    case 'DisputeFiled': {
      const e = d as DisputeFiledData;
      const proposed =
        e.proposedPoints === undefined ? '' : ` (đề nghị ${formatPoints(e.proposedPoints)} điểm)`;
      const summary = `Khiếu nại điểm tiêu chí “${await criterionTitle(e.criterion)}” ${periodLabel(e.period, year)}${proposed}: ${e.reason}`;
      return [
        {
          unitId: e.unitId,
          summary,
          refs: {
            clusterId,
            year,
            period: e.period,
            criterion: e.criterion,
            entryId: e.entryId,
            disputeId: e.disputeId,
          },
        },
      ];
    }
    case 'DisputeResolved': {
      const e = d as DisputeResolvedData;
      let summary: string;
      if (e.outcome === 'upheld') {
        const effect = e.withdrawEntry
          ? ', rút điểm đã chấm'
          : e.correctedPoints === undefined
            ? ''
            : `, điểm sửa thành ${formatPoints(e.correctedPoints)}`;
        summary = `Khiếu nại về điểm ${periodLabel(e.period, year)} được chấp nhận${effect}: ${e.reason}`;
      } else summary = `Khiếu nại về điểm ${periodLabel(e.period, year)} bị bác: ${e.reason}`;
      return [
        {
          unitId: e.unitId,
          summary,
          refs: { clusterId, year, period: e.period, entryId: e.entryId, disputeId: e.disputeId },
        },
      ];
    }
    case 'ElectionOpened': {
      const e = d as ElectionOpenedData;
      const id = electionDocId(clusterId, year, e.electionId);
      await work.get(HISTORY_ELECTIONS, id);
      const doc: HistoryElectionDoc = {
        electionId: e.electionId,
        role: e.role,
        forYear: e.forYear,
        round: e.round,
        position: 0,
      };
      work.put(HISTORY_ELECTIONS, id, doc);
      const summary = `Là ứng viên bầu ${ROLE_LABEL[e.role]} ${label} năm ${e.forYear} (vòng ${e.round})`;
      return e.candidates.map((unitId) => ({
        unitId,
        summary,
        refs: { clusterId, year, electionId: e.electionId },
      }));
    }
    case 'BallotCast': {
      const e = d as BallotCastData;
      const election = await work.peek<HistoryElectionDoc>(
        HISTORY_ELECTIONS,
        electionDocId(clusterId, year, e.electionId),
      );
      if (!election) throw new Error(`ballot for election ${e.electionId} before it was opened`);
      const summary = `Bỏ phiếu bầu ${ROLE_LABEL[election.role]} ${label} năm ${election.forYear}: chọn ${await nameOf(work, e.candidateUnitId)}`;
      return [{ unitId: e.voterUnitId, summary, refs: { clusterId, year, electionId: e.electionId } }];
    }
    case 'SecretBallotCast': {
      const e = d as SecretBallotCastData;
      const election = await work.peek<HistoryElectionDoc>(
        HISTORY_ELECTIONS,
        electionDocId(clusterId, year, e.electionId),
      );
      if (!election) throw new Error(`ballot for election ${e.electionId} before it was opened`);
      // A secret ballot: the history says that the unit voted, never for whom.
      const summary = `Bỏ phiếu kín bầu ${ROLE_LABEL[election.role]} ${label} năm ${election.forYear}`;
      return [{ unitId: e.voterUnitId, summary, refs: { clusterId, year, electionId: e.electionId } }];
    }
    case 'ElectionClosed': {
      const e = d as ElectionClosedData;
      const role = ROLE_LABEL[e.role];
      return e.tally.map(({ unitId, votes }) => ({
        unitId,
        summary:
          e.outcome === 'elected' && e.electedUnitId === unitId
            ? `Trúng cử ${role} ${label} năm ${e.forYear}: ${votes}/${e.ballots} phiếu`
            : `Kết quả bầu ${role} ${label} năm ${e.forYear}: ${votes}/${e.ballots} phiếu (${OUTCOME_LABEL[e.outcome]})${e.runOffCandidates?.includes(unitId) === true ? '; vào vòng bầu lại' : ''}`,
        refs: { clusterId, year, electionId: e.electionId },
      }));
    }
    case 'TitleReviewHeld': {
      const e = d as TitleReviewHeldData;
      const kind = e.secret ? 'bỏ phiếu kín' : 'biểu quyết';
      return e.tally.map(({ unitId, votes }) => ({
        unitId,
        summary: `Bình xét ${awardName(e.code)} năm ${year} tại hội nghị tổng kết ${label} (${kind}): ${votes}/${e.voters.length} phiếu — ${e.chosen.includes(unitId) ? 'được suy tôn' : e.outcome === 'tie' ? 'hòa phiếu, chưa có kết quả' : 'không được suy tôn'}`,
        refs: { clusterId, year },
      }));
    }
    case 'ChairElected': {
      const e = d as ChairElectedData;
      const summary = `Được bầu làm ${ROLE_LABEL[e.role]} ${label} năm ${e.year}`;
      return [{ unitId: e.unitId, summary, refs: { clusterId, year, electionId: e.electionId } }];
    }
    default:
      throw new Error(`unit-history does not handle ${type} in a cluster-year stream`);
  }
}

function scoreRefs(
  clusterId: string,
  year: number,
  e: { period: ScoreRecordedData['period']; criterion: string; entryId: string },
): EntryRefs {
  return { clusterId, year, period: e.period, criterion: e.criterion, entryId: e.entryId };
}

async function awardTouches(type: string, d: never, work: Lookups, decisionId: string): Promise<Touch[]> {
  if ((COMPLAINT_TYPES as readonly string[]).includes(type))
    return complaintTouches(type, d, work, awardDecisionStream(decisionId), { decisionId });
  if (type === 'AwardDecisionIssued') {
    const e = d as AwardDecisionIssuedData;
    // Per unit: its awards of the decision (collective ones and its people's), counted by code.
    type UnitAwards = { awardIds: string[]; counts: Map<string, [number, number]> };
    const byUnit = new Map<string, UnitAwards>();
    for (const a of e.awards) {
      await work.get(HISTORY_AWARDS, a.awardId);
      const doc: HistoryAwardDoc = {
        awardId: a.awardId,
        decisionId: e.decisionId,
        number: e.number,
        code: a.code,
        kind: a.recipient.kind,
        // Awards before the person registry carry a name; later ones only the person id (the name is sealed).
        ...(a.recipient.kind === 'individual' &&
          a.recipient.fullName !== undefined && { fullName: a.recipient.fullName }),
        ...(a.recipient.kind === 'individual' &&
          a.recipient.personId !== undefined && { personId: a.recipient.personId }),
        unitId: a.recipient.unitId,
        year: a.year,
        position: 0,
      };
      work.put(HISTORY_AWARDS, a.awardId, doc);
      const unit: UnitAwards = byUnit.get(a.recipient.unitId) ?? { awardIds: [], counts: new Map() };
      byUnit.set(a.recipient.unitId, unit);
      unit.awardIds.push(a.awardId);
      const [c, i] = unit.counts.get(a.code) ?? [0, 0];
      unit.counts.set(a.code, a.recipient.kind === 'collective' ? [c + 1, i] : [c, i + 1]);
    }
    const head = `Quyết định khen thưởng số ${e.number} ngày ${formatDate(e.date)} (${authorityName(e.authority)})`;
    return [...byUnit.entries()].map(([unitId, { awardIds, counts }]) => {
      const parts = [...counts.keys()]
        .sort(compareAwardCodes)
        .map((code) => `${awardName(code)} (${recipientCounts(...counts.get(code)!)})`);
      return {
        unitId,
        summary: `${head}: ${parts.join('; ')}`,
        refs: { decisionId: e.decisionId, awardIds },
      };
    });
  }
  if (type === 'AwardRevoked') {
    const e = d as AwardRevokedData;
    const award = await work.peek<HistoryAwardDoc>(HISTORY_AWARDS, e.awardId);
    if (!award) throw new Error(`award ${e.awardId} revoked but never issued`);
    const who =
      award.kind === 'collective'
        ? 'tập thể đơn vị'
        : `cá nhân ${award.fullName ?? award.personId ?? ''}`.trim();
    const summary = `Thu hồi ${awardName(award.code)} năm ${award.year} (${who}) theo quyết định ${e.decisionRef}: ${e.reason}`;
    return [
      {
        unitId: award.unitId,
        summary,
        refs: { decisionId: award.decisionId, awardIds: [e.awardId], year: award.year },
      },
    ];
  }
  if (type === 'FlagBasisConfirmed') {
    const e = d as FlagBasisConfirmedData;
    const award = await work.peek<HistoryAwardDoc>(HISTORY_AWARDS, e.awardId);
    if (!award) throw new Error(`award ${e.awardId} confirmed but never issued`);
    return [
      {
        unitId: award.unitId,
        summary: `Giữ ${awardName(award.code)} năm ${award.year} dù căn cứ xếp hạng không còn: ${e.reason}`,
        refs: { decisionId: award.decisionId, awardIds: [e.awardId], year: award.year },
      },
    ];
  }
  throw new Error(`unit-history does not handle ${type} in an award-decision stream`);
}
