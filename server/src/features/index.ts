import type { ZodApp } from '../platform/http/app.ts';
import type { Authenticator } from '../platform/http/auth.ts';
import { registerEventStream } from '../platform/events/event-stream.ts';
import { createJobRunner, type JobHandler } from '../platform/jobs/index.ts';
import type { Runtime } from '../platform/runtime.ts';
import { version } from '../platform/version.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { createCommunicationsFeature } from './communications/index.ts';
import {
  constituencyRoutes,
  createConstituencyService,
  createConstituencyStore,
} from './constituencies/index.ts';
import {
  autoLinkEnqueuer,
  createCorrelationFeature,
  createCorrelationRuleStore,
} from './correlation/index.ts';
import { createIncidentChanges, createIncidentStore, createIncidentsFeature } from './incidents/index.ts';
import { createEvidenceFeature } from './evidence/index.ts';
import { createRetentionFeature } from './retention/index.ts';
import { createIntakeFeature } from './intake/index.ts';
import { createLessonsFeature } from './lessons/index.ts';
import { createObservablesFeature, observableRoutes } from './observables/index.ts';
import { createNotesFeature } from './notes/index.ts';
import { createReportingFeature } from './reporting/index.ts';
import {
  createReportBulkService,
  createReportFeedService,
  createReportFileService,
  createReportService,
  createReportStore,
  reportBulkRoutes,
  reportFileRoutes,
  reportRoutes,
} from './reports/index.ts';
import { createDashboardService, dashboardRoutes, registerDashboardMetrics } from './dashboards/index.ts';
import { createSearchService, createSearchStore, searchRoutes } from './search/index.ts';
import { createSlaService, slaJobs, slaSchedules } from './sla/index.ts';
import { createTasksFeature } from './tasks/tasks.feature.ts';
import { createTaxonomyService, taxonomyRoutes } from './taxonomy/index.ts';
import { sessionJobs, sessionSchedules } from './sessions/sessions.jobs.ts';
import { SESSION_COOKIE, sessionRoutes } from './sessions/sessions.routes.ts';
import { createSessionService } from './sessions/sessions.service.ts';
import { systemRoutes } from './system/system.routes.ts';
import { tokenRoutes } from './tokens/tokens.routes.ts';
import { createTokenService } from './tokens/tokens.service.ts';
import { userRoutes } from './users/users.routes.ts';
import { createUserService } from './users/users.service.ts';
import { createUserStore } from './users/users.store.ts';

/** The table of contents: every feature's services, routes, jobs and schedules, built from the runtime. */
export function createFeatures(runtime: Runtime) {
  const { handle, audit, search, events, jobs, blobs, now, config, log } = runtime;
  const userStore = createUserStore(search);
  const taxonomy = createTaxonomyService({ handle, audit, now });
  const users = createUserService({ handle, audit, events, store: userStore, taxonomy, now });
  const sessions = createSessionService({
    handle,
    audit,
    users: userStore,
    ttlHours: config.sessionTtlHours,
    now,
  });
  const tokens = createTokenService({ handle, audit, events, users: userStore, now });
  const constituencies = createConstituencyService({
    handle,
    audit,
    events,
    store: createConstituencyStore(search),
    now,
  });

  const reportStore = createReportStore(search, handle.dialect);
  const correlationRuleStore = createCorrelationRuleStore();
  const reports = createReportService({
    handle,
    audit,
    events,
    store: reportStore,
    constituencies,
    blobs,
    onNewReports: autoLinkEnqueuer(jobs, correlationRuleStore),
    now,
  });
  const reportFiles = createReportFileService({ handle, audit, blobs, store: reportStore });
  const incidentStore = createIncidentStore(search);
  const sla = createSlaService({ handle, audit, events, timeline: incidentStore, policy: config.sla, now });
  const changes = createIncidentChanges({
    handle,
    audit,
    keys: blobs.keys,
    events,
    store: incidentStore,
    now,
  });
  const resolution = createTasksFeature({ runtime, changes, incidents: incidentStore, taxonomy });
  const incidentHandling = createIncidentsFeature({
    runtime,
    store: incidentStore,
    changes,
    reports,
    constituencies,
    taxonomy,
    sla,
    onClassified: resolution.playbooks.applyOnClassification,
  });
  const { incidents, links } = incidentHandling;
  const correlation = createCorrelationFeature({ runtime, rules: correlationRuleStore, reports, links });
  const reportBulk = createReportBulkService({
    reports,
    openIncident: incidents.open,
    linkReports: links.linkReports,
  });

  const comms = createCommunicationsFeature({
    runtime,
    incidents: incidentStore,
    changes,
    reports,
    constituencies,
  });
  const notes = createNotesFeature({ runtime, changes, incidents: incidentStore });
  const evidence = createEvidenceFeature(runtime, incidentStore);
  const retention = createRetentionFeature(runtime, incidentStore, changes);
  const unifiedSearch = createSearchService({ handle, store: createSearchStore(handle.dialect) });
  const dashboards = createDashboardService({ handle, now });
  const reporting = createReportingFeature(runtime, incidentStore);
  const lessons = createLessonsFeature({ runtime, changes, incidents: incidentStore });
  const observables = createObservablesFeature({
    handle,
    audit,
    events,
    incidents: incidentStore,
    changes,
    constituencies,
    now,
  });
  const closure = incidentHandling.createClosure({ compose: comms.compose, analysis: notes.analysis });
  const intake = createIntakeFeature({
    runtime,
    reports,
    feed: createReportFeedService({ handle, audit, events, store: reportStore, reports }),
    communications: comms.communications,
    threads: comms.store,
    constituencies,
  });

  const jobHandlers: JobHandler<any>[] = [
    ...sessionJobs(sessions),
    ...slaJobs(sla),
    ...intake.jobHandlers,
    ...correlation.jobHandlers,
    ...resolution.jobHandlers,
    ...comms.jobHandlers,
    ...retention.jobHandlers,
  ];
  const schedules = [
    ...sessionSchedules,
    ...slaSchedules,
    ...intake.schedules,
    ...resolution.schedules,
    ...retention.schedules,
  ];

  const authenticate: Authenticator = async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) return tokens.authenticate(header.slice('Bearer '.length).trim());
    const cookie = request.cookies[SESSION_COOKIE];
    return cookie ? sessions.authenticate(cookie) : null;
  };

  function routes(app: ZodApp): void {
    systemRoutes(app, handle, version, {
      reportForm: config.reportForm,
      reportFormLimits: intake.formLimits,
    });
    sessionRoutes(app, sessions, {
      secureCookie: config.cookieSecure ?? config.publicUrl?.startsWith('https:') ?? false,
      loginAttemptsPerMinute: config.loginAttemptsPerMinute,
    });
    userRoutes(app, users);
    tokenRoutes(app, tokens);
    auditRoutes(app, audit);
    constituencyRoutes(app, constituencies);
    observableRoutes(app);
    observables.routes(app);
    taxonomyRoutes(app, taxonomy);
    reportRoutes(app, reports);
    reportFileRoutes(app, reportFiles);
    intake.routes(app);
    incidentHandling.routes(app);
    comms.routes(app);
    resolution.routes(app);
    evidence.routes(app);
    retention.routes(app);
    notes.routes(app);
    reporting.routes(app);
    searchRoutes(app, unifiedSearch);
    closure.routes(app);
    lessons.routes(app);
    correlation.routes(app);
    reportBulkRoutes(app, reportBulk);
    dashboardRoutes(app, dashboards);
    registerDashboardMetrics(app.metrics, dashboards);
    registerEventStream(app, events, authenticate, config.eventsHeartbeatSeconds * 1000);
  }

  /** Registers the cron schedules and, when `run`, starts this process's job runner. */
  async function startJobs(run: boolean): Promise<{ stop(): Promise<void> }> {
    for (const s of schedules) await jobs.schedule(s.name, s.cron, s.kind, s.payload);
    if (!run) return { stop: () => Promise.resolve() };
    const runner = createJobRunner(handle, {
      handlers: jobHandlers,
      queue: jobs,
      log: log.child({ component: 'jobs' }),
      leaseMs: config.jobLeaseSeconds * 1000,
      pollMs: config.jobPollMs,
    });
    runner.start();
    return runner;
  }

  return {
    services: {
      users,
      sessions,
      tokens,
      audit,
      constituencies,
      taxonomy,
      sla,
      reports,
      correlation: correlation.service,
      tasks: resolution.tasks,
      taskChecks: resolution.checks,
      playbooks: resolution.playbooks,
      evidence: evidence.service,
      retention: retention.service,
      telemetry: intake.telemetry,
    },
    authenticate,
    routes,
    startJobs,
    email: intake.email,
  };
}

export type Features = ReturnType<typeof createFeatures>;
