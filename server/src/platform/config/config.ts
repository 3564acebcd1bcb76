import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { priorityMatrixSchema, slaConfigSchema } from './sla-config.ts';

/** The validated runtime configuration. The only place that reads `process.env`. */
export type Config = z.infer<typeof configSchema>;

const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

const configSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL; leave unset for the embedded SQLite')
    .optional(),
  publicUrl: z.url().optional(),
  adminEmail: z.email().optional(),
  adminPassword: z.string().min(12, 'must be at least 12 characters').optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  sessionTtlHours: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  cookieSecure: bool.optional(),
  bodyLimitBytes: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  loginAttemptsPerMinute: z.coerce.number().int().positive().default(10),
  jobs: z.enum(['inline', 'off']).default('inline'),
  jobLeaseSeconds: z.coerce.number().positive().default(30),
  jobPollMs: z.coerce.number().int().positive().default(1000),
  eventsHeartbeatSeconds: z.coerce.number().positive().max(300).default(15),
  /** Configuration file only: SLA targets, business calendar and warning lead (see sla-config.ts). */
  sla: slaConfigSchema,
  /** Configuration file only: replaces the default priority matrix of the incidents feature. */
  priorityMatrix: priorityMatrixSchema.optional(),
});

// Nested settings come from the configuration file only.
const envNames: Record<Exclude<keyof Config, 'sla' | 'priorityMatrix'>, string> = {
  host: 'FIREBREAK_HOST',
  port: 'FIREBREAK_PORT',
  dataDir: 'FIREBREAK_DATA_DIR',
  databaseUrl: 'FIREBREAK_DATABASE_URL',
  publicUrl: 'FIREBREAK_PUBLIC_URL',
  adminEmail: 'FIREBREAK_ADMIN_EMAIL',
  adminPassword: 'FIREBREAK_ADMIN_PASSWORD',
  logLevel: 'FIREBREAK_LOG_LEVEL',
  sessionTtlHours: 'FIREBREAK_SESSION_TTL_HOURS',
  cookieSecure: 'FIREBREAK_COOKIE_SECURE',
  bodyLimitBytes: 'FIREBREAK_BODY_LIMIT_BYTES',
  loginAttemptsPerMinute: 'FIREBREAK_LOGIN_ATTEMPTS_PER_MINUTE',
  jobs: 'FIREBREAK_JOBS',
  jobLeaseSeconds: 'FIREBREAK_JOB_LEASE_SECONDS',
  jobPollMs: 'FIREBREAK_JOB_POLL_MS',
  eventsHeartbeatSeconds: 'FIREBREAK_EVENTS_HEARTBEAT_SECONDS',
};

/** Every configuration setting with the environment variable that sets it (for docs and `--help`). */
export const configVariables = envNames;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Reads the configuration from an optional JSON file (`FIREBREAK_CONFIG_FILE`, keys as in {@link Config})
 * overlaid by `FIREBREAK_*` variables, and reports every problem at once.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  let fromFile: Record<string, unknown> = {};
  const file = env.FIREBREAK_CONFIG_FILE;
  if (file) {
    if (!existsSync(file)) problems.push(`FIREBREAK_CONFIG_FILE: ${file} does not exist`);
    else {
      try {
        fromFile = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      } catch (err) {
        problems.push(`FIREBREAK_CONFIG_FILE: ${file} is not valid JSON (${(err as Error).message})`);
      }
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(envNames)) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  const parsed = configSchema.safeParse({ ...fromFile, ...fromEnv, ...overrides });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]) as keyof typeof envNames;
      problems.push(`${envNames[key] ?? issue.path.map(String).join('.')}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}
