export { createRetentionFeature } from './retention.feature.ts';
export { RUN_RETENTION } from './retention.job.ts';
export type { RetentionService } from './retention.service.ts';
