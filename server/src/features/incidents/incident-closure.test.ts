import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { startSmtpSink, type SmtpSink } from '../../testing/smtp-sink.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

/** A multipart/form-data body: the acquisition fields, then the file part. */
function multipart(fields: Record<string, string>, bytes: Buffer) {
  const boundary = `----fb${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="disk.img"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const acquisition = {
  acquiredBy: 'Ana Kovač',
  acquiredAt: '2026-05-04T09:30:00Z',
  source: 'web-03',
  method: 'disk image',
  tool: 'dd',
  tlp: 'amber',
};

describeEachDialect('closure wizard', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let relay: SmtpSink;
  let jobs: { stop(): Promise<void> };

  beforeEach(async () => {
    relay = await startSmtpSink();
    t = await createTestApp(dialect, {
      FIREBREAK_MAIL_RELAY_URL: relay.url,
      FIREBREAK_MAIL_FROM: 'cert@firebreak.test',
      FIREBREAK_JOB_POLL_MS: '50',
    });
    admin = await t.login();
    jobs = await t.features.startJobs(true);
  });
  afterEach(async () => {
    await jobs.stop();
    await relay.close();
    await t.close();
  });

  const req = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.request({ method, url, headers: admin, ...(payload ? { payload: payload } : {}) });

  async function incident(tlp = 'green') {
    const hospital = (
      await req('POST', '/api/v1/constituencies', {
        name: `City Hospital ${tlp}`,
        criticality: 'high',
        contacts: [
          { name: 'Bob Admin', email: 'bob@hospital.example', audience: 'technical' },
          { name: 'Carol Director', email: 'carol@hospital.example', audience: 'descriptive' },
        ],
      })
    ).json<{ id: string }>();
    const res = await req('POST', '/api/v1/incidents', {
      title: 'Ransomware on the file server',
      summary: 'Files encrypted on fs-01.',
      constituencyId: hospital.id,
      tlp,
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ key: string; id: string; version: number }>();
  }

  const addTask = (
    key: string,
    title: string,
    party = { kind: 'isp', name: 'Abuse desk <abuse@isp.example>' },
  ) => req('POST', `/api/v1/incidents/${key}/tasks`, { title, step: 'eradication', party });

  async function addEvidence(key: string) {
    const body = multipart(acquisition, randomBytes(1000));
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/incidents/${key}/evidence`,
      headers: { ...admin, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string }>();
  }

  const version = async (key: string) =>
    (await req('GET', `/api/v1/incidents/${key}`)).json().version as number;
  const closure = {
    outcome: 'resolved',
    summary: 'Restored from backup.',
    finalTypeId: 'malicious-code/infected-system',
  };
  const timelineKinds = async (key: string) =>
    ((await req('GET', `/api/v1/incidents/${key}/timeline`)).json().items as { kind: string }[]).map(
      (e) => e.kind,
    );

  it('lists open tasks and evidence; closing with them needs a reason, and nothing is written without', async () => {
    const inc = await incident();
    const open = (await addTask(inc.key, 'Reimage fs-01')).json<{ id: string; version: number }>();
    const cancelled = (await addTask(inc.key, 'Call the vendor')).json<{ id: string; version: number }>();
    expect(
      (
        await req('POST', `/api/v1/incidents/${inc.key}/tasks/${cancelled.id}/transition`, {
          version: cancelled.version,
          to: 'cancelled',
          reason: 'not needed',
        })
      ).statusCode,
    ).toBe(200);
    const item = await addEvidence(inc.key);
    const sealed = await addEvidence(inc.key);
    const closeCustody = await req('POST', `/api/v1/incidents/${inc.key}/evidence/${sealed.id}/custody`, {
      action: 'sealed',
      to: 'Evidence safe 2',
    });
    expect(closeCustody.statusCode).toBe(201);

    const check = (await req('GET', `/api/v1/incidents/${inc.key}/closure/check`)).json();
    expect(check).toEqual({
      clear: false,
      tasks: [{ id: open.id, title: 'Reimage fs-01', status: 'proposed' }],
      evidence: [{ id: item.id, filename: 'disk.img', lastAction: 'acquired' }],
    });

    const before = await version(inc.key);
    const kindsBefore = await timelineKinds(inc.key);
    const refused = await req('POST', `/api/v1/incidents/${inc.key}/transition`, {
      version: before,
      to: 'closed',
      closure,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({
      code: 'open_items',
      detail: expect.stringContaining('1 open task and 1 evidence item with open custody'),
    });
    // Nothing written: no final classification, same version, same timeline.
    const after = (await req('GET', `/api/v1/incidents/${inc.key}`)).json();
    expect(after).toMatchObject({ phase: 'triage', version: before, closure: null });
    expect(after.classifications.some((c: { stage: string }) => c.stage === 'final')).toBe(false);
    expect(await timelineKinds(inc.key)).toEqual(kindsBefore);

    const closed = await req('POST', `/api/v1/incidents/${inc.key}/closure`, {
      version: before,
      closure: { ...closure, openItemsReason: 'Reimaging is tracked by the hospital IT' },
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ phase: 'closed' });
    const timeline = (await req('GET', `/api/v1/incidents/${inc.key}/timeline`)).json().items as {
      kind: string;
      text: string;
    }[];
    expect(timeline.find((e) => e.kind === 'closed_with_open_items')?.text).toBe(
      'Closed with 1 open task and 1 evidence item with open custody: Reimaging is tracked by the hospital IT',
    );
  });

  it('suggests the parties, drafts notes per audience and sends them through the SMTP relay', async () => {
    const inc = await incident();
    await addTask(inc.key, 'Block the C2 address', {
      kind: 'management',
      name: 'Dana Board <dana@board.example>',
    });
    await addTask(inc.key, 'Ask the ISP', { kind: 'isp', name: 'abuse@isp.example' });
    const put = await req('PUT', `/api/v1/incidents/${inc.key}/analysis`, {
      version: 0,
      rootCause: 'Unpatched VPN appliance (CVE-2024-0001)',
      assets: [{ name: 'fs-01', identifier: '10.0.0.5', kind: 'server', state: 'recovered' }],
      impact: {
        confidentiality: 'low',
        integrity: 'high',
        availability: 'high',
        affectedUsers: null,
        affectedRecords: null,
        business: 'File shares down for a day',
      },
    });
    expect(put.statusCode).toBe(200);

    const parties = (await req('GET', `/api/v1/incidents/${inc.key}/closure/parties`)).json();
    expect(parties).toEqual([
      {
        address: 'bob@hospital.example',
        name: 'Bob Admin',
        audience: 'technical',
        source: 'constituency_contact',
        hasKey: false,
      },
      {
        address: 'carol@hospital.example',
        name: 'Carol Director',
        audience: 'descriptive',
        source: 'constituency_contact',
        hasKey: false,
      },
      {
        address: 'dana@board.example',
        name: 'Dana Board',
        audience: 'descriptive',
        source: 'task_party',
        hasKey: false,
      },
      { address: 'abuse@isp.example', name: '', audience: 'technical', source: 'task_party', hasKey: false },
    ]);

    const drafts = (
      await req('POST', `/api/v1/incidents/${inc.key}/closure/drafts`, {
        closure,
        recommendations: 'Patch VPN appliances within 48 hours.',
        parties: [
          { address: 'bob@hospital.example', audience: 'technical' },
          { address: 'carol@hospital.example', audience: 'descriptive' },
        ],
      })
    ).json<{ to: string; subject: string; body: string; refusal: string | null }[]>();
    expect(drafts).toHaveLength(2);
    const [tech, mgmt] = drafts as [(typeof drafts)[0], (typeof drafts)[0]];
    expect(tech.subject).toBe(`[${inc.key}] Incident closed: Ransomware on the file server`);
    expect(tech.body).toContain('Hello Bob Admin,');
    expect(tech.body).toContain('Classification: Infected System (Malicious Code)');
    expect(tech.body).toContain('Outcome: resolved');
    expect(tech.body).toContain('Root cause: Unpatched VPN appliance (CVE-2024-0001)');
    expect(tech.body).toContain('- fs-01 (10.0.0.5): recovered');
    expect(tech.body).toContain('Patch VPN appliances within 48 hours.');
    expect(mgmt.body).toContain('Dear Carol Director,');
    expect(mgmt.body).toContain('Business impact: File shares down for a day');
    expect(mgmt.body).not.toContain('fs-01 (10.0.0.5)');
    expect(tech.refusal).toBeNull();

    const notes = [
      { to: tech.to, audience: 'technical', subject: tech.subject, body: tech.body },
      { to: mgmt.to, audience: 'descriptive', subject: mgmt.subject, body: `${mgmt.body}\nEdited by hand.` },
    ];
    const res = await req('POST', `/api/v1/incidents/${inc.key}/closure`, {
      version: await version(inc.key),
      closure: { ...closure, openItemsReason: 'Tasks stay with the hospital' },
      notes,
    });
    expect(res.statusCode).toBe(200);
    await relay.waitFor(2);
    const byRcpt = new Map(relay.messages.map((m) => [m.rcptTo[0], m]));
    expect(byRcpt.get('bob@hospital.example')!.parsed.text).toContain('Root cause: Unpatched VPN appliance');
    expect(byRcpt.get('bob@hospital.example')!.parsed.text).toMatch(/^TLP:GREEN/);
    expect(byRcpt.get('carol@hospital.example')!.parsed.text).toContain('Edited by hand.');
    expect(byRcpt.get('carol@hospital.example')!.parsed.subject).toBe(mgmt.subject);
    const logged = (await req('GET', `/api/v1/incidents/${inc.key}/communications`)).json().items as {
      to: string[];
    }[];
    expect(logged.map((c) => c.to[0]).sort()).toEqual(['bob@hospital.example', 'carol@hospital.example']);
  });

  it('keeps the check, parties and closing to handlers who can see the incident', async () => {
    const inc = await incident();
    const viewer = await t.userWithRole('viewer');
    const elsewhere = await t.userWithRole('handler', { scope: { constituencies: [] } });
    for (const [headers, status] of [
      [viewer.headers, 403],
      [elsewhere.headers, 404],
    ] as const) {
      for (const url of ['check', 'parties'])
        expect(
          (await t.request({ method: 'GET', url: `/api/v1/incidents/${inc.key}/closure/${url}`, headers }))
            .statusCode,
        ).toBe(status);
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/incidents/${inc.key}/closure`,
        headers,
        payload: { version: inc.version, closure },
      });
      expect(res.statusCode).toBe(status);
    }
    expect((await req('GET', `/api/v1/incidents/${inc.key}`)).json()).toMatchObject({ phase: 'triage' });
  });

  it('refuses notes that cannot be sent before closing anything', async () => {
    const inc = await incident();
    const before = await version(inc.key);
    const res = await req('POST', `/api/v1/incidents/${inc.key}/closure`, {
      version: before,
      closure: { ...closure, outcome: 'not_resolved' },
      notes: [{ to: 'not-an-address', audience: 'technical', subject: 'Closed', body: 'Done.' }],
    });
    expect(res.statusCode).toBe(400);
    expect((await req('GET', `/api/v1/incidents/${inc.key}`)).json()).toMatchObject({
      phase: 'triage',
      version: before,
    });
    // TLP:RED to a contact without an OpenPGP key: the compose rules refuse it, naming the note.
    const red = await incident('red');
    const redVersion = await version(red.key);
    const refused = await req('POST', `/api/v1/incidents/${red.key}/closure`, {
      version: redVersion,
      closure,
      notes: [{ to: 'bob@hospital.example', audience: 'technical', subject: 'Closed', body: 'Done.' }],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'final_notes_refused',
      errors: [{ path: 'notes.0.to', message: expect.stringContaining('bob@hospital.example') }],
    });
    expect((await req('GET', `/api/v1/incidents/${red.key}`)).json()).toMatchObject({
      phase: 'triage',
      version: redVersion,
    });
    expect(relay.messages).toHaveLength(0);
  });
});
