import { createFeatures } from '../features/index.ts';
import { loadConfig } from '../platform/config/config.ts';
import { createLogger } from '../platform/log/logger.ts';
import { openRuntime } from '../platform/runtime.ts';

/** Runs background jobs without serving HTTP; any number of workers may share one PostgreSQL. */
export async function workerCommand(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const runtime = await openRuntime(config, log);
  const jobs = await createFeatures(runtime).startJobs(true);
  log.info('worker started');
  const stop = (signal: string) => {
    log.info({ signal }, 'worker stopping; waiting for running jobs');
    void jobs
      .stop()
      .then(() => runtime.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
