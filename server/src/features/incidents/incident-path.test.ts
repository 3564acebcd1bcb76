import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

type Headers = Record<string, string>;

/** The whole path of the ENISA guide through the API, as a team registering reports by hand walks it. */
describeEachDialect('incident path', (dialect) => {
  let t: TestApp;
  let admin: Headers;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
  });
  afterEach(() => t.close());

  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) => {
    const res = await t.request({ method, url, headers, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  it('report → observables and constituency → verify → classify → priority → auto-assign → SLA → close', async () => {
    const hospital = await call('POST', '/api/v1/constituencies', admin, {
      name: 'City Hospital',
      criticality: 'critical',
      assets: [{ kind: 'domain', value: 'city-hospital.example' }],
    });
    const specialist = await t.userWithRole('handler', { name: 'Phishing Pia' });
    await call('PATCH', '/api/v1/me/availability', specialist.headers, {
      available: true,
      specialisations: ['fraud'],
    });
    const handler = await t.userWithRole('handler', { name: 'Triage Tom' });

    const report = await call('POST', '/api/v1/reports', handler.headers, {
      channel: 'phone',
      reporter: { kind: 'person', name: 'Nurse on duty', trust: 'high' },
      title: 'Fake login page for the hospital',
      body: 'Staff received mail linking to hxxps://login.city-hospital[.]example/owa from 203.0.113.50',
    });
    expect(report.constituency).toMatchObject({ id: hospital.id });
    expect(report.observables).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'url', value: 'https://login.city-hospital.example/owa' }),
        expect.objectContaining({ type: 'ipv4', value: '203.0.113.50' }),
      ]),
    );

    let incident = await call('POST', '/api/v1/incidents', handler.headers, {
      title: 'Credential phishing against hospital staff',
      reportIds: [report.id],
      severity: 'high',
    });
    expect(incident).toMatchObject({ phase: 'triage', priority: 'P1', reporterTrust: 'high', tlp: 'amber' });
    expect(incident.sla.response.dueAt).toEqual(expect.any(String));
    expect(incident.sla.resolution.dueAt).toEqual(expect.any(String));

    const base = `/api/v1/incidents/${incident.key}`;
    incident = await call('POST', `${base}/verify`, handler.headers, {
      version: incident.version,
      verdict: 'confirmed',
    });
    incident = await call('POST', `${base}/classification`, handler.headers, {
      version: incident.version,
      stage: 'initial',
      typeId: 'fraud/phishing',
    });
    expect(incident.lead).toMatchObject({ id: specialist.id });
    expect(incident.sla.response.doneAt).toEqual(expect.any(String));

    incident = await call('POST', `${base}/transition`, specialist.headers, {
      version: incident.version,
      to: 'response',
    });
    incident = await call('POST', `${base}/transition`, specialist.headers, {
      version: incident.version,
      to: 'closed',
      closure: {
        outcome: 'resolved',
        summary: 'Page taken down by the host',
        finalTypeId: 'fraud/phishing',
        // The playbook's tasks are still open: closing anyway takes a reason (the closure check).
        openItemsReason: 'The checklist is followed up by the hosting provider',
      },
    });
    expect(incident).toMatchObject({
      phase: 'closed',
      closure: { outcome: 'resolved' },
      classifications: [{ stage: 'initial' }, { stage: 'final' }],
    });

    const timeline = (await call('GET', `${base}/timeline`, admin)).items as {
      kind: string;
      actor: string;
    }[];
    // Classifying as phishing brought the phishing playbook's checklist in as tasks.
    const tasks = (await call('GET', `${base}/tasks`, admin)).items as unknown[];
    expect(tasks.length).toBeGreaterThan(0);
    expect(timeline.map((e) => [e.kind, e.actor])).toEqual([
      ['opened', handler.email],
      ['report_linked', handler.email],
      ['verified', handler.email],
      ['classified', handler.email],
      ['assigned', handler.email],
      ...tasks.map(() => ['task_created', handler.email]),
      ['phase_changed', specialist.email],
      ['classified', specialist.email],
      ['phase_changed', specialist.email],
      ['closed_with_open_items', specialist.email],
    ]);
    const audit = await call('GET', `/api/v1/audit?targetId=${incident.key}`, admin);
    // Every step is in the audit log too, in the same transaction as the change.
    expect(audit.items.map((a: { action: string }) => a.action).sort()).toEqual(
      timeline.map((e) => `incident.${e.kind}`).sort(),
    );
  });
});
