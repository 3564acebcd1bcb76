import type { ObservableType } from '#contracts/observables.ts';
import type { Severity } from '#contracts/reports.ts';
import type { FingerprintRuleUpdate } from '#contracts/telemetry.ts';
import type { WebhookFormat, WebhookSource, WebhookSourceUpdate } from '#contracts/webhooks.ts';

export type WindowUnit = 'minutes' | 'hours' | 'days';
export const unitSeconds: Record<WindowUnit, number> = { minutes: 60, hours: 3600, days: 86_400 };

/** A window in seconds as the largest unit that divides it, for the form. */
export function splitWindow(seconds: number): { amount: number; unit: WindowUnit } {
  for (const unit of ['days', 'hours', 'minutes'] as const)
    if (seconds % unitSeconds[unit] === 0) return { amount: seconds / unitSeconds[unit], unit };
  return { amount: Math.round(seconds / 60), unit: 'minutes' };
}

/** `3600` → `1 hour`, `5400` → `90 minutes`. */
export function formatWindow(seconds: number): string {
  const { amount, unit } = splitWindow(seconds);
  return `${amount} ${amount === 1 ? unit.slice(0, -1) : unit}`;
}

export interface FingerprintDraft {
  fields: string[];
  amount: number | '';
  unit: WindowUnit;
}

export const toFingerprintDraft = (rule: FingerprintRuleUpdate | null): FingerprintDraft =>
  rule
    ? { fields: rule.fields, ...splitWindow(rule.windowSeconds) }
    : { fields: [], amount: 1, unit: 'hours' };

/** The rule as the API takes it; an empty amount is sent as 0 so the server names the problem. */
export const fromFingerprintDraft = (d: FingerprintDraft): FingerprintRuleUpdate => ({
  fields: d.fields,
  windowSeconds: (d.amount === '' ? 0 : d.amount) * unitSeconds[d.unit],
});

export interface WebhookDraft {
  source: string;
  format: WebhookFormat;
  /** One path, or several separated by commas, tried in order. */
  title: string;
  severityPath: string;
  /** The source's own severity values and what each means; blank rows are left out. */
  severityValues: { value: string; severity: Severity }[];
  sourceRef: string;
  receivedAt: string;
  observables: { type: ObservableType; path: string }[];
  authKind: 'token' | 'hmac';
  header: string;
  prefix: string;
  /** An HMAC secret of the admin's own; empty: generated on creation, kept on a change. */
  secret: string;
  grouped: boolean;
  fingerprint: FingerprintDraft;
}

export const blankWebhookDraft: WebhookDraft = {
  source: '',
  format: 'json',
  title: '',
  severityPath: '',
  severityValues: [],
  sourceRef: '',
  receivedAt: '',
  observables: [],
  authKind: 'token',
  header: 'x-hub-signature-256',
  prefix: 'sha256=',
  secret: '',
  grouped: false,
  fingerprint: toFingerprintDraft(null),
};

export function toWebhookDraft(s: WebhookSource): WebhookDraft {
  const m = s.mapping;
  return {
    ...blankWebhookDraft,
    source: s.source,
    format: m.format,
    title: [m.title].flat().join(', '),
    severityPath: m.severity?.path ?? '',
    severityValues: Object.entries(m.severity?.values ?? {}).map(([value, severity]) => ({
      value,
      severity,
    })),
    sourceRef: m.sourceRef ?? '',
    receivedAt: m.receivedAt ?? '',
    observables: m.observables,
    authKind: s.auth.kind,
    ...(s.auth.kind === 'hmac' ? { header: s.auth.header, prefix: s.auth.prefix } : {}),
    grouped: s.fingerprint !== null,
    fingerprint: toFingerprintDraft(s.fingerprint),
  };
}

const optional = (path: string) => (path.trim() ? path.trim() : undefined);

/** The settings as the API takes them; `rotate` asks for a new token or secret. */
export function fromWebhookDraft(d: WebhookDraft, rotate = false): WebhookSourceUpdate {
  const values = d.severityValues.filter((v) => v.value.trim());
  const severityPath = optional(d.severityPath);
  const titles = d.title
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return {
    mapping: {
      format: d.format,
      title: titles.length > 1 ? titles : d.title.trim(),
      ...(severityPath
        ? {
            severity: {
              path: severityPath,
              ...(values.length
                ? { values: Object.fromEntries(values.map((v) => [v.value.trim(), v.severity])) }
                : {}),
            },
          }
        : {}),
      ...(optional(d.sourceRef) ? { sourceRef: d.sourceRef.trim() } : {}),
      ...(optional(d.receivedAt) ? { receivedAt: d.receivedAt.trim() } : {}),
      observables: d.observables.map((o) => ({ type: o.type, path: o.path.trim() })),
    },
    auth:
      d.authKind === 'token'
        ? { kind: 'token', rotate }
        : {
            kind: 'hmac',
            header: d.header.trim(),
            prefix: d.prefix,
            ...(d.secret ? { secret: d.secret } : {}),
            rotate,
          },
    fingerprint: d.grouped ? fromFingerprintDraft(d.fingerprint) : null,
  };
}

/** The settings a source already has, sent back unchanged but for a new credential. */
export function rotationOf(s: WebhookSource): WebhookSourceUpdate {
  return {
    mapping: s.mapping,
    auth:
      s.auth.kind === 'token'
        ? { kind: 'token', rotate: true }
        : { kind: 'hmac', header: s.auth.header, prefix: s.auth.prefix, rotate: true },
    fingerprint: s.fingerprint,
  };
}

export const webhookPath = (source: string) => `/api/v1/intake/webhooks/${source}`;

/** A shell example that posts a test event to the source, with its credential in a variable. */
export function curlExample(
  origin: string,
  source: Pick<WebhookSource, 'source' | 'auth'> & { mapping?: Pick<WebhookSource['mapping'], 'format'> },
): string {
  const url = `${origin}${webhookPath(source.source)}`;
  const lines = source.mapping?.format === 'syslog';
  const body = lines
    ? `<134>1 2026-01-01T10:00:00Z fw01 - - - - CEF:0|Example|Firewall|1.0|100|Test event from ${source.source}|5|src=192.0.2.1`
    : `{"id": "test-1", "title": "Test event from ${source.source}"}`;
  const type = lines ? 'text/plain' : 'application/json';
  if (source.auth.kind === 'token')
    return [
      `curl -X POST ${url} \\`,
      `  -H "Authorization: Bearer $WEBHOOK_TOKEN" -H 'Content-Type: ${type}' \\`,
      `  --data-binary '${body}'`,
    ].join('\n');
  return [
    `body='${body}'`,
    `sig=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$WEBHOOK_SECRET" -r | cut -d' ' -f1)`,
    `curl -X POST ${url} \\`,
    `  -H "${source.auth.header}: ${source.auth.prefix}$sig" -H 'Content-Type: ${type}' \\`,
    `  --data-binary "$body"`,
  ].join('\n');
}
