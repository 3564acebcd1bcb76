import { describe, expect, it } from 'vitest';
import { TheHiveAlertV0 } from '#contracts/thehive-alerts.ts';
import { alertToReport, papOf, severityOf, tlpOf } from './thehive-alert.rules.ts';
import type { AlertVersion } from './thehive-artifact.rules.ts';

describe('TheHive alert mapping', () => {
  it.each<[AlertVersion, number, string]>([
    ['v0', 0, 'clear'],
    ['v0', 1, 'green'],
    ['v0', 2, 'amber'],
    ['v0', 3, 'red'],
    ['v1', 0, 'clear'],
    ['v1', 1, 'green'],
    ['v1', 2, 'amber'],
    ['v1', 3, 'amber+strict'],
    ['v1', 4, 'red'],
  ])('TLP %s %i is %s', (version, n, tlp) => {
    expect(tlpOf(version, n)).toBe(tlp);
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
