import { Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';

/**
 * The certification screens (核认申请, 公示, 报送与备案, 认定单, 核验), each loaded on first visit so the
 * login page, the calculator and the records screens stay small.
 */
export const InboxPage = lazy(() => import('../features/applications/inbox-page.js').then((m) => ({ default: m.InboxPage })));
export const ApplicationPage = lazy(() =>
  import('../features/applications/application-page.js').then((m) => ({ default: m.ApplicationPage })),
);
export const UnitNoticesPage = lazy(() => import('../features/notices/unit-notices-page.js').then((m) => ({ default: m.UnitNoticesPage })));
export const PublicNoticesPage = lazy(() =>
  import('../features/notices/public-notices-page.js').then((m) => ({ default: m.PublicNoticesPage })),
);
export const PublicNoticePage = lazy(() =>
  import('../features/notices/public-notice-page.js').then((m) => ({ default: m.PublicNoticePage })),
);
export const NoticePrintPage = lazy(() => import('../features/notices/notice-print-page.js').then((m) => ({ default: m.NoticePrintPage })));
export const BatchesPage = lazy(() => import('../features/filings/batches-page.js').then((m) => ({ default: m.BatchesPage })));
export const BatchSummaryPage = lazy(() =>
  import('../features/filings/batch-summary-page.js').then((m) => ({ default: m.BatchSummaryPage })),
);
export const CertificatePage = lazy(() =>
  import('../features/certificates/certificate-page.js').then((m) => ({ default: m.CertificatePage })),
);
export const VerifyPage = lazy(() => import('../features/verify/verify-page.js').then((m) => ({ default: m.VerifyPage })));

/** For pages outside the signed-in `Page` frame (public pages, printed documents). */
export function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{children}</Suspense>;
}
