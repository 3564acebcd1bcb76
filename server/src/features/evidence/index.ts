import path from 'node:path';
import type { ZodApp } from '../../platform/http/app.ts';
import { createStreamBlobStore } from '../../platform/blobs/stream-blob-store.ts';
import type { Runtime } from '../../platform/runtime.ts';
import type { IncidentStore } from '../incidents/index.ts';
import { evidenceRoutes } from './evidence.routes.ts';
import { createEvidenceService } from './evidence.service.ts';
import { createEvidenceStore } from './evidence.store.ts';

export { createEvidenceService, type EvidenceService } from './evidence.service.ts';

/** The evidence locker: streamed, encrypted files per incident with their chain of custody. */
export function createEvidenceFeature(
  runtime: Runtime,
  incidents: Pick<IncidentStore, 'get' | 'addTimeline'>,
) {
  const { handle, audit, events, blobs, config, log, now } = runtime;
  const service = createEvidenceService({
    handle,
    audit,
    events,
    store: createEvidenceStore(),
    incidents,
    // Same folder and data keys as the buffered blobs; the names and format differ.
    blobs: createStreamBlobStore({ dir: path.join(config.dataDir, 'blobs'), keys: blobs.keys }),
    keys: blobs.keys,
    maxBytes: config.evidenceMaxBytes,
    log: log.child({ component: 'evidence' }),
    now,
  });
  return {
    service,
    routes: (app: ZodApp) => evidenceRoutes(app, service, { maxBytes: config.evidenceMaxBytes }),
  };
}
