import { Result, Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import type { Role } from '../../../shared/contract.js';
import { CalculatorPage } from '../features/calculator/calculator-page.js';
import { HomePage } from '../features/home/home-page.js';
import { LoginPage } from '../features/login/login-page.js';
import { Shell } from './layout.js';
import { STAFF } from './roles.js';
import { useSession } from './session.js';

// The records screens load on first visit: the login page and the public calculator stay small.
const PeopleListPage = lazy(() => import('../features/people/people-list-page.js').then((m) => ({ default: m.PeopleListPage })));
const PersonPage = lazy(() => import('../features/people/person-page.js').then((m) => ({ default: m.PersonPage })));
const DashboardPage = lazy(() => import('../features/dashboard/dashboard-page.js').then((m) => ({ default: m.DashboardPage })));

function RequireLogin({ children, roles }: { children: ReactNode; roles?: readonly Role[] }) {
  const { principal, loading } = useSession();
  if (loading) return <Spin fullscreen />;
  if (!principal) return <Navigate to="/login" replace />;
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
        <Suspense fallback={<Spin />}>{children}</Suspense>
      </Shell>
    </RequireLogin>
  );
}

/** A professional's home is their own 登记手册 (SPEC §6): their account id is their person id. */
function Home() {
  const { principal } = useSession();
  if (principal?.role === 'person') return <Navigate to="/me" replace />;
  return <HomePage />;
}

function OwnBook() {
  const { principal } = useSession();
  return <Navigate to={`/people/${encodeURIComponent(principal!.userId)}`} replace />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
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
        path="/calculator"
        element={
          <Shell>
            <CalculatorPage />
          </Shell>
        }
      />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
