import type { Logger } from 'pino';
import { loadConfig, type Config } from '../platform/config/config.ts';
import { createLogger } from '../platform/log/logger.ts';
import { openRuntime, type Runtime } from '../platform/runtime.ts';
import { createFeatures, type Features } from '../features/index.ts';

/** Thrown by commands for a failure the user caused: printed without a stack, exit code 1. */
export class CommandError extends Error {}

export interface CommandContext {
  config: Config;
  log: Logger;
  runtime: Runtime;
  features: Features;
}

/** Opens config, database (migrated) and features for a one-shot command, and always closes them. */
export async function withContext<T>(
  fn: (ctx: CommandContext) => Promise<T>,
  options: { logLevel?: string } = {},
): Promise<T> {
  const config = loadConfig();
  const log = createLogger(options.logLevel ?? 'warn', process.stderr);
  const runtime = await openRuntime(config, log);
  try {
    return await fn({ config, log, runtime, features: createFeatures(runtime) });
  } finally {
    await runtime.close();
  }
}
