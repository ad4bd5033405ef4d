import type { UnitEvent } from '../events/unit.events.js';
import { spec } from '../testing/given-when-then.js';
import { admin, AT, officerOf, organizer, UNITS, dated } from '../testing/fixtures.js';
import type { UnitCommand } from './unit.commands.js';
import { unitDecider } from './unit.decider.js';

const unit = spec(unitDecider, {});
const anm = UNITS.anm;
const registered: UnitEvent[] = [
  {
    type: 'UnitRegistered',
    data: { unitId: anm.id, name: anm.name, kind: 'cuc', parentUnitId: 'bo-cong-an' },
  },
];
const register = (
  over: Partial<Extract<UnitCommand, { type: 'RegisterUnit' }>['data']> = {},
  actor = admin,
): UnitCommand => ({
  type: 'RegisterUnit',
  actor,
  at: AT,
  data: { unitId: anm.id, name: anm.name, kind: 'cuc', parentUnitId: 'bo-cong-an', ...over },
});

describe('unit decider', () => {
  it('registers a unit with its Vietnamese name, kind and parent', () => {
    unit.given([]).when(register(), { parentStatus: 'active' }).then(dated(registered));
    unit
      .given([])
      .when(register({ parentUnitId: undefined, unitId: 'bo-cong-an', name: 'Bộ Công an', kind: 'bo' }))
      .then(
        dated([{ type: 'UnitRegistered', data: { unitId: 'bo-cong-an', name: 'Bộ Công an', kind: 'bo' } }]),
      );
  });

  it('refuses a second registration, a bad kind, a missing parent, non-NFC text and bad ids', () => {
    unit
      .given(registered)
      .when(register(), { parentStatus: 'active' })
      .thenThrows('UNIT_ALREADY_REGISTERED', 'conflict', 'unitId');
    unit
      .given([])
      .when(register({ kind: 'xyz' }), { parentStatus: 'active' })
      .thenThrows('INVALID_UNIT_KIND', 'unprocessable', 'kind');
    unit
      .given([])
      .when(register(), { parentStatus: 'none' })
      .thenThrows('PARENT_NOT_ACTIVE', 'unprocessable', 'parentUnitId');
    unit
      .given([])
      .when(register({ name: anm.name.normalize('NFD') }), { parentStatus: 'active' })
      .thenThrows('TEXT_NOT_NFC', 'unprocessable', 'name');
    unit
      .given([])
      .when(register({ unitId: 'Cục' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'unitId');
    unit
      .given([])
      .when(register({ parentUnitId: anm.id }), { parentStatus: 'active' })
      .thenThrows('INVALID_PARENT', 'unprocessable', 'parentUnitId');
    unit
      .given([])
      .when({ ...register(), at: 'yesterday' })
      .thenThrows('INVALID_TIME', 'unprocessable', 'at');
  });

  it('lets only an administrator manage units', () => {
    for (const actor of [organizer, officerOf(anm.id), { id: 'i', role: 'inspector' as const }])
      unit
        .given([])
        .when(register({}, actor), { parentStatus: 'active' })
        .thenThrows('FORBIDDEN', 'forbidden');
  });

  it('renames, merges and dissolves with reasons', () => {
    unit
      .given(registered)
      .when({
        type: 'RenameUnit',
        actor: admin,
        at: AT,
        data: { unitId: anm.id, name: 'Cục A05', reason: 'đổi tên' },
      })
      .then(
        dated([
          {
            type: 'UnitRenamed',
            data: { unitId: anm.id, name: 'Cục A05', previousName: anm.name, reason: 'đổi tên' },
          },
        ]),
      );
    unit
      .given(registered)
      .when(
        {
          type: 'MergeUnit',
          actor: admin,
          at: AT,
          data: { unitId: anm.id, intoUnitId: 'cuc-ktnv', reason: 'sáp nhập' },
        },
        { intoStatus: 'active' },
      )
      .then(
        dated([{ type: 'UnitMerged', data: { unitId: anm.id, intoUnitId: 'cuc-ktnv', reason: 'sáp nhập' } }]),
      );
    unit
      .given(registered)
      .when({ type: 'DissolveUnit', actor: admin, at: AT, data: { unitId: anm.id, reason: 'giải thể' } })
      .then(dated([{ type: 'UnitDissolved', data: { unitId: anm.id, reason: 'giải thể' } }]));
  });

  it('refuses changes to unknown, merged or dissolved units, same names, bad merges, missing reasons', () => {
    const rename = (name: string): UnitCommand => ({
      type: 'RenameUnit',
      actor: admin,
      at: AT,
      data: { unitId: anm.id, name },
    });
    unit.given([]).when(rename('X')).thenThrows('UNIT_NOT_FOUND', 'not-found', 'unitId');
    unit.given(registered).when(rename(anm.name)).thenThrows('NO_CHANGE', 'unprocessable', 'name');
    const dissolved: UnitEvent[] = [
      ...registered,
      { type: 'UnitDissolved', data: { unitId: anm.id, reason: 'r' } },
    ];
    unit.given(dissolved).when(rename('X')).thenThrows('UNIT_NOT_ACTIVE', 'unprocessable', 'unitId');
    const merge = (intoUnitId: string): UnitCommand => ({
      type: 'MergeUnit',
      actor: admin,
      at: AT,
      data: { unitId: anm.id, intoUnitId, reason: 'r' },
    });
    unit
      .given(registered)
      .when(merge(anm.id), { intoStatus: 'active' })
      .thenThrows('INVALID_MERGE', 'unprocessable', 'intoUnitId');
    unit
      .given(registered)
      .when(merge('cuc-ktnv'), { intoStatus: 'dissolved' })
      .thenThrows('TARGET_UNIT_NOT_ACTIVE', 'unprocessable', 'intoUnitId');
    unit
      .given(registered)
      .when({ type: 'DissolveUnit', actor: admin, at: AT, data: { unitId: anm.id, reason: ' ' } })
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
  });

  it('evolves the status', () => {
    const s = unit.given([
      ...registered,
      { type: 'UnitMerged', data: { unitId: anm.id, intoUnitId: 'x', reason: 'r' } },
    ]).state;
    expect(s).toMatchObject({
      status: 'merged',
      mergedInto: 'x',
      name: anm.name,
      parentUnitId: 'bo-cong-an',
    });
  });

  it('dates a renaming no earlier than the registration (historical records keep their own dates)', () => {
    const since = dated(registered, '2018-08-01');
    const rename = (effectiveDate: string): UnitCommand => ({
      type: 'RenameUnit',
      actor: admin,
      at: AT,
      data: { unitId: anm.id, name: 'Cục An ninh mạng', effectiveDate },
    });
    unit
      .given(since)
      .when(rename('2018-07-31'))
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'effectiveDate');
    unit
      .given(since)
      .when(rename('2018-08-01'))
      .then(
        dated(
          [
            {
              type: 'UnitRenamed',
              data: { unitId: anm.id, name: 'Cục An ninh mạng', previousName: anm.name },
            },
          ],
          '2018-08-01',
        ),
      );
  });
});
