import { isAdmin, type Actor } from '../actor.js';
import { requireActDate } from '../business-date.js';
import { disciplineBarsOn } from '../discipline/discipline.state.js';
import { defaultCatalog } from '../catalog/catalog.js';
import type { Decider } from '../decider.js';
import { conflict, forbidden, notFound, rule } from '../errors.js';
import type { AwardDecisionEvent, AwardItem, AwardRecipient } from '../events/award-decision.events.js';
import {
  optionalText,
  requireArray,
  requireDate,
  requireId,
  requireIsoTime,
  requireText,
  requireUnique,
  requireYear,
} from '../validation.js';
import type {
  AwardDecisionCommand,
  AwardDecisionContext,
  EscalateDecisionComplaint,
  FileDecisionComplaint,
  ResolveDecisionComplaint,
} from './award-decision.commands.js';
import type { Catalog } from '../catalog/catalog.js';
import { checkPeopleAndTitles } from './decide-prerequisites.js';
import { decideRevocation, requireLiveAward } from './decide-revocation.js';
import type { ComplaintPolicy } from '../complaints/complaint-policy.js';
import {
  decideEscalateComplaint,
  decideFileComplaint,
  decideResolveComplaint,
  requireComplaint,
} from '../complaints/complaints.js';
import { checkProposalBasis, requireDecisionRecorder } from './decide-proposal-link.js';
import { checkClusterFlag, decideConfirmFlagBasis } from './decide-flag-quota.js';
import {
  evolveAwardDecision,
  initialAwardDecisionState,
  type AwardDecisionState,
} from './award-decision.state.js';

/** Award decisions are recorded by an administrator or an organizer (the emulation office's clerk). */
function requireRecorder(actor: Actor): void {
  if (!isAdmin(actor) && actor.role !== 'organizer')
    throw forbidden('only an administrator or an organizer records award decisions');
}

function validateRecipient(raw: unknown, f: string): AwardRecipient {
  const r = raw as Partial<AwardRecipient> | undefined;
  if (r?.kind === 'collective') return { kind: 'collective', unitId: requireId(r.unitId, `${f}.unitId`) };
  if (r?.kind === 'individual')
    // Individual awards name a registered person (issue 12), never free text: the registry holds the name.
    return {
      kind: 'individual',
      unitId: requireId(r.unitId, `${f}.unitId`),
      personId: requireId(r.personId, `${f}.personId`),
    };
  throw rule('INVALID_RECIPIENT', `${f}.kind must be collective or individual`, `${f}.kind`);
}

/**
 * No title or award while the recipient (the unit, or the person by person id) awaits a disciplinary
 * decision or is under a discipline not yet expired on the decision's date (TT 12/2019/TT-BCA art. 2:
 * "chưa xét tặng").
 */
function requireNoDiscipline(
  recipient: AwardRecipient,
  date: string,
  discipline: NonNullable<AwardDecisionContext['discipline']>,
  field: string,
): void {
  const subject =
    recipient.kind === 'collective'
      ? { kind: 'unit', id: recipient.unitId }
      : recipient.personId === undefined
        ? undefined
        : { kind: 'person', id: recipient.personId };
  if (!subject) return;
  const facts = discipline.find(({ subject: s }) =>
    s.kind === 'unit'
      ? subject.kind === 'unit' && s.unitId === subject.id
      : subject.kind === 'person' && s.personId === subject.id,
  );
  const bars = facts ? disciplineBarsOn(facts.state, date) : [];
  if (bars.length > 0)
    throw rule(
      'RECIPIENT_UNDER_DISCIPLINE',
      `${subject.kind} ${subject.id} is under discipline on ${date} (${bars.map((b) => `case ${b.caseId}: ${b.status}`).join(', ')}): no title or award (TT 12/2019/TT-BCA art. 2)`,
      field,
    );
}

/**
 * Complaints about an award decision: the authority that issued it resolves them; the second level goes
 * to the next authority up the catalog (none above the President).
 */
function decideDecisionComplaint(
  command: FileDecisionComplaint | ResolveDecisionComplaint | EscalateDecisionComplaint,
  state: AwardDecisionState,
  catalog: Catalog,
  policy: ComplaintPolicy | undefined,
): AwardDecisionEvent[] {
  const decisionId = command.data.decisionId;
  if (!state.issued || state.authority === undefined || state.date === undefined)
    throw notFound('DECISION_NOT_FOUND', `decision ${decisionId} does not exist`, 'decisionId');
  const { actor, at } = command;
  if (command.type === 'FileComplaint') {
    const awardId =
      command.data.awardId === undefined ? undefined : requireId(command.data.awardId, 'awardId');
    if (awardId !== undefined && !state.awards[awardId])
      throw notFound('AWARD_NOT_FOUND', `award ${awardId} is not in decision ${decisionId}`, 'awardId');
    const target = { kind: 'award-decision' as const, ...(awardId !== undefined && { awardId }) };
    const authority = { kind: 'authority' as const, code: state.authority };
    return decideFileComplaint(
      actor,
      at,
      command.data,
      state.complaints,
      target,
      { decisionOn: state.date, authority },
      policy,
    );
  }
  if (command.type === 'ResolveComplaint')
    return decideResolveComplaint(actor, at, command.data, state.complaints);
  const [, complaint] = requireComplaint(state.complaints, command.data.complaintId);
  const current =
    complaint.authority.kind === 'authority' ? catalog.findAuthority(complaint.authority.code) : undefined;
  const above = current && [...catalog.authorities].reverse().find((a) => a.rank < current.rank);
  const superior = above ? { kind: 'authority' as const, code: above.code } : undefined;
  return decideEscalateComplaint(actor, at, command.data, state.complaints, superior, policy);
}

export function decideAwardDecision(
  command: AwardDecisionCommand,
  state: AwardDecisionState,
  context: AwardDecisionContext = {},
): AwardDecisionEvent[] {
  requireIsoTime(command.at);
  const decisionId = requireId(command.data.decisionId, 'decisionId');
  const catalog = context.catalog ?? defaultCatalog;
  if (
    command.type === 'FileComplaint' ||
    command.type === 'ResolveComplaint' ||
    command.type === 'EscalateComplaint'
  )
    return decideDecisionComplaint(command, state, catalog, context.complaintPolicy);
  requireRecorder(command.actor);
  if (command.type === 'AbandonAwardDecision') {
    if (!isAdmin(command.actor)) throw forbidden('only the system, as an administrator, abandons a decision');
    if (state.issued)
      throw conflict('DECISION_ALREADY_ISSUED', `decision ${decisionId} exists`, 'decisionId');
    if (state.abandoned) return []; // a repeat records nothing
    const reason = requireText(command.data.reason, 'reason', 1000);
    return [{ type: 'AwardDecisionAbandoned', data: { decisionId, reason } }];
  }
  if (command.type === 'IssueAwardDecision') {
    if (state.issued)
      throw conflict('DECISION_ALREADY_ISSUED', `decision ${decisionId} exists`, 'decisionId');
    if (state.abandoned)
      throw conflict(
        'DECISION_ABANDONED',
        `decision ${decisionId} was abandoned: the places it claimed were released after its request stopped; send the decision again (a new Idempotency-Key)`,
        'decisionId',
      );
    const d = command.data;
    const number = requireText(d.number, 'number', 100);
    const date = requireActDate(requireDate(d.date, 'date'), command.at, 'date');
    if (!catalog.findAuthority(d.authority))
      throw rule('UNKNOWN_AUTHORITY', `authority '${String(d.authority)}' is not a known level`, 'authority');
    const awards = requireArray(d.awards, 'awards', 1, 5000).map((raw, i): AwardItem => {
      const a = raw as Partial<AwardItem>;
      const f = `awards[${i}]`;
      const awardId = requireId(a.awardId, `${f}.awardId`);
      const entry = typeof a.code === 'string' ? catalog.find(a.code) : undefined;
      if (!entry) throw rule('UNKNOWN_AWARD', `${f}.code is not in the catalog`, `${f}.code`);
      if (!catalog.canConfer(entry.code, d.authority))
        throw rule('AUTHORITY_NOT_ALLOWED', `${d.authority} may not confer ${entry.name}`, `${f}.code`);
      const recipient = validateRecipient(a.recipient, `${f}.recipient`);
      if (!entry.recipientKinds.includes(recipient.kind))
        throw rule(
          'RECIPIENT_KIND_NOT_ALLOWED',
          `${entry.name} is not conferred on a ${recipient.kind}`,
          `${f}.recipient`,
        );
      requireNoDiscipline(recipient, date, context.discipline ?? [], `${f}.recipient`);
      const achievementRef = optionalText(a.achievementRef, `${f}.achievementRef`, 200);
      const item: AwardItem = {
        awardId,
        code: entry.code,
        recipient,
        year: requireYear(a.year, `${f}.year`),
        citation: requireText(a.citation, `${f}.citation`, 2000),
        ...(achievementRef !== undefined && { achievementRef }),
      };
      Object.assign(
        item,
        checkProposalBasis(a, item, f, { authority: d.authority, date }, context.proposals ?? {}),
      );
      if (entry.isClusterFlag && recipient.kind === 'collective')
        Object.assign(
          item,
          checkClusterFlag(
            a,
            { code: entry.code, year: item.year, recipient },
            f,
            command.actor,
            context.clusterStandings ?? [],
            context.ministryFlagHolders ?? [],
          ),
        );
      else if (a.override !== undefined)
        throw rule('OVERRIDE_NOT_APPLICABLE', `${entry.name} has no quota to override`, `${f}.override`);
      return item;
    });
    requireUnique(
      awards.map((a) => a.awardId),
      'awards',
      'DUPLICATE_AWARD_ID',
    );
    requireUnique(
      awards.flatMap((a) =>
        a.proposalItem ? [`${a.proposalItem.proposalId}/${a.proposalItem.itemId}`] : [],
      ),
      'awards',
      'DUPLICATE_PROPOSAL_ITEM',
    );
    requireDecisionRecorder(command.actor, awards, context.heldBy ?? []);
    const bases = checkPeopleAndTitles(awards, context, catalog);
    for (const a of awards) {
      const basis = bases.get(a.awardId);
      if (basis && basis.length > 0) a.basis = basis;
    }
    return [
      { type: 'AwardDecisionIssued', data: { decisionId, number, date, authority: d.authority, awards } },
    ];
  }
  if (command.type === 'ConfirmFlagBasis') {
    const { award, effectiveDate } = requireLiveAward(command, state);
    return decideConfirmFlagBasis(command, award, effectiveDate, context);
  }
  return decideRevocation(command, state, catalog);
}

export const awardDecisionDecider: Decider<
  AwardDecisionCommand,
  AwardDecisionState,
  AwardDecisionEvent,
  AwardDecisionContext
> = {
  initialState: initialAwardDecisionState,
  evolve: evolveAwardDecision,
  decide: decideAwardDecision,
};
