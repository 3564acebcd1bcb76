import type { ZodApp } from '../platform/http/app.ts';
import type { Authenticator } from '../platform/http/auth.ts';
import { registerEventStream } from '../platform/events/event-stream.ts';
import { createJobRunner, type JobHandler } from '../platform/jobs/index.ts';
import type { Runtime } from '../platform/runtime.ts';
import { version } from '../platform/version.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import {
  communicationRoutes,
  createCommunicationService,
  createComposeFeature,
  createCommunicationStore,
} from './communications/index.ts';
import {
  constituencyRoutes,
  createConstituencyService,
  createConstituencyStore,
} from './constituencies/index.ts';
import {
  autoLinkEnqueuer,
  correlationJobs,
  correlationRoutes,
  correlationRuleRoutes,
  createCorrelationRuleService,
  createCorrelationRuleStore,
  createCorrelationService,
  createCorrelationStore,
} from './correlation/index.ts';
import {
  createAssignmentService,
  createAssignmentStore,
  closureRoutes,
  createClosureService,
  createClosureStore,
  createIncidentChanges,
  createIncidentLinksService,
  createIncidentLinksStore,
  createIncidentService,
  createIncidentStore,
  createVerificationService,
  incidentLinkRoutes,
  incidentRoutes,
  openItemsCheck,
  triageRoutes,
} from './incidents/index.ts';
import { createEvidenceFeature } from './evidence/index.ts';
import { createRetentionFeature } from './retention/index.ts';
import { createIntakeFeature } from './intake/index.ts';
import { createLessonsFeature } from './lessons/index.ts';
import { createObservablesFeature, observableRoutes } from './observables/index.ts';
import { createNoteService, createNoteStore, noteRoutes } from './notes/index.ts';
import { createReportingService, createReportingStore, reportingRoutes } from './reporting/index.ts';
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

  const reportStore = createReportStore(search);
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
  const incidentChanges = createIncidentChanges({ handle, audit, events, store: incidentStore, now });
  const resolution = createTasksFeature({
    runtime,
    changes: incidentChanges,
    incidents: incidentStore,
    taxonomy,
  });
  const assignment = createAssignmentService({
    handle,
    changes: incidentChanges,
    incidents: incidentStore,
    store: createAssignmentStore(),
    now,
    // Someone taking charge is the first response the SLA clock waits for.
    onResponded: async (tx, incident, at) => void (await sla.markResponded(tx, incident.id, at)),
  });
  const closureStore = createClosureStore();
  const incidents = createIncidentService({
    handle,
    audit,
    events,
    store: incidentStore,
    reports,
    constituencies,
    taxonomy,
    assignment,
    sla,
    priorityMatrix: config.priorityMatrix,
    onClassified: resolution.playbooks.applyOnClassification,
    closureCheck: openItemsCheck(closureStore),
    now,
  });
  const verification = createVerificationService({
    handle,
    changes: incidentChanges,
    incidents: incidentStore,
    now,
  });
  const incidentLinks = createIncidentLinksService({
    handle,
    changes: incidentChanges,
    incidents: incidentStore,
    store: createIncidentLinksStore(),
    reports,
    now,
  });
  const correlationRules = createCorrelationRuleService({ handle, audit, store: correlationRuleStore, now });
  const correlation = createCorrelationService({
    handle,
    rules: correlationRuleStore,
    store: createCorrelationStore(),
    reports,
    links: incidentLinks,
  });
  const reportBulk = createReportBulkService({
    reports,
    openIncident: incidents.open,
    linkReports: incidentLinks.linkReports,
  });

  const communicationStore = createCommunicationStore(search);
  const communications = createCommunicationService({
    handle,
    audit,
    events,
    store: communicationStore,
    incidents: incidentStore,
    reports,
    blobs,
    now,
  });
  const notes = createNoteService({
    handle,
    changes: incidentChanges,
    incidents: incidentStore,
    store: createNoteStore(search),
    now,
  });
  const evidence = createEvidenceFeature(runtime, incidentStore);
  const retention = createRetentionFeature(runtime, incidentStore);
  const unifiedSearch = createSearchService({ handle, store: createSearchStore(handle.dialect) });
  const dashboards = createDashboardService({ handle, now });
  const reporting = createReportingService({
    handle,
    audit,
    incidents: incidentStore,
    store: createReportingStore(),
    team: config.acknowledgement.team,
    now,
  });
  const lessons = createLessonsFeature({ runtime, changes: incidentChanges, incidents: incidentStore });
  const observables = createObservablesFeature({
    handle,
    audit,
    events,
    incidents: incidentStore,
    constituencies,
    now,
  });
  const compose = createComposeFeature({
    runtime,
    communications,
    store: communicationStore,
    incidents: incidentStore,
    constituencies,
  });
  const closure = createClosureService({
    handle,
    store: closureStore,
    incidents: incidentStore,
    lifecycle: incidents,
    compose: compose.compose,
    analysis: createNoteStore().analysis,
    ownAddresses: config.mailFrom ? [config.mailFrom] : [],
  });
  const intake = createIntakeFeature({
    runtime,
    reports,
    feed: createReportFeedService({ handle, audit, events, store: reportStore, reports }),
    communications,
    threads: communicationStore,
    constituencies,
  });

  const jobHandlers: JobHandler<any>[] = [
    ...sessionJobs(sessions),
    ...slaJobs(sla),
    ...intake.jobHandlers,
    ...correlationJobs(correlation),
    ...resolution.jobHandlers,
    ...compose.jobHandlers,
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
    incidentRoutes(app, incidents);
    triageRoutes(app, { assignment, verification });
    incidentLinkRoutes(app, incidentLinks);
    communicationRoutes(app, communications);
    resolution.routes(app);
    compose.routes(app);
    evidence.routes(app);
    retention.routes(app);
    noteRoutes(app, notes);
    reportingRoutes(app, reporting, now);
    searchRoutes(app, unifiedSearch);
    closureRoutes(app, closure);
    lessons.routes(app);
    correlationRuleRoutes(app, correlationRules);
    correlationRoutes(app, correlation);
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
      correlation,
      tasks: resolution.tasks,
      taskChecks: resolution.checks,
      playbooks: resolution.playbooks,
      evidence: evidence.service,
      retention: retention.service,
    },
    authenticate,
    routes,
    startJobs,
    email: intake.email,
  };
}

export type Features = ReturnType<typeof createFeatures>;
