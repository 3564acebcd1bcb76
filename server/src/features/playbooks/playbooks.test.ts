import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

type Headers = Record<string, string>;
interface TaskJson {
  title: string;
  playbookItemId: string | null;
  requiresApproval: boolean;
  approval: string | null;
  party: { kind: string };
}

describeEachDialect('playbooks', (dialect) => {
  let t: TestApp;
  let admin: Headers;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
  });
  afterEach(() => t.close());

  const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Headers, payload?: object) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const open = async () =>
    (await req('POST', '/api/v1/incidents', admin, { title: 'Reported case', severity: 'medium' })).json<{
      key: string;
      version: number;
    }>();
  const classify = async (incident: { key: string }, typeId: string, stage = 'initial') => {
    const current = (await req('GET', `/api/v1/incidents/${incident.key}`, admin)).json();
    const res = await req('POST', `/api/v1/incidents/${incident.key}/classification`, admin, {
      version: current.version,
      stage,
      typeId,
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const tasks = async (key: string) =>
    (await req('GET', `/api/v1/incidents/${key}/tasks`, admin)).json<{ items: TaskJson[] }>().items;

  it('ships the seeded playbooks mapped to RSIT types', async () => {
    const res = await req('GET', '/api/v1/playbooks', admin);
    expect(res.statusCode).toBe(200);
    const names = res
      .json()
      .items.map((p: { name: string; taxonomyIds: string[] }) => [p.name, p.taxonomyIds]);
    expect(Object.fromEntries(names)).toMatchObject({
      Phishing: expect.arrayContaining(['fraud/phishing']),
      'Malware infection': expect.arrayContaining(['malicious-code']),
      DDoS: expect.arrayContaining(['availability/ddos']),
      'Compromised account': expect.arrayContaining(['intrusions/privileged-account-compromise']),
      'Vulnerable or exposed service': expect.arrayContaining(['vulnerable']),
      'Data leak': expect.arrayContaining(['information-content-security/data-leak']),
      Ransomware: ['information-content-security/unauthorised-information-modification'],
    });
  });

  it('turns the playbook into tasks on classification and only tops up on reclassification', async () => {
    const incident = await open();
    await classify(incident, 'fraud/phishing');
    const first = await tasks(incident.key);
    expect(first).toHaveLength(8);
    expect(first[0]).toMatchObject({
      title: 'Warn the impersonated organisation and the targeted users first',
      playbookItemId: 'seed-phishing-1',
      party: { kind: 'constituency_contact' },
    });
    const timeline = (await req('GET', `/api/v1/incidents/${incident.key}/timeline`, admin)).json().items;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'task_created')).toHaveLength(8);

    // The same type again adds nothing; a new type adds only its own items and deletes none.
    await classify(incident, 'fraud/phishing', 'resolution');
    expect(await tasks(incident.key)).toHaveLength(8);
    await classify(incident, 'malicious-code/c2-server', 'resolution');
    const after = await tasks(incident.key);
    expect(after).toHaveLength(16);
    expect(after.filter((x) => x.playbookItemId?.startsWith('seed-phishing'))).toHaveLength(8);
    const isolate = after.find((x) => x.playbookItemId === 'seed-malware-4');
    expect(isolate).toMatchObject({ requiresApproval: true, approval: 'pending' });
  });

  it('falls back to the playbook of the class, and to none', async () => {
    const incident = await open();
    await classify(incident, 'vulnerable/weak-crypto');
    expect(
      (await tasks(incident.key)).map((x) => x.playbookItemId?.split('-').slice(0, 2).join('-')),
    ).toEqual(Array(6).fill('seed-vulnerable'));
    const other = await open();
    await classify(other, 'other/undetermined');
    expect(await tasks(other.key)).toEqual([]);
  });

  it('lets admins create, edit and delete playbooks and refuses bad ones listing every problem', async () => {
    const handler = await t.userWithRole('handler');
    const input = {
      name: 'Spam run',
      taxonomyIds: ['abusive-content/spam'],
      items: [{ title: 'Ask the ISP to stop the sender', step: 'proposed_action', partyKind: 'isp' }],
    };
    expect((await req('POST', '/api/v1/playbooks', handler.headers, input)).statusCode).toBe(403);

    const bad = await req('POST', '/api/v1/playbooks', admin, {
      ...input,
      taxonomyIds: ['no-such/type', 'fraud/phishing'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'playbook_invalid',
      errors: [
        { path: 'body.taxonomyIds.0', message: 'no-such/type is not in the taxonomy' },
        { path: 'body.taxonomyIds.1', message: 'fraud/phishing already has the playbook Phishing' },
      ],
    });
    expect((await req('GET', '/api/v1/playbooks', admin)).json().items).toHaveLength(7);

    const created = await req('POST', '/api/v1/playbooks', admin, input);
    expect(created.statusCode, created.body).toBe(201);
    const playbook = created.json();
    const itemId = playbook.items[0].id;
    const incident = await open();
    await classify(incident, 'abusive-content/spam');

    const stale = await req('PUT', `/api/v1/playbooks/${playbook.id}`, admin, { ...input, version: 7 });
    expect(stale.statusCode).toBe(409);
    const updated = await req('PUT', `/api/v1/playbooks/${playbook.id}`, admin, {
      ...input,
      version: playbook.version,
      items: [
        { id: itemId, title: 'Ask the ISP to stop the sender', step: 'proposed_action', partyKind: 'isp' },
        { title: 'Check the sender stopped', step: 'performed_action', partyKind: 'own_team' },
      ],
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({
      version: 2,
      items: [{ id: itemId }, { title: 'Check the sender stopped' }],
    });

    // Top-up recognises the kept item and adds only the new one.
    await classify(incident, 'abusive-content/spam', 'resolution');
    expect((await tasks(incident.key)).map((x) => x.title)).toEqual([
      'Ask the ISP to stop the sender',
      'Check the sender stopped',
    ]);

    expect((await req('DELETE', `/api/v1/playbooks/${playbook.id}`, admin)).statusCode).toBe(204);
    expect((await req('GET', `/api/v1/playbooks/${playbook.id}`, admin)).statusCode).toBe(404);
    expect(await tasks(incident.key)).toHaveLength(2);
    const actions = (
      await t.db.db.selectFrom('audit_events').select('action').where('target_id', '=', playbook.id).execute()
    ).map((a) => a.action);
    expect(actions).toEqual(['playbook.created', 'playbook.updated', 'playbook.deleted']);
  });

  it('writes nothing when the classification is refused', async () => {
    const incident = await open();
    const res = await req('POST', `/api/v1/incidents/${incident.key}/classification`, admin, {
      version: incident.version + 5,
      stage: 'initial',
      typeId: 'fraud/phishing',
    });
    expect(res.statusCode).toBe(409);
    expect(await tasks(incident.key)).toEqual([]);
  });
});
