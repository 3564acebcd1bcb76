import path from 'node:path';
import type { Logger } from 'pino';
import { createAuditLog, type AuditLog } from './audit/audit-log.ts';
import { createBlobStore, type BlobStore } from './blobs/blob-store.ts';
import type { Config } from './config/config.ts';
import { createDataKeys } from './crypto/data-keys.ts';
import { createKeyShreds } from './crypto/key-shreds.ts';
import { loadMasterKey } from './crypto/master-key.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { openEventBus, type EventBus } from './events/index.ts';
import { createJobQueue, type JobQueue } from './jobs/index.ts';
import { createOutbound, type Outbound } from './outbound/index.ts';
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
  /** Encrypted file storage (raw e-mails, attachments, evidence) and its data keys. */
  blobs: BlobStore;
  /** The only door for outbound HTTP and TCP: internal addresses refused unless allowed. */
  outbound: Outbound;
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
  const runtime = createRuntime(config, log, handle, await openEventBus(handle, log));
  // A replaced or mistyped master key would make every stored file unreadable: refuse to start.
  await runtime.blobs.keys.verifyMasterKey().catch(async (err: unknown) => {
    await runtime.close();
    throw err;
  });
  return runtime;
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
  const blobs = openBlobStore(config, log, handle, now);
  const audit = createAuditLog(handle, search, { now, keys: blobs.keys });
  const jobs = createJobQueue(handle, now);
  const outbound = createOutbound({
    allow: config.outboundAllow,
    connectTimeoutMs: Math.min(5000, config.outboundTimeoutMs),
    timeoutMs: config.outboundTimeoutMs,
    maxBytes: config.outboundMaxBytes,
    maxRedirects: 5,
  });
  const close = async () => {
    await events.close();
    await handle.close();
  };
  return { config, log, handle, search, audit, events, jobs, blobs, outbound, now, close };
}

function openBlobStore(config: Config, log: Logger, handle: DatabaseHandle, now: () => Date): BlobStore {
  const master = loadMasterKey(config);
  if (master.created)
    log.warn(
      { file: master.file },
      'First start: created a master key. Back it up apart from the data: without it every encrypted file is lost',
    );
  if (master.readableByOthers)
    log.warn({ file: master.file }, 'The master key file is readable by other users; chmod 600 it');
  // Beside the blobs (shared by every node), outside the database and its backups: README › Retention.
  const shreds = createKeyShreds(path.join(config.dataDir, 'keyring'));
  const keys = createDataKeys({ db: handle.db, masterKey: master.key, now, shreds });
  return createBlobStore({ dir: path.join(config.dataDir, 'blobs'), keys });
}
