import {
  awardDecisionStream,
  blocStream,
  clusterStream,
  disciplineStream,
  emulationStream,
  membershipStream,
  parseStreamId,
  personStream,
  registrationStream,
  reportedFiguresStream,
  unitStream,
  windowStream,
} from './streams.js';

// Every stream family (streams.ts): its exact name, parsed back to its parts; a name with a bad id or
// without its year parses to nothing; a bad id or year is never named.
describe('every stream family', () => {
  it.each([
    ['unit', unitStream('cuc-a05'), { category: 'unit', unitId: 'cuc-a05' }],
    ['cluster', clusterStream('bca-cum-7'), { category: 'cluster', clusterId: 'bca-cum-7' }],
    [
      'emulation',
      emulationStream('bca-cum-7', 2023),
      { category: 'emulation', clusterId: 'bca-cum-7', year: 2023 },
    ],
    ['award-decision', awardDecisionStream('qd-1'), { category: 'award-decision', decisionId: 'qd-1' }],
    [
      'membership',
      membershipStream('bo-cong-an', 2023),
      { category: 'membership', organizerUnitId: 'bo-cong-an', year: 2023 },
    ],
    [
      'window',
      windowStream('bo-cong-an', 2023),
      { category: 'window', organizerUnitId: 'bo-cong-an', year: 2023 },
    ],
    [
      'discipline-unit',
      disciplineStream({ kind: 'unit', unitId: 'cuc-a05' }),
      { category: 'discipline', subject: { kind: 'unit', unitId: 'cuc-a05' } },
    ],
    [
      'discipline-person',
      disciplineStream({ kind: 'person', personId: 'cb-1' }),
      { category: 'discipline', subject: { kind: 'person', personId: 'cb-1' } },
    ],
    ['bloc', blocStream('bca-khoi-1'), { category: 'bloc', blocId: 'bca-khoi-1' }],
    ['person', personStream('cb-1'), { category: 'person', personId: 'cb-1' }],
    [
      'registration',
      registrationStream('bo-cong-an', 2024),
      { category: 'registration', organizerUnitId: 'bo-cong-an', year: 2024 },
    ],
    [
      'reported-cluster',
      reportedFiguresStream('cluster', 'bca-cum-7', 2023),
      { category: 'reported', scope: 'cluster', scopeId: 'bca-cum-7', year: 2023 },
    ],
    [
      'reported-organizer',
      reportedFiguresStream('organizer', 'bo-cong-an', 2023),
      { category: 'reported', scope: 'organizer', scopeId: 'bo-cong-an', year: 2023 },
    ],
  ])('%s: %s parses back to its parts', (category, name, parsed) => {
    expect(name.startsWith(`${category}-`)).toBe(true);
    expect(parseStreamId(name)).toStrictEqual(parsed);
  });

  it('names exactly', () => {
    expect(windowStream('bo-cong-an', 2021)).toBe('window-bo-cong-an-2021');
    expect(disciplineStream({ kind: 'unit', unitId: 'cuc-a05' })).toBe('discipline-unit-cuc-a05');
    expect(disciplineStream({ kind: 'person', personId: 'cb-1' })).toBe('discipline-person-cb-1');
    expect(blocStream('k-1')).toBe('bloc-k-1');
    expect(personStream('cb-1')).toBe('person-cb-1');
    expect(registrationStream('bo-cong-an', 2024)).toBe('registration-bo-cong-an-2024');
    expect(reportedFiguresStream('organizer', 'bo-cong-an', 2023)).toBe('reported-organizer-bo-cong-an-2023');
  });

  it.each([
    'award-decision-QĐ',
    'emulation-cum',
    'emulation-bca-cum-7-20231',
    'membership-bo-cong-an',
    'discipline-unit-Cuc',
    'discipline-person-',
    'reported-cluster-cum',
    'reported-organizer-Bo-2023',
    'person-Ông-A',
    'registration-bo',
    'bloc-',
    'window-bo',
    'cluster-Cum',
    'unit-',
    'discipline-group-x',
  ])('parses %s to nothing', (name) => {
    expect(parseStreamId(name)).toBeUndefined();
  });

  it('names no stream for a bad id or a year outside 1000–9999', () => {
    expect(emulationStream('c', 1000)).toBe('emulation-c-1000');
    expect(emulationStream('c', 9999)).toBe('emulation-c-9999');
    for (const year of [999, 10000, 2021.5])
      expect(() => windowStream('bo-cong-an', year)).toThrow(TypeError);
    for (const make of [
      () => clusterStream('Cụm'),
      () => awardDecisionStream('QĐ'),
      () => blocStream('K 1'),
      () => personStream(''),
      () => disciplineStream({ kind: 'person', personId: 'A' }),
      () => reportedFiguresStream('cluster', 'C', 2023),
    ])
      expect(make).toThrow(TypeError);
  });
});
