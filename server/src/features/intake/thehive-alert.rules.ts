import type { Tlp } from '#contracts/identity.ts';
import type { NewReport, Pap, Severity } from '#contracts/reports.ts';
import type {
  TheHiveAlertOut,
  TheHiveAlertV0,
  TheHiveAlertV1,
  TheHiveArtifactOut,
} from '#contracts/thehive-alerts.ts';
import {
  readArtifacts,
  type AlertFile,
  type AlertVersion,
  type FieldIssue,
} from './thehive-artifact.rules.ts';

type Alert = TheHiveAlertV0 | TheHiveAlertV1;

const TITLE_MAX = 300;
/*
 * TheHive takes an alert dated in the future (a sender's clock, or local time read as UTC, e.g.
 * Python's `mktime(utcnow().timetuple())` west of Greenwich); refusing it would lose the alert. Past
 * this skew the report is received now and the body keeps the date as sent.
 */
const CLOCK_SKEW_MS = 5 * 60_000;
const BODY_MAX = 1_000_000;

/**
 * TLP numbers: TheHive 5.2 moved to TLP 2.0 and added AMBER+STRICT as 3, pushing RED to 4; TheHive 3/4
 * (`/api/alert`) and 5.0/5.1 have RED at 3. Which one `/api/v1/alert` reads is a setting.
 */
export type TlpNumbering = 'tlp1' | 'tlp2';
const TLP: Record<TlpNumbering, Tlp[]> = {
  // A 4 sent by a TLP 1.0 script can only mean "above RED": RED.
  tlp1: ['clear', 'green', 'amber', 'red', 'red'],
  tlp2: ['clear', 'green', 'amber', 'amber+strict', 'red'],
};
export const numberingOf = (version: AlertVersion, v1: TlpNumbering): TlpNumbering =>
  version === 'v0' ? 'tlp1' : v1;
const TLP_LABEL: Record<Tlp, string> = {
  clear: 'CLEAR',
  green: 'GREEN',
  amber: 'AMBER',
  'amber+strict': 'AMBER+STRICT',
  red: 'RED',
};
const PAP: Pap[] = ['clear', 'green', 'amber', 'red'];
const SEVERITY: Severity[] = ['low', 'medium', 'high', 'critical'];

export const tlpOf = (numbering: TlpNumbering, n: number): Tlp => TLP[numbering][n] ?? 'amber';
export const papOf = (n: number): Pap => PAP[n] ?? 'amber';
export const severityOf = (n: number): Severity => SEVERITY[n - 1] ?? 'medium';

/** The labels TheHive 5 answers beside the numbers. */
export function labelsOf(alert: { severity: number; tlp: number; pap: number }, numbering: TlpNumbering) {
  return {
    severityLabel: severityOf(alert.severity).toUpperCase(),
    tlpLabel: TLP_LABEL[tlpOf(numbering, alert.tlp)],
    papLabel: TLP_LABEL[papOf(alert.pap)],
  };
}

export interface MappedAlert {
  report: NewReport;
  /** What the answer echoes as `artifacts` (v0) or `observables` (v1). */
  echo: TheHiveArtifactOut[];
}

/**
 * A TheHive alert as a Firebreak report. (type, source, sourceRef) is the alert's identity, so the
 * report's sourceRef is `type:sourceRef`. The body is the description, the tags, and the artifacts
 * that are no observable (see `readArtifacts`). `files` are the multipart parts by name.
 */
export function alertToReport(
  version: AlertVersion,
  alert: Alert,
  raw: string,
  files: ReadonlyMap<string, AlertFile>,
  { now, v1Tlp = 'tlp2' }: { now?: Date; v1Tlp?: TlpNumbering } = {},
): MappedAlert | { issues: FieldIssue[] } {
  const { issues, observables, others, echo } = readArtifacts(version, alert, files);
  if (issues.length) return { issues };
  const future = now !== undefined && alert.date !== undefined && alert.date > now.getTime() + CLOCK_SKEW_MS;
  // The report holds every observable, so it is marked as strictly as the strictest of them (higher
  // numbers are stricter in both numberings).
  const numbering = numberingOf(version, v1Tlp);
  const tlp = tlpOf(numbering, Math.max(alert.tlp, ...echo.map((e) => e.tlp)));
  const receivedAt = future ? now : alert.date !== undefined ? new Date(alert.date) : undefined;

  const long = alert.title.length > TITLE_MAX;
  const sections = [...(long ? [alert.title] : []), alert.description];
  if (alert.summary) sections.push(`Summary: ${alert.summary}`);
  if (alert.tags.length) sections.push(`Tags: ${alert.tags.join(', ')}`);
  if (alert.externalLink) sections.push(`External link: ${alert.externalLink}`);
  if (tlp !== tlpOf(numbering, alert.tlp))
    sections.push(
      `TLP: ${TLP_LABEL[tlp]}, as its strictest observable (the alert says ${TLP_LABEL[tlpOf(numbering, alert.tlp)]})`,
    );
  if (future)
    sections.push(
      `Alert date as sent: ${new Date(alert.date ?? 0).toISOString()} (in the future; received now)`,
    );
  const fields = customFieldLines(alert.customFields);
  if (fields.length) sections.push(`Custom fields:\n${fields.join('\n')}`);
  if (alert.procedures?.length)
    sections.push(`ATT&CK procedures:\n${alert.procedures.map(procedureLine).join('\n')}`);
  if (others.length)
    sections.push(`Other ${version === 'v0' ? 'artifacts' : 'observables'}:\n${others.join('\n')}`);
  // An empty description (Graylog's, when the event definition has none) leaves no blank lead.
  const body = sections.filter(Boolean).join('\n\n');
  return {
    echo,
    report: {
      channel: 'monitoring',
      reporter: { kind: 'tool', name: alert.source.slice(0, 200), contact: '', trust: 'unknown' },
      ...(receivedAt ? { receivedAt: receivedAt.toISOString() } : {}),
      title: long ? `${alert.title.slice(0, TITLE_MAX - 1)}…` : alert.title,
      body: body.length > BODY_MAX ? `${body.slice(0, BODY_MAX - 1)}…` : body,
      raw,
      tlp,
      pap: papOf(alert.pap),
      source: alert.source,
      sourceRef: `${alert.type}:${alert.sourceRef}`,
      severity: severityOf(alert.severity),
      // Not capped at the report API's 1,000: the body limit bounds them, and none is dropped.
      observables,
    },
  };
}

const scalar = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

/**
 * `name: value` lines of TheHive custom fields, in either form TheHive takes: an object of
 * `{ name: { <type>: value, order } }` (v0 and v1) or a list of `{ name, value }` (v1).
 */
export function customFieldLines(fields: unknown): string[] {
  const line = (name: string, value: unknown) => {
    const text = scalar(value);
    return text === undefined || text === '' ? [] : [`${name}: ${text}`];
  };
  if (Array.isArray(fields))
    return fields.flatMap((f: unknown) =>
      typeof f === 'object' && f !== null && 'name' in f && typeof f.name === 'string'
        ? line(f.name, 'value' in f ? f.value : undefined)
        : [],
    );
  if (typeof fields !== 'object' || fields === null) return [];
  return Object.entries(fields as Record<string, unknown>).flatMap(([name, v]) => {
    if (typeof v !== 'object' || v === null) return line(name, v);
    const typed = Object.entries(v as Record<string, unknown>).find(([k]) => k !== 'order');
    return typed ? line(name, typed[1]) : [];
  });
}

const procedureLine = (p: NonNullable<Alert['procedures']>[number]) =>
  [p.patternId, p.tactic ? `(${p.tactic})` : '', p.description ? `— ${p.description}` : '']
    .filter(Boolean)
    .join(' ');

/** The created alert as TheHive answers it: v0 (TheHive 3/4) or v1 (TheHive 5) shape. */
export function alertAnswer(
  version: AlertVersion,
  alert: Alert,
  report: { id: string; receivedAt: string; createdAt: string; createdBy: string },
  echo: TheHiveArtifactOut[],
  v1Tlp: TlpNumbering = 'tlp2',
): TheHiveAlertOut {
  const createdAt = Date.parse(report.createdAt);
  const date = alert.date ?? Date.parse(report.receivedAt);
  const common = {
    _id: report.id,
    id: report.id,
    title: alert.title,
    description: alert.description,
    type: alert.type,
    source: alert.source,
    sourceRef: alert.sourceRef,
    severity: alert.severity,
    tlp: alert.tlp,
    pap: alert.pap,
    date,
    tags: alert.tags,
    status: 'New',
    follow: true,
    createdAt,
    createdBy: report.createdBy,
  };
  if (version === 'v0') {
    return { ...common, _type: 'alert', user: report.createdBy, lastSyncDate: createdAt, artifacts: echo };
  }
  return {
    ...common,
    _type: 'Alert',
    _createdAt: createdAt,
    _createdBy: report.createdBy,
    ...labelsOf(alert, v1Tlp),
    stage: 'New',
    observableCount: echo.length,
    observables: echo,
    extraData: {},
    newDate: createdAt,
    timeToDetect: Math.max(0, createdAt - date),
  };
}
