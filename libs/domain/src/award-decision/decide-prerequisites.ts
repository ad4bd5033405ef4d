import type { Catalog } from '../catalog/catalog.js';
import { defaultTitleRules, type TitleRules } from '../catalog/title-rules.js';
import { notFound, rule } from '../errors.js';
import { RECIPIENT_LEVELS, type UnitLevel } from '../catalog/unit-levels.js';
import type { AwardItem } from '../events/award-decision.events.js';
import type { PrerequisiteBasis } from '../events/person.events.js';
import { evolvePerson, type PersonState } from '../person/person.state.js';
import { checkTitleClaim } from '../person/title-checks.js';

/** What an award decision needs to know of its individual recipients and their units' titles. */
export interface PeopleContext {
  /** The registry record of every individual recipient, by person id. */
  people?: ReadonlyArray<{ personId: string; state: PersonState }>;
  titleRules?: TitleRules;
  /**
   * The registry record of every collective recipient (status and TT 40/2014 level). The handler always
   * loads it; a decider test that leaves it out does not check collectives against the registry.
   */
  units?: ReadonlyArray<{ unitId: string; status: string; level: UnitLevel }>;
  recipientLevels?: Readonly<Record<string, ReadonlyArray<UnitLevel>>>;
  /** Titles already awarded (not revoked) per unit and year by earlier decisions, for the quotas. */
  unitTitleCounts?: ReadonlyArray<{ unitId: string; year: number; code: string; count: number }>;
}

/**
 * The rules on people and titles, checked on the decision (issue 12): every individual recipient is a
 * registered person, not erased, named in their current unit; each item passes the person-level checks
 * (duplicates, achievement, registration, prerequisites: `checkTitleClaim`) on the person's record plus the
 * decision's earlier items; and each quota (Chiến sĩ thi đua cơ sở ≤ 15 % of Chiến sĩ tiên tiến per unit
 * and year) holds over earlier decisions plus this one. Returns the prerequisite basis of each award.
 */
export function checkPeopleAndTitles(
  awards: ReadonlyArray<AwardItem>,
  context: PeopleContext,
  catalog: Catalog,
): Map<string, PrerequisiteBasis[]> {
  const rules = context.titleRules ?? defaultTitleRules;
  const records = new Map<string, PersonState>((context.people ?? []).map((p) => [p.personId, p.state]));
  const bases = new Map<string, PrerequisiteBasis[]>();
  const achievements = new Set<string>();
  awards.forEach((item, i) => {
    const f = `awards[${i}]`;
    if (item.achievementRef !== undefined) {
      if (achievements.has(item.achievementRef))
        throw rule(
          'ACHIEVEMENT_ALREADY_REWARDED',
          `achievement ${item.achievementRef} is rewarded twice in this decision`,
          `${f}.achievementRef`,
        );
      achievements.add(item.achievementRef);
    }
    const r = item.recipient;
    if (r.kind === 'collective') {
      checkCollective(item, r.unitId, context, f);
      return;
    }
    const personId = r.personId;
    const state = personId === undefined ? undefined : records.get(personId);
    if (personId === undefined || !state || state.status === 'none')
      throw notFound(
        'PERSON_NOT_FOUND',
        `${f}.recipient.personId ${personId ?? '(none)'} is not in the person registry`,
        `${f}.recipient.personId`,
      );
    if (state.status === 'erased')
      throw rule('PERSON_ERASED', `person ${personId} was erased`, `${f}.recipient.personId`);
    if (state.unitId !== r.unitId)
      throw rule(
        'RECIPIENT_UNIT_MISMATCH',
        `person ${personId} is in unit ${state.unitId ?? '?'}, not ${r.unitId}`,
        `${f}.recipient.unitId`,
      );
    const isTitle = catalog.find(item.code)?.kind === 'title';
    const claim = {
      code: item.code,
      year: item.year,
      ...(item.achievementRef !== undefined && { achievementRef: item.achievementRef }),
    };
    const basis = checkTitleClaim(state, claim, rules, isTitle, f);
    bases.set(item.awardId, basis);
    // Later items of the same decision see this one (two copies in one decision are refused too).
    records.set(
      personId,
      evolvePerson(state, {
        type: 'TitleClaimed',
        data: { personId, awardId: item.awardId, decisionId: '', ...claim, basis },
      }),
    );
  });
  checkQuotas(awards, context, rules);
  return bases;
}

/** A collective recipient is a registered, active unit of a level the catalog allows for the code. */
function checkCollective(item: AwardItem, unitId: string, context: PeopleContext, f: string): void {
  if (!context.units) return;
  const unit = context.units.find((u) => u.unitId === unitId);
  if (!unit || unit.status === 'none')
    throw notFound('UNIT_NOT_FOUND', `unit ${unitId} is not registered`, `${f}.recipient.unitId`);
  if (unit.status !== 'active')
    throw rule('UNIT_NOT_ACTIVE', `unit ${unitId} is ${unit.status}`, `${f}.recipient.unitId`);
  const levels = (context.recipientLevels ?? RECIPIENT_LEVELS)[item.code];
  if (levels && !levels.includes(unit.level))
    throw rule(
      'RECIPIENT_LEVEL_NOT_ALLOWED',
      `${item.code} goes to units of level ${levels.join(' or ')} (TT 40/2014/TT-BCA); unit ${unitId} is ${unit.level}`,
      `${f}.recipient.unitId`,
    );
}

function checkQuotas(awards: ReadonlyArray<AwardItem>, context: PeopleContext, rules: TitleRules): void {
  const counts = new Map<string, number>();
  const key = (unitId: string, year: number, code: string) => `${unitId}|${year}|${code}`;
  for (const c of context.unitTitleCounts ?? [])
    counts.set(key(c.unitId, c.year, c.code), (counts.get(key(c.unitId, c.year, c.code)) ?? 0) + c.count);
  const prior = new Map(counts);
  for (const a of awards)
    if (a.recipient.kind === 'individual') {
      const k = key(a.recipient.unitId, a.year, a.code);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  // The base counts all of this decision; the capped title counts in order, so the refusal names the
  // first item over the cap.
  const running = new Map<string, number>();
  awards.forEach((a, i) => {
    const quota = rules.get(a.code)?.quota;
    if (!quota || a.recipient.kind !== 'individual') return;
    const { unitId } = a.recipient;
    const k = key(unitId, a.year, a.code);
    const held = (running.get(k) ?? prior.get(k) ?? 0) + 1;
    running.set(k, held);
    const base = counts.get(key(unitId, a.year, quota.ofCode)) ?? 0;
    // At most `percent` % of the base, in whole people: held × 100 ≤ percent × base.
    if (held * 100 > quota.percent * base)
      throw rule(
        'TITLE_QUOTA_EXCEEDED',
        `${held} × ${a.code} in unit ${unitId} (${a.year}) exceed ${quota.percent} % of its ${base} × ${quota.ofCode} (at most ${Math.floor((quota.percent * base) / 100)})`,
        `awards[${i}].code`,
      );
  });
}
