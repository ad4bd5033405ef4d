import type { Schemas } from '@thidua/api-client';
import { Badge, Breadcrumbs, Hash, Load } from '../components/common';
import { RankingFacts } from '../components/ranking-facts';
import { day, num, signed, time } from '../format';
import {
  assessmentLabel,
  capEffectLabel,
  chainLabel,
  criterionKindLabel,
  entryStatusLabel,
  periodLabel,
  roleLabel,
  tieBreakLabel,
  UNCLASSIFIED,
  type PeriodCode,
} from '../labels';
import { to } from '../routes';
import { useTitle } from '../use-load';
import { periodCrumbs, useClusterName, useExplained } from '../loads';
import { TableFrame } from '../components/table-frame';
import { nameOf, tieBreakValue } from '../components/placement';

type Explained = Schemas['ExplainedRankingDocument'];
type Row = Schemas['NamedExplainedRow'];
type Criterion = Schemas['ExplainedCriterion'];

/** A criterion's signed contribution to the total: penalties subtract. */
const signedPoints = (c: Criterion): number => (c.kind === 'penalty' ? -(c.points ?? 0) : (c.points ?? 0));

/**
 * One row explained: why it stands where it stands (against the row above: total, the tie-break that
 * decided, the criteria that differ), then every criterion's points and the events behind them, each
 * linked to the raw event with its hash.
 */
export function ExplainPage(props: { clusterId: string; year: string; period: string; unitId: string }) {
  const { clusterId, unitId } = props;
  const y = Number(props.year);
  const p = props.period as PeriodCode;
  const clusterName = useClusterName(clusterId);
  const explained = useExplained(clusterId, y, p);
  const row = explained.data?.rows.find((r) => r.unitId === unitId);
  useTitle(`Giải trình ${row ? nameOf(row) : unitId} – ${periodLabel(p)}/${y}`);
  return (
    <>
      <Breadcrumbs items={periodCrumbs(clusterId, clusterName, y, p, row ? nameOf(row) : unitId)} />
      <Load state={explained}>
        {(ranking) =>
          row ? (
            <Explanation ranking={ranking} row={row} clusterId={clusterId} year={y} period={p} />
          ) : (
            <p role="alert">Đơn vị {unitId} không có trong bảng xếp hạng này.</p>
          )
        }
      </Load>
    </>
  );
}

function Explanation(props: {
  ranking: Explained;
  row: Row;
  clusterId: string;
  year: number;
  period: PeriodCode;
}) {
  const { ranking, row } = props;
  const above = row.placedBy && ranking.rows.find((r) => r.unitId === row.placedBy!.aboveUnitId);
  const sum = row.explain.reduce((s, c) => s + signedPoints(c), 0);
  const sumMatches = Math.round(sum * 100) === Math.round(row.total * 100);
  return (
    <>
      <h1>
        Giải trình điểm: {nameOf(row)} – {periodLabel(props.period)}/{props.year}
      </h1>
      <section class="why card" aria-labelledby="why">
        <h2 id="why">
          Vì sao xếp hạng {row.rank}/{ranking.rows.length}?
        </h2>
        <Why ranking={ranking} row={row} above={above ?? undefined} />
        {row.cappedBy && <KnockOuts row={row} />}
        {above && <CriteriaThatDiffer row={row} above={above} />}
      </section>

      <section aria-labelledby="sum" class="card">
        <h2 id="sum">Tổng điểm {num(row.total)}</h2>
        <p>
          {Object.entries(row.groups)
            .map(([g, v]) => `${g} ${num(v)}`)
            .join(' + ')}{' '}
          + điểm thưởng {num(row.bonus)} − điểm trừ {num(row.penalty)} = <strong>{num(row.total)}</strong>
        </p>
        <p data-sum={sum}>
          Cộng điểm từng tiêu chí dưới đây: <strong>{num(sum)}</strong>{' '}
          {sumMatches ? (
            <Badge tone="ok">khớp tổng điểm</Badge>
          ) : (
            <Badge tone="bad">không khớp tổng điểm</Badge>
          )}
          {' · Xếp loại: '}
          {row.classification ? (
            <strong>{row.classification.label}</strong>
          ) : (
            <Badge tone="warn">{row.unclassified ? UNCLASSIFIED : 'không xếp loại'}</Badge>
          )}
          {row.cappedBy?.some((c) => c.effect === 'cap-classification') && (
            <> (bị giới hạn bởi điều kiện loại trừ)</>
          )}
        </p>
        {row.missingCriteria.length > 0 && (
          <p class="problem">
            Chưa có điểm các tiêu chí: {row.missingCriteria.join(', ')}
            {row.unclassified && <> — hàng này không được xếp loại ({UNCLASSIFIED.toLowerCase()})</>}
          </p>
        )}
      </section>

      <h2>Điểm từng tiêu chí và các sự kiện tạo nên</h2>
      {row.explain.map((c) => (
        <CriterionDetail key={c.code} criterion={c} streamId={ranking.streamId} />
      ))}
      <RankingFacts ranking={ranking} />
    </>
  );
}

/** The sentence that answers "why this rank": against the row above, what decided. */
function Why({ ranking, row, above }: { ranking: Explained; row: Row; above?: Row }) {
  const placed = row.placedBy;
  const title = (code: string) => row.explain.find((c) => c.code === code)?.title ?? code;
  if (!placed || !above) {
    // The first row: what put the second row below it says how it leads.
    const next = ranking.rows[1];
    const by = next?.placedBy?.by;
    return (
      <p class="answer">
        Đứng đầu bảng với <strong>{num(row.total)}</strong> điểm
        {next && by === 'total' && (
          <>
            , hơn {nameOf(next)} (thứ hai) {num(row.total - next.total)} điểm
          </>
        )}
        {next && by === 'tied' && <>, đồng hạng với {nameOf(next)} (bằng điểm ở mọi tiêu chí phân định)</>}
        {next && by === 'barred-from-rank-1' && (
          <>
            , xếp trên {nameOf(next)} vì đơn vị đó <strong>không được xếp hạng nhất</strong> (
            {barsOf(next).join('; ')})
          </>
        )}
        {next && by !== undefined && by !== 'total' && by !== 'tied' && by !== 'barred-from-rank-1' && (
          <>
            , bằng tổng điểm với {nameOf(next)} nhưng xếp trên nhờ tiêu chí phụ: {tieBreakLabel(by, title)}
          </>
        )}
        .
      </p>
    );
  }
  if (placed.by === 'total')
    return (
      <p class="answer">
        Xếp sau <strong>{nameOf(above)}</strong> (hạng {above.rank}) vì <strong>tổng điểm thấp hơn</strong>:{' '}
        {num(row.total)} so với {num(above.total)} (kém {num(above.total - row.total)} điểm).
      </p>
    );
  if (placed.by === 'barred-from-rank-1')
    return (
      <p class="answer">
        Xếp sau <strong>{nameOf(above)}</strong> (hạng {above.rank}) vì{' '}
        <strong>không được xếp hạng nhất</strong> theo điều kiện loại trừ của thang điểm:{' '}
        {barsOf(row).join('; ')}. Theo điểm số, đơn vị này{' '}
        {row.total > above.total ? `hơn ${num(row.total - above.total)} điểm` : 'bằng tổng điểm'} (
        {num(row.total)} so với {num(above.total)}).
      </p>
    );
  if (placed.by === 'tied')
    return (
      <p class="answer">
        Bằng <strong>{nameOf(above)}</strong> ở tổng điểm ({num(row.total)}) và mọi tiêu chí phụ của thang
        điểm: <strong>đồng hạng {row.rank}</strong> (thứ tự trong bảng theo mã đơn vị).
      </p>
    );
  return (
    <p class="answer">
      Bằng tổng điểm với <strong>{nameOf(above)}</strong> ({num(row.total)}); phân định bằng tiêu chí phụ của
      thang điểm: <strong>{tieBreakLabel(placed.by, title)}</strong> — {nameOf(above)}{' '}
      {num(tieBreakValue(above, placed.by))}, đơn vị này {num(tieBreakValue(row, placed.by))}.
    </p>
  );
}

/** The knock-outs barring a row from rank 1: their labels and the findings that raised them. */
const barsOf = (row: Row): string[] =>
  (row.cappedBy ?? [])
    .filter((c) => c.effect === 'bar-rank-1')
    .map((c) => `${c.label}, kết luận ${c.findingId}`);

/** The knock-out conditions raised for the row (`cappedBy`): what each did, the finding and its evidence. */
function KnockOuts({ row }: { row: Row }) {
  return (
    <div class="caps">
      <h3>Điều kiện loại trừ áp dụng cho đơn vị</h3>
      <ul>
        {row.cappedBy!.map((c) => (
          <li key={c.findingId} data-finding={c.findingId}>
            <strong>{c.label}</strong>: {capEffectLabel(c, row.classification)} · kết luận{' '}
            <Hash value={c.findingId} /> · minh chứng: {c.evidence}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The criteria whose points differ from the row above, biggest difference first. */
function CriteriaThatDiffer({ row, above }: { row: Row; above: Row }) {
  const theirs = new Map(above.explain.map((c) => [c.code, c]));
  const differing = row.explain
    .map((c) => ({
      c,
      mine: signedPoints(c),
      other: theirs.has(c.code) ? signedPoints(theirs.get(c.code)!) : 0,
    }))
    .filter((d) => d.mine !== d.other)
    .sort((a, b) => Math.abs(b.mine - b.other) - Math.abs(a.mine - a.other));
  if (differing.length === 0) return <p>Điểm từng tiêu chí giống hệt {nameOf(above)}.</p>;
  return (
    <TableFrame>
      <table class="grid">
        <caption>Các tiêu chí có điểm khác {nameOf(above)}</caption>
        <thead>
          <tr>
            <th scope="col">Tiêu chí</th>
            <th scope="col" class="num">
              {nameOf(row)}
            </th>
            <th scope="col" class="num">
              {nameOf(above)}
            </th>
            <th scope="col" class="num">
              Chênh lệch
            </th>
          </tr>
        </thead>
        <tbody>
          {differing.map(({ c, mine, other }) => (
            <tr key={c.code}>
              <th scope="row">
                {c.title} <span class="muted small">({criterionKindLabel(c.kind).toLowerCase()})</span>
              </th>
              <td class="num">{num(mine)}</td>
              <td class="num">{num(other)}</td>
              <td class={`num ${mine < other ? 'minus' : 'plus'}`}>{signed(mine - other)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Tổng</th>
            <td class="num">{num(row.total)}</td>
            <td class="num">{num(above.total)}</td>
            <td class="num">{signed(row.total - above.total)}</td>
          </tr>
        </tfoot>
      </table>
    </TableFrame>
  );
}

function CriterionDetail({ criterion: c, streamId }: { criterion: Criterion; streamId: string }) {
  return (
    <section class="criterion card" aria-labelledby={`c-${c.code}`} data-criterion={c.code}>
      <h3 id={`c-${c.code}`}>
        {c.title} <span class="muted small">({c.code})</span>
      </h3>
      <p>
        Nhóm {c.group} · {criterionKindLabel(c.kind)} · tối đa {num(c.maxPoints)} điểm ·{' '}
        {c.points === null ? (
          <strong>{c.kind === 'score' ? 'chưa có điểm' : 'không có (0 điểm)'}</strong>
        ) : (
          <>
            điểm được tính <strong data-points={c.points}>{num(c.points)}</strong> (nguồn:{' '}
            <strong data-source={c.source}>{assessmentLabel(c.source ?? '')}</strong>
            {c.source === 'appraisal' && ' của cơ quan thường trực thi đua, thay điểm Cụm chấm'})
          </>
        )}
      </p>
      {c.entries.map((e) => (
        <div key={e.entryId} class={`entry${e.used ? ' used' : ''}`}>
          <p>
            Mục điểm <Hash value={e.entryId} /> · {assessmentLabel(e.assessment)} ·{' '}
            {entryStatusLabel(e.status)} · {num(e.points)} điểm
            {e.overriddenTo !== undefined && <> · giả định {num(e.overriddenTo)}</>}
            {e.used ? <Badge tone="ok">được tính</Badge> : <Badge tone="info">không được tính</Badge>}
          </p>
          <TableFrame>
            <table class="grid chain">
              <caption class="sr-only">Các sự kiện của mục điểm {e.entryId}</caption>
              <thead>
                <tr>
                  <th scope="col">Sự kiện</th>
                  <th scope="col">Mã sự kiện</th>
                  <th scope="col" class="num">
                    Vị trí
                  </th>
                  <th scope="col">Người thực hiện</th>
                  <th scope="col" title="Ngày của việc: ngày chấm, điều chỉnh, quyết định">
                    Ngày hiệu lực
                  </th>
                  <th scope="col">Thời điểm ghi sổ</th>
                  <th scope="col" class="num">
                    Điểm
                  </th>
                  <th scope="col">Lý do, minh chứng</th>
                </tr>
              </thead>
              <tbody>
                {e.chain.map((link) => (
                  <tr key={link.eventId} data-event={link.eventId}>
                    <td>{chainLabel(link.kind)}</td>
                    <td>
                      <a href={to.event(streamId, link.revision)} title={`Sự kiện gốc ${link.eventId}`}>
                        <Hash value={link.eventId} n={8} />
                      </a>
                    </td>
                    <td class="num">#{link.position}</td>
                    <td>
                      {link.actor.id}
                      <span class="muted small">
                        {' '}
                        ({roleLabel(link.actor.role)}
                        {link.actor.unitId ? `, ${link.actor.unitId}` : ''})
                      </span>
                    </td>
                    <td class="nowrap" data-effective={link.effectiveDate ?? ''}>
                      {day(link.effectiveDate)}
                    </td>
                    <td class="muted">{time(link.at)}</td>
                    <td class="num">
                      {link.previousPoints !== undefined && <>{num(link.previousPoints)} → </>}
                      {link.points !== undefined ? num(link.points) : '—'}
                      {link.outcome && ` (${link.outcome === 'upheld' ? 'chấp nhận' : 'bác bỏ'})`}
                    </td>
                    <td class="text">
                      {link.reason}
                      {link.reason && link.evidence && <br />}
                      {link.evidence && <span class="muted">Minh chứng: {link.evidence}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
        </div>
      ))}
    </section>
  );
}
