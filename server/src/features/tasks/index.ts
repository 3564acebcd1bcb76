export { taskRoutes } from './task.routes.ts';
export { createTaskService, type TaskService } from './task.service.ts';
export { createTaskStore, type TaskStore } from './task.store.ts';
export { OPEN_TASK_STATUSES, TASK_TRANSITIONS } from './task.rules.ts';
export { RUN_TASK_CHECKS, taskCheckJobs, taskCheckSchedules } from './task-checks.jobs.ts';
export { taskCheckRoutes } from './task-checks.routes.ts';
export { createTaskCheckService, type TaskCheckService } from './task-checks.service.ts';
export { createTaskCheckStore } from './task-checks.store.ts';
