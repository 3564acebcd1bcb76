import type { Logger } from 'pino';
import { createAuditLog, type AuditLog } from './audit/audit-log.ts';
import type { Config } from './config/config.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { openEventBus, type EventBus } from './events/index.ts';
import { createJobQueue, type JobQueue } from './jobs/index.ts';
import { createSearchIndex, type SearchIndex } from './search/search-index.ts';

/** The platform services every feature is built from; opened once per process. */
export interface Runtime {
  config: Config;
  log: Logger;
  handle: DatabaseHandle;
  search: SearchIndex;
  audit: AuditLog;
  events: EventBus;
  jobs: JobQueue;
  now: () => Date;
  close(): Promise<void>;
}

export async function openRuntime(
  config: Config,
  log: Logger,
  options: { migrate?: boolean } = {},
): Promise<Runtime> {
  const handle = await openDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    onIdleError: (err) => log.warn({ err }, 'idle database connection lost'),
  });
  if (options.migrate !== false) {
    const applied = await migrateToLatest(handle);
    if (applied.length > 0) log.info({ applied }, 'database migrated');
  }
  return createRuntime(config, log, handle, await openEventBus(handle, log));
}

/** Builds the platform services on an open, migrated database (tests pass their own). */
export function createRuntime(
  config: Config,
  log: Logger,
  handle: DatabaseHandle,
  events: EventBus,
  now: () => Date = () => new Date(),
): Runtime {
  const search = createSearchIndex(handle.dialect);
  const audit = createAuditLog(handle, search, now);
  const jobs = createJobQueue(handle, now);
  const close = async () => {
    await events.close();
    await handle.close();
  };
  return { config, log, handle, search, audit, events, jobs, now, close };
}
