import { afterEach, beforeEach, expect, it } from 'vitest';
import { createJobRunner } from '../../platform/jobs/index.ts';
import { createLogger } from '../../platform/log/logger.ts';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { AUTO_LINK, correlationJobs } from './index.ts';

type Headers = Record<string, string>;
const HASH = 'a'.repeat(64);
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

describeEachDialect('correlation: auto-linking by rules', (dialect) => {
  let t: TestApp;
  let admin: Headers;
  let ispA: string;
  let ispB: string;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
    const constituency = async (name: string, cidr: string) =>
      (
        await req('POST', '/api/v1/constituencies', {
          name,
          criticality: 'high',
          assets: [{ kind: 'cidr', value: cidr }],
        })
      ).json().id as string;
    ispA = await constituency('ISP A', '172.16.0.0/12');
    ispB = await constituency('ISP B', '10.0.0.0/8');
  });
  afterEach(() => t.close());

  const req = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers = admin) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const rule = async (over: object = {}) => {
    const res = await req('POST', '/api/v1/correlation-rules', {
      name: 'Same ISP and IP within a day',
      observableTypes: ['ipv4', 'ipv6'],
      windowHours: 24,
      sameConstituency: true,
      ...over,
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  const report = async (body: string, over: object = {}) => {
    const res = await req('POST', '/api/v1/reports', {
      channel: 'email',
      reporter: { kind: 'organisation', name: 'AbuseHub' },
      title: body.slice(0, 60),
      body,
      ...over,
    });
    expect(res.statusCode).toBeLessThan(300);
    return res.json();
  };
  const incidentFrom = async (reportId: string) =>
    (await req('POST', '/api/v1/incidents', { title: 'Botnet drone', reportIds: [reportId] })).json();
  /** Runs queued jobs to the end, as the worker would. */
  const runJobs = async () => {
    const runner = createJobRunner(t.db, {
      handlers: correlationJobs(t.features.services.correlation),
      log: createLogger('silent'),
      leaseMs: 30_000,
      pollMs: 10,
    });
    while ((await runner.runOnce()) > 0);
  };
  const statusOf = async (id: string) => (await req('GET', `/api/v1/reports/${id}`)).json();
  const autoLinkJobs = () =>
    t.db.db.selectFrom('jobs').select('payload').where('kind', '=', AUTO_LINK).execute();

  it('links a matching new report to the open incident, on its timeline as the system naming the rule', async () => {
    await rule();
    const first = await report('Drone at 172.16.10.13');
    const incident = await incidentFrom(first.id);
    const second = await report('Again 172.16.10.13 spotted');
    expect(second.constituency.id).toBe(ispA);
    await runJobs();

    expect(await statusOf(second.id)).toMatchObject({ status: 'linked', incidentKey: incident.key });
    const timeline = (await req('GET', `/api/v1/incidents/${incident.key}/timeline`)).json().items;
    expect(timeline).toContainEqual(
      expect.objectContaining({
        kind: 'report_linked',
        actor: 'system:correlation',
        text: 'Report linked: Again 172.16.10.13 spotted (auto-linked by correlation rule “Same ISP and IP within a day”)',
      }),
    );
    const audit = await t.runtime.audit.list({ action: 'report.linked', limit: 10 });
    expect(audit.items.find((a) => a.targetId === second.id)).toMatchObject({
      actorLabel: 'system:correlation',
    });
  });

  it('links reports of every intake path: a batch and a Suricata feed', async () => {
    await rule({ sameConstituency: false });
    const incident = await incidentFrom((await report('Scan from 172.16.10.13')).id);
    const batch = await req('POST', '/api/v1/reports/batch', {
      reports: [
        { channel: 'api', reporter: { kind: 'tool', name: 'x' }, title: 'Batch', body: '172.16.10.13' },
      ],
    });
    const event = {
      timestamp: new Date().toISOString(),
      flow_id: 42,
      event_type: 'alert',
      src_ip: '172.16.10.13',
      src_port: 4444,
      dest_ip: '192.0.2.1',
      dest_port: 80,
      proto: 'TCP',
      alert: { signature_id: 7, signature: 'Test signature', category: 'Test', severity: 2 },
    };
    const feed = await t.request({
      method: 'POST',
      url: '/api/v1/intake/suricata',
      headers: { ...admin, 'content-type': 'application/x-ndjson' },
      payload: `${JSON.stringify(event)}\n`,
    });
    expect(feed.json()).toMatchObject({ created: 1 });
    await runJobs();
    const linked = await t.db.db
      .selectFrom('reports')
      .select(['title', 'status'])
      .where('status', '=', 'linked')
      .orderBy('title')
      .execute();
    expect(linked.map((r) => r.title)).toEqual(['Batch', 'Scan from 172.16.10.13', 'Test signature']);
    expect((await req('GET', `/api/v1/incidents/${incident.key}`)).json().reportIds).toHaveLength(3);
    expect(batch.statusCode).toBe(200);
  });

  it('leaves alone what a rule does not cover: outside the window, other constituency, other type, disabled', async () => {
    const first = await report(`Drone at 172.16.10.13 dropping ${HASH}`);
    await incidentFrom(first.id);
    const byHash = await rule({ name: 'Same file, same ISP', observableTypes: ['sha256'] });
    await rule({ name: 'Domains', observableTypes: ['domain'], sameConstituency: false });
    const late = await report('Drone at 172.16.10.13', { receivedAt: hoursAgo(30) });
    const otherIsp = await report(`Host 10.1.2.3 dropping ${HASH}`);
    expect(otherIsp.constituency.id).toBe(ispB);
    await runJobs();
    expect((await statusOf(late.id)).status).toBe('new');
    expect((await statusOf(otherIsp.id)).status).toBe('new');

    // The same report fits the sha256 rule once that rule no longer asks for one constituency, unless disabled.
    const off = await req('PUT', `/api/v1/correlation-rules/${byHash.id}`, {
      ...byHash,
      sameConstituency: false,
      enabled: false,
    });
    expect(off.statusCode).toBe(200);
    const whileOff = await report(`Host 10.9.9.9 dropping ${HASH}`);
    await runJobs();
    expect((await statusOf(whileOff.id)).status).toBe('new');
    await req('PUT', `/api/v1/correlation-rules/${byHash.id}`, { ...off.json(), enabled: true });
    const whileOn = await report(`Host 10.9.9.8 dropping ${HASH}`);
    await runJobs();
    expect((await statusOf(whileOn.id)).status).toBe('linked');
  });

  it('queues nothing without an enabled rule, and nothing for a repetition', async () => {
    await report('Drone at 172.16.10.13', { source: 'abusehub', sourceRef: 'ticket-1' });
    expect(await autoLinkJobs()).toEqual([]);

    await rule();
    const incident = await incidentFrom((await report('Drone at 172.16.10.13')).id);
    const fresh = await report('Drone at 172.16.10.13 again', { source: 'abusehub', sourceRef: 'ticket-2' });
    const repeat = await req('POST', '/api/v1/reports', {
      channel: 'email',
      reporter: { kind: 'organisation', name: 'AbuseHub' },
      title: 'Drone at 172.16.10.13 again',
      body: 'Drone at 172.16.10.13 again',
      source: 'abusehub',
      sourceRef: 'ticket-2',
    });
    expect(repeat.statusCode).toBe(200);
    const jobs = await autoLinkJobs();
    expect(jobs.map((j) => JSON.parse(j.payload))).toEqual([
      { reportIds: [incident.reportIds[0]] },
      { reportIds: [fresh.id] },
    ]);
    await runJobs();
    expect((await statusOf(fresh.id)).incidentKey).toBe(incident.key);
    // Run again (as after a lost lease): the linked report is left as it is.
    await t.runtime.jobs.enqueue(AUTO_LINK, { reportIds: [fresh.id] });
    await runJobs();
    const entries = (await req('GET', `/api/v1/incidents/${incident.key}/timeline`)).json().items;
    expect(entries.filter((e: { kind: string }) => e.kind === 'report_linked')).toHaveLength(2);
  });
});
