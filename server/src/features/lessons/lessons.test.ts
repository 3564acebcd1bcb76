import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

type Headers = Record<string, string>;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const lessons = {
  version: 0,
  wentWell: 'Triage within the hour',
  wentBadly: 'The VPN logs were not kept',
  detection: 'The EDR alert sat unread over the weekend',
  response: 'Pre-approved isolation of hosts',
  organisation: 'No on-call rota for the weekend',
};

describeEachDialect('lessons learned and post-analysis', (dialect) => {
  let t: TestApp;
  let admin: Headers;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
  });
  afterEach(() => t.close());

  const req = (method: Method, url: string, payload?: object, headers = admin) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const openIncident = async (title = 'VPN compromise') =>
    (await req('POST', '/api/v1/incidents', { title, tlp: 'amber' })).json().key as string;
  const close = async (key: string, version = 1) => {
    const res = await req('POST', `/api/v1/incidents/${key}/transition`, {
      version,
      to: 'closed',
      closure: {
        outcome: 'resolved',
        summary: 'Accounts reset',
        finalTypeId: 'malicious-code/infected-system',
      },
    });
    expect(res.statusCode).toBe(200);
    return res.json<{ version: number; closure: { closedAt: string } }>();
  };
  const kinds = async (key: string) =>
    (await req('GET', `/api/v1/incidents/${key}/timeline`)).json().items.map((e: { kind: string }) => e.kind);
  const auditActions = async (key: string) =>
    (await req('GET', `/api/v1/audit?targetId=${key}`)).json().items.map((a: { action: string }) => a.action);

  it('records versioned lessons on a closed incident and refuses a stale save', async () => {
    const key = await openIncident();
    await close(key);
    expect((await req('GET', `/api/v1/incidents/${key}/lessons`)).json()).toMatchObject({
      version: 0,
      wentWell: '',
    });

    const saved = await req('PUT', `/api/v1/incidents/${key}/lessons`, lessons);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      ...lessons,
      version: 1,
      updatedBy: 'admin@example.test',
      reviewedAt: null,
    });

    const other = await t.userWithRole('handler');
    const theirs = await req(
      'PUT',
      `/api/v1/incidents/${key}/lessons`,
      { ...lessons, version: 1, wentWell: 'x' },
      other.headers,
    );
    expect(theirs.json()).toMatchObject({ version: 2, wentWell: 'x' });
    const mine = await req('PUT', `/api/v1/incidents/${key}/lessons`, {
      ...lessons,
      version: 1,
      wentWell: 'y',
    });
    expect(mine.statusCode).toBe(409);
    expect(mine.json()).toMatchObject({ code: 'stale_version', current: { wentWell: 'x', version: 2 } });

    const viewer = await t.userWithRole('viewer');
    expect(
      (await req('PUT', `/api/v1/incidents/${key}/lessons`, { ...lessons, version: 2 }, viewer.headers))
        .statusCode,
    ).toBe(403);
    expect((await kinds(key)).filter((k: string) => k === 'lessons_updated')).toHaveLength(2);
    expect(await auditActions(key)).toContain('incident.lessons_updated');
    // The timeline says which parts changed, never what they say.
    expect(JSON.stringify((await req('GET', `/api/v1/incidents/${key}/timeline`)).json())).not.toContain(
      'VPN logs',
    );
  });

  it('marks the review done only with a lessons record, by the lead, handlers or a team lead', async () => {
    const key = await openIncident();
    const stillOpen = await openIncident('Still open');
    let { version } = await close(key);

    const missing = await req('POST', `/api/v1/incidents/${key}/lessons/done`, { version });
    expect(missing.statusCode).toBe(409);
    expect(missing.json()).toMatchObject({ code: 'lessons_missing' });
    await req('PUT', `/api/v1/incidents/${key}/lessons`, lessons);
    await req('PUT', `/api/v1/incidents/${stillOpen}/lessons`, lessons);
    expect(
      (await req('POST', `/api/v1/incidents/${stillOpen}/lessons/done`, { version: 1 })).json(),
    ).toMatchObject({
      code: 'not_closed',
    });

    // A handler who is not on the incident may not close its review.
    const outsider = await t.userWithRole('handler');
    expect(
      (await req('POST', `/api/v1/incidents/${key}/lessons/done`, { version }, outsider.headers)).statusCode,
    ).toBe(403);
    expect(
      (await req('POST', `/api/v1/incidents/${key}/lessons/done`, { version: version + 5 })).statusCode,
    ).toBe(409);

    const done = await req('POST', `/api/v1/incidents/${key}/lessons/done`, { version });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ phase: 'post_analysis_done', version: version + 1 });
    version += 1;
    expect((await req('GET', `/api/v1/incidents/${key}/lessons`)).json()).toMatchObject({
      reviewedBy: 'admin@example.test',
      version: 1,
    });
    expect((await kinds(key)).at(-1)).toBe('phase_changed');
    expect(await auditActions(key)).toContain('incident.phase_changed');
    // Done once: a second time is refused.
    expect((await req('POST', `/api/v1/incidents/${key}/lessons/done`, { version })).json()).toMatchObject({
      code: 'not_closed',
    });
  });

  it("lets the incident's own handler mark the review done", async () => {
    const key = await openIncident();
    const handler = await t.userWithRole('handler');
    const took = await req('POST', `/api/v1/incidents/${key}/take`, { version: 1 }, handler.headers);
    expect(took.statusCode).toBe(200);
    const { version } = await close(key, took.json<{ version: number }>().version);
    await req('PUT', `/api/v1/incidents/${key}/lessons`, lessons, handler.headers);
    const done = await req('POST', `/api/v1/incidents/${key}/lessons/done`, { version }, handler.headers);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ phase: 'post_analysis_done' });
  });

  it('lists incidents closed in the period still lacking a review, within the scope', async () => {
    const reviewed = await openIncident('Reviewed');
    const pending = await openIncident('Pending');
    await openIncident('Open');
    const { version } = await close(reviewed);
    const closedAt = (await close(pending)).closure.closedAt;
    await req('PUT', `/api/v1/incidents/${reviewed}/lessons`, lessons);
    await req('POST', `/api/v1/incidents/${reviewed}/lessons/done`, { version });

    const list = async (query = '', headers = admin) =>
      (await req('GET', `/api/v1/post-analysis${query}`, undefined, headers)).json().items as {
        key: string;
      }[];
    expect(await list()).toEqual([
      expect.objectContaining({
        key: pending,
        title: 'Pending',
        outcome: 'resolved',
        hasLessons: false,
        improvements: 0,
      }),
    ]);
    const after = new Date(new Date(closedAt).getTime() + 1000).toISOString();
    const later = new Date(Date.now() + 86_400_000).toISOString();
    expect(await list(`?from=${encodeURIComponent(after)}&to=${encodeURIComponent(later)}`)).toEqual([]);
    expect(await list(`?to=${encodeURIComponent(closedAt)}`)).toEqual([]);
    const bad = await req(
      'GET',
      `/api/v1/post-analysis?from=${encodeURIComponent(after)}&to=${encodeURIComponent(closedAt)}`,
    );
    expect(bad.statusCode).toBe(400);
    // The incidents have no constituency: a user limited to constituencies sees none of them.
    const limited = await t.userWithRole('lead', { scope: { constituencies: [] } });
    expect(await list('', limited.headers)).toEqual([]);
  });

  it('keeps improvement proposals with owner, due date, status and playbook, and a board across incidents', async () => {
    const key = await openIncident();
    await close(key);
    const owner = await t.userWithRole('handler', { name: 'Olga Owner' });
    const { id, name } = (await req('GET', '/api/v1/playbooks')).json().items[0] as {
      id: string;
      name: string;
    };
    const playbook = { id, name };
    const url = `/api/v1/incidents/${key}/improvements`;

    const bad = await req('POST', url, { title: 'x', ownerId: 'nobody', playbookId: 'nothing' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'improvement_invalid',
      errors: [{ path: 'body.ownerId' }, { path: 'body.playbookId' }],
    });
    const first = await req('POST', url, {
      title: 'Isolate hosts without approval',
      ownerId: owner.id,
      dueDate: '2027-01-31',
      playbookId: playbook.id,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      incidentKey: key,
      status: 'proposed',
      owner: { id: owner.id, name: 'Olga Owner' },
      dueDate: '2027-01-31',
      playbook,
      version: 1,
    });
    const second = (
      await req('POST', url, { title: 'Weekend on-call', procedure: 'https://wiki.example/oncall' })
    ).json();

    const accepted = await req('PATCH', `${url}/${first.json().id}`, { version: 1, status: 'accepted' });
    expect(accepted.json()).toMatchObject({ status: 'accepted', version: 2 });
    expect((await req('PATCH', `${url}/${first.json().id}`, { version: 1, status: 'done' })).statusCode).toBe(
      409,
    );

    const board = async (query = '', headers = admin) =>
      (await req('GET', `/api/v1/improvements${query}`, undefined, headers))
        .json()
        .items.map((i: { title: string }) => i.title);
    expect(await board()).toEqual(['Isolate hosts without approval', 'Weekend on-call']);
    expect(await board('?status=accepted')).toEqual(['Isolate hosts without approval']);
    expect(await board(`?owner=${owner.id}`)).toEqual(['Isolate hosts without approval']);
    expect(
      await board('', (await t.userWithRole('lead', { scope: { constituencies: [] } })).headers),
    ).toEqual([]);

    expect((await req('DELETE', `${url}/${second.id}`, { version: 1 })).statusCode).toBe(204);
    expect((await req('GET', url)).json().items).toHaveLength(1);
    expect((await kinds(key)).filter((k: string) => k.startsWith('improvement_'))).toEqual([
      'improvement_added',
      'improvement_added',
      'improvement_updated',
      'improvement_deleted',
    ]);
    expect((await req('GET', '/api/v1/post-analysis')).json().items[0]).toMatchObject({
      key,
      improvements: 1,
    });
  });

  it('tracks remediation items after closure and lists the open ones across incidents', async () => {
    const key = await openIncident();
    await close(key);
    const url = `/api/v1/incidents/${key}/remediations`;
    const changed: unknown[] = [];
    const stop = t.runtime.events.subscribe((e) => {
      if (e.type === 'incident.changed' && e.data.key === key) changed.push(e);
    });
    const patch = (
      await req('POST', url, { title: 'Patch the VPN appliance', dueDate: '2026-12-15' })
    ).json();
    const mfa = (await req('POST', url, { title: 'Enforce MFA on VPN' })).json();
    expect(patch).toMatchObject({ status: 'open', version: 1, incidentTitle: 'VPN compromise' });
    // Open pages hear of it live, as of any change of the incident.
    await vi.waitFor(() => expect(changed.length).toBeGreaterThanOrEqual(2));
    stop();

    const done = await req('PATCH', `${url}/${patch.id}`, { version: 1, status: 'done' });
    expect(done.statusCode).toBe(200);
    const open = (await req('GET', '/api/v1/remediations?open=true'))
      .json()
      .items.map((r: { id: string }) => r.id);
    expect(open).toEqual([mfa.id]);
    const all = (await req('GET', '/api/v1/remediations')).json().items.map((r: { id: string }) => r.id);
    expect(all).toEqual([patch.id, mfa.id]);
    expect(await auditActions(key)).toEqual(
      expect.arrayContaining(['incident.remediation_added', 'incident.remediation_updated']),
    );
    const limited = await t.userWithRole('lead', { scope: { constituencies: [] } });
    expect((await req('GET', '/api/v1/remediations', undefined, limited.headers)).json().items).toEqual([]);
    expect((await req('GET', url, undefined, limited.headers)).statusCode).toBe(404);
  });
});
