import type { Schemas } from '@thidua/api-client';
import { api, must } from '../api';
import { authorityLabel, kindLabel, thresholdLabel } from '../award-labels';
import { AwardStatus } from '../components/award-status';
import { Badge, Breadcrumbs, Hash, Load } from '../components/common';
import { EventLink } from '../components/event-link';
import { day, num } from '../format';
import { useClusterName } from '../loads';
import { to } from '../routes';
import { useLoad, useTitle } from '../use-load';
import { TableFrame } from '../components/table-frame';

type AwardRead = Schemas['AwardRead'];
type Entry = Schemas['AwardList']['items'][number];
type Proposal = Schemas['ProposalView'];
type Claim = AwardRead['claims'][number];

/**
 * One award and why it was given: the decision, its recipient, whether it stands, and its basis — the
 * proposal item it carries out with the public notice, the council's meeting and vote and the forwarding
 * (or the đột xuất reason), and for a cluster flag the ranking it rested on (cluster, year, rank, the
 * ranking's digest and position, the quota). Each step links to the event that recorded it.
 */
export function AwardPage({ awardId }: { awardId: string }) {
  const award = useLoad(
    (signal) => must(api.GET('/awards/{awardId}', { params: { path: { awardId } }, signal })),
    [awardId],
  );
  const a = award.data;
  // The register's entry: the recipient named, the revocation's details, the events.
  const entry = useLoad(
    async (signal) => {
      if (!a) return undefined;
      const list = await must(
        api.GET('/totals/{year}/awards', {
          params: {
            path: { year: a.year },
            query: { unit: a.recipient.unitId, code: a.code, limit: 500 },
          },
          signal,
        }),
      );
      return list.items.find((i) => i.awardId === awardId);
    },
    [a?.awardId],
  );
  const proposalId = a?.proposalItem?.proposalId;
  const proposal = useLoad(
    async (signal) =>
      proposalId
        ? must(api.GET('/proposals/{proposalId}', { params: { path: { proposalId } }, signal }))
        : undefined,
    [proposalId],
  );
  const title = entry.data ? `${entry.data.name} – năm ${entry.data.year}` : `Khen thưởng ${awardId}`;
  useTitle(title);
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Tổng hợp khen thưởng', href: to.totals() },
          ...(a
            ? [
                {
                  label: `Danh sách năm ${a.year}`,
                  href: to.awards({ nam: a.year, 'don-vi': a.recipient.unitId }),
                },
              ]
            : []),
          { label: title },
        ]}
      />
      <h1>{title}</h1>
      <Load state={award}>
        {(read) => (
          <>
            <Load state={entry}>
              {(e) =>
                e ? <Decision read={read} entry={e} /> : <p role="alert">Sổ khen thưởng chưa có mục này.</p>
              }
            </Load>
            <h2>Căn cứ khen thưởng</h2>
            {read.proposalItem ? (
              <Load state={proposal}>
                {(p) => p && <ProposalPath proposal={p} itemId={read.proposalItem!.itemId} />}
              </Load>
            ) : read.adHoc ? (
              <p class="facts-box">
                <Badge tone="info">Khen thưởng đột xuất</Badge> không qua tờ trình đề nghị; lý do ghi trong
                quyết định: {read.adHoc.reason}
              </p>
            ) : (
              <p class="muted">
                Quyết định được ghi trước khi sổ theo dõi tờ trình đề nghị: không có mục đề nghị nào được nêu.
              </p>
            )}
            {read.flagBasis && <FlagBasis read={read} />}
            <Claims claims={read.claims} />
          </>
        )}
      </Load>
    </>
  );
}

function Decision({ read: a, entry: e }: { read: AwardRead; entry: Entry }) {
  return (
    <>
      <dl class="facts">
        <dt>Người / đơn vị nhận</dt>
        <dd>
          {e.kind === 'individual' && e.personId ? (
            <>
              <a href={to.person(e.personId)}>{e.personName ?? e.personId}</a>
              {e.rankTitle && ` · ${e.rankTitle}`} · thuộc{' '}
            </>
          ) : null}
          <a href={to.unit(e.unitId)}>{e.unitName ?? e.unitId}</a>
          <span class="muted"> ({kindLabel(e.kind)})</span>
        </dd>
        <dt>Quyết định</dt>
        <dd>
          Số {a.number}, ngày {day(a.date)}, {authorityLabel(a.authority)} ·{' '}
          <EventLink event={e.issued} label="Quyết định" />
        </dd>
        <dt>Trích yếu</dt>
        <dd>{a.citation}</dd>
        <dt>Tình trạng</dt>
        <dd>
          <AwardStatus award={{ ...e, basisNoLongerHolds: a.basisNoLongerHolds }} />
          {e.revoked && <EventLink event={e.revoked.event} label="Thu hồi" />}
        </dd>
      </dl>
    </>
  );
}

/** The proposal item the decision carries out, and the steps that approved it. */
function ProposalPath({ proposal: p, itemId }: { proposal: Proposal; itemId: string }) {
  const item = p.items.find((i) => i.itemId === itemId);
  const vote = item?.vote;
  const meeting = vote ? p.meetings.find((m) => m.meetingId === vote.meetingId) : undefined;
  return (
    <ol class="path">
      <li data-step="submitted">
        <strong>Tờ trình đề nghị</strong> <code>{p.proposalId}</code> của{' '}
        <a href={to.unit(p.proposerUnitId)}>{p.proposerUnitId}</a> gửi {p.authorityName}
        {p.submitted.on && `, ngày ${day(p.submitted.on)}`} ·{' '}
        <EventLink event={p.submitted.event} label="Tờ trình" />
        {item && (
          <div>
            Mục <code>{item.itemId}</code>: {item.name}, năm {item.year}, cho{' '}
            {item.recipient.kind === 'individual'
              ? `cá nhân ${item.recipient.personId}`
              : item.recipient.unitId}{' '}
            — thành tích: {item.achievement}
          </div>
        )}
        {p.documents.length > 0 && (
          <ul class="small">
            {p.documents.map((d) => (
              <li key={d.reference}>
                {d.kind}: {d.reference} <Hash value={d.sha256} n={12} />
              </li>
            ))}
          </ul>
        )}
      </li>
      <li data-step="notice">
        <strong>Công khai</strong>{' '}
        {p.notice ? (
          <>
            từ {day(p.notice.from)} đến {day(p.notice.to)} ({num(p.notice.workingDays)} ngày làm việc) tại{' '}
            {p.notice.where} · <EventLink event={p.notice.event} label="Công khai" />
            {p.comments.length > 0 && ` · ${p.comments.length} ý kiến góp ý`}
          </>
        ) : (
          'không ghi nhận'
        )}
      </li>
      <li data-step="council">
        <strong>Hội đồng Thi đua – Khen thưởng</strong>{' '}
        {meeting ? (
          <>
            họp ngày {day(meeting.on)}: {meeting.present.length}/{meeting.members.length} thành viên có mặt;
            biên bản {meeting.minutes.reference} <Hash value={meeting.minutes.sha256} n={12} /> ·{' '}
            <EventLink event={meeting.event} label="Phiên họp" />
          </>
        ) : (
          'chưa họp về mục này'
        )}
      </li>
      <li data-step="vote">
        <strong>Biểu quyết mục này</strong>{' '}
        {vote ? (
          <>
            {vote.yes}/{vote.members} thành viên đồng ý, {vote.no} không đồng ý ({vote.present} có mặt;{' '}
            {vote.secret ? 'bỏ phiếu kín' : 'biểu quyết công khai'}; cần {thresholdLabel(vote.threshold)}) —{' '}
            {vote.approved ? <Badge tone="ok">thông qua</Badge> : <Badge tone="bad">không thông qua</Badge>} ·{' '}
            <EventLink event={vote.event} label="Biểu quyết" />
          </>
        ) : (
          'chưa biểu quyết'
        )}
      </li>
      <li data-step="outcome">
        <strong>Kết quả</strong>{' '}
        {p.forwarded ? (
          <>
            trình cấp có thẩm quyền ({p.forwarded.reference}
            {p.forwarded.on && `, ngày ${day(p.forwarded.on)}`}), {p.forwarded.approvedItems.length} mục được
            thông qua{p.forwarded.approvedItems.includes(itemId) ? ', có mục này' : ', không có mục này'} ·{' '}
            <EventLink event={p.forwarded.event} label="Trình" />
          </>
        ) : p.returned ? (
          <>
            trả lại: {p.returned.reason} · <EventLink event={p.returned.event} label="Trả lại" />
          </>
        ) : (
          'đang xét'
        )}
      </li>
    </ol>
  );
}

/** A cluster flag's basis: where it stood in the cluster-year's final ranking, against the quota. */
function FlagBasis({ read: a }: { read: AwardRead }) {
  const f = a.flagBasis!;
  const clusterName = useClusterName(f.clusterId);
  return (
    <>
      <h3>Căn cứ của cờ thi đua</h3>
      <dl class="facts flag-basis">
        <dt>Cụm thi đua, năm</dt>
        <dd>
          <a href={to.ranking(f.clusterId, f.year, 'Y')}>
            {clusterName}, xếp hạng cả năm {f.year}
          </a>
        </dd>
        <dt>Thứ hạng</dt>
        <dd>{f.rank ?? 'không có trong bảng xếp hạng'}</dd>
        <dt>Chỉ tiêu cờ</dt>
        <dd>
          {f.quota} cờ; đã tặng trước quyết định này: {f.conferredBefore}
          {f.decidedBy === 'override' && ' · vượt chỉ tiêu theo quyết định có lý do của cơ quan tổ chức'}
          {f.decidedBy === 'vote' && ' · quyết định bằng biểu quyết suy tôn tại hội nghị tổng kết'}
        </dd>
        <dt>Bảng xếp hạng làm căn cứ</dt>
        <dd>
          mã băm <Hash value={f.rankingDigest} n={16} />, đọc đến vị trí #{f.rankingPosition} ·{' '}
          <a href={`${to.compare(f.clusterId, f.year, 'Y')}?asOf=${f.rankingPosition}`}>
            xem xếp hạng tại vị trí đó, so với hiện nay
          </a>
        </dd>
        {a.basisConfirmations.length > 0 && (
          <>
            <dt>Cơ quan tổ chức xác nhận giữ nguyên</dt>
            <dd>
              <ul class="plain">
                {a.basisConfirmations.map((c) => (
                  <li key={c.position}>
                    {c.reason} (vị trí #{c.position})
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </>
  );
}

const CLAIM_KIND: Record<Claim['kind'], string> = {
  'person-title': 'Danh hiệu trong sổ của cá nhân',
  'proposal-item': 'Mục đề nghị được thực hiện',
  'flag-place': 'Suất Cờ thi đua của cụm, năm',
  'title-quota': 'Suất trong tỷ lệ 15 % Chiến sĩ thi đua cơ sở của đơn vị, năm',
};
const RELEASE_CAUSE: Record<NonNullable<Claim['released']>['cause'], string> = {
  'decision-failed': 'quyết định không được ghi',
  revoked: 'khen thưởng bị thu hồi',
};

/**
 * The places the award holds in other streams (claimed before its decision was written): which quota place,
 * which proposal item, at which log position, and when and why it was released.
 */
function Claims({ claims }: { claims: Claim[] }) {
  return (
    <>
      <h2>Suất đã giữ</h2>
      {claims.length === 0 ? (
        <p class="muted">
          Không giữ suất nào: quyết định được ghi trước khi có sổ giữ suất, hoặc khen thưởng không thuộc chỉ
          tiêu nào.
        </p>
      ) : (
        <TableFrame>
          <table class="grid claims">
            <caption>
              Các suất khen thưởng này giữ (hoặc đã giữ) trong sổ khác, với sự kiện giữ và trả
            </caption>
            <thead>
              <tr>
                <th scope="col">Suất</th>
                <th scope="col">Sổ (luồng sự kiện)</th>
                <th scope="col">Giữ</th>
                <th scope="col">Trả lại</th>
              </tr>
            </thead>
            <tbody>
              {claims.map((c) => (
                <tr key={`${c.streamId}:${(c.claimed ?? c.released)?.position}`} data-claim={c.kind}>
                  <td>
                    {CLAIM_KIND[c.kind]}
                    {c.itemId && (
                      <>
                        {' '}
                        <code>{c.itemId}</code>
                      </>
                    )}
                    {c.quota !== undefined &&
                      ` · chỉ tiêu ${c.quota}${c.override ? ', vượt chỉ tiêu có lý do' : ''}`}{' '}
                    {c.holds ? <Badge tone="ok">đang giữ</Badge> : <Badge tone="info">đã trả</Badge>}
                  </td>
                  <td>
                    <code>{c.streamId}</code>
                  </td>
                  <td class="events">
                    {c.claimed ? (
                      <>
                        phiên bản {c.claimed.revision} · <EventLink event={c.claimed} label="Giữ suất" />
                      </>
                    ) : (
                      <span class="muted">tính trong số liệu trước khi có sổ giữ suất</span>
                    )}
                  </td>
                  <td class="events">
                    {c.released ? (
                      <>
                        {RELEASE_CAUSE[c.released.cause]} · <EventLink event={c.released} label="Trả suất" />
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}
    </>
  );
}
