import { isAdmin, isOrganizerOf, type Command } from '../actor.js';
import { requireActDate } from '../business-date.js';
import type { Decider } from '../decider.js';
import { forbidden, notFound, rule } from '../errors.js';
import type { ReportedFiguresEvent, ReportedFiguresRecordedData } from '../events/reported-figures.events.js';
import { requireId, requireReason, requireText, requireYear } from '../validation.js';

export type RecordReportedFigures = Command<
  'RecordReportedFigures',
  {
    scope: 'cluster' | 'organizer';
    scopeId: string;
    year: number;
    total: number;
    collective?: number;
    individual?: number;
    source: { reference: string; sha256?: string };
    reason?: string;
    effectiveDate?: string;
  }
>;

export interface ReportedFiguresContext {
  /** The organizer of the cluster (cluster scope) or the organizer itself; undefined when unknown. */
  organizerUnitId?: string;
}

export interface ReportedFiguresState {
  recorded: boolean;
}

function requireFigure(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw rule('INVALID_FIGURE', `${field} must be a whole number ≥ 0`, field);
  return value;
}

/**
 * Reported figures of a cluster or an organizer for a year (issue 12), recorded as stated by the organizer
 * (or an administrator): nothing ties them to the awards recorded — the point is to show the gap. A later
 * report of the same scope and year replaces the earlier one and needs a reason.
 */
export const reportedFiguresDecider: Decider<
  RecordReportedFigures,
  ReportedFiguresState,
  ReportedFiguresEvent,
  ReportedFiguresContext
> = {
  initialState: { recorded: false },
  // An event of another stream changes nothing.
  evolve: (state, event) => (event.type === 'ReportedFiguresRecorded' ? { recorded: true } : state),
  decide(command, state, context) {
    const d = command.data;
    const effectiveDate = requireActDate(d.effectiveDate, command.at);
    const scopeId = requireId(d.scopeId, d.scope === 'organizer' ? 'organizerUnitId' : 'clusterId');
    if (context.organizerUnitId === undefined)
      throw d.scope === 'organizer'
        ? notFound('ORGANIZER_NOT_FOUND', `unit ${scopeId} organizes no cluster`, 'organizerUnitId')
        : notFound('CLUSTER_NOT_FOUND', `cluster ${scopeId} does not exist`, 'clusterId');
    if (!isAdmin(command.actor) && !isOrganizerOf(command.actor, context.organizerUnitId))
      throw forbidden('only the organizer (or an administrator) records reported figures');
    const sha256 = d.source?.sha256;
    if (sha256 !== undefined && !/^[0-9a-f]{64}$/.test(sha256))
      throw rule('INVALID_DIGEST', 'source.sha256 must be 64 lower-case hex digits', 'source.sha256');
    const data: ReportedFiguresRecordedData = {
      scope: d.scope,
      scopeId,
      year: requireYear(d.year),
      total: requireFigure(d.total, 'total'),
      ...(d.collective !== undefined && { collective: requireFigure(d.collective, 'collective') }),
      ...(d.individual !== undefined && { individual: requireFigure(d.individual, 'individual') }),
      source: {
        reference: requireText(d.source?.reference, 'source.reference', 500),
        ...(sha256 !== undefined && { sha256 }),
      },
      ...(state.recorded && { reason: requireReason(d.reason) }),
      effectiveDate,
    };
    return [{ type: 'ReportedFiguresRecorded', data }];
  },
};
