import { parse } from 'csv-parse/sync';
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import type { SentObservable } from '#contracts/reports.ts';
import { distinctObservables, ipObservable, observableOf, parseEventTime } from '../event-fields.rules.ts';

export interface ShadowserverRow {
  /** The CSV line the record starts on; the header is line 1. */
  line: number;
  /** The record as written, without its line end. */
  raw: string;
  /**
   * The reported address as written: `ip`, `src_ip` in event reports, `http_referer_ip`, or in old
   * reports the first column holding addresses; the first one when the cell lists several.
   */
  ip: string | null;
  /** The row's address, host, URL, ASN and hashes, normalised. */
  observables: SentObservable[];
  timestamp: string | null;
  fields: Record<string, string>;
}

export interface ShadowserverCsv {
  /** `scan_afp`, `event4_sinkhole_http` …, from the file name; null when it does not say. */
  reportType: string | null;
  /** The header row's column names, lower-case. */
  columns: string[];
  rows: ShadowserverRow[];
  warnings: string[];
}

export interface ShadowserverFile extends ShadowserverCsv {
  /** The CSV's name (inside its zip, if it came zipped). */
  filename: string;
}

export interface ShadowserverLimits {
  /** Most bytes decompressed from zip attachments over one mail (zip bomb defence). */
  maxBytes: number;
  /** Most rows read over one mail. */
  maxRows: number;
}

export const DEFAULT_SHADOWSERVER_LIMITS: Readonly<ShadowserverLimits> = {
  maxBytes: 50 * 1024 * 1024,
  maxRows: 100_000,
};

// A deflate block expands at most ~1032 times, so a 4 KiB step inflates at most ~4 MiB past the cap.
const ZIP_STEP = 4096;

/**
 * Whether a CSV's header row is Shadowserver's: every current report has a `timestamp` column; old
 * ones (before 2010) split it into `Date` and `Time`.
 */
export function isShadowserverCsv(text: string): boolean {
  const header =
    text
      .slice(0, 65536)
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? '';
  const names = header.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  return names.includes('timestamp') || (names.includes('date') && names.includes('time'));
}

/** Shadowserver names its files `YYYY-MM-DD-<report type>-<recipient>-<geo|asn|ip>.csv(.zip)`. */
export const isShadowserverName = (filename: string | null | undefined) =>
  /^\d{4}-\d{2}-\d{2}-[a-z0-9_]+-.*\.csv(?:\.zip)?$/i.test(filename?.split('/').pop() ?? '');

/** The report type a Shadowserver file name carries: `2019-01-16-scan_afp-sample-ip.csv` is `scan_afp`. */
export function shadowserverReportType(filename: string | null | undefined): string | null {
  const base =
    filename
      ?.split('/')
      .pop()
      ?.replace(/\.csv(?:\.zip)?$/i, '') ?? '';
  return (
    /^\d{4}-\d{2}-\d{2}-([a-z0-9_]+)(?:-|$)/i.exec(base)?.[1] ?? (/^[a-z0-9_-]+$/i.test(base) ? base : null)
  );
}

/**
 * The rows of a Shadowserver report CSV, at most `maxRows`; broken lines are skipped with a warning
 * rather than losing the report.
 */
export function parseShadowserverCsv(
  text: string,
  options: { filename?: string | null; maxRows?: number } = {},
): ShadowserverCsv {
  const maxRows = options.maxRows ?? DEFAULT_SHADOWSERVER_LIMITS.maxRows;
  const warnings: string[] = [];
  let skipped = 0;
  const records = parse(text, {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: () => void skipped++,
    info: true,
    raw: true,
    to: maxRows + 2,
  }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  const [header, ...body] = records;
  const columns = header?.record.map((c) => c.trim().toLowerCase()) ?? [];
  if (body.length > maxRows) warnings.push(`more than ${maxRows} rows; the rest was not read`);
  if (skipped) warnings.push(`${skipped} malformed CSV lines skipped`);
  if (!columns.length) warnings.push('the CSV is empty');
  const read = body.slice(0, maxRows).map(({ record, info, raw }) => {
    const fields: Record<string, string> = {};
    columns.forEach((name, i) => {
      const value = record[i]?.trim();
      if (name && value) fields[name] = value;
    });
    const text = raw.replace(/\r?\n$/, '');
    return { line: info.lines - (text.split('\n').length - 1), raw: text, fields };
  });
  const ipColumn = addressColumn(
    columns,
    read.slice(0, 20).map((r) => r.fields),
  );
  const rows = read.map((r) => rowOf(r.line, r.raw, r.fields, ipColumn));
  return { reportType: shadowserverReportType(options.filename), columns, rows, warnings };
}

// Columns naming the reported address, most telling first: scan and drone reports, event reports,
// the referer report (the referring address is the one reported), and the spelled-out names of
// reports from before 2010.
const ADDRESS_COLUMNS = [
  'ip',
  'src_ip',
  'http_referer_ip',
  'ip address',
  'ip_address',
  'source_ip',
  'source ip',
  'src ip',
];
// The other side of an event (the sensor, sinkhole, victim or C&C server) is never the reported address.
const OTHER_SIDE = /^(?:dst|dest|destination)[ _]|^http_host$|^cc[ _]?ip$/;

/** A cell's addresses: several in one cell are separated by blanks, commas or bars. */
const addressesIn = (value: string | undefined) =>
  (value ?? '').split(/[\s,;|]+/).filter((v) => ipObservable(v) ?? observableOf('cidr', v));

/** The column of the reported address: a known name, else the first whose cells hold addresses. */
function addressColumn(columns: string[], sample: Record<string, string>[]): string | null {
  const named = ADDRESS_COLUMNS.find((c) => columns.includes(c));
  if (named) return named;
  return (
    columns.find((c) => c && !OTHER_SIDE.test(c) && sample.some((f) => addressesIn(f[c]).length > 0)) ?? null
  );
}

function rowOf(
  line: number,
  raw: string,
  f: Record<string, string>,
  ipColumn: string | null,
): ShadowserverRow {
  const cell = ipColumn ? f[ipColumn] : undefined;
  // Reports of URLs alone (honeypot downloads) name the address only as the URL's host.
  const ips = cell ? addressesIn(cell) : addressesIn(urlHost(f.url));
  // A bot calling a sinkhole by address names the sinkhole itself as the HTTP host (Microsoft's
  // sinkhole report): that is the sensor, not something to act on.
  const host = f.http_host && f.http_host !== f.dst_ip ? f.http_host : undefined;
  return {
    line,
    raw,
    ip: ips[0] ?? cell ?? null,
    observables: distinctObservables([
      ...[...ips, f.src_ip].map(addressObservable),
      // The spoofing network of the IP spoofer report (`192.0.2.0/24`).
      observableOf('cidr', f.network),
      observableOf('domain', f.hostname ?? f.src_hostname),
      ipObservable(host) ?? observableOf('domain', host),
      ipObservable(f.host) ?? observableOf('domain', f.host),
      ...(f.domain ?? '').split(/\s+/).map((d) => observableOf('domain', d)),
      observableOf('url', urlOf(f.url ?? f.http_url, host)),
      observableOf('asn', f.asn ?? f.src_asn),
      observableOf('md5', f.md5hash ?? f.md5),
      observableOf('sha1', f.sha1),
      observableOf('sha256', f.sha256),
    ]),
    timestamp: timeOf(f),
    fields: f,
  };
}

function urlHost(url: string | undefined): string | undefined {
  if (!url || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return undefined;
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
}

/** An address, or a network as Shadowserver's blocklist report gives some (`192.0.2.0/24`). */
const addressObservable = (value: string | undefined) =>
  value?.includes('/') ? observableOf('cidr', value) : ipObservable(value);

/** `timestamp`, or the `Date` and `Time` columns of old reports, as an ISO instant. */
function timeOf(f: Record<string, string>): string | null {
  const text = f.timestamp ?? (f.date && f.time ? `${f.date} ${f.time}` : f.first_seen);
  return text ? (parseEventTime(text)?.toISOString() ?? null) : null;
}

/** A URL column: absolute as is, or a path (`/x.php`, `GET /x HTTP/1.1`) on the row's HTTP host. */
function urlOf(value: string | undefined, host: string | undefined): string | undefined {
  if (!value || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  const path = /^[A-Z]+ (\S+)(?: HTTP\/[\d.]+)?$/.exec(value)?.[1] ?? value;
  if (!host || /\s/.test(path)) return undefined;
  return `http://${host}${path.startsWith('/') ? '' : '/'}${path}`;
}

/**
 * Shadowserver CSVs among a mail's attachments, plain or zipped. Decompression stops at
 * `maxBytes` over the mail and reading at `maxRows`, with a warning each: a zip bomb is cut short,
 * not expanded.
 */
export function shadowserverFiles(
  attachments: { filename: string | null; contentType: string; bytes: Uint8Array }[],
  limits: ShadowserverLimits = DEFAULT_SHADOWSERVER_LIMITS,
): { files: ShadowserverFile[]; warnings: string[] } {
  const budget = { bytesLeft: limits.maxBytes, rowsLeft: limits.maxRows };
  const files: ShadowserverFile[] = [];
  const warnings: string[] = [];
  for (const a of attachments) {
    const name = a.filename ?? '';
    const zipped = /\.zip$/i.test(name) || /\bzip\b/.test(a.contentType);
    const csvs = zipped
      ? unzipCsvs(a.bytes, budget, warnings)
      : /\.csv$/i.test(name) || a.contentType === 'text/csv'
        ? [{ filename: name || 'report.csv', bytes: a.bytes }]
        : [];
    if (zipped && !csvs.length)
      warnings.push(`${name || 'a zip archive'}: no CSV file could be read from it`);
    for (const csv of csvs) {
      const text = new TextDecoder().decode(csv.bytes);
      if (zipped && !text.trim()) warnings.push(`${csv.filename}: the CSV is empty`);
      // A file named the Shadowserver way is a report even when its header is of an older kind.
      const report = isShadowserverCsv(text) || (isShadowserverName(csv.filename) && text.trim() !== '');
      if (!report || budget.rowsLeft <= 0) continue;
      const read = parseShadowserverCsv(text, { filename: csv.filename, maxRows: budget.rowsLeft });
      budget.rowsLeft -= read.rows.length;
      files.push({ filename: csv.filename, ...read });
      warnings.push(...read.warnings.map((w) => `${csv.filename}: ${w}`));
    }
  }
  return { files, warnings };
}

/** The .csv files of a zip archive, decompressed in small steps so the byte budget holds. */
function unzipCsvs(
  zip: Uint8Array,
  budget: { bytesLeft: number },
  warnings: string[],
): { filename: string; bytes: Uint8Array }[] {
  const out: { filename: string; chunks: Uint8Array[]; damaged: boolean }[] = [];
  let over = false;
  const unzip = new Unzip((file: UnzipFile) => {
    if (!/\.csv$/i.test(file.name)) return;
    const entry = { filename: file.name, chunks: [] as Uint8Array[], damaged: false };
    out.push(entry);
    file.ondata = (err, chunk) => {
      // A damaged deflate stream is said to be one, not passed on as an empty or cut CSV.
      if (err && !entry.damaged) warnings.push(`${file.name}: could not be decompressed (${err.message})`);
      if (err) entry.damaged = true;
      if (err || over) return;
      budget.bytesLeft -= chunk.length;
      if (budget.bytesLeft < 0) over = true;
      else entry.chunks.push(chunk);
    };
    try {
      file.start();
    } catch (err) {
      warnings.push(`${file.name}: not read (${err instanceof Error ? err.message : String(err)})`);
    }
  });
  unzip.register(UnzipInflate);
  try {
    for (let i = 0; i < zip.length && !over; i += ZIP_STEP)
      unzip.push(zip.subarray(i, i + ZIP_STEP), i + ZIP_STEP >= zip.length);
  } catch (err) {
    warnings.push(`a zip archive could not be read (${err instanceof Error ? err.message : String(err)})`);
  }
  if (over) warnings.push('zip archives expand past the decompression limit; the rest was not read');
  return out.filter((e) => !e.damaged).map((e) => ({ filename: e.filename, bytes: concat(e.chunks) }));
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
