/**
 * Every route × every kind of caller (DESIGN.md §4, §6): the answer's status, and that a refusal (401 or
 * 403) records nothing. Routes come from the Nest router at run time: a route without a row fails the
 * suite, and a route that declares no rule (neither @Public nor @Roles) is closed to everyone.
 */
import { Controller, Get, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { allProjections } from '@thidua/projections';
import { EVENT_STORE, type EventStore } from '@thidua/event-store';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectOk, supertestHttp, type Http } from './support/http.js';
import { nestRoutes } from './support/routes.js';
import {
  allUnitIds,
  awardDecision,
  buildWorld,
  complaint,
  DECISION_COMPLAINT_RECEIVED,
  CLUSTER,
  ORGANIZER,
  OTHER_CLUSTER,
  councilMeetingBody,
  pledge,
  proposalBody,
  titleReviewBody,
  scheme,
  signTokens,
  SPARE_UNIT,
  UNITS,
  YEAR_PATH,
  type World,
} from './support/world.js';

/** A feature that forgot to say who may call it: the guard must close both routes to everyone. */
@Controller('careless')
class CarelessController {
  @Get('forgotten')
  read() {
    return { leaked: true };
  }

  @Post('forgotten')
  write() {
    return { leaked: true };
  }
}

@Module({ controllers: [CarelessController] })
class CarelessModule {}

const ACTORS = ['admin', 'org', 'org2', 'own', 'other', 'chair', 'insp', 'view', 'none'] as const;
type Actor = (typeof ACTORS)[number];

/**
 * Who gets what. Columns: admin; org = organizer of the cluster (Bộ Công an); org2 = organizer of another
 * cluster (Công an tỉnh Hà Tĩnh); own = officer of the unit the request is about; other = officer of
 * another member unit; chair = officer of the chair unit (Cụm trưởng); insp = inspector; view = viewer;
 * none = no token. `#variant` names a second row for the same route.
 */
const MATRIX = `
route                                                                  admin org  org2 own  other chair insp view none
GET  /health                                                           200   200  200  200  200   200   200  200  200
GET  /health/live                                                      200   200  200  200  200   200   200  200  200
GET  /health/ready                                                     200   200  200  200  200   200   200  200  200
GET  /metrics                                                          200   200  200  200  200   200   200  200  200
GET  /docs                                                             200   200  200  200  200   200   200  200  200
GET  /docs-json                                                        200   200  200  200  200   200   200  200  200
GET  /audit/public-key                                                 200   200  200  200  200   200   200  200  200
GET  /clusters                                                         200   200  200  200  200   200   200  200  401
GET  /clusters/{clusterId}                                             200   200  200  200  200   200   200  200  401
GET  /clusters/{clusterId}/years/{year}                                200   200  200  200  200   200   200  200  401
GET  /clusters/{clusterId}/years/{year}/changes                        200   200  200  200  200   200   200  200  401
GET  /units                                                            200   200  200  200  200   200   200  200  401
GET  /units/{unitId}                                                   200   200  200  200  200   200   200  200  401
GET  /organizers                                                       200   200  200  200  200   200   200  200  401
GET  /organizers/{unitId}                                              200   200  200  200  200   200   200  200  401
GET  /clusters/{clusterId}/years/{year}/pledges                        200   200  200  200  200   200   200  200  401
GET  /clusters/{clusterId}/years/{year}/rankings/{period}              200   200  200  200  200   200   200  200  401
GET  /clusters/{clusterId}/years/{year}/rankings/{period}/explain      200   200  200  200  200   200   200  200  401
POST /clusters/{clusterId}/years/{year}/rankings/{period}/what-if      200   200  200  403  403   403   200  200  401
GET  /units/{unitId}/history                                           200   200  200  200  200   200   200  200  401
GET  /totals/{year}                                                    200   200  200  200  200   200   200  200  401
GET  /totals/{year}/awards                                             200   200  200  200  200   200   200  403  401
GET  /audit/streams/{streamId}                                         200   403  403  403  403   403   200  403  401
GET  /audit/verify                                                     200   403  403  403  403   403   200  403  401
GET  /audit/digest                                                     200   403  403  403  403   403   200  403  401
POST /audit/verify-against                                             200   403  403  403  403   403   200  403  401
GET  /admin/projections                                                200   403  403  403  403   403   200  403  401
POST /admin/projections/{name}/rebuild                                 202   403  403  403  403   403   403  403  401
GET  /admin/tokens/revocations                                         200   403  403  403  403   403   200  403  401
POST /admin/tokens/revocations                                         201   403  403  403  403   403   403  403  401
POST /units                                                            201   403  403  403  403   403   403  403  401
POST /units/{unitId}/rename                                            201   403  403  403  403   403   403  403  401
POST /units/{unitId}/merge                                             201   403  403  403  403   403   403  403  401
POST /units/{unitId}/dissolution                                       201   403  403  403  403   403   403  403  401
POST /clusters                                                         201   403  403  403  403   403   403  403  401
POST /blocs                                                            201   403  403  403  403   403   403  403  401
PUT  /clusters/{clusterId}/years/{year}/pledge-rules                   403   201  403  403  403   403   403  403  401
PUT  /organizers/{organizerUnitId}/years/{year}/window                 201   201  403  403  403   403   403  403  401
POST /clusters/{clusterId}/rename                                      201   201  403  403  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/members                        403   201  403  403  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/chair                          403   201  403  403  403   403   403  403  401
PUT  /clusters/{clusterId}/years/{year}/chair-policy                   403   201  403  403  403   403   403  403  401
PUT  /clusters/{clusterId}/years/{year}/scheme                         403   201  403  403  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/pledges                        403   403  403  201  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/pledges/{unitId}/amendment     403   403  403  201  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/periods/{period}/open          403   201  403  403  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/scores#self                    403   403  403  201  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/scores#cluster                 403   201  403  403  403   201   403  403  401
POST /clusters/{clusterId}/years/{year}/scores#appraisal               403   201  403  403  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/inspections                    403   201  403  403  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/conferences                    403   201  403  403  403   201   403  403  401
POST /clusters/{clusterId}/years/{year}/plans                          403   201  403  403  403   201   403  403  401
POST /clusters/{clusterId}/years/{year}/findings                       403   201  403  403  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/findings/{findingId}/clearance 403   201  403  403  403   403   403  403  401
POST /discipline/{subjectKind}/{subjectId}/cases                       201   201  201  403  403   403   403  403  401
POST /discipline/{subjectKind}/{subjectId}/cases/{caseId}/decision     201   201  201  403  403   403   403  403  401
POST /discipline/{subjectKind}/{subjectId}/cases/{caseId}/clearance    201   201  201  403  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/scores/{entryId}/corrections   403   403  403  201  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/scores/{entryId}/withdrawal    403   403  403  201  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/disputes                       403   403  403  201  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/disputes/{disputeId}/resolution 403  201  403  403  403   201   403  403  401
POST /clusters/{clusterId}/years/{year}/elections                      403   403  403  403  403   201   403  403  401
POST /clusters/{clusterId}/years/{year}/elections/{electionId}/ballots 403   403  403  201  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/elections/{electionId}/close   403   403  403  403  403   201   403  403  401
POST /clusters/{clusterId}/years/{year}/title-reviews                  403   422  403  403  403   422   403  403  401
POST /proposals                                                        201   403  403  201  403   403   403  403  401
POST /proposals/{proposalId}/public-notice                             201   201  201  403  403   403   403  403  401
POST /proposals/{proposalId}/comments                                  201   201  201  403  403   403   403  403  401
POST /proposals/{proposalId}/council-meetings                          201   201  201  403  403   403   403  403  401
POST /proposals/{proposalId}/council-votes                             201   201  201  403  403   403   403  403  401
POST /proposals/{proposalId}/outcome                                   201   201  201  403  403   403   403  403  401
POST /award-decisions                                                  201   201  403  403  403   403   403  403  401
GET  /awards/{awardId}                                                 200   200  200  200  200   200   200  200  401
GET  /proposals/{proposalId}                                           200   200  200  200  200   200   200  200  401
POST /awards/{awardId}/basis-confirmation                              403   422  422  403  403   403   403  403  401
PUT  /organizers/{organizerUnitId}/years/{year}/flag-quota             201   201  403  403  403   403   403  403  401
POST /awards/{awardId}/revocation                                      201   201  201  403  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/members/{unitId}/withdrawal    403   201  403  403  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/periods/{period}/close         403   201  403  403  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/periods/{period}/reopen        403   201  403  403  403   403   403  403  401
POST /clusters/{clusterId}/dissolution                                 201   201  403  403  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/complaints                     403   201  403  201  403   403   403  403  401
POST /clusters/{clusterId}/years/{year}/complaints/{complaintId}/resolution 403 201 403 403 403 403 403  403  401
POST /clusters/{clusterId}/years/{year}/complaints/{complaintId}/escalation 403 403 403 201 403 403 403  403  401
POST /award-decisions/{decisionId}/complaints                          201   201  201  201  403   403   403  403  401
POST /award-decisions/{decisionId}/complaints/{complaintId}/resolution 201   201  201  403  403   403   403  403  401
POST /award-decisions/{decisionId}/complaints/{complaintId}/escalation 201   201  201  201  403   403   403  403  401
POST /people                                                           201   201  201  201  403   403   403  403  401
GET  /people/{personId}                                                200   200  200  200  200   200   200  403  401
GET  /units/{unitId}/people                                            200   200  200  200  200   200   200  403  401
POST /people/{personId}/transfers                                      201   201  201  403  403   403   403  403  401
POST /people/{personId}/erasure                                        201   403  403  403  403   403   403  403  401
POST /people/{personId}/title-registrations                            201   201  201  201  403   403   403  403  401
POST /people/{personId}/prior-titles                                   201   201  201  403  403   403   403  403  401
PUT  /organizers/{organizerUnitId}/years/{year}/registration-deadline  201   201  403  403  403   403   403  403  401
PUT  /clusters/{clusterId}/years/{year}/reported-figures              201   201  403  403  403   403   403  403  401
PUT  /organizers/{organizerUnitId}/years/{year}/reported-figures       201   201  403  403  403   403   403  403  401
GET  /careless/forgotten                                               403   403  403  403  403   403   403  403  401
POST /careless/forgotten                                               403   403  403  403  403   403   403  403  401
`;

/** 403 cells refused by a rule with a code of its own (every other 403 says FORBIDDEN). */
const CODES_403: Record<string, Partial<Record<Actor, string>>> = {
  // An officer of ktnv giving its own unit's cluster score: nobody scores itself (issue 13).
  'POST /clusters/{clusterId}/years/{year}/scores#cluster': { own: 'OWN_UNIT_ASSESSMENT' },
  // Another organizer recording an award for a unit none of its clusters holds (issue 12, part B).
  'POST /award-decisions': { org2: 'NOT_THE_RECIPIENTS_ORGANIZER' },
};

/**
 * 422 cells: the caller passes the role check, and the object's rule refuses it with this code (nothing
 * recorded). The world's award is a Bằng khen, so confirming a flag's basis on it is NO_FLAG_BASIS for the
 * organizers (test/awards.e2e.spec.ts confirms a real flag's basis).
 */
const CODES_422: Record<string, Partial<Record<Actor, string>>> = {
  'POST /awards/{awardId}/basis-confirmation': { org: 'NO_FLAG_BASIS', org2: 'NO_FLAG_BASIS' },
  // The world's Y ranking is not final: the title review's candidates cannot come from it (awards.e2e covers one).
  'POST /clusters/{clusterId}/years/{year}/title-reviews': {
    org: 'CLUSTER_RANKING_NOT_FINAL',
    chair: 'CLUSTER_RANKING_NOT_FINAL',
  },
};

interface Row {
  /** `METHOD /path` (+ `#variant`). */
  key: string;
  route: string;
  expected: Record<Actor, number>;
}

function parseMatrix(text: string): Row[] {
  const lines = text.trim().split('\n').slice(1);
  return lines.map((line) => {
    const [method, path, ...statuses] = line.trim().split(/\s+/);
    if (statuses.length !== ACTORS.length)
      throw new Error(`matrix row has ${statuses.length} columns: ${line}`);
    const key = `${method} ${path}`;
    return {
      key,
      route: key.split('#')[0]!,
      expected: Object.fromEntries(ACTORS.map((a, i) => [a, Number(statuses[i])])) as Record<Actor, number>,
    };
  });
}

const ROWS = parseMatrix(MATRIX);
/** Served by Fastify directly (OpenAPI UI), not by a Nest controller. */
const FASTIFY_ONLY = ['GET /docs', 'GET /docs-json'];

interface Req {
  method: string;
  path: string;
  body?: unknown;
  /** Server-Sent Events: the answer is its status and first bytes. */
  eventStream?: boolean;
}

/** Builds the request a cell sends; `fresh` asks for a target of its own (a cell expected to succeed). */
type Builder = (fresh: boolean) => Promise<Req>;

describe('authorization matrix: every route × role × own/other unit (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let store: EventStore;
  let w: World;
  let n = 0;
  const unique = (prefix: string) => `${prefix}-${(n += 1)}`;

  /** The token each column sends, for a row about `own` with `other` as the other member. */
  const tokenOf = (actor: Actor, own: string, other: string): string | undefined =>
    ({
      admin: w.tokens.admin,
      org: w.tokens.organizer,
      org2: w.tokens.otherOrganizer,
      own: w.tokens.officer(own),
      other: w.tokens.officer(other),
      chair: w.tokens.officer(UNITS.chair.id),
      insp: w.tokens.inspector,
      view: w.tokens.viewer,
      none: undefined,
    })[actor];

  const ok = (method: string, path: string, token: string, body?: unknown) =>
    expectOk(http, method, path, { token, ...(body !== undefined && { body }) });
  const newUnit = async () => {
    const unitId = unique('phong-thu-nghiem');
    await ok('POST', '/units', w.tokens.admin, { unitId, name: 'Phòng thử nghiệm', kind: 'phong' });
    return unitId;
  };
  /** (period, criterion) slots no other row scores ktnv's self assessment on. */
  const slots = [
    ...['phong-trao', 'diem-thuong', 'diem-tru'].flatMap((c) => [['Q1', c] as const, ['Q4', c] as const]),
    ['Q4', 'xd-dang'] as const,
    ['Q4', 'chuyen-mon'] as const,
  ];
  /** A self entry of ktnv on a slot it has no entry for yet. */
  const newSelfEntry = async () => {
    const slot = slots.shift();
    if (!slot) throw new Error('out of scoring slots');
    const res = await ok('POST', `${YEAR_PATH}/scores`, w.tokens.officer(UNITS.own.id), {
      unitId: UNITS.own.id,
      period: slot[0],
      criterion: slot[1],
      points: 3,
      assessment: 'self',
    });
    return res.body.entryId as string;
  };
  const newDispute = async () => {
    const entryId = await newSelfEntry();
    const res = await ok('POST', `${YEAR_PATH}/disputes`, w.tokens.officer(UNITS.own.id), {
      entryId,
      reason: 'Đề nghị xem xét lại',
    });
    return res.body.disputeId as string;
  };
  const newAward = async () => {
    const res = await ok('POST', '/award-decisions', w.tokens.admin, awardDecision(UNITS.own.id));
    return res.body.awardIds[0] as string;
  };
  /** The shared target of the refused cells, made once; a fresh one per cell expected to succeed. */
  const target = <T>(make: () => Promise<T>) => {
    let shared: Promise<T> | undefined;
    return (fresh: boolean) => (fresh ? make() : (shared ??= make()));
  };

  /** Rows whose `own` column is another unit than UNITS.own (the unit that has not signed yet). */
  const OWN: Record<string, { own: string; other: string }> = {
    'POST /clusters/{clusterId}/years/{year}/pledges': { own: UNITS.other.id, other: UNITS.fourth.id },
  };

  const builders = (): Record<string, Builder> => {
    const G =
      (path: string): Builder =>
      async () => ({ method: 'GET', path });
    const P =
      (path: string, body?: () => unknown, method = 'POST'): Builder =>
      async () => ({ method, path, ...(body && { body: body() }) });
    const unitToMerge = target(newUnit);
    const unitToDissolve = target(newUnit);
    const clusterToDissolve = target(async () => {
      const clusterId = unique('cum-giai-the');
      await ok('POST', '/clusters', w.tokens.admin, {
        clusterId,
        organizerUnitId: ORGANIZER,
        number: 100 + n,
        name: 'Cụm thi đua tạm thời',
      });
      return clusterId;
    });
    const entryToCorrect = target(() => newSelfEntry());
    const entryToWithdraw = target(() => newSelfEntry());
    const dispute = target(newDispute);
    const award = target(newAward);
    const finding = target(async () => {
      const res = await ok('POST', `${YEAR_PATH}/findings`, w.tokens.organizer, {
        unitId: UNITS.fourth.id,
        period: 'Q1',
        knockOut: 'su-co-nghiem-trong',
        evidence: 'Biên bản kiểm tra',
      });
      return res.body.findingId as string;
    });
    const fileComplaint = async (path: string, body: object) =>
      (await ok('POST', path, w.tokens.officer(UNITS.own.id), body)).body.complaintId as string;
    const resolved = async (path: string, id: string) => {
      await ok('POST', `${path}/${id}/resolution`, w.tokens.organizer, {
        outcome: 'rejected',
        reason: 'Không có căn cứ',
        decisionRef: '9/QĐ',
      });
      return id;
    };
    const yearPath = `${YEAR_PATH}/complaints`;
    const decisionPath = `/award-decisions/${w.decisionId}/complaints`;
    const yearComplaint = target(() =>
      fileComplaint(yearPath, complaint({ target: { kind: 'score-entry', entryId: w.ownSelfEntry } })),
    );
    const rejectedYearComplaint = target(async () =>
      resolved(
        yearPath,
        await fileComplaint(
          yearPath,
          complaint({ target: { kind: 'score-entry', entryId: w.ownSelfEntry } }),
        ),
      ),
    );
    const decisionComplaint = target(() =>
      fileComplaint(decisionPath, complaint({ receivedOn: DECISION_COMPLAINT_RECEIVED })),
    );
    const rejectedDecisionComplaint = target(async () =>
      resolved(
        decisionPath,
        await fileComplaint(decisionPath, complaint({ receivedOn: DECISION_COMPLAINT_RECEIVED })),
      ),
    );
    const newProposal = async () => {
      const res = await ok('POST', '/proposals', w.tokens.officer(UNITS.own.id), proposalBody(UNITS.own.id));
      return { proposalId: res.body.proposalId as string, meetingId: '' };
    };
    const withMeeting = async () => {
      const p = await newProposal();
      const res = await ok(
        'POST',
        `/proposals/${p.proposalId}/council-meetings`,
        w.tokens.organizer,
        councilMeetingBody(),
      );
      return { ...p, meetingId: res.body.meetingId as string };
    };
    const proposal = target(newProposal);
    const publishedProposal = target(async () => {
      const p = await newProposal();
      await ok('POST', `/proposals/${p.proposalId}/public-notice`, w.tokens.organizer, {
        from: '2021-12-02',
        to: '2021-12-08',
        where: 'Cổng thông tin',
      });
      return p;
    });
    const proposalWithMeeting = target(withMeeting);
    const votedProposal = target(async () => {
      const p = await withMeeting();
      await ok('POST', `/proposals/${p.proposalId}/council-votes`, w.tokens.organizer, {
        meetingId: p.meetingId,
        itemId: `${p.proposalId}-1`,
        yes: 5,
        no: 0,
        secret: false,
      });
      return p;
    });
    const disciplineCase = target(async () => {
      const res = await ok('POST', '/discipline/person/cb-ma-tran/cases', w.tokens.admin, {
        note: 'Vi phạm',
      });
      return res.body.caseId as string;
    });
    /** A person of the own unit (issue 12): registered by an administrator, one per cell that succeeds. */
    const newPerson = async () => {
      const personId = unique('cb-ma-tran');
      const res = await ok('POST', '/people', w.tokens.admin, {
        personId,
        unitId: UNITS.own.id,
        fullName: 'Cán bộ ma trận (dữ liệu mẫu)',
      });
      return { personId, position: res.body.position as number };
    };
    const personToRead = target(newPerson);
    const personToTransfer = target(newPerson);
    const personToErase = target(newPerson);
    const personToRegister = target(newPerson);
    const personWithPast = target(newPerson);
    /** (period, criterion) slots for the cluster assessments of ktnv that succeed. */
    const clusterSlots = [
      { period: 'Q4', criterion: 'xd-dang' },
      { period: 'Q4', criterion: 'chuyen-mon' },
      { period: 'Q4', criterion: 'phong-trao' },
    ];
    const clusterSlot = () => {
      const slot = clusterSlots.shift();
      if (!slot) throw new Error('out of cluster slots');
      return slot;
    };
    let digest: unknown;
    return {
      'GET /health': G('/health'),
      'GET /health/live': G('/health/live'),
      'GET /health/ready': G('/health/ready'),
      'GET /metrics': G('/metrics'),
      'GET /docs': G('/docs'),
      'GET /docs-json': G('/docs-json'),
      'GET /audit/public-key': G('/audit/public-key'),
      'GET /clusters': G('/clusters'),
      'GET /clusters/{clusterId}': G(`/clusters/${CLUSTER}`),
      'GET /clusters/{clusterId}/years/{year}': G(YEAR_PATH),
      'GET /clusters/{clusterId}/years/{year}/changes': async () => ({
        method: 'GET',
        path: `${YEAR_PATH}/changes`,
        eventStream: true,
      }),
      'GET /units': G('/units'),
      'GET /units/{unitId}': G(`/units/${UNITS.own.id}`),
      'GET /organizers': G('/organizers'),
      'GET /organizers/{unitId}': G(`/organizers/${ORGANIZER}`),
      'GET /clusters/{clusterId}/years/{year}/pledges': G(`${YEAR_PATH}/pledges`),
      'GET /clusters/{clusterId}/years/{year}/rankings/{period}': G(`${YEAR_PATH}/rankings/Q1`),
      'GET /clusters/{clusterId}/years/{year}/rankings/{period}/explain': G(
        `${YEAR_PATH}/rankings/Q1/explain`,
      ),
      'POST /clusters/{clusterId}/years/{year}/rankings/{period}/what-if': P(
        `${YEAR_PATH}/rankings/Q1/what-if`,
        () => ({
          exclude: [w.ownClusterEntry],
        }),
      ),
      'GET /units/{unitId}/history': G(`/units/${UNITS.own.id}/history`),
      'GET /totals/{year}': G(`/totals/2021?cluster=${CLUSTER}`),
      'GET /totals/{year}/awards': G(`/totals/2021/awards?cluster=${CLUSTER}`),
      'GET /units/{unitId}/people': G(`/units/${UNITS.own.id}/people`),
      'GET /audit/streams/{streamId}': G(`/audit/streams/emulation-${CLUSTER}-2021`),
      'GET /audit/verify': G('/audit/verify'),
      'GET /audit/digest': G('/audit/digest?heads=false'),
      'POST /audit/verify-against': async () => {
        digest ??= (await ok('GET', '/audit/digest?heads=false', w.tokens.inspector)).body;
        return { method: 'POST', path: '/audit/verify-against', body: digest };
      },
      'GET /admin/projections': G('/admin/projections'),
      'POST /admin/projections/{name}/rebuild': P('/admin/projections/cluster-directory/rebuild'),
      'GET /admin/tokens/revocations': G('/admin/tokens/revocations'),
      'POST /admin/tokens/revocations': async () => ({
        method: 'POST',
        path: '/admin/tokens/revocations',
        body: { tokenId: unique('tok'), reason: 'Thu hồi theo yêu cầu' },
      }),
      'POST /units': async () => ({
        method: 'POST',
        path: '/units',
        body: { unitId: unique('doi-moi'), name: 'Đội công tác mới', kind: 'phong', parentUnitId: ORGANIZER },
      }),
      'POST /units/{unitId}/rename': async () => ({
        method: 'POST',
        path: `/units/${UNITS.fifth.id}/rename`,
        body: { name: `Bộ Tư lệnh Cảnh vệ ${unique('lan')}` },
      }),
      'POST /units/{unitId}/merge': async (fresh) => ({
        method: 'POST',
        path: `/units/${await unitToMerge(fresh)}/merge`,
        body: { intoUnitId: ORGANIZER, reason: 'Sáp nhập theo đề án' },
      }),
      'POST /units/{unitId}/dissolution': async (fresh) => ({
        method: 'POST',
        path: `/units/${await unitToDissolve(fresh)}/dissolution`,
        body: { reason: 'Giải thể' },
      }),
      'POST /clusters': async () => ({
        method: 'POST',
        path: '/clusters',
        body: {
          clusterId: unique('cum-moi'),
          organizerUnitId: ORGANIZER,
          number: 50 + n,
          name: 'Cụm thi đua mới',
        },
      }),
      'PUT /organizers/{organizerUnitId}/years/{year}/window': P(
        `/organizers/${ORGANIZER}/years/2022/window`,
        () => ({ opensOn: '2021-12-01', closesOn: '2022-11-30', reason: 'Điều chỉnh thời gian thi đua' }),
        'PUT',
      ),
      'POST /blocs': async () => ({
        method: 'POST',
        path: '/blocs',
        body: { blocId: unique('khoi-moi'), organizerUnitId: ORGANIZER, name: 'Khối mới' },
      }),
      'PUT /clusters/{clusterId}/years/{year}/pledge-rules': P(
        `${YEAR_PATH}/pledge-rules`,
        () => ({ keyTasks: 3, titleRequired: true }),
        'PUT',
      ),
      'POST /clusters/{clusterId}/rename': async () => ({
        method: 'POST',
        path: `/clusters/${CLUSTER}/rename`,
        body: { name: `Cụm thi đua số 2 (${unique('lan')})` },
      }),
      'POST /clusters/{clusterId}/years/{year}/members': P(`${YEAR_PATH}/members`, () => ({
        unitId: SPARE_UNIT.id,
      })),
      'POST /clusters/{clusterId}/years/{year}/chair': P(`${YEAR_PATH}/chair`, () => ({
        unitId: UNITS.fourth.id,
        role: 'vice-chair',
        source: 'organizer',
      })),
      'PUT /clusters/{clusterId}/years/{year}/chair-policy': P(
        `${YEAR_PATH}/chair-policy`,
        () => ({ forbidConsecutiveTerms: false }),
        'PUT',
      ),
      'PUT /clusters/{clusterId}/years/{year}/scheme': P(
        `${YEAR_PATH}/scheme`,
        () => scheme(undefined, 'Điều chỉnh thang điểm'),
        'PUT',
      ),
      'POST /clusters/{clusterId}/years/{year}/pledges': P(`${YEAR_PATH}/pledges`, () =>
        pledge(UNITS.other.id),
      ),
      'POST /clusters/{clusterId}/years/{year}/pledges/{unitId}/amendment': P(
        `${YEAR_PATH}/pledges/${UNITS.own.id}/amendment`,
        () => {
          const { titles, targets, keyTasks } = pledge(UNITS.own.id);
          return { titles, targets, keyTasks, reason: 'Bổ sung chỉ tiêu' };
        },
      ),
      'POST /clusters/{clusterId}/years/{year}/periods/{period}/open': P(`${YEAR_PATH}/periods/Q3/open`),
      'POST /clusters/{clusterId}/years/{year}/scores#self': P(`${YEAR_PATH}/scores`, () => ({
        unitId: UNITS.own.id,
        period: 'Q1',
        criterion: 'xd-dang',
        points: 27,
        assessment: 'self',
      })),
      'POST /clusters/{clusterId}/years/{year}/scores#cluster': async (fresh) => ({
        method: 'POST',
        path: `${YEAR_PATH}/scores`,
        body: {
          unitId: UNITS.own.id,
          ...(fresh ? clusterSlot() : { period: 'Q1', criterion: 'xd-dang' }),
          points: 2,
          assessment: 'cluster',
        },
      }),
      'POST /clusters/{clusterId}/years/{year}/scores#appraisal': P(`${YEAR_PATH}/scores`, () => ({
        unitId: UNITS.own.id,
        period: 'Q1',
        criterion: 'xd-dang',
        points: 25,
        assessment: 'appraisal',
      })),
      'POST /clusters/{clusterId}/years/{year}/conferences': P(`${YEAR_PATH}/conferences`, () => ({
        kind: 'giao ban',
        date: '2021-07-27',
        place: 'Hà Nội',
        presidingUnitId: UNITS.chair.id,
        minutes: { reference: 'Biên bản giao ban Quý II/2021', sha256: 'b'.repeat(64) },
      })),
      'POST /clusters/{clusterId}/years/{year}/plans': P(`${YEAR_PATH}/plans`, () => ({
        title: 'Kế hoạch triển khai phong trào thi đua năm 2021',
        reference: '12/KH-CTĐ',
      })),
      'POST /clusters/{clusterId}/years/{year}/inspections': async () => ({
        method: 'POST',
        path: `${YEAR_PATH}/inspections`,
        body: { period: 'Q4', inspectedUnitId: UNITS.fifth.id, inspectorUnitId: UNITS.fourth.id },
      }),
      'POST /clusters/{clusterId}/years/{year}/findings': P(`${YEAR_PATH}/findings`, () => ({
        unitId: UNITS.own.id,
        period: 'Q1',
        knockOut: 'ky-luat',
        evidence: 'Biên bản kiểm tra',
      })),
      'POST /clusters/{clusterId}/years/{year}/findings/{findingId}/clearance': async (fresh) => ({
        method: 'POST',
        path: `${YEAR_PATH}/findings/${await finding(fresh)}/clearance`,
        body: { reason: 'Kết luận lại' },
      }),
      'POST /discipline/{subjectKind}/{subjectId}/cases': P(`/discipline/unit/${UNITS.own.id}/cases`, () => ({
        note: 'Vi phạm quy trình (minh họa)',
      })),
      'POST /discipline/{subjectKind}/{subjectId}/cases/{caseId}/decision': async (fresh) => ({
        method: 'POST',
        path: `/discipline/person/cb-ma-tran/cases/${await disciplineCase(fresh)}/decision`,
        body: { form: 'Khiển trách', decisionRef: '15/QĐ', runsUntil: '2999-12-31' },
      }),
      'POST /discipline/{subjectKind}/{subjectId}/cases/{caseId}/clearance': async (fresh) => ({
        method: 'POST',
        path: `/discipline/person/cb-ma-tran/cases/${await disciplineCase(fresh)}/clearance`,
        body: { reason: 'Hủy quyết định' },
      }),
      'POST /clusters/{clusterId}/years/{year}/scores/{entryId}/corrections': async (fresh) => ({
        method: 'POST',
        path: `${YEAR_PATH}/scores/${await entryToCorrect(fresh)}/corrections`,
        body: { points: 4, reason: 'Bổ sung minh chứng' },
      }),
      'POST /clusters/{clusterId}/years/{year}/scores/{entryId}/withdrawal': async (fresh) => ({
        method: 'POST',
        path: `${YEAR_PATH}/scores/${await entryToWithdraw(fresh)}/withdrawal`,
        body: { reason: 'Nhập nhầm' },
      }),
      'POST /clusters/{clusterId}/years/{year}/disputes': P(`${YEAR_PATH}/disputes`, () => ({
        entryId: w.ownClusterEntry,
        reason: 'Đề nghị Cụm xem xét lại điểm',
      })),
      'POST /clusters/{clusterId}/years/{year}/disputes/{disputeId}/resolution': async (fresh) => ({
        method: 'POST',
        path: `${YEAR_PATH}/disputes/${await dispute(fresh)}/resolution`,
        body: { outcome: 'rejected', reason: 'Không có căn cứ' },
      }),
      'POST /clusters/{clusterId}/years/{year}/elections': P(`${YEAR_PATH}/elections`, () => ({
        role: 'vice-chair',
        candidates: [UNITS.other.id],
      })),
      'POST /clusters/{clusterId}/years/{year}/elections/{electionId}/ballots': async () => ({
        method: 'POST',
        path: `${YEAR_PATH}/elections/${w.electionId}/ballots`,
        body: { voterUnitId: UNITS.own.id, candidateUnitId: UNITS.own.id },
      }),
      'POST /clusters/{clusterId}/years/{year}/elections/{electionId}/close': async () => ({
        method: 'POST',
        path: `${YEAR_PATH}/elections/${w.electionId}/close`,
      }),
      'GET /awards/{awardId}': G(`/awards/${w.awardId}`),
      'GET /proposals/{proposalId}': G(`/proposals/${w.proposalId}`),
      'POST /clusters/{clusterId}/years/{year}/title-reviews': P(`${YEAR_PATH}/title-reviews`, () =>
        titleReviewBody(w.tongKetId),
      ),
      'POST /awards/{awardId}/basis-confirmation': P(`/awards/${w.awardId}/basis-confirmation`, () => ({
        reason: 'Giữ nguyên theo kết quả bình xét',
      })),
      'PUT /organizers/{organizerUnitId}/years/{year}/flag-quota': P(
        `/organizers/${ORGANIZER}/years/2022/flag-quota`,
        () => ({
          code: 'co-thi-dua-bo-cong-an',
          rule: { kind: 'per-cluster', count: 1 },
          reason: 'Điều chỉnh chỉ tiêu',
        }),
        'PUT',
      ),
      'POST /proposals': P('/proposals', () => proposalBody(UNITS.own.id)),
      'POST /proposals/{proposalId}/public-notice': async (fresh) => ({
        method: 'POST',
        path: `/proposals/${(await proposal(fresh)).proposalId}/public-notice`,
        body: { from: '2021-12-02', to: '2021-12-08', where: 'Cổng thông tin' },
      }),
      'POST /proposals/{proposalId}/comments': async () => ({
        method: 'POST',
        path: `/proposals/${(await publishedProposal(false)).proposalId}/comments`,
        body: { content: 'Nhất trí', effectiveDate: '2021-12-03' },
      }),
      'POST /proposals/{proposalId}/council-meetings': async () => ({
        method: 'POST',
        path: `/proposals/${(await proposal(false)).proposalId}/council-meetings`,
        body: councilMeetingBody(),
      }),
      'POST /proposals/{proposalId}/council-votes': async (fresh) => {
        const p = await proposalWithMeeting(fresh);
        return {
          method: 'POST',
          path: `/proposals/${p.proposalId}/council-votes`,
          body: { meetingId: p.meetingId, itemId: `${p.proposalId}-1`, yes: 5, no: 0, secret: false },
        };
      },
      'POST /proposals/{proposalId}/outcome': async (fresh) => ({
        method: 'POST',
        path: `/proposals/${(await votedProposal(fresh)).proposalId}/outcome`,
        body: { outcome: 'forwarded', reference: '45/TTr-X01' },
      }),
      'POST /award-decisions': P('/award-decisions', () => awardDecision(UNITS.own.id)),
      'POST /awards/{awardId}/revocation': async (fresh) => ({
        method: 'POST',
        path: `/awards/${await award(fresh)}/revocation`,
        body: {
          reason: 'Hồ sơ không trung thực',
          decisionRef: '55/QĐ-BCA',
          ground: 'false-declaration',
          authority: 'bo-truong-bca',
          recovery: { insignia: true, moneyVnd: 0 },
        },
      }),
      'POST /clusters/{clusterId}/years/{year}/members/{unitId}/withdrawal': P(
        `${YEAR_PATH}/members/${UNITS.fifth.id}/withdrawal`,
        () => ({ reason: 'Điều chỉnh cụm thi đua' }),
      ),
      'POST /clusters/{clusterId}/years/{year}/periods/{period}/close': P(
        `${YEAR_PATH}/periods/H1/close`,
        () => ({
          acceptIncomplete: { reason: 'Chưa chấm điểm 6 tháng' },
        }),
      ),
      'POST /clusters/{clusterId}/years/{year}/periods/{period}/reopen': P(
        `${YEAR_PATH}/periods/Q2/reopen`,
        () => ({
          reason: 'Rà soát lại',
        }),
      ),
      'POST /clusters/{clusterId}/dissolution': async (fresh) => ({
        method: 'POST',
        path: `/clusters/${await clusterToDissolve(fresh)}/dissolution`,
        body: { reason: 'Giải thể cụm' },
      }),
      'POST /clusters/{clusterId}/years/{year}/complaints': P(`${YEAR_PATH}/complaints`, () =>
        complaint({ target: { kind: 'score-entry', entryId: w.ownSelfEntry } }),
      ),
      'POST /clusters/{clusterId}/years/{year}/complaints/{complaintId}/resolution': async (fresh) => ({
        method: 'POST',
        path: `${YEAR_PATH}/complaints/${await yearComplaint(fresh)}/resolution`,
        body: { outcome: 'rejected', reason: 'Không có căn cứ', decisionRef: '21/QĐ-BCA' },
      }),
      'POST /clusters/{clusterId}/years/{year}/complaints/{complaintId}/escalation': async (fresh) => ({
        method: 'POST',
        path: `${YEAR_PATH}/complaints/${await rejectedYearComplaint(fresh)}/escalation`,
        body: { reason: 'Không đồng ý' },
      }),
      'POST /award-decisions/{decisionId}/complaints': P(`/award-decisions/${w.decisionId}/complaints`, () =>
        complaint({ receivedOn: DECISION_COMPLAINT_RECEIVED }),
      ),
      'POST /award-decisions/{decisionId}/complaints/{complaintId}/resolution': async (fresh) => ({
        method: 'POST',
        path: `/award-decisions/${w.decisionId}/complaints/${await decisionComplaint(fresh)}/resolution`,
        body: { outcome: 'rejected', reason: 'Không có căn cứ', decisionRef: '22/QĐ-BCA' },
      }),
      'POST /award-decisions/{decisionId}/complaints/{complaintId}/escalation': async (fresh) => ({
        method: 'POST',
        path: `/award-decisions/${w.decisionId}/complaints/${await rejectedDecisionComplaint(fresh)}/escalation`,
        body: { reason: 'Không đồng ý' },
      }),
      'POST /people': P('/people', () => ({
        personId: unique('cb-moi'),
        unitId: UNITS.own.id,
        fullName: 'Cán bộ mới (dữ liệu mẫu)',
      })),
      'GET /people/{personId}': async () => {
        const { personId, position } = await personToRead(false);
        return { method: 'GET', path: `/people/${personId}?minPosition=${position}` };
      },
      'POST /people/{personId}/transfers': async (fresh) => ({
        method: 'POST',
        path: `/people/${(await personToTransfer(fresh)).personId}/transfers`,
        body: { toUnitId: UNITS.other.id },
      }),
      'POST /people/{personId}/erasure': async (fresh) => ({
        method: 'POST',
        path: `/people/${(await personToErase(fresh)).personId}/erasure`,
        body: { requestRef: 'YC-1 (dữ liệu mẫu)' },
      }),
      'POST /people/{personId}/title-registrations': async (fresh) => ({
        method: 'POST',
        path: `/people/${(await personToRegister(fresh)).personId}/title-registrations`,
        body: { year: 2021, code: 'chien-si-tien-tien', organizerUnitId: ORGANIZER },
      }),
      'POST /people/{personId}/prior-titles': async (fresh) => ({
        method: 'POST',
        path: `/people/${(await personWithPast(fresh)).personId}/prior-titles`,
        body: { code: 'chien-si-thi-dua-co-so', year: 2020, decisionRef: '10/QĐ (mẫu)' },
      }),
      'PUT /organizers/{organizerUnitId}/years/{year}/registration-deadline': P(
        `/organizers/${ORGANIZER}/years/2021/registration-deadline`,
        () => ({ deadline: '2021-03-25', reason: 'Hạn đăng ký (dữ liệu mẫu)' }),
        'PUT',
      ),
      'PUT /clusters/{clusterId}/years/{year}/reported-figures': P(
        `${YEAR_PATH}/reported-figures`,
        () => ({ total: 12, source: { reference: 'Báo cáo (dữ liệu mẫu)' }, reason: 'Báo cáo bổ sung' }),
        'PUT',
      ),
      'PUT /organizers/{organizerUnitId}/years/{year}/reported-figures': P(
        `/organizers/${ORGANIZER}/years/2021/reported-figures`,
        () => ({ total: 40, source: { reference: 'Báo cáo (dữ liệu mẫu)' }, reason: 'Báo cáo bổ sung' }),
        'PUT',
      ),
      'GET /careless/forgotten': G('/careless/forgotten'),
      'POST /careless/forgotten': P('/careless/forgotten', () => ({})),
    };
  };
  let build: Record<string, Builder>;

  beforeAll(async () => {
    t = await startTestApp({
      projections: allProjections,
      imports: [CarelessModule],
      env: { RATE_LIMIT: '0', READ_WAIT_MAX_MS: '3000' },
    });
    http = supertestHttp(t.server);
    store = t.app.get<EventStore>(EVENT_STORE);
    const tokens = await signTokens((c) => t.token(c), allUnitIds());
    w = await buildWorld(http, tokens);
    await ok('POST', `${YEAR_PATH}/periods/H1/open`, tokens.organizer);
    await ok('POST', `${YEAR_PATH}/periods/Q4/open`, tokens.organizer);
    // Org2 runs a cluster-year of its own, so its refusals here are about this cluster, not about having none.
    await ok('POST', `/clusters/${OTHER_CLUSTER}/years/2021/members`, tokens.otherOrganizer, {
      unitId: SPARE_UNIT.id,
    });
    build = builders();
  });
  afterAll(() => t?.close());

  it('has exactly one row per route the router mounts (plus the Fastify-served docs), and a request for each', () => {
    const mounted = nestRoutes(t.app as NestFastifyApplication).map((r) => r.key);
    const rows = [...new Set(ROWS.map((r) => r.route))];
    expect([...rows].sort()).toEqual([...mounted, ...FASTIFY_ONLY].sort());
    expect(Object.keys(build).sort()).toEqual(ROWS.map((r) => r.key).sort());
  });

  it('closes a route with no declared rule, and only the probe route has none', () => {
    const undeclared = nestRoutes(t.app as NestFastifyApplication)
      .filter((r) => 'none' in r.access)
      .map((r) => r.key);
    expect(undeclared.sort()).toEqual(['GET /careless/forgotten', 'POST /careless/forgotten']);
    for (const key of undeclared) {
      const row = ROWS.find((r) => r.key === key)!;
      expect(Object.values(row.expected).every((s) => s === 401 || s === 403)).toBe(true);
    }
  });

  it.each(ROWS)('$key', async (row) => {
    const { own, other } = OWN[row.key] ?? { own: UNITS.own.id, other: UNITS.other.id };
    // Refusals first (they must leave the shared target as it was), then the callers who may.
    const order = [...ACTORS].sort((a, b) => Number(row.expected[a] < 300) - Number(row.expected[b] < 300));
    const actual = {} as Record<Actor, number>;
    const recorded: string[] = [];
    for (const actor of order) {
      const expected = row.expected[actor];
      const req = await build[row.key]!(expected < 300 && row.route.split(' ')[0] !== 'GET');
      const token = tokenOf(actor, own, other);
      const before = await store.headPosition();
      const res = await http(req.method, req.path, {
        ...(token !== undefined && { token }),
        ...(req.body !== undefined && { body: req.body }),
        ...(req.eventStream && { eventStream: true }),
      });
      const after = await store.headPosition();
      actual[actor] = res.status;
      if (res.status === 401 || res.status === 403) {
        if (after !== before)
          recorded.push(`${actor}: refused with ${res.status} but recorded ${after - before} event(s)`);
        const code = res.body?.code;
        const refusal = res.status === 401 ? 'UNAUTHENTICATED' : (CODES_403[row.key]?.[actor] ?? 'FORBIDDEN');
        if (code !== refusal) recorded.push(`${actor}: ${res.status} with code ${String(code)}`);
      } else if (res.status === 201 && after <= before) recorded.push(`${actor}: 201 but nothing recorded`);
      else if (res.status === 422 && CODES_422[row.key]?.[actor] === res.body?.code) {
        if (after !== before)
          recorded.push(`${actor}: refused with 422 but recorded ${after - before} event(s)`);
      } else if (res.status >= 400) recorded.push(`${actor}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    // Compared as a table line, so a mismatch reads like the MATRIX row it breaks.
    const line = (s: Record<Actor, number>) => ACTORS.map((a) => `${a}:${s[a]}`).join(' ');
    expect(line(actual)).toBe(line(row.expected));
    expect(recorded).toEqual([]);
  });
});
