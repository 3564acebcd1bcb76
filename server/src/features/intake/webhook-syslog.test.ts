import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

/** The Sekoia intake-format samples: one message per line, of 47 products, as their relays forward them. */
const sekoia = readFileSync(
  new URL(
    '../../../../../shared/samples/telemetry/sekoia-intake-formats/raw-messages.jsonl',
    import.meta.url,
  ),
  'utf8',
)
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { integration: string; message: string });

/** A stream of mixed log lines: CEF where there is CEF, the message itself otherwise. */
const mapping = {
  format: 'syslog',
  title: ['cef.name', 'leef.eventId', 'message'],
  severity: { path: 'cef.severity', values: { '10': 'critical', '7': 'high', '5': 'medium', '3': 'low' } },
  receivedAt: 'syslog.timestamp',
  observables: [
    { type: 'ipv4', path: 'fields.src' },
    { type: 'ipv4', path: 'fields.dst' },
    { type: 'ipv4', path: 'fields.SRC' },
    { type: 'ipv4', path: 'fields.DST' },
  ],
};

describeEachDialect('generic webhooks: log lines', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let token: string;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
    const saved = await t.request({
      method: 'PUT',
      url: '/api/v1/intake/webhooks/relay',
      headers: admin,
      payload: { mapping, auth: { kind: 'token' } },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().mapping).toMatchObject({ format: 'syslog', title: mapping.title });
    token = saved.json<{ secret: string }>().secret;
  });
  afterEach(() => t.close());

  const post = (payload: string) =>
    t.request({
      method: 'POST',
      url: '/api/v1/intake/webhooks/relay',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
      payload,
    });
  const report = async (title: string) => {
    const row = await t.db.db
      .selectFrom('reports')
      .select('id')
      .where('title', '=', title)
      .executeTakeFirstOrThrow();
    return (await t.request({ method: 'GET', url: `/api/v1/reports/${row.id}`, headers: admin })).json();
  };

  it('makes a report of each line: CEF fields through the mapping, observables from plain messages', async () => {
    const body = [
      '<134>1 2026-03-01T10:00:00Z fw01 - - - - CEF:0|Fortinet|Fortigate|v6.0.3|24576|utm:ips detected|7|src=198.51.100.7 dst=203.0.113.9 msg=Exploit attempt',
      '<38>Mar  1 10:05:00 bastion sshd[811]: Failed password for root from 192.0.2.44 port 51826 ssh2',
      '',
    ].join('\n');
    const res = await post(body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: 2, created: 2, repeated: 0, ignored: 0, errors: [] });

    const cef = await report('utm:ips detected');
    expect(cef).toMatchObject({
      channel: 'monitoring',
      source: 'webhook:relay',
      severity: 'high',
      receivedAt: '2026-03-01T10:00:00.000Z',
    });
    expect(cef.observables).toEqual(
      expect.arrayContaining([
        { type: 'ipv4', value: '198.51.100.7' },
        { type: 'ipv4', value: '203.0.113.9' },
      ]),
    );
    const ssh = await report('Failed password for root from 192.0.2.44 port 51826 ssh2');
    expect(ssh.body).toContain('Message: Failed password for root');
    expect(ssh.observables).toEqual([{ type: 'ipv4', value: '192.0.2.44' }]);
    const rows = await t.db.db.selectFrom('reports').select('raw').execute();
    expect(rows.map((r) => r.raw).sort()).toEqual(body.split('\n').filter(Boolean).sort());
  });

  it('keeps a line holding a NUL as a file (the line as UTF-8 text), its hash over those bytes', async () => {
    const line = 'CEF:0|Example|Sensor|1.0|7|Binary\u0000payload|5|src=198.51.100.7 msg=a\u0000b';
    const res = await post(line);
    expect(res.json()).toMatchObject({ created: 1, errors: [] });
    const r = await report('Binary\uFFFDpayload');
    expect(r.files).toMatchObject([{ role: 'raw', size: Buffer.byteLength(line) }]);
    const raw = await t.request({
      method: 'GET',
      url: `/api/v1/reports/${r.id}/raw`,
      headers: admin,
    });
    expect(raw.body).toBe(line);
    expect(r.rawSha256).toBe(createHash('sha256').update(line).digest('hex'));
  });

  it('takes every Sekoia sample message, of every product, without an error', async () => {
    const body = sekoia.map((m) => m.message).join('\n');
    const lines = body.split(/\r?\n/).filter((l) => l.trim()).length;
    const res = await post(body);
    expect(res.statusCode).toBe(200);
    const result = res.json();
    expect(result.errors).toEqual([]);
    expect(result.received).toBe(lines);
    expect(result.created + result.repeated).toBe(lines);
    // A CEF title, and the firewall's addresses from its fields.
    const fortigate = await report('anomaly:anomaly clear_ session');
    expect(fortigate.observables).toEqual(expect.arrayContaining([{ type: 'ipv4', value: '2.2.2.2' }]));
  });
});
