import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const abuseMail = readFileSync(
  new URL('../../../../../shared/samples/email/abuseio/abusehub/Abusehub_Example_1.eml', import.meta.url),
  'utf8',
);

describeEachDialect('reports', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let isp: { id: string };
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
    isp = (
      await t.request({
        method: 'POST',
        url: '/api/v1/constituencies',
        headers: admin,
        payload: {
          name: 'Example ISP',
          criticality: 'high',
          assets: [{ kind: 'cidr', value: '172.16.0.0/12' }],
        },
      })
    ).json();
  });
  afterEach(() => t.close());

  const register = (headers: Record<string, string>, body: object) =>
    t.request({ method: 'POST', url: '/api/v1/reports', headers, payload: body });
  const mailReport = {
    channel: 'email',
    reporter: {
      kind: 'organisation',
      name: 'AbuseHub',
      contact: 'reports@reports.abusehub.nl',
      trust: 'high',
    },
    title: '[Abusehub] [172.16.10.13] [Shadowserver Botnet Drone] Incident Report',
    body: abuseMail.split('\n\n').slice(1, 6).join('\n\n'),
    raw: abuseMail,
  };

  it('keeps the raw submission with its SHA-256, extracts observables and matches the constituency', async () => {
    const res = await register(admin, mailReport);
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({
      status: 'new',
      tlp: 'amber',
      pap: 'amber',
      rawSha256: createHash('sha256').update(abuseMail).digest('hex'),
      rawSize: Buffer.byteLength(abuseMail),
      constituency: { id: isp.id, name: 'Example ISP', criticality: 'high' },
      matchedBy: { kind: 'cidr', value: '172.16.0.0/12' },
      reporter: { trust: 'high' },
    });
    expect(report.observables).toContainEqual({ type: 'ipv4', value: '172.16.10.13' });
    const stored = await t.db.db
      .selectFrom('reports')
      .select('raw')
      .where('id', '=', report.id)
      .executeTakeFirstOrThrow();
    expect(stored.raw).toBe(abuseMail);
    const audit = await t.runtime.audit.list({ action: 'report.registered', limit: 1 });
    expect(audit.items[0]?.data).toMatchObject({ rawSha256: report.rawSha256, constituencyId: isp.id });
  });

  it('answers a new report exactly as reading it back does', async () => {
    const res = await register(admin, {
      ...mailReport,
      observables: [
        { type: 'domain', value: 'zz.example' },
        { type: 'ipv4', value: '172.16.0.9' },
        { type: 'domain', value: 'a-b.example' },
        { type: 'domain', value: 'ab.example' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const read = await t.request({ method: 'GET', url: `/api/v1/reports/${res.json().id}`, headers: admin });
    expect(res.json()).toEqual(read.json());
  });

  it('lists the inbox, searches it, and discards with a reason and the version seen', async () => {
    const report = (await register(admin, mailReport)).json();
    await register(admin, {
      channel: 'phone',
      reporter: { kind: 'person', name: 'Caller' },
      title: 'Strange pop-ups',
      body: 'A user reports pop-ups',
      tlp: 'green',
    });
    const inbox = await t.request({ method: 'GET', url: '/api/v1/reports?status=new', headers: admin });
    expect(inbox.json().items.map((r: { title: string }) => r.title)).toEqual([
      'Strange pop-ups',
      mailReport.title,
    ]);
    const found = await t.request({ method: 'GET', url: '/api/v1/reports?q=shadowserver', headers: admin });
    expect(found.json().items.map((r: { id: string }) => r.id)).toEqual([report.id]);

    const discard = await t.request({
      method: 'POST',
      url: `/api/v1/reports/${report.id}/discard`,
      headers: admin,
      payload: { reason: 'false_positive', note: 'Sinkhole test', version: 1 },
    });
    expect(discard.json()).toMatchObject({
      status: 'discarded',
      discard: { reason: 'false_positive', note: 'Sinkhole test' },
      version: 2,
    });
    const again = await t.request({
      method: 'POST',
      url: `/api/v1/reports/${report.id}/discard`,
      headers: admin,
      payload: { reason: 'duplicate', version: 1 },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('stale_version');
  });

  it('rejects bad input naming every problem and writes nothing', async () => {
    const res = await register(admin, {
      channel: 'pigeon',
      reporter: { kind: 'person', name: '', trust: 'total' },
      title: 'x'.repeat(301),
      body: 'b',
      tlp: 'purple',
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.channel', 'body.reporter.name', 'body.reporter.trust', 'body.title', 'body.tlp']);
    const future = await register(admin, { ...mailReport, receivedAt: '2999-01-01T00:00:00Z' });
    expect(future.statusCode).toBe(400);
    expect(await t.db.db.selectFrom('reports').selectAll().execute()).toEqual([]);
  });

  it('keeps reports outside a user’s constituencies and TLP ceiling out of sight', async () => {
    const report = (await register(admin, mailReport)).json();
    const other = (
      await register(admin, { ...mailReport, title: 'Unattributed', body: 'no address here', raw: undefined })
    ).json();
    const red = (await register(admin, { ...mailReport, title: 'Red one', tlp: 'red' })).json();
    const scoped = await t.userWithRole('handler');
    await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${scoped.id}`,
      headers: admin,
      payload: { scope: { constituencies: [isp.id], tlpCeiling: 'amber' } },
    });
    const headers = await t.login(scoped.email, 'a-long-enough-password');
    const list = await t.request({ method: 'GET', url: '/api/v1/reports', headers });
    expect(list.json().items.map((r: { id: string }) => r.id)).toEqual([report.id]);
    expect((await t.request({ method: 'GET', url: `/api/v1/reports/${other.id}`, headers })).statusCode).toBe(
      404,
    );
    expect((await t.request({ method: 'GET', url: `/api/v1/reports/${red.id}`, headers })).statusCode).toBe(
      404,
    );
    const viewer = await t.userWithRole('viewer');
    expect((await register(viewer.headers, mailReport)).statusCode).toBe(403);
  });
});
