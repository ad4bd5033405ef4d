import { unitTagger } from './event-tags.js';

const tags = (
  streamId: string,
  type: string,
  data: unknown,
  definer?: { streamId: string; type: string; data: unknown },
) => unitTagger.tagsOf({ streamId, type, data }, definer);

describe('unitTagger (the units an event concerns, for the event store)', () => {
  it('tags the units an event names, once each, in order, with the key tags later events need', () => {
    expect(tags('unit-u1', 'UnitMerged', { unitId: 'u1', intoUnitId: 'u2' })).toEqual(['unit:u1', 'unit:u2']);
    expect(
      tags('emulation-c1-2024', 'ElectionClosed', { tally: [{ unitId: 'a' }, { unitId: 'b' }] }),
    ).toEqual(['unit:a', 'unit:b']);
    expect(
      tags('award-decision-d1', 'AwardDecisionIssued', {
        awards: [
          { awardId: 'w1', recipient: { unitId: 'a' } },
          { awardId: 'w2', recipient: { unitId: 'b' } },
          { awardId: 'w3', recipient: { unitId: 'a' } },
        ],
      }),
    ).toEqual(['unit:a', 'unit:b', 'award:w1', 'award:w2', 'award:w3']);
    expect(tags('cluster-c1', 'ClusterFormed', { clusterId: 'c1', organizerUnitId: 'o' })).toEqual([
      'unit:o',
      'cluster:c1',
    ]);
    expect(
      tags('proposal-p1', 'ProposalSubmitted', {
        proposerUnitId: 'o',
        items: [
          { itemId: 'i1', recipient: { unitId: 'a' } },
          { itemId: 'i2', recipient: { unitId: 'o' } },
        ],
      }),
    ).toEqual(['unit:o', 'unit:a', 'proposal:p1']);
    expect(tags('discipline-unit-u7', 'DisciplineDecided', {})).toEqual(['unit:u7']);
    expect(tags('discipline-person-p7', 'DisciplineDecided', {})).toEqual([]);
    expect(tags('emulation-c1-2024', 'ScoringSchemePublished', { criteria: [] })).toEqual([]);
  });

  it('finds the unit of a later event through the event carrying its key tag', () => {
    const formed = {
      streamId: 'cluster-c1',
      type: 'ClusterFormed',
      data: { clusterId: 'c1', organizerUnitId: 'o' },
    };
    const renamed = { streamId: 'cluster-c1', type: 'ClusterRenamed', data: { clusterId: 'c1' } };
    expect(unitTagger.keyOf(renamed)).toBe('cluster:c1');
    expect(unitTagger.tagsOf(renamed, formed)).toEqual(['unit:o']);
    expect(unitTagger.tagsOf(renamed, undefined)).toEqual([]);
    const issued = {
      streamId: 'award-decision-d1',
      type: 'AwardDecisionIssued',
      data: {
        awards: [
          { awardId: 'w1', recipient: { unitId: 'a' } },
          { awardId: 'w2', recipient: { unitId: 'b' } },
        ],
      },
    };
    const revoked = { streamId: 'award-decision-d1', type: 'AwardRevoked', data: { awardId: 'w2' } };
    expect(unitTagger.keyOf(revoked)).toBe('award:w2');
    expect(unitTagger.tagsOf(revoked, issued)).toEqual(['unit:b']);
    const filed = {
      streamId: 'emulation-c1-2024',
      type: 'ComplaintFiled',
      data: { complaintId: 'k1', filer: { unitId: 'f' } },
    };
    expect(unitTagger.tagsOf(filed)).toEqual(['unit:f', 'complaint:emulation-c1-2024:k1']);
    const resolved = {
      streamId: 'emulation-c1-2024',
      type: 'ComplaintResolved',
      data: { complaintId: 'k1' },
    };
    expect(unitTagger.keyOf(resolved)).toBe('complaint:emulation-c1-2024:k1');
    expect(unitTagger.tagsOf(resolved, filed)).toEqual(['unit:f']);
    const submitted = {
      streamId: 'proposal-p1',
      type: 'ProposalSubmitted',
      data: { proposerUnitId: 'o', items: [{ itemId: 'i1', recipient: { unitId: 'a' } }] },
    };
    const vote = { streamId: 'proposal-p1', type: 'CouncilVoteRecorded', data: { itemId: 'i1' } };
    expect(unitTagger.keyOf(vote)).toBe('proposal:p1');
    expect(unitTagger.tagsOf(vote, submitted)).toEqual(['unit:o', 'unit:a']);
    expect(tags('proposal-p1', 'ProposalReturned', {}, submitted)).toEqual(['unit:o']);
    expect(unitTagger.keyOf({ streamId: 'unit-u1', type: 'UnitRegistered', data: {} })).toBeUndefined();
  });

  it('never throws, and tags nothing an event cannot be placed by (a wrong stream, malformed data)', () => {
    expect(tags('membership-o-2024', 'ScoreRecorded', { unitId: 'u' })).toEqual([]);
    expect(tags('not a stream', 'UnitRegistered', { unitId: 'u' })).toEqual([]);
    expect(tags('emulation-c1-2024', 'ElectionOpened', { candidates: 'u' })).toEqual([]);
    expect(tags('emulation-c1-2024', 'ElectionClosed', { tally: null })).toEqual([]);
    expect(tags('unit-u1', 'UnitRegistered', null)).toEqual([]);
    expect(tags('unit-u1', 'UnitRegistered', { unitId: 5 })).toEqual([]);
    expect(tags('unit-u1', 'NotAnEvent', { unitId: 'u1' })).toEqual([]);
  });
});
