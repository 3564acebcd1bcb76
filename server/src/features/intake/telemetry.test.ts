import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const telemetry = new URL('../../../../../shared/samples/telemetry/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, telemetry), 'utf8');

/** The Suricata EVE records among the Sekoia intake-format samples (one per test file). */
const eve = new Map(
  read('sekoia-intake-formats/raw-messages.jsonl')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { integration: string; test_file: string; message: string })
    .filter((m) => m.integration === 'Suricata/suricata')
    .map((m) => [m.test_file.split('/').pop()!.replace('.json', ''), m.message]),
);
const wazuhLines = read('wazuh/wazuh-dashboard-plugins-sample-alerts.jsonl')
  .split('\n')
  .filter((l) => l.trim());

/** What each Suricata sample must give: the observables of its report, or that it is ignored. */
const eveExpected: Record<
  string,
  { ignored: true } | { title: string; severity: string; observables: object[] }
> = {
  alert: {
    title: 'SURICATA HTTP missing Host header',
    severity: 'low',
    observables: [
      { type: 'ipv4', value: '1.2.3.4' },
      { type: 'ipv4', value: '10.0.4.4' },
    ],
  },
  http: {
    title: 'GPL ATTACK_RESPONSE command completed',
    severity: 'medium',
    observables: [
      { type: 'ipv4', value: '10.20.30.101' },
      { type: 'ipv4', value: '203.176.135.102' },
      {
        type: 'url',
        value:
          'http://203.176.135.102:8082/mor84/DESKTOP-83TKHSQ_W10018363.572D588D45894026346E8F90E07B31E6/90',
      },
    ],
  },
  // No event_type, but an alert: shippers strip it at times.
  tls: {
    title: 'ET POLICY OpenSSL Demo CA - Internet Widgits Pty (O)',
    severity: 'low',
    observables: [
      { type: 'ipv4', value: '190.214.13.2' },
      { type: 'ipv4', value: '10.20.30.101' },
    ],
  },
  anomaly: { ignored: true },
  dns_answer: { ignored: true },
  dns_answers: { ignored: true },
  flow: { ignored: true },
  rdp: { ignored: true },
  ssh: { ignored: true },
};

const wazuhExpected = [
  { title: 'sshd: authentication failed.', severity: 'medium', ips: ['10.0.1.50', '49.88.112.73'] },
  {
    title: 'sshd: Attempt to login using a non-existent user',
    severity: 'medium',
    ips: ['10.0.1.85', '123.20.109.89'],
  },
  { title: 'sshd: Multiple authentication failures.', severity: 'high', ips: ['10.0.1.132', '49.88.112.76'] },
];

describeEachDialect('security telemetry intake', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let bearer: Record<string, string>;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
    bearer = await t.bearerWithRole('handler');
  });
  afterEach(() => t.close());

  const send = (source: string, payload: string, contentType = 'application/x-ndjson', headers = bearer) =>
    t.request({
      method: 'POST',
      url: `/api/v1/intake/${source}`,
      headers: { ...headers, 'content-type': contentType },
      payload,
    });
  const reports = async () =>
    (await t.db.db.selectFrom('reports').selectAll().orderBy('received_at').execute()).map((r) => r);
  const report = async (id: string) =>
    (await t.request({ method: 'GET', url: `/api/v1/reports/${id}`, headers: admin })).json();

  it('takes every Suricata EVE sample: alerts become reports with their observables, the rest is ignored', async () => {
    expect([...eve.keys()].sort()).toEqual(Object.keys(eveExpected).sort());
    for (const [name, line] of eve) {
      const res = await send('suricata', `${line}\n`);
      expect(res.statusCode, name).toBe(200);
      const want = eveExpected[name]!;
      if ('ignored' in want) {
        expect(res.json(), name).toEqual({ received: 1, created: 0, repeated: 0, ignored: 1, errors: [] });
        continue;
      }
      expect(res.json(), name).toEqual({ received: 1, created: 1, repeated: 0, ignored: 0, errors: [] });
      const row = (await reports()).find((r) => r.raw === line.trim())!;
      // The line exactly as sent (less the blanks around it) is the raw submission.
      expect(row, name).toBeDefined();
      const r = await report(row.id);
      const event = JSON.parse(line);
      expect(r, name).toMatchObject({
        channel: 'monitoring',
        source: 'suricata',
        title: want.title,
        severity: want.severity,
        receivedAt: new Date(
          event.timestamp.replace(/(\.\d{3})\d*([+-]\d\d)(\d\d)$/, '$1$2:$3'),
        ).toISOString(),
        sourceRef: `${event.flow_id}/1:${event.alert.signature_id}/${event.timestamp}`,
        seenCount: 1,
      });
      expect(r.observables, name).toEqual(expect.arrayContaining(want.observables));
      expect(r.body, name).toContain(`Category: ${event.alert.category}`);
      expect(r.body, name).toMatch(/Source: [\d.]+:\d+\nDestination: [\d.]+:\d+/);
    }
    expect(await reports()).toHaveLength(3);
  });

  it('takes all Suricata samples as one eve.json body, counting alerts and ignored records', async () => {
    const res = await send('suricata', [...eve.values()].join('\n'));
    expect(res.json()).toEqual({ received: 9, created: 3, repeated: 0, ignored: 6, errors: [] });
  });

  it('takes the Wazuh samples as JSON lines, an array and single objects', async () => {
    const lines = await send('wazuh', wazuhLines.join('\n'));
    expect(lines.json()).toEqual({ received: 3, created: 3, repeated: 0, ignored: 0, errors: [] });
    const rows = await reports();
    for (const [i, want] of wazuhExpected.entries()) {
      const alert = JSON.parse(wazuhLines[i]!);
      const r = await report(rows[i]!.id);
      expect(r).toMatchObject({
        source: 'wazuh',
        title: want.title,
        severity: want.severity,
        reporter: { kind: 'tool', name: `Wazuh (${alert.manager.name})` },
        sourceRef: `${alert.manager.name}/${alert.id}`,
        receivedAt: new Date(alert.timestamp.replace('+0000', 'Z')).toISOString(),
      });
      expect(r.observables).toEqual(
        expect.arrayContaining(want.ips.map((value) => ({ type: 'ipv4', value }))),
      );
      expect(r.body).toContain(alert.full_log);
    }
    // The same alerts again, as an array and one by one: their ids are known, so each counts a repeat.
    const array = await send('wazuh', `[${wazuhLines.join(',')}]`, 'application/json');
    expect(array.json()).toMatchObject({ received: 3, created: 0, repeated: 3 });
    const single = await send('wazuh', wazuhLines[0]!, 'application/json');
    expect(single.json()).toMatchObject({ received: 1, created: 0, repeated: 1 });
    expect(await reports()).toHaveLength(3);
    expect((await report(rows[0]!.id)).seenCount).toBe(3);
  });

  it('lists bad lines by number and stores the good ones', async () => {
    const [alert, http] = [eve.get('alert')!, eve.get('http')!];
    const body = [
      alert,
      '{"event_type": "alert", "src_ip": ',
      '',
      '[1, 2]',
      '{"event_type": "alert", "timestamp": "yesterday", "alert": {"signature": "x"}}',
      http,
      '{"timestamp": "2026-01-01T00:00:00Z", "src_ip": "10.0.0.1"}',
    ].join('\n');
    const res = await send('suricata', body);
    expect(res.statusCode).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({ received: 6, created: 2, repeated: 0, ignored: 0 });
    expect(result.errors.map((e: { line: number }) => e.line)).toEqual([2, 4, 5, 7]);
    expect(result.errors[0].message).toMatch(/^Not valid JSON/);
    expect(result.errors[1].message).toBe('Not a JSON object');
    expect(result.errors[2].message).toMatch(/timestamp "yesterday" is not a valid time/);
    expect(result.errors[3].message).toBe('Not a Suricata EVE record: no event_type');
    expect((await reports()).map((r) => r.title).sort()).toEqual([
      'GPL ATTACK_RESPONSE command completed',
      'SURICATA HTTP missing Host header',
    ]);
  });

  it('refuses a body that is no JSON with 400 and writes nothing', async () => {
    for (const [payload, type] of [
      ['{"event_type": "alert", "alert": {', 'application/json'],
      ['not json\nnor this', 'application/x-ndjson'],
      ['"a string"', 'application/json'],
      ['   ', 'text/plain'],
    ] as const) {
      const res = await send('suricata', payload, type);
      expect(res.statusCode, payload).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe('telemetry_malformed');
    }
    expect(await reports()).toHaveLength(0);
    const audit = await t.db.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'like', 'report.%')
      .execute();
    expect(audit).toHaveLength(0);
  });

  it('stores an event whose fields hold a NUL (which PostgreSQL text cannot) with U+FFFD in their place', async () => {
    const alert = JSON.parse(wazuhLines[0]!);
    const line = JSON.stringify({
      ...alert,
      full_log: 'a\u0000b',
      rule: { ...alert.rule, description: 'x\u0000y' },
    });
    expect(line).toContain('\\u0000');
    const res = await send('wazuh', line);
    expect(res.json()).toMatchObject({ created: 1, errors: [] });
    const [row] = await reports();
    expect(row!.title).toBe('x\uFFFDy');
    expect(row!.body).toContain('a\uFFFDb');
    // The raw submission is the JSON as sent: its NUL is still an escape there.
    expect(row!.raw).toBe(line);
  });

  it('clamps an event time in the future to the time of arrival', async () => {
    const event = JSON.parse(eve.get('alert')!);
    event.timestamp = '2999-01-01T00:00:00.000000+0000';
    const before = Date.now();
    expect((await send('suricata', JSON.stringify(event), 'application/json')).json().created).toBe(1);
    const r = await report((await reports())[0]!.id);
    expect(Date.parse(r.receivedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(r.receivedAt)).toBeLessThanOrEqual(Date.now());
    expect(r.body).toContain('The event time 2999-01-01T00:00:00.000000+0000 lies in the future');
  });

  it('needs a handler: anonymous callers get 401 before their body is read, viewers 403', async () => {
    const anonymous = await t.request({
      method: 'POST',
      url: '/api/v1/intake/suricata',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: eve.get('alert')!,
    });
    expect(anonymous.statusCode).toBe(401);
    const viewer = await t.userWithRole('viewer');
    expect((await send('suricata', eve.get('alert')!, 'application/json', viewer.headers)).statusCode).toBe(
      403,
    );
    expect((await send('wazuh', wazuhLines[0]!, 'application/json', viewer.headers)).statusCode).toBe(403);
    expect(await reports()).toHaveLength(0);
  });

  it('refuses other content types (415), bodies over 16 MiB (413) and over 5,000 events (400)', async () => {
    expect((await send('suricata', 'a=b', 'application/x-www-form-urlencoded')).statusCode).toBe(415);
    const big = `${eve.get('alert')!}\n`.repeat(Math.ceil((16 * 1024 * 1024) / 700));
    expect((await send('suricata', big)).statusCode).toBe(413);
    const many = await send('suricata', `${eve.get('flow')!}\n`.repeat(5001));
    expect(many.statusCode).toBe(400);
    expect(many.json().code).toBe('telemetry_too_many_events');
    expect(await reports()).toHaveLength(0);
  });
});
