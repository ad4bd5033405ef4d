import { actsForUnit, isAdmin, isOrganizerOf, type Actor } from '../actor.js';
import { addDays, daysBetween, requireActDate, requireNotBefore } from '../business-date.js';
import { conflict, forbidden, notFound, rule } from '../errors.js';
import type {
  ComplaintAuthority,
  ComplaintEvent,
  ComplaintFiler,
  ComplaintFiledData,
  ComplaintTarget,
} from '../events/complaint.events.js';
import type { PeriodCode } from '../periods.js';
import { requireDate, requireId, requireReason, requireText } from '../validation.js';
import { DEFAULT_COMPLAINT_POLICY, type ComplaintPolicy } from './complaint-policy.js';

/** A complaint as the deciders need it. */
export interface ComplaintSummary {
  target: ComplaintTarget;
  filerUnitId: string;
  level: 1 | 2;
  status: 'open' | 'resolved';
  authority: ComplaintAuthority;
  receivedOn: string;
  dueOn: string;
  resolvedOn?: string;
  outcome?: 'upheld' | 'partly-upheld' | 'rejected';
  period?: PeriodCode;
}

export type Complaints = Readonly<Record<string, ComplaintSummary>>;

export function evolveComplaints(complaints: Complaints, event: ComplaintEvent): Complaints {
  const d = event.data;
  const c = complaints[d.complaintId];
  switch (event.type) {
    case 'ComplaintFiled': {
      const f = event.data;
      const summary: ComplaintSummary = {
        target: f.target,
        filerUnitId: f.filer.unitId,
        level: 1,
        status: 'open',
        authority: f.authority,
        receivedOn: f.receivedOn,
        dueOn: f.dueOn,
        ...(f.period !== undefined && { period: f.period }),
      };
      return { ...complaints, [f.complaintId]: summary };
    }
    case 'ComplaintResolved':
      if (!c) return complaints;
      return {
        ...complaints,
        [d.complaintId]: {
          ...c,
          status: 'resolved',
          outcome: event.data.outcome,
          ...(event.data.effectiveDate !== undefined && { resolvedOn: event.data.effectiveDate }),
        },
      };
    case 'ComplaintEscalated': {
      if (!c) return complaints;
      const { resolvedOn: _r, outcome: _o, ...rest } = c;
      const e = event.data;
      return {
        ...complaints,
        [d.complaintId]: {
          ...rest,
          level: 2,
          status: 'open',
          authority: e.authority,
          receivedOn: e.receivedOn,
          dueOn: e.dueOn,
        },
      };
    }
  }
}

/** What the aggregate knows of the target: the decision's date, the affected unit(s), the authorities. */
export interface TargetFacts {
  /** The date of the decision (or act) complained about. */
  decisionOn: string;
  /** Units affected: the filer's unit must be one of them (undefined: any unit may complain). */
  affected?: ReadonlySet<string> | undefined;
  /** The period whose ranking the complaint concerns, if any. */
  period?: PeriodCode;
  authority: ComplaintAuthority;
}

export interface FileComplaintInput {
  complaintId: unknown;
  filer: unknown;
  content: unknown;
  receivedOn?: unknown;
  learnedOn?: unknown;
}

export function requireFiler(raw: unknown): ComplaintFiler {
  const f = raw as Partial<{ kind: string; unitId: unknown; personId: unknown }> | undefined;
  if (f?.kind === 'unit') return { kind: 'unit', unitId: requireId(f.unitId, 'filer.unitId') };
  if (f?.kind === 'person')
    return {
      kind: 'person',
      personId: requireId(f.personId, 'filer.personId'),
      unitId: requireId(f.unitId, 'filer.unitId'),
    };
  throw rule('INVALID_FILER', 'filer.kind must be unit or person', 'filer.kind');
}

/** The competent authority acting: its organizer (a unit), or an administrator/organizer (an authority level). */
export function actsAsAuthority(actor: Actor, authority: ComplaintAuthority): boolean {
  return authority.kind === 'unit'
    ? isOrganizerOf(actor, authority.unitId)
    : isAdmin(actor) || actor.role === 'organizer';
}

/**
 * Files a complaint: by an officer of the affected unit (for itself or one of its people), or recorded on
 * receipt by the competent authority. Refused when received more than the policy's 90 days after the
 * decision, or after the filer learned of it when later (Luật Khiếu nại 2011 art. 9): time-barred.
 */
export function decideFileComplaint(
  actor: Actor,
  at: string,
  input: FileComplaintInput,
  complaints: Complaints,
  target: ComplaintTarget,
  facts: TargetFacts,
  policy: ComplaintPolicy = DEFAULT_COMPLAINT_POLICY,
): ComplaintEvent[] {
  const filer = requireFiler(input.filer);
  if (!actsForUnit(actor, filer.unitId) && !actsAsAuthority(actor, facts.authority))
    throw forbidden('a complaint is filed by the affected unit or recorded by the competent authority');
  const complaintId = requireId(input.complaintId, 'complaintId');
  if (complaints[complaintId])
    throw conflict('COMPLAINT_ID_TAKEN', `complaint ${complaintId} exists`, 'complaintId');
  if (facts.affected && !facts.affected.has(filer.unitId))
    throw rule(
      'NOT_AFFECTED',
      `unit ${filer.unitId} is not affected by what it complains about`,
      'filer.unitId',
    );
  const receivedOn = requireActDate(input.receivedOn, at, 'receivedOn');
  requireNotBefore(receivedOn, facts.decisionOn, 'the decision complained about', 'receivedOn');
  let learnedOn: string | undefined;
  if (input.learnedOn !== undefined) {
    learnedOn = requireDate(input.learnedOn, 'learnedOn');
    requireNotBefore(learnedOn, facts.decisionOn, 'the decision complained about', 'learnedOn');
    if (learnedOn > receivedOn)
      throw rule(
        'EFFECTIVE_DATE_OUT_OF_ORDER',
        `learnedOn ${learnedOn} is after receivedOn ${receivedOn}`,
        'learnedOn',
      );
  }
  const from = learnedOn ?? facts.decisionOn;
  const days = daysBetween(from, receivedOn);
  if (days > policy.filingDays)
    throw rule(
      'COMPLAINT_TIME_BARRED',
      `received ${days} days after ${from}: a complaint is filed within ${policy.filingDays} days (Luật Khiếu nại 2011 art. 9)`,
      'receivedOn',
    );
  const data: ComplaintFiledData = {
    complaintId,
    target,
    filer,
    content: requireText(input.content, 'content', 2000),
    receivedOn,
    decisionOn: facts.decisionOn,
    ...(learnedOn !== undefined && { learnedOn }),
    dueOn: addDays(receivedOn, policy.firstLevelDays),
    level: 1,
    authority: facts.authority,
    ...(facts.period !== undefined && { period: facts.period }),
  };
  return [{ type: 'ComplaintFiled', data }];
}

export function requireComplaint(complaints: Complaints, id: unknown): [string, ComplaintSummary] {
  const complaintId = requireId(id, 'complaintId');
  const c = complaints[complaintId];
  if (!c) throw notFound('COMPLAINT_NOT_FOUND', `complaint ${complaintId} does not exist`, 'complaintId');
  return [complaintId, c];
}

/** The competent authority of the complaint's current level resolves it, by a numbered decision. */
export function decideResolveComplaint(
  actor: Actor,
  at: string,
  input: {
    complaintId: unknown;
    outcome: unknown;
    reason: unknown;
    decisionRef: unknown;
    effectiveDate?: unknown;
  },
  complaints: Complaints,
): ComplaintEvent[] {
  const [complaintId, c] = requireComplaint(complaints, input.complaintId);
  if (!actsAsAuthority(actor, c.authority))
    throw forbidden(`only the competent authority of level ${c.level} resolves this complaint`);
  if (c.status !== 'open')
    throw conflict('COMPLAINT_NOT_OPEN', `complaint ${complaintId} is resolved`, 'complaintId');
  const outcome = input.outcome;
  if (outcome !== 'upheld' && outcome !== 'partly-upheld' && outcome !== 'rejected')
    throw rule('INVALID_OUTCOME', 'outcome must be upheld, partly-upheld or rejected', 'outcome');
  const effectiveDate = requireActDate(input.effectiveDate, at);
  requireNotBefore(effectiveDate, c.receivedOn, `the receipt of complaint ${complaintId}`);
  return [
    {
      type: 'ComplaintResolved',
      data: {
        complaintId,
        level: c.level,
        outcome,
        reason: requireReason(input.reason),
        decisionRef: requireText(input.decisionRef, 'decisionRef', 100),
        effectiveDate,
        ...(c.period !== undefined && { period: c.period }),
      },
    },
  ];
}

/**
 * The second level (Luật Khiếu nại 2011 art. 33): after a first-level decision not upholding it in full,
 * within the policy's 30 days of that decision; or, unresolved, after its due date and within 30 days of
 * it. Filed by the filer's unit, or recorded on receipt by the superior authority.
 */
export function decideEscalateComplaint(
  actor: Actor,
  at: string,
  input: { complaintId: unknown; reason: unknown; receivedOn?: unknown },
  complaints: Complaints,
  superior: ComplaintAuthority | undefined,
  policy: ComplaintPolicy = DEFAULT_COMPLAINT_POLICY,
): ComplaintEvent[] {
  const [complaintId, c] = requireComplaint(complaints, input.complaintId);
  if (!actsForUnit(actor, c.filerUnitId) && !(superior && actsAsAuthority(actor, superior)))
    throw forbidden(
      'a second-level complaint is filed by the complainant or recorded by the superior authority',
    );
  if (c.level !== 1)
    throw conflict('ALREADY_SECOND_LEVEL', `complaint ${complaintId} is at the second level`, 'complaintId');
  if (!superior)
    throw rule(
      'NO_SUPERIOR_AUTHORITY',
      'the first-level authority has no superior recorded: no second level here',
      'complaintId',
    );
  if (c.outcome === 'upheld')
    throw rule('NOTHING_TO_ESCALATE', `complaint ${complaintId} was upheld in full`, 'complaintId');
  const receivedOn = requireActDate(input.receivedOn, at, 'receivedOn');
  const from = c.status === 'resolved' ? c.resolvedOn! : c.dueOn;
  if (c.status === 'open' && receivedOn <= c.dueOn)
    throw rule('FIRST_LEVEL_PENDING', `the first level has until ${c.dueOn} to resolve it`, 'receivedOn');
  requireNotBefore(receivedOn, from, 'the first-level decision', 'receivedOn');
  if (daysBetween(from, receivedOn) > policy.escalationDays)
    throw rule(
      'ESCALATION_TIME_BARRED',
      `received more than ${policy.escalationDays} days after ${from} (Luật Khiếu nại 2011 art. 33)`,
      'receivedOn',
    );
  return [
    {
      type: 'ComplaintEscalated',
      data: {
        complaintId,
        level: 2,
        authority: superior,
        receivedOn,
        dueOn: addDays(receivedOn, policy.secondLevelDays),
        reason: requireReason(input.reason),
        ...(c.period !== undefined && { period: c.period }),
      },
    },
  ];
}

/** Open complaints that make a period's ranking disputed: on the ranking, a classification, or (Y) a proposal. */
export function disputesRanking(target: ComplaintTarget): boolean {
  return target.kind === 'ranking' || target.kind === 'classification' || target.kind === 'proposal';
}
