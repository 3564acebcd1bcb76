import { createHash } from 'node:crypto';
import type { ObservableType } from '#contracts/observables.ts';
import type { SentObservable } from '#contracts/reports.ts';
import type {
  TheHiveAlertV0,
  TheHiveAlertV1,
  TheHiveArtifactOut,
  TheHiveObservable,
} from '#contracts/thehive-alerts.ts';
import { hashTypeOf, normaliseObservable } from '../observables/index.ts';

/** v0: TheHive 3/4 (`/api/alert`); v1: TheHive 5 (`/api/v1/alert`). They differ in TLP and in naming. */
export type AlertVersion = 'v0' | 'v1';

/** A file that came with an alert: recorded by name and hashes (its content is not kept). */
export interface AlertFile {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  sha1: string;
  md5: string;
}

export interface FieldIssue {
  path: string;
  message: string;
}

/** Decoded inline (base64) files above this size are refused: they sit whole in memory. */
export const MAX_INLINE_FILE_BYTES = 4 * 1024 * 1024;

/** Hashes of a file, as observables are made of them. */
export function digest(content: Buffer): Omit<AlertFile, 'name' | 'contentType'> {
  const hex = (algorithm: string) => createHash(algorithm).update(content).digest('hex');
  return { size: content.length, sha256: hex('sha256'), sha1: hex('sha1'), md5: hex('md5') };
}

type Artifact = TheHiveObservable;
type Alert = TheHiveAlertV0 | TheHiveAlertV1;

/** v0 calls them artifacts, v1 observables; a v0 artifact is a v1 observable with a single value. */
const keyOf = (version: AlertVersion) => (version === 'v0' ? 'artifacts' : 'observables');
const listOf = (alert: Alert): Artifact[] => ('artifacts' in alert ? alert.artifacts : alert.observables);

/** The Firebreak observable an artifact value stands for, or null for data types Firebreak does not know. */
export function observableOf(dataType: string, data: string): SentObservable | null {
  const as = (type: ObservableType) => {
    const value = normaliseObservable(type, data);
    return value ? { type, value } : null;
  };
  // TheHive's built-in types, and the names organisations commonly give custom ones.
  switch (dataType.toLowerCase()) {
    case 'ip':
    case 'ipv4':
    case 'ipv6':
      return as('ipv4') ?? as('ipv6') ?? as('cidr');
    case 'domain':
    case 'fqdn':
    case 'hostname':
      return as('domain');
    case 'url':
      return as('url');
    case 'mail':
    case 'email':
      return as('email');
    case 'hash':
    case 'md5':
    case 'sha1':
    case 'sha256': {
      const type = hashTypeOf(data);
      return type ? as(type) : null;
    }
    case 'autonomous-system':
    case 'asn':
      return as('asn');
    case 'cve':
      return as('cve');
    default:
      return null;
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A v0 inline file, `filename;contentType;base64`, decoded; a string on error. */
export function parseInlineFile(data: string): AlertFile | string {
  const [name, contentType, ...rest] = data.split(';');
  const encoded = rest.join(';').replace(/\s+/g, '');
  if (!name || contentType === undefined || !rest.length || !BASE64.test(encoded))
    return 'must be `filename;contentType;base64`';
  if (Math.floor((encoded.length * 3) / 4) > MAX_INLINE_FILE_BYTES + 2)
    return `the file is larger than ${MAX_INLINE_FILE_BYTES} bytes; send it as a multipart part`;
  const content = Buffer.from(encoded, 'base64');
  if (content.length > MAX_INLINE_FILE_BYTES)
    return `the file is larger than ${MAX_INLINE_FILE_BYTES} bytes; send it as a multipart part`;
  return { name, contentType: contentType || 'application/octet-stream', ...digest(content) };
}

const fileObservables = (f: AlertFile): SentObservable[] => [
  { type: 'sha256', value: f.sha256 },
  { type: 'sha1', value: f.sha1 },
  { type: 'md5', value: f.md5 },
];

const echoFile = (f: AlertFile): NonNullable<TheHiveArtifactOut['attachment']> => ({
  name: f.name,
  contentType: f.contentType,
  size: f.size,
  hashes: [f.sha256, f.sha1, f.md5],
  id: f.sha256,
});

/** What an alert's artifacts (v0) or observables (v1) come to. */
export interface ReadArtifacts {
  issues: FieldIssue[];
  /** Observables Firebreak knows, file hashes included; de-duplicated. */
  observables: SentObservable[];
  /** Lines for the report body: data types Firebreak does not know, invalid values, files. */
  others: string[];
  /** What the answer echoes. */
  echo: TheHiveArtifactOut[];
}

/**
 * Reads every artifact value: types Firebreak knows become observables, files their hashes, and
 * the rest (values that are no valid observable too) lines for the body, so the handler loses
 * nothing the tool sent. `files` are the multipart parts by name.
 */
export function readArtifacts(
  version: AlertVersion,
  alert: Alert,
  files: ReadonlyMap<string, AlertFile>,
): ReadArtifacts {
  const issues: FieldIssue[] = [];
  const observables: SentObservable[] = [];
  const others: string[] = [];
  const echo: TheHiveArtifactOut[] = [];
  const note = (a: Artifact) => (a.message ? ` — ${a.message}` : '');
  const common = (a: Artifact) => ({
    dataType: a.dataType,
    ...(a.message !== undefined ? { message: a.message } : {}),
    tags: a.tags ?? [],
    tlp: a.tlp ?? 2,
    ioc: a.ioc ?? false,
  });
  const addFile = (a: Artifact, f: AlertFile) => {
    observables.push(...fileObservables(f));
    others.push(`file: ${f.name} (${f.contentType}, ${f.size} bytes, sha256 ${f.sha256})${note(a)}`);
    echo.push({ ...common(a), attachment: echoFile(f) });
  };

  // In the order sent, so the echo lines up with the request (files are no longer moved last).
  listOf(alert).forEach((a, i) => {
    const path = `body.${keyOf(version)}.${i}`;
    valuesOf(a).forEach(({ data, at }) => {
      if (a.dataType.toLowerCase() === 'file') {
        const file = parseInlineFile(data);
        if (typeof file === 'string') issues.push({ path: `${path}.data${at}`, message: file });
        else addFile(a, file);
        return;
      }
      const observable = observableOf(a.dataType, data);
      if (observable) observables.push(observable);
      else others.push(`${a.dataType}: ${data}${note(a)}`);
      echo.push({ ...common(a), data });
    });
    const remote = a.remoteAttachment;
    if (remote && !a.data?.length) {
      const where = [remote.reference, remote.type].filter((x) => x !== undefined && x !== '').join(', ');
      others.push(`${a.dataType}: ${remote.filename} (left in MISP${where ? `: ${where}` : ''})${note(a)}`);
      echo.push({ ...common(a), data: remote.filename });
    }
    // TheHive: "an observable can't contain data and attachment"; one with data is read by its data.
    if (a.data?.length) return;
    refsOf(a).forEach(({ ref, at }) => {
      if (typeof ref !== 'string') {
        others.push(
          `${a.dataType}: ${ref.name} (stored in TheHive${ref.id ? ` as ${ref.id}` : ''})${note(a)}`,
        );
        echo.push({ ...common(a), data: ref.name });
        return;
      }
      const file = files.get(ref);
      if (file) addFile(a, file);
      else
        issues.push({
          path: `${path}.attachment${at}`,
          message: `names no file part of the multipart body: ${ref}`,
        });
    });
  });
  return { issues, observables: dedupe(observables), others, echo };
}

/** An artifact's values: v1 `data` may list several; `at` is the path suffix of each. */
function valuesOf(a: Artifact) {
  if (Array.isArray(a.data)) return a.data.map((data, j) => ({ data, at: `.${j}` }));
  return a.data === undefined ? [] : [{ data: a.data, at: '' }];
}

/** An artifact's file references (`attachment`): multipart part names or files stored in TheHive. */
function refsOf(a: Artifact) {
  if (a.attachment === undefined) return [];
  if (!Array.isArray(a.attachment)) return [{ ref: a.attachment, at: '' }];
  return a.attachment.map((ref, j) => ({ ref, at: `.${j}` }));
}

function dedupe(items: SentObservable[]): SentObservable[] {
  return [...new Map(items.map((o) => [`${o.type}:${o.value}`, o])).values()];
}
