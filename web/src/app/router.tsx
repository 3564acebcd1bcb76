import { Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { NotFoundPage } from '../features/placeholders/not-found-page.tsx';
import { LoginPage } from '../features/session/login-page.tsx';
import { LiveEventsProvider } from '../lib/live-events.tsx';
import { Shell } from './app-shell.tsx';
import { RequireAdmin, RequireAuth } from './session.tsx';

// Each area loads when first opened, so the sign-in page and the shell stay small.
const ReportsPage = lazy(() =>
  import('../features/reports/reports-page.tsx').then((m) => ({ default: m.ReportsPage })),
);
const QueuePage = lazy(() =>
  import('../features/queue/queue-page.tsx').then((m) => ({ default: m.QueuePage })),
);
const IncidentsPage = lazy(() =>
  import('../features/incidents/incidents-page.tsx').then((m) => ({ default: m.IncidentsPage })),
);
const IncidentPage = lazy(() =>
  import('../features/incidents/incident-page.tsx').then((m) => ({ default: m.IncidentPage })),
);
const SearchPage = lazy(() =>
  import('../features/search/search-page.tsx').then((m) => ({ default: m.SearchPage })),
);
const UsersPage = lazy(() =>
  import('../features/users/users-page.tsx').then((m) => ({ default: m.UsersPage })),
);
const DashboardsPage = lazy(() =>
  import('../features/dashboards/dashboards-page.tsx').then((m) => ({ default: m.DashboardsPage })),
);
const PostAnalysisPage = lazy(() =>
  import('../features/lessons/post-analysis-page.tsx').then((m) => ({ default: m.PostAnalysisPage })),
);
const AuditPage = lazy(() =>
  import('../features/audit/audit-page.tsx').then((m) => ({ default: m.AuditPage })),
);
const ConstituenciesPage = lazy(() =>
  import('../features/constituencies/constituencies-page.tsx').then((m) => ({
    default: m.ConstituenciesPage,
  })),
);

const MessageTemplatesPage = lazy(() =>
  import('../features/communications/message-templates-page.tsx').then((m) => ({
    default: m.MessageTemplatesPage,
  })),
);
const IntakePage = lazy(() =>
  import('../features/intake/intake-page.tsx').then((m) => ({ default: m.IntakePage })),
);
const PlaybooksPage = lazy(() =>
  import('../features/playbooks/playbooks-page.tsx').then((m) => ({ default: m.PlaybooksPage })),
);

const ActivityReportPage = lazy(() =>
  import('../features/reporting/activity-report-page.tsx').then((m) => ({ default: m.ActivityReportPage })),
);
const ReportTemplatesPage = lazy(() =>
  import('../features/reporting/report-templates-page.tsx').then((m) => ({ default: m.ReportTemplatesPage })),
);
const RetentionPage = lazy(() =>
  import('../features/retention/retention-page.tsx').then((m) => ({ default: m.RetentionPage })),
);
const TombstonePage = lazy(() =>
  import('../features/retention/tombstone-page.tsx').then((m) => ({ default: m.TombstonePage })),
);
const BlocklistsPage = lazy(() =>
  import('../features/observables/blocklists-page.tsx').then((m) => ({ default: m.BlocklistsPage })),
);

// The public report form: for constituents without an account, outside the signed-in shell.
const ReportFormPage = lazy(() =>
  import('../features/report-form/report-form-page.tsx').then((m) => ({ default: m.ReportFormPage })),
);

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/report',
    element: (
      <Suspense
        fallback={
          <Center h="100vh">
            <Loader aria-label="Loading" />
          </Center>
        }
      >
        <ReportFormPage />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <LiveEventsProvider>
          <Shell />
        </LiveEventsProvider>
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/queue" replace /> },
      { path: 'queue', element: <QueuePage /> },
      { path: 'incidents', element: <IncidentsPage /> },
      { path: 'incidents/:key', element: <IncidentPage /> },
      { path: 'reports', element: <ReportsPage /> },
      { path: 'post-analysis', element: <PostAnalysisPage /> },
      { path: 'search', element: <SearchPage /> },
      { path: 'dashboards', element: <DashboardsPage /> },
      { path: 'retention/tombstones/:key', element: <TombstonePage /> },
      { path: 'activity-report', element: <ActivityReportPage /> },
      {
        path: 'admin',
        element: <RequireAdmin />,
        children: [
          { index: true, element: <Navigate to="/admin/users" replace /> },
          { path: 'users', element: <UsersPage /> },
          { path: 'audit', element: <AuditPage /> },
          { path: 'constituencies', element: <ConstituenciesPage /> },
          { path: 'intake', element: <IntakePage /> },
          { path: 'message-templates', element: <MessageTemplatesPage /> },
          { path: 'report-templates', element: <ReportTemplatesPage /> },
          { path: 'playbooks', element: <PlaybooksPage /> },
          { path: 'blocklists', element: <BlocklistsPage /> },
          { path: 'retention', element: <RetentionPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
