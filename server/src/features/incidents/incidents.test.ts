import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

describeEachDialect('incidents', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let hospital: { id: string };
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
    hospital = (
      await t.request({
        method: 'POST',
        url: '/api/v1/constituencies',
        headers: admin,
        payload: {
          name: 'City Hospital',
          criticality: 'critical',
          assets: [{ kind: 'cidr', value: '198.51.100.0/24' }],
        },
      })
    ).json();
  });
  afterEach(() => t.close());

  const req = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers = admin) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const report = async (title: string) =>
    (
      await req('POST', '/api/v1/reports', {
        channel: 'email',
        reporter: { kind: 'person', name: 'Ana' },
        title,
        body: `Phishing hosted on 198.51.100.23 (${title})`,
      })
    ).json();

  it('opens an incident from reports: key, constituency, priority from the matrix, reports linked, timeline', async () => {
    const r1 = await report('first');
    const r2 = await report('second');
    const res = await req('POST', '/api/v1/incidents', {
      title: 'Phishing on hospital web server',
      severity: 'high',
      reportIds: [r1.id, r2.id],
    });
    expect(res.statusCode).toBe(201);
    const incident = res.json();
    expect(incident).toMatchObject({
      key: `FB-${new Date().getUTCFullYear()}-00001`,
      phase: 'triage',
      severity: 'high',
      priority: 'P1',
      constituency: { id: hospital.id, criticality: 'critical' },
      reporterTrust: 'unknown',
      tlp: 'amber',
      version: 1,
    });
    expect([...incident.reportIds].sort()).toEqual([r1.id, r2.id].sort());
    expect((await req('GET', `/api/v1/reports/${r1.id}`)).json()).toMatchObject({
      status: 'linked',
      incidentKey: incident.key,
    });
    const second = (await req('POST', '/api/v1/incidents', { title: 'Another' })).json();
    expect(second.key).toBe(`FB-${new Date().getUTCFullYear()}-00002`);
    const timeline = (await req('GET', `/api/v1/incidents/${incident.key}/timeline`)).json().items;
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'opened',
      'report_linked',
      'report_linked',
    ]);
    expect(timeline[0].actor).toBe('admin@example.test');
  });

  it('refuses to link a report twice and writes nothing', async () => {
    const r1 = await report('only');
    await req('POST', '/api/v1/incidents', { title: 'First', reportIds: [r1.id] });
    const again = await req('POST', '/api/v1/incidents', { title: 'Second', reportIds: [r1.id, 'nope'] });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors).toEqual([
      { path: 'body.reportIds.0', message: `report ${r1.id} is linked already` },
      { path: 'body.reportIds.1', message: 'report nope was not found' },
    ]);
    expect((await req('GET', '/api/v1/incidents')).json().items).toHaveLength(1);
  });

  it('walks the lifecycle to closure, refuses illegal moves, and needs a reason to reopen', async () => {
    const { key } = (await req('POST', '/api/v1/incidents', { title: 'Malware', severity: 'medium' })).json();
    const move = (version: number, body: object) =>
      req('POST', `/api/v1/incidents/${key}/transition`, { version, ...body });
    expect((await move(1, { to: 'recovery' })).json()).toMatchObject({
      code: 'illegal_transition',
      detail: 'An incident cannot go from triage to recovery',
    });
    expect((await move(1, { to: 'response' })).json().phase).toBe('response');
    expect((await move(2, { to: 'closed' })).statusCode).toBe(400);
    const unclassified = await move(2, {
      to: 'closed',
      closure: { outcome: 'resolved', summary: 'Host cleaned' },
    });
    expect(unclassified.json()).toMatchObject({ code: 'final_classification_missing' });
    const unknownType = await move(2, {
      to: 'closed',
      closure: { outcome: 'resolved', summary: 'Host cleaned', finalTypeId: 'made/up' },
    });
    expect(unknownType.json()).toMatchObject({
      code: 'unknown_taxonomy_type',
      errors: [{ path: 'body.closure.finalTypeId' }],
    });
    const closed = (
      await move(2, {
        to: 'closed',
        closure: {
          outcome: 'resolved',
          summary: 'Host cleaned',
          finalTypeId: 'malicious-code/infected-system',
        },
      })
    ).json();
    expect(closed.classification).toMatchObject({ stage: 'final', typeId: 'malicious-code/infected-system' });
    expect(closed).toMatchObject({
      phase: 'closed',
      closure: { outcome: 'resolved', summary: 'Host cleaned' },
      version: 3,
    });
    expect((await move(3, { to: 'response' })).json().detail).toBe('Reopening an incident needs a reason');
    const reopened = (await move(3, { to: 'response', reason: 'Reinfected' })).json();
    expect(reopened).toMatchObject({ phase: 'response', closure: null });
    const texts = (await req('GET', `/api/v1/incidents/${key}/timeline`))
      .json()
      .items.map((e: { text: string }) => e.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Phase triage → response',
        'Closed as resolved: Host cleaned',
        'Reopened to response: Reinfected',
      ]),
    );
  });

  it('refuses a stale update with 409 and what changed; overrides priority with a reason on the timeline', async () => {
    const { key } = (
      await req('POST', '/api/v1/incidents', { title: 'DDoS', severity: 'low', constituencyId: hospital.id })
    ).json();
    const first = await req('PATCH', `/api/v1/incidents/${key}`, { version: 1, severity: 'critical' });
    expect(first.json()).toMatchObject({ severity: 'critical', priority: 'P1', version: 2 });
    const stale = await req('PATCH', `/api/v1/incidents/${key}`, { version: 1, title: 'Overwrite' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'stale_version',
      current: { version: 2, severity: 'critical' },
    });
    const noReason = await req('PATCH', `/api/v1/incidents/${key}`, {
      version: 2,
      priorityOverride: { priority: 'P3' },
    });
    expect(noReason.statusCode).toBe(400);
    const overridden = (
      await req('PATCH', `/api/v1/incidents/${key}`, {
        version: 2,
        priorityOverride: { priority: 'P3', reason: 'Attack stopped by upstream' },
      })
    ).json();
    expect(overridden).toMatchObject({
      priority: 'P3',
      priorityOverride: { priority: 'P3', reason: 'Attack stopped by upstream' },
    });
    const timeline = (await req('GET', `/api/v1/incidents/${key}/timeline`)).json().items;
    expect(timeline.find((e: { kind: string }) => e.kind === 'priority_overridden')).toMatchObject({
      text: 'Priority overridden to P3: Attack stopped by upstream',
      actor: 'admin@example.test',
    });
  });

  it('keeps the classification history of the three stages, validated against the taxonomy', async () => {
    const { key } = (await req('POST', '/api/v1/incidents', { title: 'Suspicious mails' })).json();
    const classify = (version: number, stage: string, typeId: string) =>
      req('POST', `/api/v1/incidents/${key}/classification`, { version, stage, typeId });
    expect((await classify(1, 'initial', 'fraud/phishing')).json()).toMatchObject({
      classification: { stage: 'initial', typeId: 'fraud/phishing', classLabel: 'Fraud' },
      version: 2,
    });
    const unknown = await classify(2, 'resolution', 'fraud/nonsense');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('unknown_taxonomy_type');
    const later = (await classify(2, 'resolution', 'intrusions/system-compromise')).json();
    expect(
      later.classifications.map((c: { stage: string; typeId: string }) => `${c.stage}:${c.typeId}`),
    ).toEqual(['initial:fraud/phishing', 'resolution:intrusions/system-compromise']);
    expect(later.classification.actor).toBe('admin@example.test');
  });

  it('takes handler entries with event and discovery time', async () => {
    const { key } = (await req('POST', '/api/v1/incidents', { title: 'Intrusion' })).json();
    const res = await req('POST', `/api/v1/incidents/${key}/timeline`, {
      text: 'First login from attacker IP',
      eventTime: '2026-11-20T03:12:00Z',
      discoveryTime: '2026-11-21T09:00:00Z',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().items.at(-1)).toMatchObject({
      kind: 'note',
      eventTime: '2026-11-20T03:12:00.000Z',
      discoveryTime: '2026-11-21T09:00:00.000Z',
    });
  });

  it('hides other constituencies’ incidents: 404 and absent from lists', async () => {
    const school = (
      await req('POST', '/api/v1/constituencies', { name: 'School', criticality: 'low' })
    ).json();
    const mine = (
      await req('POST', '/api/v1/incidents', { title: 'Hospital case', constituencyId: hospital.id })
    ).json();
    const theirs = (
      await req('POST', '/api/v1/incidents', { title: 'School case', constituencyId: school.id })
    ).json();
    const scoped = await t.userWithRole('handler');
    await req('PATCH', `/api/v1/users/${scoped.id}`, { scope: { constituencies: [hospital.id] } });
    const headers = await t.login(scoped.email, 'a-long-enough-password');
    expect((await req('GET', `/api/v1/incidents/${theirs.key}`, undefined, headers)).statusCode).toBe(404);
    expect(
      (await req('GET', `/api/v1/incidents/${theirs.key}/timeline`, undefined, headers)).statusCode,
    ).toBe(404);
    expect(
      (await req('PATCH', `/api/v1/incidents/${theirs.key}`, { version: 1, title: 'x' }, headers)).statusCode,
    ).toBe(404);
    expect(
      (await req('GET', '/api/v1/incidents', undefined, headers))
        .json()
        .items.map((i: { key: string }) => i.key),
    ).toEqual([mine.key]);
    const search = (q: string, h = headers) =>
      req('GET', `/api/v1/incidents?q=${q}`, undefined, h).then((r) =>
        r.json().items.map((i: { key: string }) => i.key),
      );
    expect(await search('case')).toEqual([mine.key]);
    expect(await search('school')).toEqual([]);
    expect(await search(theirs.key)).toEqual([]);
    expect(await search('school', admin)).toEqual([theirs.key]);
    for (const verb of ['take', 'verify', 'auto-assign'])
      expect(
        (await req('POST', `/api/v1/incidents/${theirs.key}/${verb}`, { version: 1 }, headers)).statusCode,
      ).toBe(verb === 'verify' ? 400 : 404);
    expect((await req('GET', '/api/v1/incidents/counts', undefined, headers)).json()).toEqual({
      total: 1,
      open: 1,
      breached: 0,
      byPhase: { triage: 1 },
      openByPriority: { none: 1 },
    });
    expect((await req('GET', '/api/v1/incidents/counts')).json()).toMatchObject({ total: 2, open: 2 });
    // A hospital report handled in a school incident: the nurse sees the report, not the incident's key.
    const shared = await report('shared');
    await req('POST', '/api/v1/incidents', {
      title: 'Cross case',
      constituencyId: school.id,
      reportIds: [shared.id],
    });
    const seen = (await req('GET', `/api/v1/reports/${shared.id}`, undefined, headers)).json();
    expect(seen).toMatchObject({ status: 'linked', incidentKey: null });
    expect((await req('GET', '/api/v1/incidents/not-a-key')).statusCode).toBe(400);
  });
});
