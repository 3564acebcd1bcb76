import { describe, expect, it } from 'vitest';
import { TheHiveAlertV0, TheHiveAlertV1 } from '#contracts/thehive-alerts.ts';
import {
  alertToReport,
  customFieldLines,
  numberingOf,
  papOf,
  severityOf,
  tlpOf,
  type TlpNumbering,
} from './thehive-alert.rules.ts';
import type { AlertVersion } from './thehive-artifact.rules.ts';

/** The fields every alert needs, for tests about the others. */
const base = { title: 't', description: 'd', type: 'x', source: 's', sourceRef: '1' };

describe('TheHive alert mapping', () => {
  it.each<[AlertVersion, TlpNumbering, number, string]>([
    ['v0', 'tlp2', 0, 'clear'],
    ['v0', 'tlp2', 1, 'green'],
    ['v0', 'tlp2', 2, 'amber'],
    ['v0', 'tlp2', 3, 'red'],
    ['v1', 'tlp2', 0, 'clear'],
    ['v1', 'tlp2', 1, 'green'],
    ['v1', 'tlp2', 2, 'amber'],
    ['v1', 'tlp2', 3, 'amber+strict'],
    ['v1', 'tlp2', 4, 'red'],
    // TheHive 5.0/5.1 numbering, for senders written against them.
    ['v1', 'tlp1', 2, 'amber'],
    ['v1', 'tlp1', 3, 'red'],
    ['v1', 'tlp1', 4, 'red'],
  ])('TLP %s (v1 read as %s) %i is %s', (version, v1, n, tlp) => {
    expect(tlpOf(numberingOf(version, v1), n)).toBe(tlp);
  });

  it('maps PAP 0–3 and severity 1–4', () => {
    expect([0, 1, 2, 3].map(papOf)).toEqual(['clear', 'green', 'amber', 'red']);
    expect([1, 2, 3, 4].map(severityOf)).toEqual(['low', 'medium', 'high', 'critical']);
  });

  it('makes a report: identity type:sourceRef, known artifacts as observables, the rest in the body', () => {
    const alert = TheHiveAlertV0.parse({
      title: 't'.repeat(400),
      description: 'desc',
      type: 'ids',
      source: 'suricata',
      sourceRef: '42',
      tags: ['a', 'b'],
      artifacts: [
        { dataType: 'ip', data: '192.0.2.1' },
        { dataType: 'ip', data: '192.0.2.1', message: 'again' },
        { dataType: 'registry', data: 'HKLM\\Run\\x', message: 'persistence' },
      ],
    });
    const mapped = alertToReport('v0', alert, '{}', new Map());
    if ('issues' in mapped) throw new Error('unexpected issues');
    expect(mapped.report).toMatchObject({
      channel: 'monitoring',
      reporter: { kind: 'tool', name: 'suricata' },
      source: 'suricata',
      sourceRef: 'ids:42',
      severity: 'medium',
      tlp: 'amber',
      observables: [{ type: 'ipv4', value: '192.0.2.1' }],
      raw: '{}',
    });
    expect(mapped.report.title).toHaveLength(300);
    // A title cut to fit keeps its full text at the top of the body.
    expect(mapped.report.body).toBe(
      `${'t'.repeat(400)}\n\ndesc\n\nTags: a, b\n\nOther artifacts:\nregistry: HKLM\\Run\\x — persistence`,
    );
    expect(mapped.echo).toHaveLength(3);
  });
});

describe('TheHive bodies as senders write them', () => {
  it('reads null as not sent and numbers written as strings (thehive4py 1.x, ElastAlert, config-driven tools)', () => {
    const alert = TheHiveAlertV0.parse({
      title: 't',
      description: 'd',
      type: 'external',
      source: 'elastalert',
      sourceRef: '1',
      severity: '3',
      tlp: '3',
      date: 1620571410000.5,
      tags: null,
      caseTemplate: null,
      externalLink: null,
      artifacts: [{ dataType: 'ip', data: '127.0.0.1', message: null, tags: null, tlp: '2', ioc: null }],
    });
    expect(alert).toMatchObject({ severity: 3, tlp: 3, date: 1620571410000, tags: [] });
    const mapped = alertToReport('v0', alert, '{}', new Map());
    if ('issues' in mapped) throw new Error('unexpected issues');
    expect(mapped.report).toMatchObject({ severity: 'high', tlp: 'red' });
    expect(mapped.echo[0]).toEqual({ dataType: 'ip', data: '127.0.0.1', tags: [], tlp: 2, ioc: false });
    // TheHive 3's "unknown" TLP and "not set" severity read as the defaults.
    const legacy = TheHiveAlertV0.parse({ ...alert, tlp: -1, severity: 0 });
    const legacyReport = alertToReport('v0', legacy, '{}', new Map());
    if ('issues' in legacyReport) throw new Error('unexpected issues');
    expect(legacyReport.report).toMatchObject({ severity: 'medium', tlp: 'amber' });
    expect(TheHiveAlertV1.safeParse({ ...alert, tlp: 5 }).success).toBe(false);
    expect(TheHiveAlertV0.safeParse({ ...alert, description: undefined }).success).toBe(false);
  });

  it('drops blank tags (an empty tag setting split: SOCtopus, n8n) and leaves no blank lead for an empty description', () => {
    const alert = TheHiveAlertV0.parse({
      title: 't',
      description: '',
      type: 'external',
      source: 'SecurityOnion',
      sourceRef: '1',
      tags: ['', ' '],
      artifacts: [{ dataType: 'other', data: 'root', tags: [''] }],
    });
    expect(alert.tags).toEqual([]);
    const mapped = alertToReport('v0', alert, '{}', new Map());
    if ('issues' in mapped) throw new Error('unexpected issues');
    expect(mapped.report.body).toBe('Other artifacts:\nother: root');
    expect(mapped.echo[0]?.tags).toEqual([]);
  });

  it('reads the artifacts of a TheHive 3/4 body sent to the TheHive 5 path as its observables', () => {
    const artifacts = [{ dataType: 'ip', data: '192.0.2.1' }];
    expect(TheHiveAlertV1.parse({ ...base, artifacts }).observables).toEqual(artifacts);
    // Observables named beside them win: the body says which list it means.
    expect(TheHiveAlertV1.parse({ ...base, artifacts, observables: [] }).observables).toEqual([]);
    // Such a body numbers TLP as TheHive 3/4 does: its 3 is RED (4 on this path), -1 the default.
    expect(TheHiveAlertV1.parse({ ...base, artifacts, tlp: 3 }).tlp).toBe(4);
    expect(TheHiveAlertV1.parse({ ...base, artifacts, tlp: '3' }).tlp).toBe(4);
    expect(TheHiveAlertV1.parse({ ...base, artifacts, tlp: -1 }).tlp).toBe(2);
    expect(TheHiveAlertV1.parse({ ...base, observables: artifacts, tlp: 3 }).tlp).toBe(3);
  });

  it('marks the report as strictly as its strictest observable', () => {
    const amber = { ...base, tlp: 2 };
    const observables = [
      { dataType: 'ip', data: '192.0.2.1', tlp: 4 },
      { dataType: 'domain', data: 'evil.example', tlp: 1 },
    ];
    const mapped = alertToReport('v1', TheHiveAlertV1.parse({ ...amber, observables }), '{}', new Map());
    if ('issues' in mapped) throw new Error('unexpected issues');
    expect(mapped.report.tlp).toBe('red');
    expect(mapped.report.body).toContain('TLP: RED, as its strictest observable (the alert says AMBER)');
    const plain = alertToReport('v1', TheHiveAlertV1.parse({ ...amber, observables: [] }), '{}', new Map());
    if ('issues' in plain) throw new Error('unexpected issues');
    expect(plain.report.tlp).toBe('amber');
    expect(plain.report.body).not.toContain('strictest observable');
  });

  it('refuses a compact date that does not exist instead of rolling it over', () => {
    expect(TheHiveAlertV0.parse({ ...base, date: '20240229T235959-1400' }).date).toBe(
      Date.parse('2024-03-01T13:59:59Z'),
    );
    for (const date of ['20201340T999999+9999', '99999999T000000+0000', '20230229T000000+0000'])
      expect(TheHiveAlertV0.safeParse({ ...base, date }).error?.issues[0]?.path).toEqual(['date']);
  });

  it('names a bad tag where it was sent, before blank ones are dropped', () => {
    const bad = TheHiveAlertV0.safeParse({ ...base, tags: ['', ' ', 'x', 5] });
    expect(bad.error?.issues[0]?.path).toEqual(['tags', 3]);
  });

  it('shows summary, external link, custom fields (both forms) and procedures in the body', () => {
    const alert = TheHiveAlertV1.parse({
      title: 't',
      description: 'd',
      type: 'alert',
      source: 'splunk',
      sourceRef: '1',
      summary: 'twelve failures',
      externalLink: 'https://siem.example/1',
      customFields: [
        { name: 'sid', value: 'abc' },
        { name: 'hits', value: 13 },
      ],
      procedures: [{ patternId: 'T1110.001', occurDate: 1, tactic: 'credential-access' }],
      observables: [
        { dataType: 'cve', data: 'cve-2023-23397' },
        { dataType: 'sha256', data: 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855' },
        { dataType: 'hostname', data: 'WS-042' },
      ],
    });
    const mapped = alertToReport('v1', alert, '{}', new Map());
    if ('issues' in mapped) throw new Error('unexpected issues');
    expect(mapped.report.body).toBe(
      'd\n\nSummary: twelve failures\n\nExternal link: https://siem.example/1\n\nCustom fields:\nsid: abc\nhits: 13' +
        '\n\nATT&CK procedures:\nT1110.001 (credential-access)\n\nOther observables:\nhostname: WS-042',
    );
    expect(mapped.report.observables).toEqual([
      { type: 'cve', value: 'CVE-2023-23397' },
      { type: 'sha256', value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
    ]);
    expect(customFieldLines({ unit: { string: 'finance', order: 0 }, empty: { string: null } })).toEqual([
      'unit: finance',
    ]);
  });
});
