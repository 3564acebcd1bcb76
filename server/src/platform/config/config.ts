import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { acknowledgementConfigSchema } from './acknowledgement-config.ts';
import { decodeMasterKey, masterKeyProblems } from '../crypto/master-key.ts';
import { parseNetwork } from '../outbound/address-policy.ts';
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
  /** Base64 of 32 random bytes wrapping every data key; unset (with no file): `<dataDir>/master.key`. */
  masterKey: z
    .string()
    .trim()
    .refine((v) => decodeMasterKey(v) !== null, 'must be the base64 of 32 bytes (openssl rand -base64 32)')
    .optional(),
  /** A file holding the master key (32 bytes, or their base64), e.g. a mounted secret. */
  masterKeyFile: z.string().min(1).optional(),
  /** The public report form at /report, for constituents without an account. */
  reportForm: bool.default(false),
  reportFormMaxAttachments: z.coerce.number().int().min(0).max(20).default(5),
  reportFormMaxBytes: z.coerce
    .number()
    .int()
    .positive()
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  reportFormPerHour: z.coerce.number().int().positive().default(10),
  /**
   * How `/api/v1/alert` reads TLP numbers: `tlp2` as TheHive ≥ 5.2 (3 = AMBER+STRICT, 4 = RED), or
   * `tlp1` as TheHive 5.0/5.1 and scripts written for them (3 = RED). `/api/alert` is always TLP 1.0.
   */
  theHiveV1Tlp: z.enum(['tlp2', 'tlp1']).default('tlp2'),
  /** Largest evidence file accepted (bytes); uploads stream, so this bounds disk, not memory. */
  evidenceMaxBytes: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024 * 1024),
  /** The built-in SMTP listener for reports by e-mail; off unless a port is set. */
  smtpPort: z.coerce.number().int().min(0).max(65535).optional(),
  smtpHost: z.string().min(1).default('127.0.0.1'),
  smtpMaxBytes: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  /** PEM files; with both, the listener offers STARTTLS. */
  smtpTlsCertFile: z.string().min(1).optional(),
  smtpTlsKeyFile: z.string().min(1).optional(),
  /** Where outbound mail goes (smtp:// or smtps://, credentials in the URL); no outbound mail without it. */
  mailRelayUrl: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  mailFrom: z.email().optional(),
  /**
   * Internal networks outbound checks may reach (comma-separated CIDRs or addresses, e.g.
   * `10.20.0.0/16,::1`); by default every loopback, private, link-local … address is refused (SSRF).
   */
  outboundAllow: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .check((ctx) => {
      for (const cidr of ctx.value) {
        try {
          parseNetwork(cidr);
        } catch {
          ctx.issues.push({ code: 'custom', input: cidr, message: `${cidr} is not a CIDR or IP address` });
        }
      }
    })
    .default([]),
  /** Total time of one outbound request, redirects and body included. */
  outboundTimeoutMs: z.coerce.number().int().min(100).max(120_000).default(10_000),
  outboundMaxBytes: z.coerce
    .number()
    .int()
    .positive()
    .max(100 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  /** Configuration file only: the acknowledgement sent to e-mail reporters (see acknowledgement-config.ts). */
  acknowledgement: acknowledgementConfigSchema,
  /** Configuration file only: SLA targets, business calendar and warning lead (see sla-config.ts). */
  sla: slaConfigSchema,
  /** Configuration file only: replaces the default priority matrix of the incidents feature. */
  priorityMatrix: priorityMatrixSchema.optional(),
});

// Nested settings come from the configuration file only.
const envNames: Record<Exclude<keyof Config, 'sla' | 'priorityMatrix' | 'acknowledgement'>, string> = {
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
  masterKey: 'FIREBREAK_MASTER_KEY',
  masterKeyFile: 'FIREBREAK_MASTER_KEY_FILE',
  reportForm: 'FIREBREAK_REPORT_FORM',
  reportFormMaxAttachments: 'FIREBREAK_REPORT_FORM_MAX_ATTACHMENTS',
  reportFormMaxBytes: 'FIREBREAK_REPORT_FORM_MAX_BYTES',
  reportFormPerHour: 'FIREBREAK_REPORT_FORM_PER_HOUR',
  theHiveV1Tlp: 'FIREBREAK_THEHIVE_V1_TLP',
  evidenceMaxBytes: 'FIREBREAK_EVIDENCE_MAX_BYTES',
  smtpPort: 'FIREBREAK_SMTP_PORT',
  smtpHost: 'FIREBREAK_SMTP_HOST',
  smtpMaxBytes: 'FIREBREAK_SMTP_MAX_BYTES',
  smtpTlsCertFile: 'FIREBREAK_SMTP_TLS_CERT_FILE',
  smtpTlsKeyFile: 'FIREBREAK_SMTP_TLS_KEY_FILE',
  mailRelayUrl: 'FIREBREAK_MAIL_RELAY_URL',
  mailFrom: 'FIREBREAK_MAIL_FROM',
  outboundAllow: 'FIREBREAK_OUTBOUND_ALLOW',
  outboundTimeoutMs: 'FIREBREAK_OUTBOUND_TIMEOUT_MS',
  outboundMaxBytes: 'FIREBREAK_OUTBOUND_MAX_BYTES',
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
  } else problems.push(...masterKeyProblems(parsed.data));
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}
