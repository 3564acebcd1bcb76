export {
  createJobQueue,
  DEFAULT_MAX_ATTEMPTS,
  type EnqueueOptions,
  type Job,
  type JobQueue,
} from './job-queue.ts';
export {
  createJobRunner,
  type JobContext,
  type JobHandler,
  type JobRunner,
  type RunnerOptions,
} from './job-runner.ts';
export { nextCronTime, retryDelayMs } from './job-rules.ts';
