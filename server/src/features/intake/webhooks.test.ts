import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { webhookSeverity, webhookToReport } from './webhook.rules.ts';

/** A mapping for alerts shaped as Grafana/Alertmanager-like senders post them. */
const mapping = {
  title: 'alert.name',
  severity: { path: 'alert.level', values: { P1: 'critical', P2: 'high', P3: 'medium' } },
  sourceRef: 'id',
  receivedAt: 'at',
  observables: [
    { type: 'ipv4', path: 'host.ip' },
    { type: 'domain', path: 'domains' },
  ],
};

const alert = (id: string, extra: object = {}) => ({
  id,
  at: '2026-03-01T10:00:00Z',
  alert: { name: 'Brute force on VPN', level: 'P2' },
  host: { ip: '198.51.100.7' },
  domains: ['evil.example.com', 'not a domain'],
  ...extra,
});

const sign = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('webhook mapping rules', () => {
  const now = new Date('2026-03-02T00:00:00Z');
  it.each([
    [{ path: 'l', values: { P1: 'critical' as const } }, { l: 'P1' }, 'critical'],
    [{ path: 'l', values: { P1: 'critical' as const } }, { l: 'P9' }, undefined],
    [{ path: 'l' }, { l: 'HIGH' }, 'high'],
    [{ path: 'l' }, { l: 'urgent' }, undefined],
    [{ path: 'l', values: { '5': 'high' as const } }, { l: 5 }, 'high'],
    [undefined, { l: 'high' }, undefined],
  ])('severity %j of %j is %s', (m, event, want) => {
    expect(webhookSeverity(m, event)).toBe(want);
  });

  it('needs a title and a valid time', () => {
    const m = { format: 'json' as const, title: 'name', receivedAt: 'at', observables: [] };
    expect(webhookToReport('s', m, {}, '{}', now)).toEqual({ error: 'name is missing or empty: no title' });
    expect(webhookToReport('s', m, { name: 'x', at: 'yesterday' }, '{}', now)).toHaveProperty('error');
    expect(webhookToReport('s', m, { name: 'x' }, '{}', now)).toMatchObject({
      report: { title: 'x', source: 'webhook:s', receivedAt: now.toISOString(), observables: [] },
    });
    // Epoch milliseconds (CEF rt, CrowdStrike) and seconds (Zeek) are times too.
    expect(webhookToReport('s', m, { name: 'x', at: 1709838049373 }, '{}', now)).toMatchObject({
      report: { receivedAt: '2024-03-07T19:00:49.373Z' },
    });
    expect(webhookToReport('s', m, { name: 'x', at: '1709838049' }, '{}', now)).toMatchObject({
      report: { receivedAt: '2024-03-07T19:00:49.000Z' },
    });
    const either = { ...m, title: ['alert.name', 'name'] };
    expect(webhookToReport('s', either, { name: 'x' }, '{}', now)).toMatchObject({ report: { title: 'x' } });
    expect(webhookToReport('s', either, {}, '{}', now)).toEqual({
      error: 'alert.name / name is missing or empty: no title',
    });
  });
});

describeEachDialect('generic webhooks', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
  });
  afterEach(() => t.close());

  const configure = (source: string, body: object, headers = admin) =>
    t.request({ method: 'PUT', url: `/api/v1/intake/webhooks/${source}`, headers, payload: body });
  const post = (source: string, payload: string, headers: Record<string, string>) =>
    t.request({
      method: 'POST',
      url: `/api/v1/intake/webhooks/${source}`,
      headers: { 'content-type': 'application/json', ...headers },
      payload,
    });
  const reports = () => t.db.db.selectFrom('reports').selectAll().orderBy('received_at').execute();
  const audits = (action: string) =>
    t.db.db.selectFrom('audit_events').selectAll().where('action', '=', action).execute();

  it('turns events posted with the source token into reports through the mapping', async () => {
    const saved = await configure('grafana', { mapping, auth: { kind: 'token' } });
    expect(saved.statusCode).toBe(200);
    const { secret } = saved.json<{ secret: string }>();
    expect(secret).toMatch(/^fbw_/);
    // The token is stored only as its hash and never listed again.
    const listed = await t.request({ method: 'GET', url: '/api/v1/intake/webhooks', headers: admin });
    expect(JSON.stringify(listed.json())).not.toContain(secret);
    expect(listed.json().items[0]).toMatchObject({ source: 'grafana', auth: { kind: 'token' } });

    const lines = [JSON.stringify(alert('a-1')), JSON.stringify(alert('a-1')), '{"id":"a-2"}'].join('\n');
    const res = await post('grafana', lines, {
      authorization: `Bearer ${secret}`,
      'content-type': 'application/x-ndjson',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      received: 3,
      created: 1,
      repeated: 1,
      ignored: 0,
      errors: [{ line: 3, message: 'alert.name is missing or empty: no title' }],
    });
    const [row] = await reports();
    const r = (await t.request({ method: 'GET', url: `/api/v1/reports/${row!.id}`, headers: admin })).json();
    expect(r).toMatchObject({
      channel: 'monitoring',
      source: 'webhook:grafana',
      sourceRef: 'a-1',
      title: 'Brute force on VPN',
      severity: 'high',
      receivedAt: '2026-03-01T10:00:00.000Z',
      reporter: { kind: 'tool', name: 'grafana' },
      seenCount: 2,
    });
    expect(r.observables).toEqual(
      expect.arrayContaining([
        { type: 'ipv4', value: '198.51.100.7' },
        { type: 'domain', value: 'evil.example.com' },
      ]),
    );
    expect(row!.raw).toBe(JSON.stringify(alert('a-1')));
    // Written by the source's system actor, not by any user.
    const [entry] = await audits('report.registered');
    expect(entry).toMatchObject({ actor_label: 'system:webhook:grafana', actor_id: null });
    expect((await audits('webhook_source.created'))[0]!.data).not.toContain(secret);

    // The other header works too; a wrong token does not.
    const again = await post('grafana', JSON.stringify(alert('a-3')), {
      'x-firebreak-webhook-token': secret,
    });
    expect(again.json()).toMatchObject({ created: 1 });
    expect((await post('grafana', '{}', { authorization: 'Bearer fbw_wrong' })).statusCode).toBe(401);
  });

  it('accepts a valid HMAC over the exact body and refuses a tampered one, writing nothing', async () => {
    const hmacSecret = 'a-shared-secret-of-some-length';
    const saved = await configure('github', {
      mapping,
      auth: { kind: 'hmac', header: 'X-Hub-Signature-256', secret: hmacSecret },
    });
    expect(saved.json()).toMatchObject({
      secret: null,
      auth: { kind: 'hmac', header: 'x-hub-signature-256', prefix: 'sha256=' },
    });
    const body = JSON.stringify([alert('g-1'), alert('g-2')]);

    const tampered = await post('github', body.replace('g-2', 'g-3'), {
      'x-hub-signature-256': sign(hmacSecret, body),
    });
    expect(tampered.statusCode).toBe(401);
    expect(await post('github', body, {})).toHaveProperty('statusCode', 401);
    expect(await reports()).toHaveLength(0);

    const ok = await post('github', body, { 'x-hub-signature-256': sign(hmacSecret, body) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ received: 2, created: 2 });
    expect((await reports()).map((r) => r.source_ref).sort()).toEqual(['g-1', 'g-2']);
  });

  it('answers 401 alike for an unknown source and a bad credential', async () => {
    await configure('known', { mapping, auth: { kind: 'token' } });
    const unknown = await post('nope', '{}', { authorization: 'Bearer fbw_x' });
    const wrong = await post('known', '{}', { authorization: 'Bearer fbw_x' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
    // A signed-in admin's session is no credential for a webhook either.
    expect((await post('known', '{}', admin)).statusCode).toBe(401);
  });

  it('refuses malformed JSON with 400 and writes nothing', async () => {
    const { secret } = (await configure('s1', { mapping, auth: { kind: 'token' } })).json<{
      secret: string;
    }>();
    const res = await post('s1', '{"id": "x", ', { authorization: `Bearer ${secret}` });
    expect(res.statusCode).toBe(400);
    expect(await reports()).toHaveLength(0);
  });

  it('lets only admins configure, validates names and paths, keeps or rotates tokens, deletes', async () => {
    const viewer = await t.userWithRole('viewer');
    expect((await configure('s1', { mapping, auth: { kind: 'token' } }, viewer.headers)).statusCode).toBe(
      403,
    );
    const handler = await t.userWithRole('handler');
    const list = await t.request({ method: 'GET', url: '/api/v1/intake/webhooks', headers: handler.headers });
    expect(list.statusCode).toBe(403);

    expect((await configure('Bad Name', { mapping, auth: { kind: 'token' } })).statusCode).toBe(400);
    const badPath = await configure('s1', {
      mapping: { ...mapping, title: 'a..b' },
      auth: { kind: 'token' },
    });
    expect(badPath.statusCode).toBe(400);

    const first = (await configure('s1', { mapping, auth: { kind: 'token' } })).json();
    const kept = (await configure('s1', { mapping, auth: { kind: 'token' } })).json();
    expect(kept.secret).toBeNull();
    expect(kept.auth.tokenPrefix).toBe(first.auth.tokenPrefix);
    const rotated = (await configure('s1', { mapping, auth: { kind: 'token', rotate: true } })).json();
    expect(rotated.secret).toMatch(/^fbw_/);
    expect(
      (await post('s1', JSON.stringify(alert('r')), { authorization: `Bearer ${first.secret}` })).statusCode,
    ).toBe(401);
    expect(
      (await post('s1', JSON.stringify(alert('r')), { authorization: `Bearer ${rotated.secret}` }))
        .statusCode,
    ).toBe(200);
    expect(await audits('webhook_source.changed')).toHaveLength(2);

    const del = await t.request({ method: 'DELETE', url: '/api/v1/intake/webhooks/s1', headers: admin });
    expect(del.statusCode).toBe(204);
    expect((await post('s1', '{}', { authorization: `Bearer ${rotated.secret}` })).statusCode).toBe(401);
    expect(await audits('webhook_source.deleted')).toHaveLength(1);
  });
});
