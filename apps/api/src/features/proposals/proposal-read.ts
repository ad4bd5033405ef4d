import { Inject, Injectable } from '@nestjs/common';
import {
  defaultCatalog,
  notFound,
  proposalStream,
  businessDateOf,
  type CouncilMeetingHeldData,
  type CouncilThreshold,
  type CouncilVoteRecordedData,
  type Integer,
  type ProposalCommentReceivedData,
  type ProposalDocument,
  type ProposalForwardedData,
  type ProposalPublishedData,
  type ProposalReturnedData,
  type ProposalSubmittedData,
  type ProposedRecipient,
} from '@thidua/domain';
import type { EventStore, StoredEvent } from '@thidua/event-store';
import { sourceEvent, type SourceEvent } from '@thidua/projections';
import { EVENT_STORE } from '../../infrastructure/tokens.js';

/** A council vote on one item, as recorded (a secret ballot records only the count). */
export interface ItemVote {
  meetingId: string;
  yes: Integer;
  no: Integer;
  members: Integer;
  present: Integer;
  secret: boolean;
  threshold: CouncilThreshold;
  approved: boolean;
  on: string | null;
  event: SourceEvent;
}

/** GET /proposals/{proposalId}: the proposal's path from the tờ trình to the council's outcome, each step's event. */
export interface ProposalView {
  proposalId: string;
  proposerUnitId: string;
  /** The authority level asked to confer, and its name. */
  authority: string;
  authorityName: string;
  status: 'open' | 'forwarded' | 'returned';
  submitted: { on: string | null; event: SourceEvent };
  items: Array<{
    itemId: string;
    code: string;
    name: string;
    recipient: ProposedRecipient;
    year: Integer;
    achievement: string;
    /** The council's last vote on it (null: not voted yet). */
    vote: ItemVote | null;
  }>;
  documents: ProposalDocument[];
  notice: { from: string; to: string; workingDays: Integer; where: string; event: SourceEvent } | null;
  comments: Array<{
    commentId: string;
    content: string;
    fromUnitId: string | null;
    on: string | null;
    event: SourceEvent;
  }>;
  meetings: Array<{
    meetingId: string;
    on: string | null;
    members: string[];
    present: string[];
    minutes: { reference: string; sha256: string };
    event: SourceEvent;
  }>;
  forwarded: { approvedItems: string[]; reference: string; on: string | null; event: SourceEvent } | null;
  returned: { reason: string; on: string | null; event: SourceEvent } | null;
  /** The log position of the proposal's last event. */
  position: Integer;
}

const PAGE = 1000;
const int = (n: number): Integer => n as Integer;

/** Reads a proposal from its stream (`proposal-{proposalId}`; a few events, no projection). */
@Injectable()
export class ProposalReader {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async read(proposalId: string): Promise<ProposalView> {
    const events = await this.readAll(proposalStream(proposalId));
    const first = events.find((e) => e.type === 'ProposalSubmitted');
    if (!first) throw notFound('PROPOSAL_NOT_FOUND', `proposal ${proposalId} does not exist`, 'proposalId');
    const s = first.data as unknown as ProposalSubmittedData;
    const on = (e: StoredEvent) => businessDateOf(e) ?? null;
    const view: ProposalView = {
      proposalId,
      proposerUnitId: s.proposerUnitId,
      authority: s.authority,
      authorityName: defaultCatalog.findAuthority(s.authority)?.name ?? s.authority,
      status: 'open',
      submitted: { on: on(first), event: sourceEvent(first) },
      items: s.items.map((i) => ({
        itemId: i.itemId,
        code: i.code,
        name: defaultCatalog.find(i.code)?.name ?? i.code,
        recipient: i.recipient,
        year: int(i.year),
        achievement: i.achievement,
        vote: null,
      })),
      documents: s.documents,
      notice: null,
      comments: [],
      meetings: [],
      forwarded: null,
      returned: null,
      position: events.at(-1)!.position,
    };
    for (const e of events) {
      switch (e.type) {
        case 'ProposalPublished': {
          const d = e.data as unknown as ProposalPublishedData;
          view.notice = {
            from: d.from,
            to: d.to,
            workingDays: int(d.workingDays),
            where: d.where,
            event: sourceEvent(e),
          };
          break;
        }
        case 'ProposalCommentReceived': {
          const d = e.data as unknown as ProposalCommentReceivedData;
          view.comments.push({
            commentId: d.commentId,
            content: d.content,
            fromUnitId: d.fromUnitId ?? null,
            on: on(e),
            event: sourceEvent(e),
          });
          break;
        }
        case 'CouncilMeetingHeld': {
          const d = e.data as unknown as CouncilMeetingHeldData;
          view.meetings.push({
            meetingId: d.meetingId,
            on: on(e),
            members: d.members,
            present: d.present,
            minutes: d.minutes,
            event: sourceEvent(e),
          });
          break;
        }
        case 'CouncilVoteRecorded': {
          const d = e.data as unknown as CouncilVoteRecordedData;
          const item = view.items.find((i) => i.itemId === d.itemId);
          if (item)
            item.vote = {
              meetingId: d.meetingId,
              yes: int(d.yes),
              no: int(d.no),
              members: int(d.members),
              present: int(d.present),
              secret: d.secret,
              threshold: d.threshold,
              approved: d.approved,
              on: on(e),
              event: sourceEvent(e),
            };
          break;
        }
        case 'ProposalForwarded': {
          const d = e.data as unknown as ProposalForwardedData;
          view.status = 'forwarded';
          view.forwarded = {
            approvedItems: d.approvedItems,
            reference: d.reference,
            on: on(e),
            event: sourceEvent(e),
          };
          break;
        }
        case 'ProposalReturned': {
          const d = e.data as unknown as ProposalReturnedData;
          view.status = 'returned';
          view.returned = { reason: d.reason, on: on(e), event: sourceEvent(e) };
          break;
        }
        default:
          break;
      }
    }
    return view;
  }

  private async readAll(streamId: string): Promise<StoredEvent[]> {
    const all: StoredEvent[] = [];
    for (let fromRevision = 0; ;) {
      const page = await this.events.readStream(streamId, { fromRevision, maxCount: PAGE });
      all.push(...page);
      if (page.length < PAGE) return all;
      fromRevision = page[page.length - 1]!.revision + 1;
    }
  }
}
