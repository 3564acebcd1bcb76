import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

type Headers = Record<string, string>;
type Entry = { kind: string; text: string };

describeEachDialect('incident links', (dialect) => {
  let t: TestApp;
  let admin: Headers;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
  });
  afterEach(() => t.close());

  const req = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, headers = admin) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const report = async (body: string, constituency?: string) =>
    (
      await req('POST', '/api/v1/reports', {
        channel: 'email',
        reporter: { kind: 'person', name: 'Ana' },
        title: body.slice(0, 40),
        body: constituency ? `${body} (${constituency})` : body,
      })
    ).json();
  const openFrom = async (title: string, reportIds: string[], extra: object = {}) =>
    (await req('POST', '/api/v1/incidents', { title, reportIds, ...extra })).json();
  const timeline = async (key: string): Promise<Entry[]> =>
    (await req('GET', `/api/v1/incidents/${key}/timeline`)).json().items;

  it('merges three incidents: every report, observable and timeline entry ends under the survivor', async () => {
    const reports = [
      await report('Phishing at http://login.bank-secure.example/ from 203.0.113.7'),
      await report('Same kit on 203.0.113.8'),
      await report('Mail from evil@bank-secure.example'),
      await report('Another copy at 203.0.113.9'),
    ];
    const survivor = await openFrom('Bank phishing', [reports[0].id]);
    const a = await openFrom('Phishing kit', [reports[1].id, reports[2].id]);
    const b = await openFrom('Third sighting', [reports[3].id]);
    await req('POST', `/api/v1/incidents/${b.key}/timeline`, {
      text: 'Hosting provider contacted',
      eventTime: '2026-11-20T08:00:00.000Z',
    });
    const bNow = (await req('GET', `/api/v1/incidents/${b.key}`)).json();
    const before = [
      ...(await timeline(survivor.key)),
      ...(await timeline(a.key)),
      ...(await timeline(b.key)),
    ];

    const res = await req('POST', `/api/v1/incidents/${survivor.key}/merge`, {
      version: survivor.version,
      sources: [
        { key: a.key, version: a.version },
        { key: b.key, version: bNow.version },
      ],
    });
    expect(res.statusCode).toBe(200);
    const merged = res.json();
    expect([...merged.reportIds].sort()).toEqual(reports.map((r: { id: string }) => r.id).sort());

    const after = await timeline(survivor.key);
    for (const entry of before) expect(after.map((e) => e.text)).toContain(entry.text);
    expect(after.filter((e) => e.kind === 'merged').map((e) => e.text)).toEqual([
      `Merged ${a.key} (Phishing kit): 2 reports, 3 timeline entries`,
      `Merged ${b.key} (Third sighting): 1 reports, 3 timeline entries`,
    ]);
    const note = after.find((e) => e.text === 'Hosting provider contacted');
    expect(note).toMatchObject({ eventTime: '2026-11-20T08:00:00.000Z' });

    // The observables travel with their reports: each merged report still carries its own.
    for (const r of reports) {
      const got = (await req('GET', `/api/v1/reports/${r.id}`)).json();
      expect(got.observables).toEqual(r.observables);
      expect(got.incidentKey).toBe(survivor.key);
    }
    for (const source of [a, b]) {
      const gone = (await req('GET', `/api/v1/incidents/${source.key}`)).json();
      expect(gone).toMatchObject({
        mergedInto: survivor.key,
        phase: 'closed',
        reportIds: [],
        closure: { outcome: 'duplicate', summary: `Merged into ${survivor.key}` },
      });
      expect((await timeline(source.key)).map((e) => e.kind)).toEqual(['merged_into']);
    }
  });

  it('names a merge source that changed since it was picked', async () => {
    const survivor = await openFrom('Survivor', []);
    const source = await openFrom('Source', []);
    await req('POST', `/api/v1/incidents/${source.key}/timeline`, { text: 'note' });
    const moved = (
      await req('POST', `/api/v1/incidents/${source.key}/verify`, {
        version: source.version,
        verdict: 'confirmed',
      })
    ).json();
    const res = await req('POST', `/api/v1/incidents/${survivor.key}/merge`, {
      version: survivor.version,
      sources: [{ key: source.key, version: source.version }],
    });
    expect(res.json()).toMatchObject({
      status: 409,
      code: 'stale_source_version',
      current: { key: source.key, version: moved.version },
    });
  });

  it('refuses a bad merge with every reason and moves nothing', async () => {
    const survivor = await openFrom('Survivor', []);
    const other = await openFrom('Other', []);
    const res = await req('POST', `/api/v1/incidents/${survivor.key}/merge`, {
      version: survivor.version,
      sources: [
        { key: survivor.key, version: 1 },
        { key: 'FB-2026-99999', version: 1 },
        { key: other.key, version: other.version },
        { key: other.key, version: other.version },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'body.sources.0.key', message: 'is the surviving incident' },
      { path: 'body.sources.1.key', message: 'FB-2026-99999 was not found' },
      { path: 'body.sources.3.key', message: 'is listed twice' },
    ]);
    expect((await req('GET', `/api/v1/incidents/${other.key}`)).json()).toMatchObject({
      mergedInto: null,
      phase: 'triage',
      version: other.version,
    });
  });

  it('relates incidents both ways and hides relations outside your scope', async () => {
    const hospital = (
      await req('POST', '/api/v1/constituencies', { name: 'Hospital', criticality: 'critical', assets: [] })
    ).json();
    const school = (
      await req('POST', '/api/v1/constituencies', { name: 'School', criticality: 'low', assets: [] })
    ).json();
    const h = await openFrom('Hospital case', [], { constituencyId: hospital.id });
    const s = await openFrom('School case', [], { constituencyId: school.id });
    const res = await req('POST', `/api/v1/incidents/${h.key}/relations`, {
      version: h.version,
      relatedKey: s.key,
      note: 'same actor',
    });
    expect(res.json().related).toEqual([
      { key: s.key, title: 'School case', phase: 'triage', note: 'same actor' },
    ]);
    const otherSide = (await req('GET', `/api/v1/incidents/${s.key}`)).json();
    expect(otherSide).toMatchObject({ related: [{ key: h.key }], version: s.version + 1 });

    const nurse = await t.userWithRole('handler', { scope: { constituencies: [hospital.id] } });
    const seen = (await req('GET', `/api/v1/incidents/${h.key}`, undefined, nurse.headers)).json();
    expect(seen.related).toEqual([]);
    const sneaky = await req(
      'POST',
      `/api/v1/incidents/${h.key}/relations`,
      { version: seen.version, relatedKey: s.key },
      nurse.headers,
    );
    expect(sneaky.json()).toMatchObject({
      status: 400,
      errors: [{ path: 'body.relatedKey', message: 'was not found' }],
    });

    const removed = await req('DELETE', `/api/v1/incidents/${h.key}/relations/${s.key}`, {
      version: seen.version,
    });
    expect(removed.json().related).toEqual([]);
  });

  it('suggests open incidents sharing observables with a new report, and links it', async () => {
    const first = await report('Scanning from 198.51.100.77 and 198.51.100.78');
    const incident = await openFrom('Scanner', [first.id]);
    await openFrom('Unrelated', [(await report('Spam from 192.0.2.1')).id]);
    const fresh = await report('Again 198.51.100.77 and 198.51.100.78, now with brute force');

    const suggestions = (await req('GET', `/api/v1/reports/${fresh.id}/suggestions`)).json().items;
    expect(suggestions).toEqual([
      {
        key: incident.key,
        title: 'Scanner',
        phase: 'triage',
        priority: null,
        version: incident.version,
        shared: expect.arrayContaining([
          { type: 'ipv4', value: '198.51.100.77' },
          { type: 'ipv4', value: '198.51.100.78' },
        ]),
      },
    ]);

    const linked = await req('POST', `/api/v1/incidents/${incident.key}/reports`, {
      version: incident.version,
      reportIds: [fresh.id],
    });
    expect(linked.json().reportIds).toEqual([first.id, fresh.id]);
    expect((await req('GET', `/api/v1/reports/${fresh.id}`)).json().status).toBe('linked');
    expect((await timeline(incident.key)).at(-1)).toMatchObject({ kind: 'report_linked' });

    const again = await req('POST', `/api/v1/incidents/${incident.key}/reports`, {
      version: linked.json().version,
      reportIds: [fresh.id],
    });
    expect(again.json()).toMatchObject({ status: 400, code: 'reports_not_linkable' });
  });
});
