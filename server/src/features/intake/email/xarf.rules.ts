import { normaliseObservable } from '../../observables/index.ts';
import { parseMailDate } from './email-date.rules.ts';
import type { EmailAttachment, ParsedEmail } from './email-message.rules.ts';

/** An X-ARF report: v0.1/v0.2 (YAML-like `report.txt`), v3 (JSON) or v4 (JSON). */
export interface XarfReport {
  version: string | null;
  format: 'yaml' | 'json';
  /** `Report-Type` (0.x), `ReportType` (3) or `type` (4), as written. */
  reportType: string | null;
  category: string | null;
  /** The reported source as written, and what kind of value it is (`ip-address`, `uri` …). */
  source: string | null;
  sourceType: string | null;
  ips: string[];
  urls: string[];
  domains: string[];
  emails: string[];
  /** File hashes (MD5, SHA-1, SHA-256) and CVE ids the report names. */
  hashes: string[];
  cves: string[];
  port: string | null;
  /** When the abuse happened, as an ISO instant. */
  date: string | null;
  reporter: string | null;
  /** Every scalar field, by the name as written (nested JSON keys joined with dots). */
  fields: Record<string, string>;
}

type Kind = 'ips' | 'urls' | 'domains' | 'emails' | 'hashes' | 'cves';

const YAML_KEY = /^([A-Za-z][\w-]*)[ \t]*:[ \t]?(.*)$/;
const BLOCKS_MAX = 50;

/**
 * The X-ARF report of a mail, or null. v0.x reports are the `---` block of `Key: value` lines of the
 * second part (report.txt), which mail readers often show inline, so the text is searched too; v3
 * and v4 are JSON, attached or as the body. In the text of a mail that does not declare X-ARF (the
 * `X-ARF`/`X-XARF` header), only a block naming its `Report-Type` counts, so that a `---` line in
 * a person's mail is not taken for a report.
 */
export function parseXarf(parsed: Pick<ParsedEmail, 'attachments' | 'text' | 'headers'>): XarfReport | null {
  const attached = parsed.attachments.filter((a) => a.text !== null);
  for (const text of [...attached.map((a) => a.text!), parsed.text]) {
    const json = /^\s*\{/.test(text) ? parseXarfJson(text) : null;
    if (json) return json;
  }
  const declared = Boolean(parsed.headers['x-arf'] ?? parsed.headers['x-xarf']);
  for (const a of attached) {
    const yaml = parseXarfYaml(a.text!) ?? withoutDocumentStart(a, declared);
    if (yaml) return yaml;
  }
  const yaml = parseXarfYaml(parsed.text);
  return yaml && (declared || yaml.reportType) ? yaml : null;
}

/**
 * YAML makes the `---` before a stream's first document optional, and some senders (Webiron) attach
 * report files that begin with their first field. Without the `---`, any `Source: …` note (a
 * customer's firewall log) would read as a report, so the file must also carry the X-ARF mark the
 * text needs: a `Report-Type`, a mail declaring X-ARF, or the report part's name (X-ARF 0.1/0.2:
 * `name="report.txt"`).
 */
function withoutDocumentStart(a: EmailAttachment, declared: boolean): XarfReport | null {
  const yaml = parseXarfYaml(`---\n${a.text}`);
  const reportPart = /^report\.txt$/i.test(a.filename ?? '');
  return yaml && (yaml.reportType || declared || reportPart) ? yaml : null;
}

/**
 * The first X-ARF 0.x block in a text: `---`, then `Key: value` lines. Read line by line rather than
 * as YAML: real reports carry lines a YAML parser refuses (`Schema-URL: http: //…`), and the format
 * has no nesting to lose. A block counts when it names a `Source` or `Report-Type`, or an `ip`,
 * `uri`/`url` and `domain` the way some senders' YAML reports do.
 */
export function parseXarfYaml(text: string): XarfReport | null {
  const lines = text.split(/\r?\n/);
  const starts = lines.flatMap((line, i) => (line.trimEnd() === '---' ? [i] : [])).slice(0, BLOCKS_MAX);
  for (const start of starts) {
    const fields = yamlFields(lines, start + 1);
    const has = (k: string) => fields[k] !== undefined;
    const yamlReport = ['ip', 'uri', 'url', 'domain'].filter(has).length >= 2;
    if (has('source') || has('report-type') || yamlReport) return fromYaml(fields);
  }
  return null;
}

function yamlFields(lines: string[], from: number): Record<string, string> {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  let last: string | null = null;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^[ \t]+\S/.test(line) && last) {
      fields[last] += ` ${line.trim()}`;
      continue;
    }
    const m = YAML_KEY.exec(line);
    if (!m) break;
    last = m[1]!.toLowerCase();
    fields[last] = unquote(m[2]!.trim());
  }
  return fields;
}

function fromYaml(f: Record<string, string>): XarfReport {
  const report = empty('yaml', f);
  Object.assign(report, {
    version: f.version ?? null,
    reportType: f['report-type'] ?? null,
    category: f.category ?? null,
    source: f.source ?? null,
    sourceType: f['source-type'] ?? null,
    port: f.port ?? null,
    date: parseMailDate(f.date),
    reporter: f['reported-from'] ?? null,
  });
  if (f.source) add(report, kindOf(f.source, f['source-type']), f.source);
  for (const [key, kind] of [
    ['ip', 'ips'],
    ['source-ip', 'ips'],
    ['uri', 'urls'],
    ['url', 'urls'],
    // The malware-attack schema's link the compromised site serves malware from.
    ['download-link', 'urls'],
    ['domain', 'domains'],
  ] as const)
    if (f[key]) add(report, kind, f[key]);
  return report;
}

/** An X-ARF v3 (`Version`, `ReporterInfo`, `Report`) or v4 (`xarf_version`) JSON report, or null. */
export function parseXarfJson(text: string): XarfReport | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(doc)) return null;
  if (isRecord(doc.Report)) return fromV3(doc, doc.Report);
  if (typeof doc.xarf_version === 'string') return fromV4(doc);
  return null;
}

/**
 * An X-ARF v3 report. The reported party is the source (`SourceIp`, `SourceUrl`); a login attack on
 * an account names it `AttackerIp`, and the account itself (`Account.AccountEmail`). The destination
 * is the victim or sensor, so its address counts only in a PotentiallyCompromisedAccount report
 * without another address (the server the account is on).
 */
function fromV3(doc: Record<string, unknown>, r: Record<string, unknown>): XarfReport {
  const info = isRecord(doc.ReporterInfo) ? doc.ReporterInfo : {};
  const account = isRecord(r.Account) ? r.Account : {};
  const report = empty('json', flatten(doc));
  const sourceIp = text(r.SourceIp) ?? text(r.AttackerIp);
  Object.assign(report, {
    version: text(doc.Version),
    reportType: text(r.ReportType),
    category: text(r.ReportClass),
    source: sourceIp ?? text(r.SourceUrl) ?? text(r.Url) ?? text(r.Source),
    sourceType: sourceIp ? 'ip-address' : text(r.SourceUrl) || text(r.Url) ? 'uri' : null,
    port: text(r.SourcePort) ?? text(r.AttackerPort),
    date: parseMailDate(text(r.Date)),
    reporter: text(info.ReporterOrg) ?? text(info.ReporterOrgEmail),
  });
  for (const key of ['SourceIp', 'AttackerIp']) add(report, 'ips', text(r[key]));
  for (const key of ['SourceUrl', 'Url']) add(report, 'urls', text(r[key]));
  const source = text(r.Source);
  if (source) add(report, kindOf(source, null), source);
  add(report, 'emails', text(r.SmtpMailFromAddress));
  add(report, 'emails', text(account.AccountEmail));
  add(report, 'domains', text(r.RpzDomain));
  add(report, 'cves', text(r.CVE));
  add(report, 'hashes', isRecord(r.FileHash) ? text(r.FileHash.HashValue) : text(r.FileHash));
  // Elsewhere the destination is the victim or sensor, whatever else the report names or not.
  if (report.reportType === 'PotentiallyCompromisedAccount' && !report.ips.length)
    add(report, 'ips', text(r.DestinationIp));
  return report;
}

function fromV4(doc: Record<string, unknown>): XarfReport {
  const reporter = isRecord(doc.reporter) ? doc.reporter : {};
  const source = text(doc.source_identifier);
  const report = empty('json', flatten(doc));
  Object.assign(report, {
    version: text(doc.xarf_version),
    reportType: text(doc.type),
    category: text(doc.category),
    source,
    sourceType: source ? kindOf(source, null) : null,
    port: text(doc.source_port),
    date: parseMailDate(text(doc.timestamp)),
    reporter: text(reporter.org) ?? text(reporter.contact),
  });
  if (source) add(report, kindOf(source, null), source);
  add(report, 'urls', text(doc.url));
  add(report, 'domains', text(doc.domain));
  return report;
}

/** What a source value is: the declared `Source-Type` when there is one, else its shape. */
function kindOf(value: string, declared: string | null | undefined): Kind {
  const type = declared?.toLowerCase() ?? '';
  if (/ip|address/.test(type) && !/mail/.test(type)) return 'ips';
  if (/ur[il]/.test(type)) return 'urls';
  if (/mail/.test(type)) return 'emails';
  if (/domain|host|fqdn/.test(type)) return 'domains';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'urls';
  if (normaliseObservable('ipv4', value) ?? normaliseObservable('ipv6', value)) return 'ips';
  return value.includes('@') ? 'emails' : 'domains';
}

function add(report: XarfReport, kind: Kind, value: string | null | undefined) {
  const v = value?.trim();
  if (v && !report[kind].includes(v)) report[kind].push(v);
}

function empty(format: 'yaml' | 'json', fields: Record<string, string>): XarfReport {
  return {
    ...{ version: null, format, reportType: null, category: null, source: null, sourceType: null },
    ...{ ips: [], urls: [], domains: [], emails: [], hashes: [], cves: [] },
    ...{ port: null, date: null, reporter: null, fields },
  };
}

function flatten(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}${i}.`, out));
  else if (isRecord(value)) for (const [k, v] of Object.entries(value)) flatten(v, `${prefix}${k}.`, out);
  else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    out[prefix.slice(0, -1)] = String(value);
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) =>
  typeof v === 'string' ? v.trim() || null : typeof v === 'number' ? String(v) : null;
const unquote = (v: string) => (/^(["']).*\1$/.test(v) ? v.slice(1, -1) : v);
