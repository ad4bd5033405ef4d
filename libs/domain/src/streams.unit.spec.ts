import {
  awardDecisionStream,
  clusterStream,
  emulationStream,
  flagClaimsStream,
  titleQuotaStream,
  isValidId,
  membershipStream,
  parseStreamId,
  unitStream,
} from './streams.js';

describe('stream names', () => {
  it('builds category-{id} names from one function family', () => {
    expect(unitStream('cuc-anm')).toBe('unit-cuc-anm');
    expect(clusterStream('bca-cum-2')).toBe('cluster-bca-cum-2');
    expect(emulationStream('bca-cum-2', 2021)).toBe('emulation-bca-cum-2-2021');
    expect(awardDecisionStream('qd-1234')).toBe('award-decision-qd-1234');
    expect(membershipStream('bo-cong-an', 2021)).toBe('membership-bo-cong-an-2021');
  });

  it('parses every name back, including ids that end in digits', () => {
    expect(parseStreamId('unit-cuc-anm')).toEqual({ category: 'unit', unitId: 'cuc-anm' });
    expect(parseStreamId('cluster-bca-cum-2')).toEqual({ category: 'cluster', clusterId: 'bca-cum-2' });
    expect(parseStreamId(emulationStream('cum-2-2020', 2021))).toEqual({
      category: 'emulation',
      clusterId: 'cum-2-2020',
      year: 2021,
    });
    expect(parseStreamId('award-decision-qd-1')).toEqual({ category: 'award-decision', decisionId: 'qd-1' });
    expect(parseStreamId('membership-ca-ha-tinh-2021')).toEqual({
      category: 'membership',
      organizerUnitId: 'ca-ha-tinh',
      year: 2021,
    });
    expect(parseStreamId(flagClaimsStream('cum-7', 2023))).toEqual({
      category: 'flag-claims',
      clusterId: 'cum-7',
      year: 2023,
    });
    expect(parseStreamId(titleQuotaStream('cuc-anm', 2023))).toEqual({
      category: 'title-quota',
      unitId: 'cuc-anm',
      year: 2023,
    });
    expect(parseStreamId('flag-quota-bo-cong-an-2023')).toEqual({
      category: 'flag-quota',
      organizerUnitId: 'bo-cong-an',
      year: 2023,
    });
    expect(parseStreamId('emulation-bca-cum-2')).toBeUndefined();
    expect(parseStreamId('other-x')).toBeUndefined();
    expect(parseStreamId('unit-Cuc')).toBeUndefined();
  });

  it('accepts only strict ids: lowercase letters, digits and inner dashes, 1..64 chars', () => {
    for (const ok of ['a', 'cuc-anm', '0', 'a'.repeat(64), 'x-1-y']) expect(isValidId(ok)).toBe(true);
    for (const bad of ['', 'A', 'cục', 'a_b', '-a', 'a-', 'a b', 'a'.repeat(65), 'a/b'])
      expect(isValidId(bad)).toBe(false);
    expect(() => unitStream('Bad Id')).toThrow(TypeError);
    expect(() => emulationStream('c', 21)).toThrow(TypeError);
  });
});
