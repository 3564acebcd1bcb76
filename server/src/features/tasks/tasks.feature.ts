import type { ZodApp } from '../../platform/http/app.ts';
import type { Runtime } from '../../platform/runtime.ts';
import type { IncidentChanges, IncidentStore } from '../incidents/index.ts';
import { createPlaybookService, createPlaybookStore, playbookRoutes } from '../playbooks/index.ts';
import type { TaxonomyService } from '../taxonomy/index.ts';
import { taskCheckJobs, taskCheckSchedules } from './task-checks.jobs.ts';
import { taskCheckRoutes } from './task-checks.routes.ts';
import { createTaskCheckService } from './task-checks.service.ts';
import { createTaskCheckStore } from './task-checks.store.ts';
import { taskRoutes } from './task.routes.ts';
import { createTaskService } from './task.service.ts';
import { createTaskStore } from './task.store.ts';

export interface TasksFeatureDeps {
  runtime: Runtime;
  changes: IncidentChanges;
  incidents: IncidentStore;
  taxonomy: TaxonomyService;
}

/** The resolution workspace's work items: cycles of tasks, their automatic checks, and the playbooks that seed them. */
export function createTasksFeature({ runtime, changes, incidents, taxonomy }: TasksFeatureDeps) {
  const { handle, audit, events, outbound, now } = runtime;
  const tasks = createTaskService({
    handle,
    changes,
    incidents,
    store: createTaskStore(runtime.search),
    now,
  });
  const checks = createTaskCheckService({
    handle,
    events,
    store: createTaskCheckStore(),
    incidents,
    changes,
    tasks,
    outbound,
    now,
  });
  const playbooks = createPlaybookService({
    handle,
    audit,
    store: createPlaybookStore(),
    taxonomy,
    tasks,
    now,
  });
  return {
    tasks,
    checks,
    playbooks,
    jobHandlers: taskCheckJobs(checks),
    schedules: taskCheckSchedules,
    routes(app: ZodApp) {
      taskRoutes(app, tasks);
      taskCheckRoutes(app, checks);
      playbookRoutes(app, playbooks);
    },
  };
}
