import path from 'node:path';
import type { ZodApp } from '../../platform/http/app.ts';
import type { Runtime } from '../../platform/runtime.ts';
import type { IncidentChanges, IncidentStore } from '../incidents/index.ts';
import { retentionJobs, retentionSchedules } from './retention.job.ts';
import { retentionRoutes } from './retention.routes.ts';
import { createRetentionService } from './retention.service.ts';
import { createRetentionStore } from './retention.store.ts';

/** Retention policies, legal holds, and the daily run that archives and destroys (shredding data keys). */
export function createRetentionFeature(
  runtime: Runtime,
  incidents: Pick<IncidentStore, 'get'>,
  changes: Pick<IncidentChanges, 'recorder'>,
) {
  const { handle, audit, events, search, blobs, config, now } = runtime;
  const service = createRetentionService({
    handle,
    audit,
    events,
    search,
    blobs,
    store: createRetentionStore(),
    incidents,
    changes,
    blobsDir: path.join(config.dataDir, 'blobs'),
    now,
  });
  return {
    service,
    routes: (app: ZodApp) => retentionRoutes(app, service),
    jobHandlers: retentionJobs(service),
    schedules: retentionSchedules,
  };
}
