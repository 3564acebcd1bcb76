import { afterEach, beforeEach, expect, it } from 'vitest';
import type { IncidentObservable } from '#contracts/observables.ts';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

type Headers = Record<string, string>;

describeEachDialect('incident observables', (dialect) => {
  let t: TestApp;
  let admin: Headers;
  let hospital: { id: string };
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
    hospital = (
      await req('POST', '/api/v1/constituencies', {
        name: 'City Hospital',
        criticality: 'critical',
        assets: [{ kind: 'cidr', value: '198.51.100.0/24' }],
      })
    ).json();
  });
  afterEach(() => t.close());

  const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers = admin) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const report = async (body: string, extra: object = {}) =>
    (
      await req('POST', '/api/v1/reports', {
        channel: 'email',
        reporter: { kind: 'person', name: 'Ana' },
        title: body.slice(0, 40),
        body,
        ...extra,
      })
    ).json<{ id: string }>();
  const open = async (title: string, reportIds: string[] = [], extra: object = {}) =>
    (await req('POST', '/api/v1/incidents', { title, reportIds, ...extra })).json<{ key: string }>();
  const list = async (key: string, headers = admin) =>
    (await req('GET', `/api/v1/incidents/${key}/observables`, undefined, headers)).json<{
      items: IncidentObservable[];
    }>().items;
  const rows = (key: string) =>
    t.db.db
      .selectFrom('incident_observables')
      .innerJoin('incidents', 'incidents.id', 'incident_observables.incident_id')
      .select(['incident_observables.type', 'incident_observables.value'])
      .where('incidents.key', '=', key)
      .execute();

  it('adds one, normalised, then updates its tags, IOC flag and TLP, then removes it; all audited', async () => {
    const incident = await open('Phishing wave');
    const added = await req('POST', `/api/v1/incidents/${incident.key}/observables`, {
      type: 'domain',
      value: 'Login-Secure[.]Example[.]com',
      tags: ['phishing', ' kit ', 'phishing'],
      tlp: 'green',
    });
    expect(added.statusCode).toBe(201);
    const [item] = added.json<{ items: IncidentObservable[] }>().items;
    expect(item).toMatchObject({
      type: 'domain',
      value: 'login-secure.example.com',
      tags: ['kit', 'phishing'],
      ioc: false,
      tlp: 'green',
      source: 'manual',
      addedBy: 'admin@example.test',
      sightings: { summary: 'not seen elsewhere' },
    });

    const patched = await req('PATCH', `/api/v1/incidents/${incident.key}/observables/${item!.id}`, {
      ioc: true,
      tags: ['c2'],
      tlp: 'amber',
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().items[0]).toMatchObject({ ioc: true, tags: ['c2'], tlp: 'amber' });

    const removed = await req('DELETE', `/api/v1/incidents/${incident.key}/observables/${item!.id}`);
    expect(removed.statusCode).toBe(204);
    expect(await rows(incident.key)).toEqual([]);

    const audit = await t.db.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', incident.key)
      .where('action', 'like', 'incident.observable%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'incident.observables_added',
      'incident.observable_updated',
      'incident.observable_removed',
    ]);
    const timeline = (await req('GET', `/api/v1/incidents/${incident.key}/timeline`)).json().items;
    expect(timeline.map((e: { text: string }) => e.text)).toEqual(
      expect.arrayContaining(['Added observable domain login-secure.example.com']),
    );
  });

  it('previews pasted text, then adds the chosen ones at once; a duplicate is flagged', async () => {
    const incident = await open('Paste');
    await req('POST', `/api/v1/incidents/${incident.key}/observables`, {
      type: 'ipv4',
      value: '203.0.113.9',
    });
    const preview = await req('POST', `/api/v1/incidents/${incident.key}/observables/extract`, {
      text: 'C2 at 203.0.113[.]9 and hxxps://evil[.]example/x, hash ' + 'A'.repeat(64),
    });
    expect(preview.statusCode).toBe(200);
    const items = preview.json().items as { type: string; value: string; exists: boolean }[];
    expect(items).toEqual(
      expect.arrayContaining([
        { type: 'ipv4', value: '203.0.113.9', exists: true },
        { type: 'url', value: 'https://evil.example/x', exists: false },
        { type: 'domain', value: 'evil.example', exists: false },
        { type: 'sha256', value: 'a'.repeat(64), exists: false },
      ]),
    );
    expect(await rows(incident.key)).toHaveLength(1);

    const chosen = items.filter((i) => !i.exists).map((i) => ({ ...i, source: 'extracted', ioc: true }));
    const res = await req('POST', `/api/v1/incidents/${incident.key}/observables/batch`, { items: chosen });
    expect(res.statusCode).toBe(201);
    const listed = res.json<{ items: IncidentObservable[] }>().items;
    expect(listed).toHaveLength(4);
    expect(listed.filter((i) => i.source === 'extracted' && i.ioc)).toHaveLength(3);
  });

  it('refuses bad input listing every bad line, and writes nothing', async () => {
    const incident = await open('Bad input');
    const res = await req('POST', `/api/v1/incidents/${incident.key}/observables/batch`, {
      items: [
        { type: 'ipv4', value: '198.51.100.7' },
        { type: 'ipv4', value: '300.1.1.1' },
        { type: 'domain', value: 'not a domain' },
        { type: 'ipv4', value: '198.51.100[.]7' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.items.1.value',
      'body.items.2.value',
      'body.items.3.value',
    ]);
    expect(await rows(incident.key)).toEqual([]);
    const unknownType = await req('POST', `/api/v1/incidents/${incident.key}/observables`, {
      type: 'mac',
      value: 'x',
    });
    expect(unknownType.statusCode).toBe(400);
  });

  it('merges the linked reports’ observables, and counts sightings across incidents and reports', async () => {
    const ip = '203.0.113.50';
    const r1 = await report(`Scan from ${ip}`);
    const mine = await open('Mine', [r1.id]);
    const other = await open('Other');
    await req('POST', `/api/v1/incidents/${other.key}/observables`, { type: 'ipv4', value: ip });
    for (let i = 0; i < 3; i++) await report(`Another scan ${i} from ${ip}`);

    const items = await list(mine.key);
    const item = items.find((i) => i.value === ip)!;
    expect(item).toMatchObject({ id: null, source: 'report', reportIds: [r1.id] });
    expect(item.sightings).toEqual({
      incidentKeys: [other.key],
      reports: 3,
      summary: `seen in ${other.key} and 3 reports`,
    });
    // From the other side: seen in the first incident (through its report) and all four reports.
    const theirs = (await list(other.key)).find((i) => i.value === ip)!;
    expect(theirs.sightings.summary).toBe(`seen in ${mine.key} and 4 reports`);
    // The global sightings endpoint names both: one through its report, one holding it itself.
    const global = await req('GET', `/api/v1/observables/sightings?type=ipv4&value=${ip}`);
    expect(global.json()).toMatchObject({ reports: 4, incidentKeys: [mine.key, other.key].sort() });
  });

  it('hides incident observables from another constituency’s user, and TLP above the ceiling', async () => {
    const school = (
      await req('POST', '/api/v1/constituencies', { name: 'School', criticality: 'low' })
    ).json();
    const incident = await open('Hospital case', [], { constituencyId: hospital.id });
    await req('POST', `/api/v1/incidents/${incident.key}/observables`, {
      type: 'ipv4',
      value: '198.51.100.9',
    });
    await req('POST', `/api/v1/incidents/${incident.key}/observables`, {
      type: 'ipv4',
      value: '198.51.100.10',
      tlp: 'red',
    });
    const outsider = await t.userWithRole('handler', { scope: { constituencies: [school.id] } });
    expect(
      (await req('GET', `/api/v1/incidents/${incident.key}/observables`, undefined, outsider.headers))
        .statusCode,
    ).toBe(404);
    const added = await req(
      'POST',
      `/api/v1/incidents/${incident.key}/observables`,
      { type: 'ipv4', value: '198.51.100.11' },
      outsider.headers,
    );
    expect(added.statusCode).toBe(404);

    const amberReader = await t.userWithRole('handler', { scope: { tlpCeiling: 'amber' } });
    expect((await list(incident.key, amberReader.headers)).map((i) => i.value)).toEqual(['198.51.100.9']);
    const tooHigh = await req(
      'POST',
      `/api/v1/incidents/${incident.key}/observables`,
      { type: 'ipv4', value: '198.51.100.12', tlp: 'red' },
      amberReader.headers,
    );
    expect(tooHigh.statusCode).toBe(400);

    // Sightings do not reach into what the outsider may not see.
    const schoolIncident = await open('School case', [], { constituencyId: school.id });
    await req(
      'POST',
      `/api/v1/incidents/${schoolIncident.key}/observables`,
      { type: 'ipv4', value: '198.51.100.9' },
      outsider.headers,
    );
    const seen = (await list(schoolIncident.key, outsider.headers))[0]!;
    expect(seen.sightings.summary).toBe('not seen elsewhere');
    expect((await list(schoolIncident.key))[0]!.sightings.incidentKeys).toEqual([incident.key]);

    const viewer = await t.userWithRole('viewer');
    expect(
      (
        await req(
          'POST',
          `/api/v1/incidents/${incident.key}/observables`,
          { type: 'ipv4', value: '198.51.100.13' },
          viewer.headers,
        )
      ).statusCode,
    ).toBe(403);
  });
  it('moves a merged incident’s own observables to the survivor, keeping the survivor’s copy', async () => {
    const survivor = (await req('POST', '/api/v1/incidents', { title: 'Survivor' })).json();
    const merged = (await req('POST', '/api/v1/incidents', { title: 'Merged' })).json();
    await req('POST', `/api/v1/incidents/${survivor.key}/observables`, {
      type: 'ipv4',
      value: '192.0.2.1',
      tags: ['mine'],
    });
    await req('POST', `/api/v1/incidents/${merged.key}/observables`, {
      type: 'ipv4',
      value: '192.0.2.1',
      tags: ['theirs'],
    });
    await req('POST', `/api/v1/incidents/${merged.key}/observables`, {
      type: 'domain',
      value: 'moved.example',
    });
    const now = (key: string) =>
      req('GET', `/api/v1/incidents/${key}`).then((r) => r.json().version as number);
    const res = await req('POST', `/api/v1/incidents/${survivor.key}/merge`, {
      version: await now(survivor.key),
      sources: [{ key: merged.key, version: await now(merged.key) }],
    });
    expect(res.statusCode).toBe(200);
    const items = await list(survivor.key);
    expect(items.map((i) => [i.value, i.tags])).toEqual([
      ['moved.example', []],
      ['192.0.2.1', ['mine']],
    ]);
    expect((await list(merged.key)).map((i) => i.value)).toEqual(['192.0.2.1']);
  });
});
