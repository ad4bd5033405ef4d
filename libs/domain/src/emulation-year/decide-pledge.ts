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
  SignPledge,
} from './emulation-year.commands.js';
import type { EmulationYearState } from './emulation-year.state.js';
import { requireNotBefore } from '../business-date.js';
import { actDate, requireActive, requireCluster, requireForUnit, requireMember } from './guards.js';

/** Each unit registers 3 key tasks (nội dung công tác lớn, trọng tâm), per the seeds (seed 000). */
export const KEY_TASKS_PER_PLEDGE = 3;

function validatePledge(
  content: PledgeContent,
  ctx: EmulationYearContext,
): Omit<PledgeSignedData, 'unitId' | 'version'> {
  const catalog = ctx.catalog ?? defaultCatalog;
  const titles = requireArray(content.titles, 'titles', 1, 10).map((t, i) => {
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
  const keyTasks = requireArray(content.keyTasks, 'keyTasks').map((k, i) =>
    requireText(k, `keyTasks[${i}]`, 1000),
  );
  if (keyTasks.length !== KEY_TASKS_PER_PLEDGE)
    throw rule('KEY_TASKS_COUNT', `a pledge registers exactly ${KEY_TASKS_PER_PLEDGE} key tasks`, 'keyTasks');
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
  return [{ type: 'PledgeSigned', data: { unitId, version: 1, ...validatePledge(c.data, ctx) } }];
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
        ...validatePledge(c.data, ctx),
        reason: requireReason(c.data.reason),
      },
    },
  ];
}
