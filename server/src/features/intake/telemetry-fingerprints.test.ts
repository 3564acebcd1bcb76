import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const minutes = (n: number) => n * 60_000;

/** A Suricata alert at `at`: one signature between one pair of hosts unless told otherwise. */
const eveAlert = (at: number, extra: { src_ip?: string; flow_id?: number; signature_id?: number } = {}) =>
  JSON.stringify({
    timestamp: new Date(at).toISOString().replace('Z', '+0000'),
    flow_id: extra.flow_id ?? 1_234_567,
    event_type: 'alert',
    src_ip: extra.src_ip ?? '198.51.100.7',
    src_port: 51515,
    dest_ip: '192.0.2.10',
    dest_port: 22,
    proto: 'TCP',
    alert: {
      action: 'allowed',
      gid: 1,
      signature_id: extra.signature_id ?? 2001219,
      rev: 20,
      signature: 'ET SCAN Potential SSH Scan',
      category: 'Attempted Information Leak',
      severity: 2,
    },
  });

describeEachDialect('telemetry fingerprints', (dialect) => {
  let t: TestApp;
  let clock: number;
  let admin: Record<string, string>;
  let bearer: Record<string, string>;
  beforeEach(async () => {
    clock = T0 + minutes(1);
    t = await createTestApp(dialect, {}, { now: () => new Date(clock) });
    admin = await t.login();
    bearer = await t.bearerWithRole('handler');
  });
  afterEach(() => t.close());

  const send = (source: string, lines: string[]) =>
    t.request({
      method: 'POST',
      url: `/api/v1/intake/${source}`,
      headers: { ...bearer, 'content-type': 'application/x-ndjson' },
      payload: `${lines.join('\n')}\n`,
    });
  const reports = () =>
    t.db.db
      .selectFrom('reports')
      .select(['id', 'seen_count', 'received_at', 'last_seen_at', 'fingerprint'])
      .orderBy('received_at')
      .execute();
  const putRule = (source: string, body: object, headers = admin) =>
    t.request({ method: 'PUT', url: `/api/v1/intake/fingerprint-rules/${source}`, headers, payload: body });

  it('counts a burst of 50 identical alerts in one request on one report', async () => {
    const res = await send(
      'suricata',
      Array.from({ length: 50 }, () => eveAlert(T0)),
    );
    expect(res.json()).toEqual({ received: 50, created: 1, repeated: 49, ignored: 0, errors: [] });
    const rows = await reports();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.seen_count).toBe(50);
  });

  const burst = (lines: (r: number) => string[]) =>
    Promise.all(Array.from({ length: 10 }, (_, r) => send('suricata', lines(r))));
  const totals = (results: { json(): { created: number; repeated: number } }[]) =>
    results
      .map((r) => r.json())
      .reduce((a, b) => ({ created: a.created + b.created, repeated: a.repeated + b.repeated }));

  it('counts 50 identical alerts from 10 concurrent requests on exactly one report', async () => {
    const results = await burst(() => Array.from({ length: 5 }, () => eveAlert(T0)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    expect(totals(results)).toEqual({ created: 1, repeated: 49 });
    const rows = await reports();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.seen_count).toBe(50);
  });

  it('groups 50 alerts of other flows and times from 10 concurrent requests by their fingerprint', async () => {
    // Different flows and times: only the fingerprint (signature, source, destination) makes them one.
    const results = await burst((r) =>
      Array.from({ length: 5 }, (_, i) => eveAlert(T0 + (r * 5 + i) * 1000, { flow_id: 1000 + r * 5 + i })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    expect(totals(results)).toEqual({ created: 1, repeated: 49 });
    const rows = await reports();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.seen_count).toBe(50);
    expect(rows[0]!.last_seen_at).toBe(new Date(T0 + 49_000).toISOString());
    const r = (
      await t.request({ method: 'GET', url: `/api/v1/reports/${rows[0]!.id}`, headers: admin })
    ).json();
    expect(r).toMatchObject({ seenCount: 50, lastSeenAt: new Date(T0 + 49_000).toISOString() });
    const audit = await t.db.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'like', 'report.%')
      .execute();
    expect(audit.filter((a) => a.action === 'report.registered')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'report.repeated')).toHaveLength(49);
  });

  it('opens a new report once the window since the last sighting has passed', async () => {
    expect((await send('suricata', [eveAlert(T0)])).json().created).toBe(1);
    clock = T0 + minutes(31);
    // 30 minutes later: within the hour of the last sighting.
    expect((await send('suricata', [eveAlert(T0 + minutes(30), { flow_id: 2 })])).json().repeated).toBe(1);
    clock = T0 + minutes(95);
    // 61 minutes after the last sighting, though only 91 after the first: the window slides with the sightings.
    expect((await send('suricata', [eveAlert(T0 + minutes(91), { flow_id: 3 })])).json().created).toBe(1);
    // Another pair of hosts is another report, inside the window or not.
    expect(
      (await send('suricata', [eveAlert(T0 + minutes(92), { src_ip: '203.0.113.5' })])).json().created,
    ).toBe(1);
    const rows = await reports();
    expect(rows.map((r) => r.seen_count)).toEqual([2, 1, 1]);
    expect(rows[0]!.last_seen_at).toBe(new Date(T0 + minutes(30)).toISOString());
    expect(rows[0]!.fingerprint).toBe(rows[1]!.fingerprint);
    // A late event from within the first report's window still counts there.
    expect((await send('suricata', [eveAlert(T0 + minutes(10), { flow_id: 4 })])).json().repeated).toBe(1);
    expect((await reports())[0]!.seen_count).toBe(3);
  });

  it('groups Wazuh alerts by rule and agent', async () => {
    const alert = (id: string, agent: string, at: number) =>
      JSON.stringify({
        timestamp: new Date(at).toISOString(),
        rule: { level: 10, description: 'sshd: brute force trying to get access to the system.', id: '5712' },
        agent: { id: agent, name: `host-${agent}`, ip: `10.0.0.${Number(agent)}` },
        manager: { name: 'wazuh-manager' },
        id,
        data: { srcip: '198.51.100.23' },
      });
    const res = await send('wazuh', [
      alert('1.1', '001', T0),
      alert('1.2', '001', T0 + 1000),
      alert('1.3', '002', T0),
    ]);
    expect(res.json()).toMatchObject({ received: 3, created: 2, repeated: 1 });
  });

  it('applies a changed rule to the events after it and records the change in the audit log', async () => {
    const list = await t.request({ method: 'GET', url: '/api/v1/intake/fingerprint-rules', headers: admin });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        source: 'suricata',
        fields: ['alert.signature_id', 'src_ip', 'dest_ip'],
        windowSeconds: 3600,
      }),
      expect.objectContaining({ source: 'wazuh', fields: ['rule.id', 'agent.id'], windowSeconds: 3600 }),
      expect.objectContaining({
        source: 'zeek',
        fields: ['note', 'src', 'dst', 'seen.indicator', 'id.orig_h'],
        windowSeconds: 3600,
      }),
    ]);

    // By default two sources scanning the same host are two reports.
    await send('suricata', [
      eveAlert(T0, { src_ip: '198.51.100.1', flow_id: 5 }),
      eveAlert(T0, { src_ip: '198.51.100.2', flow_id: 6 }),
    ]);
    expect(await reports()).toHaveLength(2);

    const put = await putRule('suricata', { fields: ['alert.signature_id', 'dest_ip'], windowSeconds: 600 });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      source: 'suricata',
      fields: ['alert.signature_id', 'dest_ip'],
      windowSeconds: 600,
      updatedBy: 'admin@example.test',
    });
    const res = await send('suricata', [
      eveAlert(T0 + 1000, { src_ip: '198.51.100.3', flow_id: 7 }),
      eveAlert(T0 + 2000, { src_ip: '198.51.100.4', flow_id: 8 }),
    ]);
    expect(res.json()).toMatchObject({ created: 1, repeated: 1 });
    expect(await reports()).toHaveLength(3);

    const audit = await t.request({
      method: 'GET',
      url: '/api/v1/audit?action=fingerprint_rule.changed',
      headers: admin,
    });
    expect(audit.json().items).toEqual([
      expect.objectContaining({
        actorLabel: 'admin@example.test',
        targetType: 'fingerprint_rule',
        targetId: 'suricata',
        data: {
          before: { fields: ['alert.signature_id', 'src_ip', 'dest_ip'], windowSeconds: 3600 },
          after: { fields: ['alert.signature_id', 'dest_ip'], windowSeconds: 600 },
        },
      }),
    ]);
  });

  it('validates rules: field paths, a window from one minute to 30 days, a known source', async () => {
    const bad = await putRule('suricata', {
      fields: ['alert..id', 'src ip', 'src_ip', 'src_ip'],
      windowSeconds: 59,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.fields', 'body.fields.0', 'body.fields.1', 'body.windowSeconds']);
    expect((await putRule('suricata', { fields: [], windowSeconds: 60 })).statusCode).toBe(400);
    expect(
      (await putRule('suricata', { fields: ['src_ip'], windowSeconds: 30 * 86400 + 1 })).statusCode,
    ).toBe(400);
    expect((await putRule('suricata', { fields: ['src_ip'], windowSeconds: 30 * 86400 })).statusCode).toBe(
      200,
    );
    expect((await putRule('snort', { fields: ['sid'], windowSeconds: 60 })).statusCode).toBe(404);
  });

  it('lets admins only read and change the rules', async () => {
    const viewer = await t.userWithRole('viewer');
    const handler = await t.userWithRole('handler');
    for (const who of [viewer, handler]) {
      const get = await t.request({
        method: 'GET',
        url: '/api/v1/intake/fingerprint-rules',
        headers: who.headers,
      });
      expect(get.statusCode).toBe(403);
      expect(
        (await putRule('suricata', { fields: ['src_ip'], windowSeconds: 60 }, who.headers)).statusCode,
      ).toBe(403);
    }
    const list = await t.request({ method: 'GET', url: '/api/v1/intake/fingerprint-rules', headers: admin });
    expect(list.json().items[0].fields).toEqual(['alert.signature_id', 'src_ip', 'dest_ip']);
  });
});
