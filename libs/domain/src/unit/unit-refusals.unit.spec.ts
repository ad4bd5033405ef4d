import type { UnitEvent } from '../events/unit.events.js';
import { spec } from '../testing/given-when-then.js';
import { admin, AT, UNITS } from '../testing/fixtures.js';
import type { UnitCommand } from './unit.commands.js';
import { unitDecider } from './unit.decider.js';

// The fields the unit decider's refusals name (unit.decider.ts).
const units = spec(unitDecider, { parentStatus: 'active', intoStatus: 'active' });
const anm = UNITS.anm;
const registered = (): UnitEvent[] => [
  {
    type: 'UnitRegistered',
    data: { unitId: anm.id, name: anm.name, kind: 'cuc', parentUnitId: 'bo-cong-an' },
  },
];
const command = (type: UnitCommand['type'], data: object): UnitCommand =>
  ({ type, actor: admin, at: AT, data: { unitId: anm.id, ...data } }) as UnitCommand;

describe('unit refusals name their field', () => {
  it('a parent that is not an id', () => {
    units
      .given([])
      .when(command('RegisterUnit', { name: anm.name, kind: 'cuc', parentUnitId: 'Bộ Công an' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'parentUnitId');
  });

  it('an empty new name, an empty reason for a renaming', () => {
    units
      .given(registered())
      .when(command('RenameUnit', { name: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'name');
    units
      .given(registered())
      .when(command('RenameUnit', { name: 'Cục An ninh mạng', reason: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'reason');
  });

  it('a merge target that is not an id', () => {
    units
      .given(registered())
      .when(command('MergeUnit', { intoUnitId: 'Cục A05', reason: 'Sáp nhập' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'intoUnitId');
  });
});

describe('what the unit fold keeps', () => {
  it('its name, kind, parent and registration date; a new name; its merge target; its dissolution', () => {
    const reg: UnitEvent = {
      type: 'UnitRegistered',
      data: {
        unitId: anm.id,
        name: anm.name,
        kind: 'cuc',
        parentUnitId: 'bo-cong-an',
        effectiveDate: '2019-01-02',
      },
    };
    const base = {
      status: 'active',
      unitId: anm.id,
      name: anm.name,
      kind: 'cuc',
      parentUnitId: 'bo-cong-an',
      registeredOn: '2019-01-02',
    };
    expect(units.given([reg]).state).toStrictEqual(base);
    expect(
      units.given([
        reg,
        { type: 'UnitRenamed', data: { unitId: anm.id, name: 'Cục A05', previousName: anm.name } },
      ]).state,
    ).toStrictEqual({ ...base, name: 'Cục A05' });
    expect(
      units.given([reg, { type: 'UnitMerged', data: { unitId: anm.id, intoUnitId: 'cuc-a05', reason: 'r' } }])
        .state,
    ).toStrictEqual({ ...base, status: 'merged', mergedInto: 'cuc-a05' });
    expect(
      units.given([reg, { type: 'UnitDissolved', data: { unitId: anm.id, reason: 'r' } }]).state,
    ).toStrictEqual({
      ...base,
      status: 'dissolved',
    });
  });

  it('no parent nor registration date when the event has none', () => {
    const top: UnitEvent = {
      type: 'UnitRegistered',
      data: { unitId: 'bo-cong-an', name: 'Bộ Công an', kind: 'bo' },
    };
    expect(units.given([top]).state).toStrictEqual({
      status: 'active',
      unitId: 'bo-cong-an',
      name: 'Bộ Công an',
      kind: 'bo',
    });
  });
});
