import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import {
  admin,
  chair,
  CLUSTER,
  context,
  ey,
  officerOf,
  organizer,
  ORGANIZER_UNIT,
  otherOrganizer,
  UNITS,
  yearStarted,
  dated,
} from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';

const year = spec(emulationYearDecider, context);
const u = UNITS.ngoaiTuyen.id;
const admitCtx = { ...context, unitStatus: 'active' as const, reservedClusterId: CLUSTER };

describe('cluster-year: admission and withdrawal', () => {
  it('the organizer admits an active unit reserved for this cluster', () => {
    year
      .given([])
      .when(ey('AdmitUnit', organizer, { unitId: u }), admitCtx)
      .then(dated([{ type: 'UnitAdmitted', data: { unitId: u } }]));
  });

  it('refuses a unit not reserved here (race-free rule), unknown or inactive units, members, dissolved clusters', () => {
    year
      .given([])
      .when(ey('AdmitUnit', organizer, { unitId: u }), { ...admitCtx, reservedClusterId: 'bca-cum-7' })
      .thenThrows('MEMBERSHIP_NOT_RESERVED', 'unprocessable', 'unitId');
    year
      .given([])
      .when(ey('AdmitUnit', organizer, { unitId: u }), { ...admitCtx, reservedClusterId: undefined })
      .thenThrows('MEMBERSHIP_NOT_RESERVED', 'unprocessable', 'unitId');
    year
      .given([])
      .when(ey('AdmitUnit', organizer, { unitId: u }), { ...admitCtx, unitStatus: 'none' })
      .thenThrows('UNIT_NOT_FOUND', 'not-found', 'unitId');
    year
      .given([])
      .when(ey('AdmitUnit', organizer, { unitId: u }), { ...admitCtx, unitStatus: 'merged' })
      .thenThrows('UNIT_NOT_ACTIVE', 'unprocessable', 'unitId');
    year
      .given(yearStarted())
      .when(ey('AdmitUnit', organizer, { unitId: u }), admitCtx)
      .thenThrows('ALREADY_A_MEMBER', 'conflict', 'unitId');
    year
      .given([])
      .when(ey('AdmitUnit', organizer, { unitId: u }), {
        ...admitCtx,
        cluster: { organizerUnitId: ORGANIZER_UNIT, status: 'dissolved' },
      })
      .thenThrows('CLUSTER_DISSOLVED');
    year
      .given([])
      .when(ey('AdmitUnit', organizer, { unitId: u }), {})
      .thenThrows('CLUSTER_NOT_FOUND', 'not-found', 'clusterId');
  });

  it('only the organizer of this cluster admits: not another organizer, not an admin, not an officer', () => {
    for (const actor of [otherOrganizer, admin, officerOf(u), chair, { id: 'v', role: 'viewer' as const }])
      year
        .given([])
        .when(ey('AdmitUnit', actor, { unitId: u }), admitCtx)
        .thenThrows('FORBIDDEN', 'forbidden');
  });

  it('withdraws a member with a reason; the chair seat goes with it', () => {
    year
      .given(yearStarted())
      .when(ey('WithdrawUnit', organizer, { unitId: u, reason: 'Điều chuyển sang cụm khác' }))
      .then(dated([{ type: 'UnitWithdrawn', data: { unitId: u, reason: 'Điều chuyển sang cụm khác' } }]));
    const s = year.given([
      ...yearStarted(),
      { type: 'UnitWithdrawn', data: { unitId: UNITS.anm.id, reason: 'r' } },
    ]).state;
    expect(s.chair).toBeUndefined();
    expect(s.members[UNITS.anm.id]).toBeUndefined();
    year
      .given(yearStarted())
      .when(ey('WithdrawUnit', organizer, { unitId: u, reason: '' }))
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
    year
      .given([])
      .when(ey('WithdrawUnit', organizer, { unitId: u, reason: 'r' }))
      .thenThrows('NOT_A_MEMBER', 'unprocessable', 'unitId');
    year
      .given(yearStarted())
      .when(ey('WithdrawUnit', officerOf(u), { unitId: u, reason: 'r' }))
      .thenThrows('FORBIDDEN', 'forbidden');
  });
});

describe('cluster-year: chair and vice-chair', () => {
  const members: EmulationYearEvent[] = yearStarted().filter((e) => e.type === 'UnitAdmitted');

  it('the organizer assigns the chair directly (Cụm 2, 2021: Cục An ninh mạng…)', () => {
    year
      .given(members)
      .when(ey('AssignChair', organizer, { unitId: UNITS.anm.id, role: 'chair', source: 'organizer' }))
      .then(
        dated([
          { type: 'ChairAssigned', data: { unitId: UNITS.anm.id, role: 'chair', source: 'organizer' } },
        ]),
      );
    year
      .given(yearStarted())
      .when(ey('AssignChair', organizer, { unitId: u, role: 'vice-chair', source: 'organizer' }))
      .then(dated([{ type: 'ChairAssigned', data: { unitId: u, role: 'vice-chair', source: 'organizer' } }]));
  });

  it('refuses non-members, the same holder, a unit holding the other seat, and anyone but the organizer', () => {
    year
      .given([])
      .when(ey('AssignChair', organizer, { unitId: u, role: 'chair', source: 'organizer' }))
      .thenThrows('NOT_A_MEMBER', 'unprocessable', 'unitId');
    year
      .given(yearStarted())
      .when(ey('AssignChair', organizer, { unitId: UNITS.anm.id, role: 'chair', source: 'organizer' }))
      .thenThrows('NO_CHANGE', 'unprocessable', 'unitId');
    year
      .given(yearStarted())
      .when(ey('AssignChair', organizer, { unitId: UNITS.anm.id, role: 'vice-chair', source: 'organizer' }))
      .thenThrows('HOLDS_OTHER_ROLE', 'unprocessable', 'unitId');
    year
      .given(members)
      .when(ey('AssignChair', chair, { unitId: UNITS.anm.id, role: 'chair', source: 'organizer' }))
      .thenThrows('FORBIDDEN', 'forbidden');
    year
      .given(members)
      .when(ey('AssignChair', admin, { unitId: u, role: 'chair', source: 'organizer' }))
      .thenThrows('FORBIDDEN', 'forbidden');
    year
      .given(members)
      .when(ey('AssignChair', organizer, { unitId: u, role: 'boss' as 'chair', source: 'organizer' }))
      .thenThrows('INVALID_ROLE', 'unprocessable', 'role');
  });

  it("takes up last year's election result (idempotently), only as the election recorded it", () => {
    const ktnv = UNITS.ktnv.id;
    const elected = {
      ...context,
      electedInPreviousYear: [{ electionId: 'bau-2021-1', role: 'chair' as const, unitId: ktnv }],
    };
    const take = (actor = officerOf(ktnv), unitId: string = ktnv) =>
      ey('AssignChair', actor, { unitId, role: 'chair', source: 'election', electionId: 'bau-2021-1' });
    const taken = year
      .given([])
      .when(take(), elected)
      .then(
        dated([
          {
            type: 'ChairAssigned',
            data: { unitId: ktnv, role: 'chair', source: 'election', electionId: 'bau-2021-1' },
          },
        ]),
      );
    year.given([]).when(take(organizer), elected).then(dated(taken));
    year.given(taken).when(take(), elected).then([]);
    year
      .given([])
      .when(take(officerOf(u), u), elected)
      .thenThrows('NOT_ELECTED', 'unprocessable', 'electionId');
    year.given([]).when(take(), context).thenThrows('NOT_ELECTED', 'unprocessable', 'electionId');
    year
      .given([])
      .when(take(officerOf(u)), elected)
      .thenThrows('FORBIDDEN', 'forbidden');
  });

  it('records the organizer policy on consecutive terms', () => {
    expect(year.given([]).state.forbidConsecutiveTerms).toBe(true);
    const set = year
      .given([])
      .when(ey('SetChairPolicy', organizer, { forbidConsecutiveTerms: false }))
      .then(dated([{ type: 'ChairPolicySet', data: { forbidConsecutiveTerms: false } }]));
    expect(year.given(set).state.forbidConsecutiveTerms).toBe(false);
    year
      .given([])
      .when(ey('SetChairPolicy', chair, { forbidConsecutiveTerms: false }))
      .thenThrows('FORBIDDEN', 'forbidden');
    year
      .given([])
      .when(ey('SetChairPolicy', organizer, { forbidConsecutiveTerms: 'no' as unknown as boolean }))
      .thenThrows('INVALID_POLICY', 'unprocessable', 'forbidConsecutiveTerms');
  });
});
