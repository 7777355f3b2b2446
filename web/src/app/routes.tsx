import { Result, Spin } from 'antd';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import type { Role } from '../../../shared/contract.js';
import { CalculatorPage } from '../features/calculator/calculator-page.js';
import { HomePage } from '../features/home/home-page.js';
import { LoginPage } from '../features/login/login-page.js';
import { AcceptInvitationPage, AccountRefusedPage, SessionExpiredDialog } from '../features/login/session-gates.js';
import { SignedOutPage } from '../features/login/signed-out-page.js';
import { PageLoading, Shell } from './layout.js';
import { IMPORT_ROLES, RULES_ROLES, STAFF } from './roles.js';
import { useSession } from './session.js';
import {
  ApplicationPage,
  BatchesPage,
  BatchSummaryPage,
  CertificatePage,
  InboxPage,
  Loading,
  NoticePrintPage,
  PublicNoticePage,
  PublicNoticesPage,
  UnitNoticesPage,
  VerifyPage,
} from './lazy-pages.js';

// The records screens load on first visit: the login page and the public calculator stay small.
const PeopleListPage = lazy(() => import('../features/people/people-list-page.js').then((m) => ({ default: m.PeopleListPage })));
const PersonPage = lazy(() => import('../features/people/person-page.js').then((m) => ({ default: m.PersonPage })));
const DashboardPage = lazy(() => import('../features/dashboard/dashboard-page.js').then((m) => ({ default: m.DashboardPage })));
const ExportsPage = lazy(() => import('../features/exports/exports-page.js').then((m) => ({ default: m.ExportsPage })));
const ImportsPage = lazy(() => import('../features/excel/imports-page.js').then((m) => ({ default: m.ImportsPage })));
// Training bases, filings, organisations and accounts, and the public base-API guide (issue 6, issue 4).
const BasesPage = lazy(() => import('../features/bases/bases-page.js').then((m) => ({ default: m.BasesPage })));
const BasePage = lazy(() => import('../features/bases/base-page.js').then((m) => ({ default: m.BasePage })));
const FilingsPage = lazy(() => import('../features/filings/filings-page.js').then((m) => ({ default: m.FilingsPage })));
const FilingPage = lazy(() => import('../features/filings/filing-page.js').then((m) => ({ default: m.FilingPage })));
const OrganisationsPage = lazy(() => import('../features/accounts/organisations-page.js').then((m) => ({ default: m.OrganisationsPage })));
// The yearly rules the hr office keeps: holiday arrangements, year policies, tenant switches (issue 11).
const RulesPage = lazy(() => import('../features/rules/rules-page.js').then((m) => ({ default: m.RulesPage })));
const BaseDocsPage = lazy(() => import('../features/base-docs/base-docs-page.js').then((m) => ({ default: m.BaseDocsPage })));

/**
 * A protected page: without a session, straight to the identity provider's sign-in, which brings the
 * user back to this very page. A signed-in identity without an account here gets the invitation page.
 */
function RequireLogin({ children, roles }: { children: ReactNode; roles?: readonly Role[] }) {
  const { principal, loading, status, signIn } = useSession();
  const location = useLocation();
  const returnTo = `${location.pathname}${location.search}${location.hash}`;
  useEffect(() => {
    if (status === 'anonymous') void signIn(returnTo);
  }, [status, signIn, returnTo]);
  if (loading || status === 'anonymous') return <Spin fullscreen tip="正在前往登录页…" />;
  if (status === 'unbound') return <AcceptInvitationPage />;
  if (status === 'refused') return <AccountRefusedPage />;
  // Expired: the page stays under the dialog that signs in again.
  if (!principal && status === 'expired') return <>{children}</>;
  if (!principal) return <Spin fullscreen />;
  if (roles && !roles.includes(principal.role)) {
    return (
      <Shell>
        <Result status="403" title="当前账号无权访问此页面" />
      </Shell>
    );
  }
  return <>{children}</>;
}

function Page({ children, roles }: { children: ReactNode; roles?: readonly Role[] }) {
  return (
    <RequireLogin roles={roles}>
      <Shell>
        <Suspense fallback={<PageLoading />}>{children}</Suspense>
      </Shell>
    </RequireLogin>
  );
}

/** A professional's home is their own 登记手册 (rules §6): the person their account is, in the directory. */
function Home() {
  const { principal } = useSession();
  if (principal?.role === 'person') return <Navigate to="/me" replace />;
  return <HomePage />;
}

/** An address that is no page: said so inside the shell, with the way back, never a silent redirect. */
function NotFound() {
  const { principal } = useSession();
  return (
    <Shell>
      <Result
        status="404"
        title="页面不存在"
        subTitle="该地址没有对应的页面，可能已更改或输入有误。"
        extra={<Link to={principal ? '/' : '/calculator'}>{principal ? '返回工作台' : '前往学时计算器'}</Link>}
      />
    </Shell>
  );
}

function OwnBook() {
  const { principal } = useSession();
  return <Navigate to={`/people/${encodeURIComponent(principal!.personId ?? principal!.userId)}`} replace />;
}

export function AppRoutes() {
  return (
    <>
      <SessionExpiredDialog />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/auth/callback" element={<Spin fullscreen tip="正在登录…" />} />
        <Route path="/signed-out" element={<SignedOutPage />} />
        <Route
          path="/"
          element={
            <Page>
              <Home />
            </Page>
          }
        />
        <Route
          path="/me"
          element={
            <RequireLogin roles={['person']}>
              <OwnBook />
            </RequireLogin>
          }
        />
        <Route
          path="/people"
          element={
            <Page roles={STAFF}>
              <PeopleListPage />
            </Page>
          }
        />
        <Route
          path="/people/:personId"
          element={
            <Page>
              <PersonPage />
            </Page>
          }
        />
        <Route
          path="/dashboard"
          element={
            <Page roles={STAFF}>
              <DashboardPage />
            </Page>
          }
        />
        <Route
          path="/exports"
          element={
            <Page roles={STAFF}>
              <ExportsPage />
            </Page>
          }
        />
        <Route
          path="/imports"
          element={
            <Page roles={IMPORT_ROLES}>
              <ImportsPage />
            </Page>
          }
        />
        <Route
          path="/calculator"
          element={
            <Shell>
              <CalculatorPage />
            </Shell>
          }
        />
        {/* Certification (W2): staff screens, the public notice and verification pages, printed documents. */}
        <Route
          path="/applications"
          element={
            <Page roles={STAFF}>
              <InboxPage />
            </Page>
          }
        />
        <Route
          path="/applications/:id"
          element={
            <Page>
              <ApplicationPage />
            </Page>
          }
        />
        <Route
          path="/unit-notices"
          element={
            <Page roles={STAFF}>
              <UnitNoticesPage />
            </Page>
          }
        />
        <Route
          path="/batches"
          element={
            <Page roles={['dept_reviewer', 'hr_officer', 'auditor']}>
              <BatchesPage />
            </Page>
          }
        />
        <Route
          path="/batches/:id/summary"
          element={
            <RequireLogin roles={['dept_reviewer', 'hr_officer', 'auditor']}>
              <Loading>
                <BatchSummaryPage />
              </Loading>
            </RequireLogin>
          }
        />
        <Route
          path="/certificates/:number"
          element={
            <RequireLogin>
              <Loading>
                <CertificatePage />
              </Loading>
            </RequireLogin>
          }
        />
        <Route
          path="/notices"
          element={
            <Shell>
              <Loading>
                <PublicNoticesPage />
              </Loading>
            </Shell>
          }
        />
        <Route
          path="/notices/:id"
          element={
            <Shell>
              <Loading>
                <PublicNoticePage />
              </Loading>
            </Shell>
          }
        />
        <Route
          path="/notices/:id/print"
          element={
            <Loading>
              <NoticePrintPage />
            </Loading>
          }
        />
        <Route
          path="/verify"
          element={
            <Shell>
              <Loading>
                <VerifyPage />
              </Loading>
            </Shell>
          }
        />
        <Route
          path="/verify/:number"
          element={
            <Shell>
              <Loading>
                <VerifyPage />
              </Loading>
            </Shell>
          }
        />
        <Route
          path="/bases"
          element={
            <Page roles={['hr_officer', 'auditor']}>
              <BasesPage />
            </Page>
          }
        />
        <Route
          path="/bases/:baseId"
          element={
            <Page roles={['hr_officer', 'auditor']}>
              <BasePage />
            </Page>
          }
        />
        <Route
          path="/filings"
          element={
            <Page roles={STAFF}>
              <FilingsPage />
            </Page>
          }
        />
        <Route
          path="/filings/:filingId"
          element={
            <Page roles={STAFF}>
              <FilingPage />
            </Page>
          }
        />
        <Route
          path="/organisations"
          element={
            <Page roles={STAFF}>
              <OrganisationsPage />
            </Page>
          }
        />
        <Route
          path="/rules"
          element={
            <Page roles={RULES_ROLES}>
              <RulesPage />
            </Page>
          }
        />
        <Route
          path="/base-api-docs"
          element={
            <Shell>
              <Loading>
                <BaseDocsPage />
              </Loading>
            </Shell>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </>
  );
}
