import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

type Headers = Record<string, string>;

describeEachDialect('incident triage: verification and assignment', (dialect) => {
  let t: TestApp;
  let admin: Headers;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
  });
  afterEach(() => t.close());

  const req = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const open = async (title: string, headers = admin) =>
    (await req('POST', '/api/v1/incidents', headers, { title, severity: 'high' })).json();
  const handler = async (name: string, specialisations: string[], available = true) => {
    const user = await t.userWithRole('handler', { name });
    const res = await req('PATCH', '/api/v1/me/availability', user.headers, { available, specialisations });
    expect(res.statusCode).toBe(200);
    return user;
  };

  it('assigns the initial classification to the available specialist with the fewest open incidents', async () => {
    const busy = await handler('Busy Bea', ['fraud']);
    const free = await handler('Free Fred', ['fraud/phishing']);
    await handler('Away Ann', ['fraud'], false);
    await handler('Malware Max', ['malicious-code']);
    const earlier = await open('Earlier case');
    await req('POST', `/api/v1/incidents/${earlier.key}/assignment`, admin, {
      version: earlier.version,
      leadId: busy.id,
    });

    const incident = await open('Phishing wave');
    const res = await req('POST', `/api/v1/incidents/${incident.key}/classification`, admin, {
      version: incident.version,
      stage: 'initial',
      typeId: 'fraud/phishing',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().lead).toMatchObject({ id: free.id, name: 'Free Fred' });

    const timeline = (await req('GET', `/api/v1/incidents/${incident.key}/timeline`, admin)).json().items;
    const assigned = timeline.find((e: { kind: string }) => e.kind === 'assigned');
    expect(assigned).toMatchObject({
      actor: 'admin@example.test',
      text: 'Assigned automatically: lead Free Fred',
      after: { lead: free.email, handlers: [] },
    });
    const candidates = (await req('GET', `/api/v1/incidents/${incident.key}/candidates`, admin)).json().items;
    expect(candidates.find((c: { id: string }) => c.id === free.id)).toMatchObject({
      specialist: true,
      available: true,
      openIncidents: 1,
    });
  });

  it('lets the first handler take an incident and tells the second who was first', async () => {
    const ana = await handler('Ana', []);
    const bob = await handler('Bob', []);
    const incident = await open('DDoS on portal');
    const taken = await req('POST', `/api/v1/incidents/${incident.key}/take`, ana.headers, {
      version: incident.version,
    });
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ lead: { id: ana.id }, version: incident.version + 1 });
    // Taking charge is the first response: the SLA response clock stops.
    expect(incident.sla.response.doneAt).toBeNull();
    expect(taken.json().sla.response.doneAt).toEqual(expect.any(String));

    const late = await req('POST', `/api/v1/incidents/${incident.key}/take`, bob.headers, {
      version: taken.json().version,
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      code: 'already_taken',
      detail: 'Ana leads ' + incident.key + ' already',
    });
  });

  it('refuses to assign someone outside the incident scope and writes nothing', async () => {
    const hospital = (
      await req('POST', '/api/v1/constituencies', admin, {
        name: 'Hospital',
        criticality: 'critical',
        assets: [],
      })
    ).json();
    const school = (
      await req('POST', '/api/v1/constituencies', admin, { name: 'School', criticality: 'low', assets: [] })
    ).json();
    const lead = await t.userWithRole('lead');
    const outsider = await t.userWithRole('handler', {
      name: 'Outsider',
      scope: { constituencies: [school.id] },
    });
    const viewer = await t.userWithRole('viewer');
    const incident = (
      await req('POST', '/api/v1/incidents', admin, { title: 'Ransomware', constituencyId: hospital.id })
    ).json();

    const res = await req('POST', `/api/v1/incidents/${incident.key}/assignment`, lead.headers, {
      version: incident.version,
      leadId: outsider.id,
      handlerIds: [viewer.id],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'body.leadId', message: 'Outsider may not see this incident (scope or TLP)' },
      { path: 'body.handlerIds.0', message: 'is not an active handler' },
    ]);
    const after = (await req('GET', `/api/v1/incidents/${incident.key}`, admin)).json();
    expect(after).toMatchObject({ version: incident.version, lead: null, handlers: [] });
    const candidates = (await req('GET', `/api/v1/incidents/${incident.key}/candidates`, admin)).json().items;
    expect(candidates.map((c: { id: string }) => c.id)).not.toContain(outsider.id);

    const ok = await req('POST', `/api/v1/incidents/${incident.key}/assignment`, lead.headers, {
      version: incident.version,
      leadId: lead.id,
      handlerIds: [(await t.userWithRole('handler', { name: 'Helper' })).id],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ lead: { id: lead.id }, handlers: [{ name: 'Helper' }] });
  });

  it('only leads assign others; handlers set their own availability', async () => {
    const ana = await handler('Ana', ['fraud']);
    const incident = await open('Phishing');
    const res = await req('POST', `/api/v1/incidents/${incident.key}/assignment`, ana.headers, {
      version: incident.version,
      leadId: ana.id,
    });
    expect(res.statusCode).toBe(403);
    // Nor can a handler replace a lead through the automatic rule.
    const led = (
      await req('POST', `/api/v1/incidents/${incident.key}/take`, ana.headers, { version: incident.version })
    ).json();
    const other = await handler('Bob', ['fraud']);
    const replaced = await req('POST', `/api/v1/incidents/${incident.key}/auto-assign`, other.headers, {
      version: led.version,
    });
    expect(replaced.statusCode).toBe(403);
    const typo = await req('PATCH', '/api/v1/me/availability', ana.headers, {
      specialisations: ['fraud', 'fruad'],
    });
    expect(typo.json()).toMatchObject({
      status: 400,
      errors: [{ path: 'body.specialisations.1', message: 'fruad is neither a taxonomy class nor a type' }],
    });
    const me = (await req('GET', '/api/v1/me', ana.headers)).json();
    expect(me.user).toMatchObject({ available: true, specialisations: ['fraud'] });
    const audit = (await req('GET', '/api/v1/audit?action=user.availability_changed', admin)).json();
    expect(audit.items.map((a: { actorLabel: string }) => a.actorLabel)).toContain(ana.email);
  });

  it('says why automatic assignment found nobody', async () => {
    await handler('Away Ann', ['fraud'], false);
    const incident = await open('Phishing');
    const unclassified = await req('POST', `/api/v1/incidents/${incident.key}/auto-assign`, admin, {
      version: incident.version,
    });
    expect(unclassified.json()).toMatchObject({ status: 409, code: 'not_classified' });
    const classified = (
      await req('POST', `/api/v1/incidents/${incident.key}/classification`, admin, {
        version: incident.version,
        stage: 'initial',
        typeId: 'fraud/phishing',
      })
    ).json();
    expect(classified.lead).toBeNull();
    const none = await req('POST', `/api/v1/incidents/${incident.key}/auto-assign`, admin, {
      version: classified.version,
    });
    expect(none.json()).toMatchObject({ status: 409, code: 'no_specialist_available' });
  });

  it('verifies a real incident once, and closes a rejected one without a classification', async () => {
    const real = await open('Real one');
    const ok = await req('POST', `/api/v1/incidents/${real.key}/verify`, admin, {
      version: real.version,
      verdict: 'confirmed',
    });
    expect(ok.json()).toMatchObject({ verified: { by: 'admin@example.test' }, phase: 'triage' });
    const twice = await req('POST', `/api/v1/incidents/${real.key}/verify`, admin, {
      version: ok.json().version,
      verdict: 'confirmed',
    });
    expect(twice.json()).toMatchObject({ status: 409, code: 'verified_already' });

    const noise = await open('Scanner noise');
    const missing = await req('POST', `/api/v1/incidents/${noise.key}/verify`, admin, {
      version: noise.version,
      verdict: 'false_positive',
    });
    expect(missing.json()).toMatchObject({ status: 400, errors: [{ path: 'body.reason' }] });
    const rejected = await req('POST', `/api/v1/incidents/${noise.key}/verify`, admin, {
      version: noise.version,
      verdict: 'not_an_incident',
      reason: 'Authorised penetration test',
    });
    expect(rejected.json()).toMatchObject({
      phase: 'closed',
      verified: null,
      closure: { outcome: 'false_positive', summary: 'Authorised penetration test' },
    });
    const timeline = (await req('GET', `/api/v1/incidents/${noise.key}/timeline`, admin)).json().items;
    expect(timeline.at(-1)).toMatchObject({
      kind: 'rejected',
      actor: 'admin@example.test',
      text: 'Rejected in verification (not_an_incident): Authorised penetration test',
    });
  });
});
