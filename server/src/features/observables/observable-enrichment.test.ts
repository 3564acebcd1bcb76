import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Enrichment } from '#contracts/observables.ts';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

type Headers = Record<string, string>;
type Enriched = { type: string; value: string; enrichments: Enrichment[] }[];

describeEachDialect('observable enrichment', (dialect) => {
  let t: TestApp;
  let admin: Headers;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date('2026-11-23T10:00:00.000Z');
    t = await createTestApp(dialect, {}, { now: () => clock });
    admin = await t.login();
    await req('POST', '/api/v1/constituencies', {
      name: 'City Hospital',
      criticality: 'critical',
      assets: [
        { kind: 'cidr', value: '198.51.100.0/24' },
        { kind: 'domain', value: 'hospital.example' },
      ],
    });
  });
  afterEach(() => t.close());

  const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, headers = admin) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const open = async (title: string, reportIds: string[] = []) =>
    (await req('POST', '/api/v1/incidents', { title, reportIds })).json<{ key: string }>();
  const add = (key: string, type: string, value: string) =>
    req('POST', `/api/v1/incidents/${key}/observables`, { type, value });
  const enrich = async (key: string, body: object = {}) => {
    const res = await req('POST', `/api/v1/incidents/${key}/observables/enrich`, body);
    expect(res.statusCode).toBe(200);
    return res.json<{ items: Enriched }>().items;
  };
  const result = (items: Enriched, value: string, analyzer: string) =>
    items.find((i) => i.value === value)?.enrichments.find((e) => e.analyzer === analyzer);

  it('finds an address inside a blocklisted netblock, and a host under a listed domain', async () => {
    const list = await req('POST', '/api/v1/blocklists', {
      name: 'Known bad',
      entries: '# one a line\n203.0.113.0/25\nevil.example\nhxxp://drop[.]example/a\n2001:db8:bad::/48\n',
    });
    expect(list.statusCode).toBe(201);
    expect(list.json()).toMatchObject({ name: 'Known bad', entryCount: 4 });
    const incident = await open('Blocklist');
    for (const [type, value] of [
      ['ipv4', '203.0.113.77'],
      ['ipv4', '203.0.113.200'],
      ['domain', 'cdn.evil.example'],
      ['ipv6', '2001:db8:bad::1'],
      ['cidr', '203.0.113.64/26'],
    ])
      await add(incident.key, type!, value!);
    const items = await enrich(incident.key);
    expect(result(items, '203.0.113.77', 'blocklist')).toMatchObject({
      verdict: 'malicious',
      summary: 'Listed on Known bad (as 203.0.113.0/25)',
      details: { hits: [{ list: 'Known bad', entry: { type: 'cidr', value: '203.0.113.0/25' } }] },
      cached: false,
    });
    expect(result(items, '203.0.113.200', 'blocklist')).toMatchObject({
      verdict: 'unknown',
      summary: 'On none of 1 local blocklist',
    });
    expect(result(items, 'cdn.evil.example', 'blocklist')?.verdict).toBe('malicious');
    expect(result(items, '2001:db8:bad::1', 'blocklist')?.verdict).toBe('malicious');
    expect(result(items, '203.0.113.64/26', 'blocklist')?.verdict).toBe('malicious');
  });

  it('names the constituency an address belongs to', async () => {
    const incident = await open('Constituency');
    await add(incident.key, 'ipv4', '198.51.100.20');
    await add(incident.key, 'url', 'https://portal.hospital.example/login');
    await add(incident.key, 'ipv4', '192.0.2.1');
    const items = await enrich(incident.key);
    expect(result(items, '198.51.100.20', 'constituency')).toMatchObject({
      verdict: 'info',
      summary: 'Belongs to City Hospital (cidr 198.51.100.0/24)',
      details: {
        constituency: { name: 'City Hospital' },
        matchedBy: { kind: 'cidr', value: '198.51.100.0/24' },
      },
    });
    expect(result(items, 'https://portal.hospital.example/login', 'constituency')?.summary).toBe(
      'Belongs to City Hospital (domain hospital.example)',
    );
    expect(result(items, '192.0.2.1', 'constituency')?.verdict).toBe('unknown');
  });

  it('correlates: the sightings of an observable across incidents and reports', async () => {
    const report = (
      await req('POST', '/api/v1/reports', {
        channel: 'email',
        reporter: { kind: 'person', name: 'Ana' },
        title: 'C2',
        body: 'beacon to c2.bad.example every minute',
      })
    ).json<{ id: string }>();
    const first = await open('First', [report.id]);
    const second = await open('Second');
    await add(second.key, 'domain', 'c2.bad.example');
    const items = await enrich(second.key, { items: [{ type: 'domain', value: 'C2.bad[.]example' }] });
    expect(items).toHaveLength(1);
    expect(result(items, 'c2.bad.example', 'correlation')).toMatchObject({
      verdict: 'suspicious',
      summary: `seen in ${first.key} and 1 report`,
      details: { incidentKeys: [first.key], reportIds: [report.id] },
    });
    // Asking for one the incident does not hold is refused by name.
    const res = await req('POST', `/api/v1/incidents/${second.key}/observables/enrich`, {
      items: [{ type: 'ipv4', value: '192.0.2.200' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toContain('not on this incident');
  });

  it('serves cached results with their time until the TTL or a forced run, and lists them', async () => {
    const incident = await open('Cache');
    await add(incident.key, 'ipv4', '198.51.100.30');
    const first = result(await enrich(incident.key), '198.51.100.30', 'correlation')!;
    expect(first).toMatchObject({
      cached: false,
      analyzedAt: '2026-11-23T10:00:00.000Z',
      summary: 'not seen elsewhere',
    });

    // Seen elsewhere now, but the cached answer is still fresh: served as it was, with its time.
    const other = await open('Other');
    await add(other.key, 'ipv4', '198.51.100.30');
    clock = new Date('2026-11-23T10:05:00.000Z');
    const again = result(await enrich(incident.key), '198.51.100.30', 'correlation')!;
    expect(again).toMatchObject({
      cached: true,
      analyzedAt: '2026-11-23T10:00:00.000Z',
      summary: 'not seen elsewhere',
    });

    const forced = result(await enrich(incident.key, { force: true }), '198.51.100.30', 'correlation')!;
    expect(forced).toMatchObject({ cached: false, analyzedAt: '2026-11-23T10:05:00.000Z' });
    expect(forced.summary).toBe(`seen in ${other.key}`);

    clock = new Date('2026-11-23T10:20:00.000Z'); // past the correlation TTL (10 minutes)
    expect(result(await enrich(incident.key), '198.51.100.30', 'correlation')).toMatchObject({
      cached: false,
      analyzedAt: '2026-11-23T10:20:00.000Z',
    });
    const listed = (await req('GET', `/api/v1/incidents/${incident.key}/observables`)).json().items[0];
    expect(listed.enrichments.map((e: Enrichment) => [e.analyzer, e.analyzedAt])).toEqual([
      // Forced at 10:05, still fresh (1 hour) at 10:20.
      ['blocklist', '2026-11-23T10:05:00.000Z'],
      ['constituency', '2026-11-23T10:05:00.000Z'],
      ['correlation', '2026-11-23T10:20:00.000Z'],
    ]);
    const audit = await t.db.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'incident.observables_enriched')
      .execute();
    expect(audit).toHaveLength(4);
  });

  it('keeps a narrower reader’s cache apart, and refreshes blocklist verdicts when a list changes', async () => {
    const incident = await open('Scopes');
    await add(incident.key, 'ipv4', '203.0.113.5');
    expect(result(await enrich(incident.key), '203.0.113.5', 'blocklist')?.verdict).toBe('unknown');
    const created = (
      await req('POST', '/api/v1/blocklists', { name: 'Fresh', entries: '203.0.113.5' })
    ).json();
    // The list change dropped the cached verdict: no waiting for the TTL.
    expect(result(await enrich(incident.key), '203.0.113.5', 'blocklist')).toMatchObject({
      verdict: 'malicious',
      cached: false,
    });
    const replaced = await req('PUT', `/api/v1/blocklists/${created.id}`, {
      name: 'Fresh',
      entries: '192.0.2.0/24',
    });
    expect(replaced.json()).toMatchObject({ entryCount: 1 });
    expect(result(await enrich(incident.key), '203.0.113.5', 'blocklist')?.verdict).toBe('unknown');

    const amber = await t.userWithRole('handler', { scope: { tlpCeiling: 'amber' } });
    const res = await req('POST', `/api/v1/incidents/${incident.key}/observables/enrich`, {}, amber.headers);
    expect(res.json().items[0].enrichments.every((e: Enrichment) => !e.cached)).toBe(true);
  });

  it('lets only admins manage blocklists, and lists every bad line of one', async () => {
    const handler = await t.userWithRole('handler');
    expect(
      (await req('POST', '/api/v1/blocklists', { name: 'x', entries: '192.0.2.1' }, handler.headers))
        .statusCode,
    ).toBe(403);
    const bad = await req('POST', '/api/v1/blocklists', {
      name: 'Broken',
      entries: '192.0.2.1\nnot an entry\n10.0.0.0/33\n# fine\nevil.example',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.entries.line2',
      'body.entries.line3',
    ]);
    expect((await req('GET', '/api/v1/blocklists')).json().items).toEqual([]);
    await req('POST', '/api/v1/blocklists', { name: 'Dup', entries: '192.0.2.1' });
    expect((await req('POST', '/api/v1/blocklists', { name: 'Dup', entries: '192.0.2.2' })).statusCode).toBe(
      409,
    );
    const [dup] = (await req('GET', '/api/v1/blocklists')).json().items;
    expect((await req('DELETE', `/api/v1/blocklists/${dup.id}`)).statusCode).toBe(204);
    expect(await t.db.db.selectFrom('observable_blocklist_entries').selectAll().execute()).toEqual([]);
  });
});
