import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

describeEachDialect('reports: sent observables and severity', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
  });
  afterEach(() => t.close());

  const post = (url: string, payload: object) => t.request({ method: 'POST', url, headers: admin, payload });
  const report = (extra: object = {}) => ({
    channel: 'api',
    reporter: { kind: 'tool', name: 'edr' },
    title: 'Beacon to evil.example.com',
    body: 'Host 198.51.100.7 beaconed',
    ...extra,
  });

  it('merges sent observables, normalised like extracted ones, and keeps the severity', async () => {
    const res = await post(
      '/api/v1/reports',
      report({
        severity: 'high',
        observables: [
          { type: 'ipv4', value: '198.51.100[.]7' },
          { type: 'domain', value: 'EVIL.example.com' },
          { type: 'sha256', value: 'A'.repeat(64) },
          { type: 'url', value: 'hxxp://evil[.]example[.]com/gate' },
        ],
      }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ severity: 'high' });
    expect(res.json().observables).toEqual([
      { type: 'domain', value: 'evil.example.com' },
      { type: 'ipv4', value: '198.51.100.7' },
      { type: 'sha256', value: 'a'.repeat(64) },
      { type: 'url', value: 'http://evil.example.com/gate' },
    ]);
    const rows = await t.db.db
      .selectFrom('report_observables')
      .select(['type', 'origin'])
      .where('report_id', '=', res.json().id)
      .orderBy('type')
      .execute();
    expect(res.json().sentObservables).toEqual(res.json().observables);
    // Sent wins over extracted when the sender also wrote it in the text.
    expect(rows.map((r) => r.origin)).toEqual(['sent', 'sent', 'sent', 'sent']);
    const plain = (await post('/api/v1/reports', report())).json();
    expect(plain.severity).toBeNull();
    const list = await t.request({ method: 'GET', url: '/api/v1/reports', headers: admin });
    expect(list.json().items.map((r: { severity: string | null }) => r.severity)).toEqual([null, 'high']);
  });

  it('finds the constituency from a sent observable the text does not mention', async () => {
    const isp = (
      await post('/api/v1/constituencies', {
        name: 'Example ISP',
        criticality: 'high',
        assets: [{ kind: 'cidr', value: '172.16.0.0/12' }],
      })
    ).json();
    const res = await post(
      '/api/v1/reports',
      report({ observables: [{ type: 'ipv4', value: '172.16.1.2' }] }),
    );
    expect(res.json()).toMatchObject({ constituency: { id: isp.id }, matchedBy: { value: '172.16.0.0/12' } });
  });

  it('lets a sent observable decide the constituency over more matches in the text', async () => {
    const isp = (
      await post('/api/v1/constituencies', {
        name: 'Offender ISP',
        criticality: 'high',
        assets: [{ kind: 'cidr', value: '172.16.0.0/12' }],
      })
    ).json();
    const mailbox = (
      await post('/api/v1/constituencies', {
        name: 'Recipient mail provider',
        criticality: 'low',
        assets: [{ kind: 'domain', value: 'mail.example' }],
      })
    ).json();
    // A feedback-loop report: the recipient's provider is named twice in the text, the source once, sent.
    const fbl = report({
      body: 'Complaint by user@mail.example about mail from 172.16.1.2, see https://mail.example/fbl',
      observables: [{ type: 'ipv4', value: '172.16.1.2' }],
    });
    const sentFirst = (await post('/api/v1/reports', fbl)).json();
    expect(sentFirst).toMatchObject({
      constituency: { id: isp.id },
      sentObservables: [{ type: 'ipv4', value: '172.16.1.2' }],
    });
    expect(sentFirst.observables).toContainEqual({ type: 'email', value: 'user@mail.example' });
    const read = await t.request({ method: 'GET', url: `/api/v1/reports/${sentFirst.id}`, headers: admin });
    expect(read.json().sentObservables).toEqual(sentFirst.sentObservables);
    // Without sent observables the text decides, as before.
    const plain = report({ body: fbl.body });
    expect((await post('/api/v1/reports', plain)).json()).toMatchObject({ constituency: { id: mailbox.id } });
  });

  it('names every malformed sent observable by its path and writes nothing', async () => {
    const res = await post(
      '/api/v1/reports',
      report({
        observables: [
          { type: 'ipv4', value: '198.51.100.7' },
          { type: 'ipv4', value: '300.1.1.1' },
          { type: 'md5', value: 'abc' },
          { type: 'domain', value: 'dc01.corp.internal' },
        ],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'observable_invalid' });
    expect(res.json().errors).toEqual([
      { path: 'body.observables.1.value', message: 'is not a valid ipv4' },
      { path: 'body.observables.2.value', message: 'is not a valid md5' },
      { path: 'body.observables.3.value', message: 'is not a valid domain' },
    ]);
    const batch = await post('/api/v1/reports/batch', {
      reports: [report(), report({ observables: [{ type: 'cve', value: 'CVE-1' }] })],
    });
    expect(batch.json().errors).toEqual([
      { path: 'body.reports.1.observables.0.value', message: 'is not a valid cve' },
    ]);
    const schema = await post(
      '/api/v1/reports',
      report({ severity: 'extreme', observables: [{ type: 'mac', value: 'x' }] }),
    );
    expect(schema.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.severity',
      'body.observables.0.type',
    ]);
    const many = Array.from({ length: 1001 }, (_, i) => ({ type: 'asn', value: `AS${i + 1}` }));
    expect((await post('/api/v1/reports', report({ observables: many }))).statusCode).toBe(400);
    expect(await t.db.db.selectFrom('reports').selectAll().execute()).toEqual([]);
  });
});
