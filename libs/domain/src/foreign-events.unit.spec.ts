import { blocDecider } from './bloc/bloc.decider.js';
import { clusterDecider } from './cluster/cluster.decider.js';
import { disciplineDecider } from './discipline/discipline.decider.js';
import { emulationYearDecider } from './emulation-year/emulation-year.decider.js';
import { membershipDecider } from './membership/membership.decider.js';
import { personDecider } from './person/person.decider.js';
import { registrationDeadlineDecider } from './person/registration-deadline.decider.js';
import { reportedFiguresDecider } from './reported-figures/reported-figures.decider.js';
import { personRegistered } from './testing/people.js';
import { q1Open } from './testing/fixtures.js';
import { tokenRevocationDecider } from './token-revocation/token-revocation.decider.js';
import { unitDecider } from './unit/unit.decider.js';
import { windowDecider } from './window/window.decider.js';

// Each stream holds its decider's events only; should another type ever reach a fold (an event of a
// newer version, a stream written by hand), the state it has stays as it is.
interface Fold {
  initialState: unknown;
  evolve(state: unknown, event: unknown): unknown;
}
const folds: Array<[string, Fold, () => unknown[]]> = [
  [
    'window',
    windowDecider as Fold,
    () => [
      {
        type: 'EmulationWindowSet',
        data: {
          organizerUnitId: 'bo-cong-an',
          year: 2021,
          opensOn: '2020-12-01',
          closesOn: '2021-11-30',
          reviewsFrom: {},
        },
      },
    ],
  ],
  [
    'bloc',
    blocDecider as Fold,
    () => [
      { type: 'BlocFormed', data: { blocId: 'bca-khoi-1', organizerUnitId: 'bo-cong-an', name: 'Khối 1' } },
    ],
  ],
  [
    'registration deadline',
    registrationDeadlineDecider as Fold,
    () => [
      {
        type: 'RegistrationDeadlineSet',
        data: { organizerUnitId: 'bo-cong-an', year: 2024, deadline: '2024-03-25' },
      },
    ],
  ],
  ['reported figures', reportedFiguresDecider as Fold, () => []],
  [
    'cluster',
    clusterDecider as Fold,
    () => [
      {
        type: 'ClusterFormed',
        data: { clusterId: 'bca-cum-2', organizerUnitId: 'bo-cong-an', number: 2, name: 'Cụm 2' },
      },
    ],
  ],
  [
    'unit',
    unitDecider as Fold,
    () => [
      { type: 'UnitRegistered', data: { unitId: 'cuc-ktnv', name: 'Cục Kỹ thuật nghiệp vụ', kind: 'cuc' } },
    ],
  ],
  [
    'discipline',
    disciplineDecider as Fold,
    () => [
      {
        type: 'DisciplineCaseOpened',
        data: {
          caseId: 'vv-1',
          subject: { kind: 'person', personId: 'cb-1' },
          note: 'n',
          effectiveDate: '2023-03-01',
        },
      },
    ],
  ],
  [
    'membership',
    membershipDecider as Fold,
    () => [{ type: 'MembershipReserved', data: { unitId: 'cuc-ktnv', clusterId: 'bca-cum-2' } }],
  ],
  [
    'token revocations',
    tokenRevocationDecider as Fold,
    () => [{ type: 'TokenRevoked', data: { tokenId: 'tok-1', reason: 'r' } }],
  ],
  ['person', personDecider as Fold, () => [personRegistered('cb-1', 'cuc-ktnv')]],
  ['cluster-year', emulationYearDecider as Fold, () => q1Open()],
];

describe('a fold meeting an event of another stream', () => {
  it.each(folds)('%s: keeps its state as it is', (_name, fold, history) => {
    const state = history().reduce((s, e) => fold.evolve(s, e), fold.initialState);
    const foreign = {
      type: 'SomethingElseHappened',
      data: { caseId: 'vv-1', unitId: 'cuc-ktnv', complaintId: 'kn-1' },
    };
    expect(fold.evolve(state, foreign)).toBe(state);
  });
});
