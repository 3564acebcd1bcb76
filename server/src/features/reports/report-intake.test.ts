import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

describeEachDialect('report intake: repetitions and batches', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
  });
  afterEach(() => t.close());

  const alert = (ref: string | undefined, title = 'ET SCAN Nmap from 192.0.2.9') => ({
    channel: 'monitoring',
    reporter: { kind: 'tool', name: 'suricata' },
    title,
    body: title,
    source: 'ids-dmz',
    ...(ref ? { sourceRef: ref } : {}),
  });
  const post = (url: string, payload: object) => t.request({ method: 'POST', url, headers: admin, payload });
  const count = async () =>
    (await t.request({ method: 'GET', url: '/api/v1/reports', headers: admin })).json().items.length;

  it('counts a repeated (source, sourceRef) on the first report instead of storing it again', async () => {
    const first = await post('/api/v1/reports', alert('flow-1'));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ source: 'ids-dmz', sourceRef: 'flow-1', seenCount: 1 });
    const again = await post('/api/v1/reports', {
      ...alert('flow-1'),
      receivedAt: new Date(Date.now() + 1000).toISOString(),
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, seenCount: 2 });
    expect(Date.parse(again.json().lastSeenAt)).toBeGreaterThan(Date.parse(first.json().lastSeenAt));
    expect(await count()).toBe(1);
    // Another source may use the same reference; no reference means always new.
    expect((await post('/api/v1/reports', { ...alert('flow-1'), source: 'ids-lan' })).statusCode).toBe(201);
    expect((await post('/api/v1/reports', alert(undefined))).statusCode).toBe(201);
    expect((await post('/api/v1/reports', alert(undefined))).statusCode).toBe(201);
    expect(await count()).toBe(4);
    const audit = await t.request({
      method: 'GET',
      url: '/api/v1/audit?action=report.repeated',
      headers: admin,
    });
    expect(audit.json().items).toHaveLength(1);
  });

  it('keeps one report when the same alert arrives many times at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => post('/api/v1/reports', alert('burst'))),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([...Array<number>(11).fill(200), 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    const report = (
      await t.request({ method: 'GET', url: `/api/v1/reports/${answers[0]!.json().id}`, headers: admin })
    ).json();
    expect(report.seenCount).toBe(12);
  });

  it('registers a batch in one transaction, and writes nothing when one report is invalid', async () => {
    const ok = await post('/api/v1/reports/batch', {
      reports: [alert('a'), alert('b'), alert('a'), alert(undefined)],
    });
    expect(ok.statusCode).toBe(200);
    const items = ok.json().items;
    expect(items.map((i: { repeated: boolean }) => i.repeated)).toEqual([false, false, true, false]);
    expect(items[2].id).toBe(items[0].id);
    expect(items[0].seenCount).toBe(2);
    expect(await count()).toBe(3);
    const audit = await t.request({
      method: 'GET',
      url: '/api/v1/audit?action=report.batch_registered',
      headers: admin,
    });
    expect(audit.json().items).toHaveLength(1);
    expect(audit.json().items[0].data).toMatchObject({
      registered: [items[0].id, items[1].id, items[3].id],
      repeated: [items[0].id],
    });

    const bad = await post('/api/v1/reports/batch', {
      reports: [alert('c'), { ...alert('d'), title: '' }, { ...alert('e'), channel: 'pigeon' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.reports.1.title',
      'body.reports.2.channel',
    ]);
    const future = await post('/api/v1/reports/batch', {
      reports: [alert('f'), { ...alert('g'), receivedAt: '2999-01-01T00:00:00.000Z' }],
    });
    expect(future.json()).toMatchObject({ status: 400, errors: [{ path: 'body.reports.1.receivedAt' }] });
    expect(await count()).toBe(3);
    expect((await post('/api/v1/reports/batch', { reports: [] })).statusCode).toBe(400);
  });

  it('counts the sightings of an observable over the reports in scope', async () => {
    const school = (
      await post('/api/v1/constituencies', {
        name: 'School',
        criticality: 'low',
        assets: [{ kind: 'cidr', value: '192.0.2.0/24' }],
      })
    ).json();
    await post('/api/v1/reports', alert('s-1'));
    await post('/api/v1/reports', alert('s-1'));
    await post('/api/v1/reports', { ...alert('s-2'), source: 'ids-lan' });
    await post('/api/v1/reports', alert('s-3', 'Unrelated from 198.51.100.1'));
    const get = (headers: Record<string, string>, value = '192.0.2[.]9') =>
      t.request({ method: 'GET', url: `/api/v1/observables/sightings?type=ipv4&value=${value}`, headers });
    const seen = (await get(admin)).json();
    expect(seen).toMatchObject({
      type: 'ipv4',
      value: '192.0.2.9',
      reports: 2,
      sightings: 3,
      sources: expect.arrayContaining([
        { source: 'ids-dmz', reports: 1 },
        { source: 'ids-lan', reports: 1 },
      ]),
      incidentKeys: [],
    });
    expect(Date.parse(seen.lastSeen)).toBeGreaterThanOrEqual(Date.parse(seen.firstSeen));
    const outsider = await t.userWithRole('handler', { scope: { constituencies: ['elsewhere'] } });
    expect((await get(outsider.headers)).json()).toMatchObject({ reports: 0, sightings: 0, firstSeen: null });
    const schoolHandler = await t.userWithRole('handler', { scope: { constituencies: [school.id] } });
    expect((await get(schoolHandler.headers)).json()).toMatchObject({ reports: 2 });
    expect((await get(admin, 'not-an-ip')).json()).toMatchObject({
      status: 400,
      errors: [{ path: 'querystring.value' }],
    });
  });
});
