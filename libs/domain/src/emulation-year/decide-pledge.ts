import { defaultCatalog, isRegistrableTitle } from '../catalog/catalog.js';
import { conflict, rule } from '../errors.js';
import type { EmulationYearEvent, PledgeSignedData, PledgeTarget } from '../events/emulation-year.events.js';
import {
  requireArray,
  requirePositiveInteger,
  requireReason,
  requireText,
  requireUnique,
  requireId,
} from '../validation.js';
import type {
  AmendPledge,
  EmulationYearContext,
  PledgeContent,
  SetPledgeRules,
  SignPledge,
} from './emulation-year.commands.js';
import type { EmulationYearState } from './emulation-year.state.js';
import { requireNotBefore } from '../business-date.js';
import {
  actDate,
  requireActive,
  requireCluster,
  requireForUnit,
  requireMember,
  requireOrganizer,
} from './guards.js';

/**
 * A pledge against the cluster-year's recorded rules (PledgeRulesSet: how many key tasks, whether a
 * title must be registered — Cụm 7's three key tasks are its own rule, seed 000); without rules, any
 * number of key tasks up to 20 and titles optional.
 */
function validatePledge(
  content: PledgeContent,
  rules: EmulationYearState['pledgeRules'],
  ctx: EmulationYearContext,
): Omit<PledgeSignedData, 'unitId' | 'version'> {
  const catalog = ctx.catalog ?? defaultCatalog;
  const listed = requireArray(content.titles ?? [], 'titles', 0, 10);
  if (rules.titleRequired && listed.length === 0)
    throw rule(
      'TITLE_REQUIRED',
      "this cluster's rules require a registered title (đăng ký danh hiệu)",
      'titles',
    );
  const titles = listed.map((t, i) => {
    const f = `titles[${i}]`;
    if (typeof t !== 'string' || !catalog.find(t))
      throw rule('UNKNOWN_TITLE', `${f} is not in the catalog`, f);
    if (!isRegistrableTitle(t, catalog))
      throw rule('TITLE_NOT_REGISTRABLE', `${f} is not a collective title a unit can register`, f);
    return t;
  });
  requireUnique(titles, 'titles', 'DUPLICATE_TITLE');
  const targets = requireArray(content.targets ?? [], 'targets', 0, 200).map((raw, i): PledgeTarget => {
    const t = raw as Partial<PledgeTarget>;
    const f = `targets[${i}]`;
    const text = requireText(t?.text, `${f}.text`, 1000);
    return t.count === undefined ? { text } : { text, count: requirePositiveInteger(t.count, `${f}.count`) };
  });
  const keyTasks = requireArray(content.keyTasks ?? [], 'keyTasks', 0, 20).map((k, i) =>
    requireText(k, `keyTasks[${i}]`, 1000),
  );
  if (rules.keyTasks !== null && keyTasks.length !== rules.keyTasks)
    throw rule(
      'KEY_TASKS_COUNT',
      `this cluster's rules ask for exactly ${rules.keyTasks} key tasks`,
      'keyTasks',
    );
  requireUnique(keyTasks, 'keyTasks', 'DUPLICATE_KEY_TASK');
  return { titles, targets, keyTasks };
}

/** The unit's own officer signs its pledge (ký kết giao ước thi đua): titles, targets, key tasks. */
export function decideSignPledge(
  c: SignPledge,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  const unitId = requireId(c.data.unitId, 'unitId');
  requireForUnit(c.actor, unitId);
  requireActive(cluster);
  requireMember(state, unitId);
  if (state.pledges[unitId] !== undefined)
    throw conflict(
      'PLEDGE_ALREADY_SIGNED',
      `unit ${unitId} has signed its pledge: amend it instead`,
      'unitId',
    );
  return [
    { type: 'PledgeSigned', data: { unitId, version: 1, ...validatePledge(c.data, state.pledgeRules, ctx) } },
  ];
}

export function decideAmendPledge(
  c: AmendPledge,
  state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  const unitId = requireId(c.data.unitId, 'unitId');
  requireForUnit(c.actor, unitId);
  requireActive(cluster);
  requireMember(state, unitId);
  const version = state.pledges[unitId];
  if (version === undefined)
    throw rule('PLEDGE_NOT_SIGNED', `unit ${unitId} has not signed a pledge`, 'unitId');
  requireNotBefore(actDate(c), state.pledgedOn[unitId], `pledge version ${version}`);
  return [
    {
      type: 'PledgeAmended',
      data: {
        unitId,
        version: version + 1,
        ...validatePledge(c.data, state.pledgeRules, ctx),
        reason: requireReason(c.data.reason),
      },
    },
  ];
}

/** The organizer records the cluster-year's pledge rules (before or after pledges: they apply from then on). */
export function decideSetPledgeRules(
  c: SetPledgeRules,
  _state: EmulationYearState,
  ctx: EmulationYearContext,
): EmulationYearEvent[] {
  const cluster = requireCluster(c, ctx);
  requireOrganizer(c.actor, cluster);
  requireActive(cluster);
  const { keyTasks, titleRequired } = c.data;
  if (keyTasks !== null && (!Number.isInteger(keyTasks) || keyTasks < 1 || keyTasks > 20))
    throw rule('INVALID_PLEDGE_RULES', 'keyTasks must be null or an integer from 1 to 20', 'keyTasks');
  if (typeof titleRequired !== 'boolean')
    throw rule('INVALID_PLEDGE_RULES', 'titleRequired must be true or false', 'titleRequired');
  return [{ type: 'PledgeRulesSet', data: { keyTasks, titleRequired } }];
}
