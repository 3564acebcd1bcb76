import { describe, expect, it } from 'vitest';
import type { WebhookSource } from '#contracts/webhooks.ts';
import {
  blankWebhookDraft,
  curlExample,
  formatWindow,
  fromWebhookDraft,
  rotationOf,
  splitWindow,
  toWebhookDraft,
} from './intake-forms.ts';

const source: WebhookSource = {
  source: 'grafana',
  mapping: {
    format: 'json',
    title: 'alert.name',
    severity: { path: 'alert.level', values: { P1: 'critical' } },
    sourceRef: 'id',
    observables: [{ type: 'ipv4', path: 'host.ip' }],
  },
  auth: { kind: 'hmac', header: 'x-sig', prefix: 'sha256=' },
  fingerprint: { fields: ['alert.name'], windowSeconds: 5400 },
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  updatedBy: 'admin',
};

describe('intake forms', () => {
  it('shows a window in the largest unit that divides it', () => {
    expect(splitWindow(7200)).toEqual({ amount: 2, unit: 'hours' });
    expect(splitWindow(5400)).toEqual({ amount: 90, unit: 'minutes' });
    expect(splitWindow(86_400)).toEqual({ amount: 1, unit: 'days' });
    expect(formatWindow(3600)).toBe('1 hour');
    expect(formatWindow(120)).toBe('2 minutes');
  });

  it('round-trips a source through the form and leaves blank optional paths out', () => {
    const update = fromWebhookDraft(toWebhookDraft(source));
    expect(update).toEqual({
      mapping: source.mapping,
      auth: { kind: 'hmac', header: 'x-sig', prefix: 'sha256=', rotate: false },
      fingerprint: source.fingerprint,
    });
    const minimal = fromWebhookDraft({
      ...blankWebhookDraft,
      title: ' name ',
      severityValues: [{ value: ' ', severity: 'low' }],
    });
    expect(minimal).toEqual({
      mapping: { format: 'json', title: 'name', observables: [] },
      auth: { kind: 'token', rotate: false },
      fingerprint: null,
    });
  });

  it('sends several title paths as a list, tried in order', () => {
    const update = fromWebhookDraft({ ...blankWebhookDraft, format: 'syslog', title: 'cef.name, message' });
    expect(update.mapping).toMatchObject({ format: 'syslog', title: ['cef.name', 'message'] });
    const draft = toWebhookDraft({ ...source, mapping: update.mapping });
    expect(draft).toMatchObject({ format: 'syslog', title: 'cef.name, message' });
  });

  it('rotates with the settings unchanged and writes a curl example per auth mode', () => {
    expect(rotationOf(source).auth).toEqual({
      kind: 'hmac',
      header: 'x-sig',
      prefix: 'sha256=',
      rotate: true,
    });
    expect(curlExample('https://fb.example', source)).toContain('-H "x-sig: sha256=$sig"');
    expect(
      curlExample('https://fb.example', { source: 'x', auth: { kind: 'token', tokenPrefix: 'fbw_1' } }),
    ).toContain('curl -X POST https://fb.example/api/v1/intake/webhooks/x');
    const syslog = curlExample('https://fb.example', { ...source, mapping: { format: 'syslog' } });
    expect(syslog).toContain('Content-Type: text/plain');
    expect(syslog).toContain('CEF:0|Example|Firewall|1.0|100|Test event from grafana|5|');
  });
});
