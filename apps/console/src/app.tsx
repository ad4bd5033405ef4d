import { LocationProvider, Route, Router } from 'preact-iso';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { UNAUTHORIZED_EVENT } from './api';
import { roleLabel } from './labels';
import { AuditPage } from './pages/audit';
import { AwardPage } from './pages/award';
import { AwardsPage } from './pages/awards';
import { ClusterPage } from './pages/cluster';
import { ComparePage } from './pages/compare';
import { EventPage } from './pages/event';
import { ExplainPage } from './pages/explain';
import { HomePage } from './pages/home';
import { NotFoundPage } from './pages/not-found';
import { UnitPeoplePage } from './pages/people';
import { PersonPage } from './pages/person';
import { ProjectionsPage } from './pages/projections';
import { RankingPage } from './pages/ranking';
import { SignInPage } from './pages/sign-in';
import { TotalsPage } from './pages/totals';
import { UnitPage } from './pages/unit';
import { YearPage } from './pages/year';
import { BASE, to } from './routes';
import {
  claimsOf,
  forgetToken,
  readToken,
  SessionContext,
  storeToken,
  type Claims,
  type Session,
} from './session';
import { time } from './format';

export function App() {
  const [claims, setClaims] = useState<Claims | null>(() => {
    const token = readToken();
    return token ? claimsOf(token) : null;
  });
  const [notice, setNotice] = useState<string>();
  const signOut = useCallback((why?: string) => {
    forgetToken();
    setClaims(null);
    setNotice(why);
  }, []);
  useEffect(() => {
    const expired = () =>
      signOut('Máy chủ không chấp nhận mã truy cập (hết hạn hoặc không hợp lệ). Hãy đăng nhập lại.');
    window.addEventListener(UNAUTHORIZED_EVENT, expired);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, expired);
  }, [signOut]);
  const session = useMemo<Session | null>(() => (claims ? { claims, signOut } : null), [claims, signOut]);
  const signIn = (token: string, c: Claims) => {
    storeToken(token);
    setNotice(undefined);
    setClaims(c);
  };
  return (
    <LocationProvider scope={BASE}>
      {session ? (
        <SessionContext.Provider value={session}>
          <Shell session={session} />
        </SessionContext.Provider>
      ) : (
        <SignInPage onSignIn={signIn} notice={notice} />
      )}
    </LocationProvider>
  );
}

function Shell({ session }: { session: Session }) {
  const { claims } = session;
  const canAudit = claims.role === 'inspector' || claims.role === 'admin';
  // A new page: focus its main region, so keyboard and screen-reader users start there.
  const focusMain = () => document.getElementById('main')?.focus();
  return (
    <>
      <a class="skip" href="#main">
        Bỏ qua đến nội dung chính
      </a>
      <header class="top">
        <a class="brand" href={to.home()}>
          Sổ thi đua <span>“Vì an ninh Tổ quốc”</span>
        </a>
        <nav aria-label="Chức năng chính">
          <ul>
            <li>
              <a href={to.home()}>Cụm thi đua</a>
            </li>
            <li>
              <a href={to.totals()}>Tổng hợp khen thưởng</a>
            </li>
            {canAudit && (
              <li>
                <a href={to.audit()}>Kiểm tra toàn vẹn</a>
              </li>
            )}
            {canAudit && (
              <li>
                <a href={to.projections()}>Trạng thái dữ liệu</a>
              </li>
            )}
          </ul>
        </nav>
        <div class="who" aria-label="Phiên làm việc">
          {/* One line of text: on a narrow screen it wraps after a "·" (glued by a no-break space), never before. */}
          <span>
            {claims.sub}&nbsp;· {roleLabel(claims.role)}
            {claims.unitId ? `\u00a0· ${claims.unitId}` : ''}
            {claims.exp !== undefined && (
              <span class="muted">&nbsp;· hết hạn {time(new Date(claims.exp * 1000).toISOString())}</span>
            )}
          </span>
          <button type="button" onClick={() => session.signOut()}>
            Đăng xuất
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Router onRouteChange={focusMain}>
          <Route path={`${BASE}`} component={HomePage} />
          <Route path={`${BASE}/`} component={HomePage} />
          <Route path={`${BASE}/cum/:clusterId`} component={ClusterPage} />
          <Route path={`${BASE}/cum/:clusterId/:year`} component={YearPage} />
          <Route path={`${BASE}/cum/:clusterId/:year/:period`} component={RankingPage} />
          <Route path={`${BASE}/cum/:clusterId/:year/:period/giai-trinh/:unitId`} component={ExplainPage} />
          <Route path={`${BASE}/cum/:clusterId/:year/:period/doi-chieu`} component={ComparePage} />
          <Route path={`${BASE}/don-vi/:unitId`} component={UnitPage} />
          <Route path={`${BASE}/don-vi/:unitId/can-bo`} component={UnitPeoplePage} />
          <Route path={`${BASE}/ca-nhan/:personId`} component={PersonPage} />
          <Route path={`${BASE}/tong-hop`} component={TotalsPage} />
          <Route path={`${BASE}/khen-thuong`} component={AwardsPage} />
          <Route path={`${BASE}/khen-thuong/:awardId`} component={AwardPage} />
          <Route path={`${BASE}/su-kien/:streamId/:revision`} component={EventPage} />
          <Route path={`${BASE}/kiem-tra`} component={AuditPage} />
          <Route path={`${BASE}/quan-tri`} component={ProjectionsPage} />
          <Route default component={NotFoundPage} />
        </Router>
      </main>
    </>
  );
}
