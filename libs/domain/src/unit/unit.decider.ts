import { isAdmin } from '../actor.js';
import type { Decider } from '../decider.js';
import { conflict, forbidden, notFound, rule } from '../errors.js';
import type { UnitEvent } from '../events/unit.events.js';
import { requireActDate, requireNotBefore } from '../business-date.js';
import { optionalText, requireId, requireReason, requireText } from '../validation.js';
import type { UnitCommand, UnitContext } from './unit.commands.js';
import { isUnitKind } from './unit-kinds.js';
import { evolveUnit, initialUnitState, type UnitState } from './unit.state.js';

/** Units are administrative records: only an admin registers, renames, merges or dissolves them. */
export function decideUnit(command: UnitCommand, state: UnitState, context: UnitContext = {}): UnitEvent[] {
  const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
  if (!isAdmin(command.actor)) throw forbidden('only an administrator manages units');
  return decideDated(command, state, context, effectiveDate).map((e) => ({
    ...e,
    data: { ...e.data, effectiveDate },
  })) as UnitEvent[];
}

function decideDated(
  command: UnitCommand,
  state: UnitState,
  context: UnitContext,
  effectiveDate: string,
): UnitEvent[] {
  const unitId = requireId(command.data.unitId, 'unitId');
  if (command.type === 'RegisterUnit') {
    if (state.status !== 'none') throw conflict('UNIT_ALREADY_REGISTERED', `unit ${unitId} exists`, 'unitId');
    const { name, kind, parentUnitId } = command.data;
    if (!isUnitKind(kind)) throw rule('INVALID_UNIT_KIND', `unknown unit kind '${String(kind)}'`, 'kind');
    if (parentUnitId !== undefined) {
      requireId(parentUnitId, 'parentUnitId');
      if (parentUnitId === unitId)
        throw rule('INVALID_PARENT', 'a unit cannot be its own parent', 'parentUnitId');
      if (context.parentStatus !== 'active')
        throw rule('PARENT_NOT_ACTIVE', `parent unit ${parentUnitId} is not an active unit`, 'parentUnitId');
    }
    return [
      {
        type: 'UnitRegistered',
        data: {
          unitId,
          name: requireText(name, 'name', 300),
          kind,
          ...(parentUnitId !== undefined && { parentUnitId }),
        },
      },
    ];
  }
  if (state.status === 'none') throw notFound('UNIT_NOT_FOUND', `unit ${unitId} is not registered`, 'unitId');
  if (state.status !== 'active') throw rule('UNIT_NOT_ACTIVE', `unit ${unitId} is ${state.status}`, 'unitId');
  requireNotBefore(effectiveDate, state.registeredOn, `the registration of unit ${unitId}`);
  switch (command.type) {
    case 'RenameUnit': {
      const name = requireText(command.data.name, 'name', 300);
      if (name === state.name) throw rule('NO_CHANGE', 'the name is unchanged', 'name');
      const reason = optionalText(command.data.reason, 'reason', 1000);
      return [
        {
          type: 'UnitRenamed',
          data: { unitId, name, previousName: state.name ?? '', ...(reason !== undefined && { reason }) },
        },
      ];
    }
    case 'MergeUnit': {
      const intoUnitId = requireId(command.data.intoUnitId, 'intoUnitId');
      if (intoUnitId === unitId) throw rule('INVALID_MERGE', 'a unit cannot merge into itself', 'intoUnitId');
      if (context.intoStatus !== 'active')
        throw rule('TARGET_UNIT_NOT_ACTIVE', `unit ${intoUnitId} is not an active unit`, 'intoUnitId');
      return [
        { type: 'UnitMerged', data: { unitId, intoUnitId, reason: requireReason(command.data.reason) } },
      ];
    }
    case 'DissolveUnit':
      return [{ type: 'UnitDissolved', data: { unitId, reason: requireReason(command.data.reason) } }];
  }
}

export const unitDecider: Decider<UnitCommand, UnitState, UnitEvent, UnitContext> = {
  initialState: initialUnitState,
  evolve: evolveUnit,
  decide: (command, state, context) => decideUnit(command, state, context),
};
