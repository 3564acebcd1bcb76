import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { COMMON_OBSERVABLE_REPORTS } from './correlation.service.ts';

type Headers = Record<string, string>;
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

describeEachDialect('correlation: suggestions for a report', (dialect) => {
  let t: TestApp;
  let admin: Headers;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
  });
  afterEach(() => t.close());

  const req = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers = admin) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const newReport = (body: string, over: object = {}) => ({
    channel: 'email',
    reporter: { kind: 'person', name: 'Ana' },
    title: body.slice(0, 50),
    body,
    ...over,
  });
  const report = async (body: string, over: object = {}) =>
    (await req('POST', '/api/v1/reports', newReport(body, over))).json();

  it('lists open incidents as before and, apart, recent new or linked reports with what they share', async () => {
    const linked = await report('Scan from 198.51.100.77 and 198.51.100.78');
    const incident = (
      await req('POST', '/api/v1/incidents', { title: 'Scanner', reportIds: [linked.id] })
    ).json();
    const recent = await report('Seen 198.51.100.78 too', { receivedAt: daysAgo(3) });
    const old = await report('Back then 198.51.100.77', { receivedAt: daysAgo(20) });
    const discarded = await report('Noise 198.51.100.77');
    await req('POST', `/api/v1/reports/${discarded.id}/discard`, { reason: 'duplicate', version: 1 });
    await report('Unrelated 192.0.2.1');
    const fresh = await report('Again 198.51.100.77 and 198.51.100.78');

    const res = await req('GET', `/api/v1/reports/${fresh.id}/suggestions`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toEqual([
      expect.objectContaining({ key: incident.key, title: 'Scanner', version: incident.version }),
    ]);
    expect(body.reports.map((r: { id: string; shared: object[] }) => [r.id, r.shared.length])).toEqual([
      [linked.id, 2],
      [recent.id, 1],
    ]);
    expect(body.reports[0]).toMatchObject({ status: 'linked', incidentKey: incident.key, channel: 'email' });
    expect(body.reports[1].shared).toEqual([{ type: 'ipv4', value: '198.51.100.78' }]);

    const wider = (await req('GET', `/api/v1/reports/${fresh.id}/suggestions?days=30`)).json();
    expect(wider.reports.map((r: { id: string }) => r.id)).toContain(old.id);
    expect((await req('GET', `/api/v1/reports/${fresh.id}/suggestions?days=0`)).statusCode).toBe(400);

    const counts = await req('GET', `/api/v1/reports/suggestion-counts?ids=${fresh.id},${old.id},nope`);
    expect(counts.json().items).toHaveLength(2);
    expect(counts.json().items).toEqual(
      expect.arrayContaining([
        { id: fresh.id, incidents: 1, reports: 2 },
        { id: old.id, incidents: 1, reports: 0 },
      ]),
    );
  });

  it('keeps reports out of your scope out of the suggestions and their counts', async () => {
    const isp = (
      await req('POST', '/api/v1/constituencies', {
        name: 'ISP',
        criticality: 'low',
        assets: [{ kind: 'cidr', value: '172.16.0.0/12' }],
      })
    ).json();
    const mine = await report('Drone 172.16.10.13 calling evil.example');
    await report('Unattributed, but calling evil.example');
    const red = await report('Drone 172.16.10.13 in red', { tlp: 'red' });
    const scoped = await t.userWithRole('handler', {
      scope: { constituencies: [isp.id], tlpCeiling: 'amber' },
    });
    const seen = (
      await req('GET', `/api/v1/reports/${mine.id}/suggestions`, undefined, scoped.headers)
    ).json();
    expect(seen).toEqual({ items: [], reports: [] });
    const counts = await req(
      'GET',
      `/api/v1/reports/suggestion-counts?ids=${mine.id},${red.id}`,
      undefined,
      scoped.headers,
    );
    expect(counts.json().items).toEqual([{ id: mine.id, incidents: 0, reports: 0 }]);
    expect(
      (await req('GET', `/api/v1/reports/${red.id}/suggestions`, undefined, scoped.headers)).statusCode,
    ).toBe(404);
  });

  it('leaves out observables too common to tell a case', async () => {
    const filler = Array.from({ length: COMMON_OBSERVABLE_REPORTS }, (_, i) =>
      newReport(`Signed cert.example.org, case ${i}`),
    );
    expect((await req('POST', '/api/v1/reports/batch', { reports: filler })).statusCode).toBe(200);
    const a = await report('From cert.example.org about 203.0.113.9');
    const b = await report('From cert.example.org again about 203.0.113.9');
    const found = (await req('GET', `/api/v1/reports/${b.id}/suggestions`)).json();
    expect(found.reports.map((r: { id: string; shared: object[] }) => [r.id, r.shared])).toEqual([
      [a.id, [{ type: 'ipv4', value: '203.0.113.9' }]],
    ]);
  });
});
