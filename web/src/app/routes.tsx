import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { CalculatorPage } from '../features/calculator/calculator-page.js';
import { HomePage } from '../features/home/home-page.js';
import { LoginPage } from '../features/login/login-page.js';
import { Shell } from './layout.js';
import { useSession } from './session.js';

function RequireLogin({ children }: { children: ReactNode }) {
  const { principal, loading } = useSession();
  if (loading) return <Spin fullscreen />;
  if (!principal) return <Navigate to="/login" replace />;
  return <>{children}</>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/"
        element={
          <RequireLogin>
            <Shell>
              <HomePage />
            </Shell>
          </RequireLogin>
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
