/**
 * Event tags (issue 14): the units an event concerns, kept by the event store in the append's own
 * transaction (as in dynamic-consistency-boundary stores), so that a unit's history is an index of the
 * log. Pure and deterministic: the tags of an event are a function of the event and, for the few events
 * that name their unit only through an earlier event of the log (a cluster's organizer, an award's unit,
 * a complaint's filer, a proposal's units), of that one earlier event, found through a key tag it carries.
 *
 * Tags: `unit:{unitId}` for each unit concerned (in the order the history first names them), and key tags
 * (`cluster:…`, `award:…`, `complaint:…`, `proposal:…`) on the events that define what later ones need.
 * The set of units must equal the units projections/src/unit-history's `touchesOf` gives (a test checks
 * every event of its log); an event that cannot be placed gets no unit tag (the history would refuse it).
 */
import { parseStreamId } from './streams.js';

export interface TaggedEvent {
  streamId: string;
  type: string;
  data: unknown;
}

export interface EventTagger {
  /** Changes whenever the tags of some event change: a store rebuilds its tags when it differs. */
  readonly version: string;
  /** The key tag whose last earlier event `tagsOf` needs for this event, if any. */
  keyOf(event: TaggedEvent): string | undefined;
  /** The event's tags; `definer` is the last earlier event carrying `keyOf(event)` (undefined: none). */
  tagsOf(event: TaggedEvent, definer?: TaggedEvent): string[];
}

export const UNIT_TAG_PREFIX = 'unit:';
export const unitTag = (unitId: string): string => `${UNIT_TAG_PREFIX}${unitId}`;

type Data = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): Data[] => (Array.isArray(v) ? (v as Data[]) : []);
const recipientUnit = (v: unknown): string | undefined => str((v as Data | undefined)?.['unitId']);

/** Types whose event names its one unit in `data.unitId`. */
const UNIT_ID_TYPES = new Set([
  'UnitRegistered',
  'UnitRenamed',
  'UnitDissolved',
  'MembershipReserved',
  'MembershipReleased',
  'UnitAdmitted',
  'UnitWithdrawn',
  'ChairAssigned',
  'PledgeSigned',
  'PledgeAmended',
  'ScoreRecorded',
  'ScoreCorrected',
  'ScoreWithdrawn',
  'DisputeFiled',
  'DisputeResolved',
  'ChairElected',
  'FindingRecorded',
  'FindingCleared',
  'FlagClaimed',
  'FlagClaimReleased',
]);

/** Stream categories where each UNIT_ID_TYPES type may stand (touchesOf throws elsewhere). */
const UNIT_ID_STREAMS: Record<string, string> = {
  UnitRegistered: 'unit',
  UnitRenamed: 'unit',
  UnitDissolved: 'unit',
  MembershipReserved: 'membership',
  MembershipReleased: 'membership',
  FlagClaimed: 'flag-claims',
  FlagClaimReleased: 'flag-claims',
};

const PROPOSAL_STEPS = new Set([
  'ProposalPublished',
  'ProposalCommentReceived',
  'CouncilMeetingHeld',
  'CouncilVoteRecorded',
  'ProposalForwarded',
  'ProposalReturned',
  'ProposalItemClaimed',
  'ProposalItemClaimReleased',
]);

function keyOf(event: TaggedEvent): string | undefined {
  const d = (event.data ?? {}) as Data;
  switch (event.type) {
    case 'ClusterRenamed':
    case 'ClusterDissolved':
      return `cluster:${String(d['clusterId'])}`;
    case 'AwardRevoked':
    case 'FlagBasisConfirmed':
      return `award:${String(d['awardId'])}`;
    case 'ComplaintResolved':
    case 'ComplaintEscalated':
      return `complaint:${event.streamId}:${String(d['complaintId'])}`;
    default: {
      if (!PROPOSAL_STEPS.has(event.type)) return undefined;
      const stream = parseStreamId(event.streamId);
      return stream?.category === 'proposal' ? `proposal:${stream.proposalId}` : undefined;
    }
  }
}

/** Units (in order, possibly repeated) and key tags of an event. */
function rawTags(event: TaggedEvent, definer: TaggedEvent | undefined): Array<string | undefined> {
  const stream = parseStreamId(event.streamId);
  const category = stream?.category;
  const d = (event.data ?? {}) as Data;
  const def = (definer?.data ?? {}) as Data;
  const units = (ids: Array<string | undefined>): string[] =>
    ids.filter((id): id is string => id !== undefined).map(unitTag);
  if (UNIT_ID_TYPES.has(event.type)) {
    const where = UNIT_ID_STREAMS[event.type] ?? 'emulation';
    return category === where ? units([str(d['unitId'])]) : [];
  }
  switch (event.type) {
    case 'UnitMerged':
      return category === 'unit' ? units([str(d['unitId']), str(d['intoUnitId'])]) : [];
    case 'ClusterFormed':
      return category === 'cluster'
        ? [...units([str(d['organizerUnitId'])]), `cluster:${String(d['clusterId'])}`]
        : [];
    case 'ClusterRenamed':
    case 'ClusterDissolved':
      return category === 'cluster' ? units([str(def['organizerUnitId'])]) : [];
    case 'InspectionAssigned':
      return category === 'emulation' ? units([str(d['inspectorUnitId']), str(d['inspectedUnitId'])]) : [];
    case 'ConferenceHeld':
      return category === 'emulation' ? units([str(d['presidingUnitId'])]) : [];
    case 'ElectionOpened':
      return category === 'emulation' && Array.isArray(d['candidates'])
        ? units(d['candidates'].map(str))
        : [];
    case 'BallotCast':
    case 'SecretBallotCast':
      return category === 'emulation' ? units([str(d['voterUnitId'])]) : [];
    case 'ElectionClosed':
    case 'TitleReviewHeld':
      return category === 'emulation' ? units(list(d['tally']).map((t) => str(t['unitId']))) : [];
    case 'ComplaintFiled':
      return category === 'emulation' || category === 'award-decision'
        ? [...units([recipientUnit(d['filer'])]), `complaint:${event.streamId}:${String(d['complaintId'])}`]
        : [];
    case 'ComplaintResolved':
    case 'ComplaintEscalated':
      return category === 'emulation' || category === 'award-decision'
        ? units([recipientUnit(def['filer'])])
        : [];
    case 'AwardDecisionIssued': {
      if (category !== 'award-decision') return [];
      const awards = list(d['awards']);
      return [
        ...units(awards.map((a) => recipientUnit(a['recipient']))),
        ...awards.map((a) => `award:${String(a['awardId'])}`),
      ];
    }
    case 'AwardRevoked':
    case 'FlagBasisConfirmed': {
      if (category !== 'award-decision') return [];
      const award = list(def['awards']).find((a) => a['awardId'] === d['awardId']);
      return units([recipientUnit(award?.['recipient'])]);
    }
    case 'DisciplineCaseOpened':
    case 'DisciplineDecided':
    case 'DisciplineCleared':
      return stream?.category === 'discipline' && stream.subject.kind === 'unit'
        ? units([stream.subject.unitId])
        : [];
    case 'EmulationWindowSet':
      return category === 'window' ? units([str(d['organizerUnitId'])]) : [];
    case 'BlocFormed':
      return category === 'bloc' ? units([str(d['organizerUnitId'])]) : [];
    case 'ProposalSubmitted':
      return stream?.category === 'proposal'
        ? [
            ...units([
              str(d['proposerUnitId']),
              ...list(d['items']).map((i) => recipientUnit(i['recipient'])),
            ]),
            `proposal:${stream.proposalId}`,
          ]
        : [];
    default: {
      if (!PROPOSAL_STEPS.has(event.type) || category !== 'proposal' || definer === undefined) return [];
      const proposer = str(def['proposerUnitId']);
      if (event.type !== 'CouncilVoteRecorded' && event.type !== 'ProposalItemClaimed')
        return units([proposer]);
      const item = list(def['items']).find((i) => i['itemId'] === d['itemId']);
      return units([proposer, recipientUnit(item?.['recipient'])]);
    }
  }
}

/** The tagger of this domain (unit history): the store is built with it (ARCHITECTURE §14). */
export const unitTagger: EventTagger = {
  version: 'unit-tags-1',
  keyOf,
  tagsOf(event, definer) {
    return [...new Set(rawTags(event, definer).filter((t): t is string => t !== undefined))];
  },
};
