export { registerDashboardMetrics } from './dashboard.metrics.ts';
export { dashboardRoutes } from './dashboard.routes.ts';
export { createDashboardService, type DashboardService } from './dashboard.service.ts';
