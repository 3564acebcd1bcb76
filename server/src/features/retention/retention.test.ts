import { createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { cpSync } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createStreamBlobStore } from '../../platform/blobs/stream-blob-store.ts';
import { createDataKeys } from '../../platform/crypto/data-keys.ts';
import { DecryptionError, unwrapKey } from '../../platform/crypto/envelope.ts';
import { createKeyShreds } from '../../platform/crypto/key-shreds.ts';
import { loadMasterKey } from '../../platform/crypto/master-key.ts';
import { openSqlite } from '../../platform/db/database.ts';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { insertInboundMail } from '../../testing/fixtures.ts';
import { createCommunicationStore } from '../communications/index.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { storeReportFiles } from '../reports/report-files.service.ts';

const run = promisify(execFile);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const DAY = 86_400_000;

function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = `----fb${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const acquisition = {
  acquiredBy: 'Ana Kovač',
  acquiredAt: '2026-01-05T09:30:00Z',
  source: 'web-03',
  method: 'disk image',
  tool: 'dd',
  description: 'Disk of the compromised server',
  tlp: 'amber',
};

describeEachDialect('retention: destruction with key shredding', (dialect) => {
  let t: TestApp;
  let clock: Date;
  const advance = (days: number) => void (clock = new Date(clock.getTime() + days * DAY));

  beforeEach(async () => {
    clock = new Date('2026-01-10T10:00:00Z');
    t = await createTestApp(dialect, {}, { now: () => clock });
  });
  afterEach(() => t.close());

  /** Fresh sign-in: the clock jumps months ahead, past any session's lifetime. */
  async function as(headers?: Record<string, string>) {
    const h = headers ?? (await t.login());
    return (method: string, url: string, payload?: object) =>
      t.request({ method, url, headers: h, ...(payload === undefined ? {} : { payload }) });
  }

  async function closedIncident(title: string) {
    const req = await as();
    const report = (
      await req('POST', '/api/v1/reports', {
        channel: 'email',
        reporter: { kind: 'person', name: 'Reporter Ruth' },
        title: `Report of ${title}`,
        body: `Seen from 203.0.113.77 (${title})`,
      })
    ).json<{ id: string }>();
    const incident = (await req('POST', '/api/v1/incidents', { title, reportIds: [report.id] })).json<{
      key: string;
      id: string;
      version: number;
    }>();
    expect(
      (await req('POST', `/api/v1/incidents/${incident.key}/notes`, { body: `${title} note` })).statusCode,
    ).toBe(201);
    return { ...incident, reportId: report.id, req };
  }

  async function close(key: string, typeId: string) {
    const req = await as();
    const { version } = (await req('GET', `/api/v1/incidents/${key}`)).json<{ version: number }>();
    const res = await req('POST', `/api/v1/incidents/${key}/transition`, {
      version,
      to: 'closed',
      closure: {
        outcome: 'resolved',
        summary: 'Cleaned up',
        finalTypeId: typeId,
        openItemsReason: 'evidence kept',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  it('destroys content and shreds the key: unreadable with the master key and from a backup; hold skipped; audit verifies', async () => {
    const doomed = await closedIncident('Quokka breach');
    const held = await closedIncident('Wombat breach');
    const content = Buffer.concat([Buffer.from('SECRET DISK IMAGE '), randomBytes(150_000)]);
    const body = multipart(acquisition, { name: 'disk.img', bytes: content });
    const admin = await t.login();
    const uploaded = await t.request({
      method: 'POST',
      url: `/api/v1/incidents/${doomed.key}/evidence`,
      headers: { ...admin, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const evidence = uploaded.json<{ id: string; sha256: string }>();
    // Report files share the month's key: the doomed report's own file goes, one another report shares stays.
    const attach = async (reportId: string, bytes: Buffer, position: number) => {
      const [row] = await storeReportFiles(
        t.runtime.blobs,
        reportId,
        { attachments: [{ filename: 'mail.txt', contentType: 'text/plain', bytes }] },
        clock,
      );
      await t.db.db
        .insertInto('report_files')
        .values({ ...row!, position })
        .execute();
      return row!;
    };
    const ownFile = await attach(doomed.reportId, Buffer.from('only the doomed report has this'), 0);
    const shared = Buffer.from('both reports carry this');
    await attach(doomed.reportId, shared, 1);
    const sharedFile = await attach(held.reportId, shared, 0);
    await close(doomed.key, 'intrusions/system-compromise');
    await close(held.key, 'intrusions/system-compromise');

    let req = await as();
    const policy = await req('POST', '/api/v1/retention/policies', {
      name: 'Intrusions: 1 year',
      taxonomyClass: 'intrusions',
      archiveAfterDays: 30,
      destroyAfterMonths: 12,
    });
    expect(policy.statusCode, policy.body).toBe(201);
    const lead = await t.userWithRole('lead');
    const hold = await t.request({
      method: 'PUT',
      url: `/api/v1/incidents/${held.key}/legal-hold`,
      headers: lead.headers,
      payload: { held: true, reason: 'Court order 2026/17' },
    });
    expect(hold.json()).toMatchObject({ held: true, reason: 'Court order 2026/17', by: lead.email });

    // The backup: the database and the blobs folder as they are before anything is destroyed.
    const keyRow = await t.db.db
      .selectFrom('data_keys')
      .selectAll()
      .where('purpose', '=', `incident:${doomed.id}`)
      .executeTakeFirstOrThrow();
    const backupBlobs = path.join(t.db.dataDir, 'backup-blobs');
    cpSync(path.join(t.db.dataDir, 'blobs'), backupBlobs, { recursive: true });
    const backupFile = path.join(t.db.dataDir, 'backup.sqlite');
    if (dialect === 'sqlite') {
      const live = new SqliteDatabase(path.join(t.db.dataDir, 'firebreak.sqlite'), { readonly: true });
      await live.backup(backupFile);
      live.close();
    }
    const master = loadMasterKey(t.runtime.config).key;
    const shreds = createKeyShreds(path.join(t.db.dataDir, 'keyring'));
    const readBackupBlob = async (db = t.db.db) => {
      const keys = createDataKeys({ db, masterKey: master, now: () => clock, shreds });
      const store = createStreamBlobStore({ dir: backupBlobs, keys });
      const chunks: Buffer[] = [];
      for await (const chunk of await store.read(keyRow.id, evidence.sha256)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };
    // Control: before destruction the backup reads back (so the refusals below are meaningful).
    expect(sha256(await readBackupBlob())).toBe(evidence.sha256);

    advance(40);
    req = await as();
    let preview = (await req('GET', '/api/v1/retention/preview')).json<{
      items: { incidentKey: string; action: string }[];
    }>();
    expect(preview.items.map((i) => [i.incidentKey, i.action])).toEqual([
      [doomed.key, 'archive'],
      [held.key, 'archive'],
    ]);
    expect((await req('POST', '/api/v1/retention/run')).json()).toMatchObject({
      archived: [doomed.key, held.key],
      destroyed: [],
    });

    // The incident's audit entries are sealed under its data key: readable to admins, not in the table.
    type Entry = { action: string; data: Record<string, unknown>; sealed?: string };
    const auditOf = async (key: string) =>
      (await req('GET', `/api/v1/audit?targetId=${key}&limit=500`)).json<{ items: Entry[] }>().items;
    const opened = (await auditOf(doomed.key)).find((e) => e.action === 'incident.opened');
    expect(opened).toMatchObject({
      sealed: 'open',
      data: { text: expect.stringContaining('Quokka breach') },
    });
    const rawAudit = async () =>
      JSON.stringify(await t.db.db.selectFrom('audit_events').selectAll().execute());
    expect(await rawAudit()).not.toContain('Quokka');
    // Evidence custody entries too: where the disk came from is sealed under the incident's key.
    expect(await rawAudit()).not.toContain(acquisition.source);

    advance(366);
    req = await as();
    preview = (await req('GET', '/api/v1/retention/preview')).json();
    expect(preview.items).toMatchObject([
      {
        incidentKey: doomed.key,
        action: 'destroy',
        policyName: 'Intrusions: 1 year',
        reason: 'Destroy 12 month(s) after closure',
      },
      { incidentKey: held.key, action: 'skip_hold' },
    ]);
    // A dry run: nothing changed.
    expect((await req('GET', `/api/v1/incidents/${doomed.key}`)).json()).toMatchObject({
      title: 'Quokka breach',
    });
    expect((await req('POST', '/api/v1/retention/run')).json()).toMatchObject({
      archived: [],
      destroyed: [doomed.key],
      skipped: [held.key],
    });

    // Content gone; the husk keeps key and dates.
    const husk = (await req('GET', `/api/v1/incidents/${doomed.key}`)).json<{
      title: string;
      summary: string;
    }>();
    expect(husk.title).toBe('Destroyed under the retention policy');
    expect((await req('GET', `/api/v1/incidents/${doomed.key}/notes`)).json().items).toEqual([]);
    expect((await req('GET', `/api/v1/incidents/${doomed.key}/evidence`)).json().items).toEqual([]);
    expect(
      (await req('GET', `/api/v1/incidents/${doomed.key}/evidence/${evidence.id}/download`)).statusCode,
    ).toBe(404);
    const timeline = (await req('GET', `/api/v1/incidents/${doomed.key}/timeline`)).json<{
      items: { kind: string; text: string }[];
    }>().items;
    expect(timeline.filter((e) => e.text !== '').map((e) => e.kind)).toEqual(['destroyed']);
    expect(
      JSON.stringify(
        await t.db.db.selectFrom('reports').selectAll().where('id', '=', doomed.reportId).execute(),
      ),
    ).not.toContain('Quokka');
    expect((await req('GET', '/api/v1/incidents?q=Quokka')).json().items).toEqual([]);
    await expect(t.runtime.blobs.get(ownFile.key_id, ownFile.sha256)).rejects.toMatchObject({
      code: 'blob_integrity_failed',
    });
    expect((await t.runtime.blobs.get(sharedFile.key_id, sharedFile.sha256)).equals(shared)).toBe(true);
    // The held incident is untouched.
    expect((await req('GET', `/api/v1/incidents/${held.key}`)).json()).toMatchObject({
      title: 'Wombat breach',
    });
    expect((await req('GET', `/api/v1/incidents/${held.key}/notes`)).json().items).toHaveLength(1);

    // The key: emptied in the database, its secret gone from the keyring.
    const shredded = await t.db.db
      .selectFrom('data_keys')
      .selectAll()
      .where('id', '=', keyRow.id)
      .executeTakeFirstOrThrow();
    expect(shredded).toMatchObject({ wrapped_key: '' });
    expect(shredded.destroyed_at).not.toBeNull();
    expect(shreds.read(keyRow.id)).toBeNull();
    // The master key alone never unwraps it, with or without the shredding prefix.
    const context = `${keyRow.id}:${keyRow.purpose}`;
    expect(() => unwrapKey(master, keyRow.wrapped_key, context)).toThrow();
    expect(() => unwrapKey(master, keyRow.wrapped_key.slice(2), context)).toThrow(DecryptionError);

    // A restored backup (the wrapped key back in data_keys, the old blobs) cannot read it either.
    if (dialect === 'sqlite') {
      const backup = openSqlite(backupFile);
      try {
        const inBackup = await backup.db
          .selectFrom('data_keys')
          .selectAll()
          .where('id', '=', keyRow.id)
          .executeTakeFirstOrThrow();
        expect(inBackup.wrapped_key).toBe(keyRow.wrapped_key);
        await expect(readBackupBlob(backup.db)).rejects.toMatchObject({ code: 'data_destroyed' });
      } finally {
        await backup.close();
      }
    }
    await t.db.db
      .updateTable('data_keys')
      .set({ wrapped_key: keyRow.wrapped_key, destroyed_at: null })
      .where('id', '=', keyRow.id)
      .execute();
    await expect(readBackupBlob()).rejects.toMatchObject({ code: 'data_destroyed' });

    // Tombstone and audit: provable, and the chain still verifies.
    const tomb = await req('GET', `/api/v1/retention/tombstones/${doomed.key}`);
    expect(tomb.json()).toMatchObject({
      incidentKey: doomed.key,
      typeId: 'intrusions/system-compromise',
      policyName: 'Intrusions: 1 year',
      destroyedBy: 'admin@example.test',
      hashes: { evidence: [{ filename: 'disk.img', sha256: sha256(content) }] },
      counts: { notes: 1, evidence: 1, reports: 1 },
      shreddedKeys: [keyRow.id],
    });
    const audit = (await req('GET', `/api/v1/audit?action=retention.destroyed`)).json<{
      items: { targetId: string }[];
    }>();
    expect(audit.items.map((e) => e.targetId)).toEqual([doomed.key]);
    // What its entries said went with the key; the held incident's still read.
    const sealedAfter = (await auditOf(doomed.key)).filter((e) => e.sealed);
    expect(sealedAfter.length).toBeGreaterThan(2);
    expect(sealedAfter.every((e) => e.sealed === 'shredded' && Object.keys(e.data).length === 0)).toBe(true);
    expect((await auditOf(held.key)).find((e) => e.action === 'incident.opened')).toMatchObject({
      sealed: 'open',
      data: { text: expect.stringContaining('Wombat breach') },
    });
    expect(await rawAudit()).not.toContain('Quokka');
    expect(await t.runtime.audit.verify()).toMatchObject({ ok: true, firstBad: null });
    // The operator's own check, the real command on the same database.
    const env: NodeJS.ProcessEnv = { ...process.env, FIREBREAK_DATA_DIR: t.db.dataDir };
    delete env.FIREBREAK_DATABASE_URL;
    if (t.db.databaseUrl) env.FIREBREAK_DATABASE_URL = t.db.databaseUrl;
    const verified = await run(process.execPath, ['bin/firebreak.js', 'audit', 'verify'], { env });
    expect(verified.stdout).toMatch(/^Audit chain intact: \d+ entries verified/);
  });

  it('a destroyed incident stays destroyed: every change answers 409, and search no longer finds it', async () => {
    const doomed = await closedIncident('Bilbyzone leak');
    const live = await closedIncident('Other matter');
    let req = await as();
    const task = await req('POST', `/api/v1/incidents/${doomed.key}/tasks`, {
      title: 'Takedown of the quollpage',
      step: 'proposed_action',
      party: { kind: 'isp', name: 'Example ISP' },
    });
    expect(task.statusCode, task.body).toBe(201);
    await insertInboundMail(t, {
      id: 'c-doomed',
      incidentId: doomed.id,
      subject: 'Re: dunnartgate',
      body: 'The host is clean now.',
      at: clock.toISOString(),
    });
    await close(doomed.key, 'fraud/phishing');
    await close(live.key, 'fraud/phishing');
    const words = ['bilbyzone', 'quollpage', 'dunnartgate'];
    // A late reply by the incident's key or the report's reference threads there until destruction.
    const threads = createCommunicationStore();
    // Reports from e-mail or the form carry a public reference; this one came in through the API.
    const ref = 'R-QUOKK-00001';
    await t.db.db.updateTable('reports').set({ public_ref: ref }).where('id', '=', doomed.reportId).execute();
    const threading = async () => [
      await threads.incidentIdByKey(t.db.db, doomed.key),
      (await threads.threadOfReportRef(t.db.db, ref))?.incidentId ?? null,
    ];
    expect(await threading()).toEqual([doomed.id, doomed.id]);
    const found = async (word: string) =>
      (await req('GET', `/api/v1/search?q=${word}`)).json<{ items: { kind: string }[] }>().items;
    // Control: each word is found before destruction (note, report, task, communication).
    expect((await found('bilbyzone')).map((i) => i.kind).sort()).toEqual(['incident', 'note', 'report']);
    expect((await found('quollpage')).map((i) => i.kind)).toEqual(['task']);
    expect((await found('dunnartgate')).map((i) => i.kind)).toEqual(['communication']);

    req = await as();
    await req('POST', '/api/v1/retention/policies', {
      name: 'Phishing',
      typeId: 'fraud/phishing',
      destroyAfterMonths: 1,
    });
    advance(40);
    req = await as();
    // The live incident is held: only the doomed one goes.
    const lead = await t.userWithRole('lead');
    await t.request({
      method: 'PUT',
      url: `/api/v1/incidents/${live.key}/legal-hold`,
      headers: lead.headers,
      payload: { held: true, reason: 'Kept for court' },
    });
    expect((await req('POST', '/api/v1/retention/run')).json()).toMatchObject({ destroyed: [doomed.key] });
    for (const word of words) expect(await found(word), word).toEqual([]);
    // It arrives as a new report instead.
    expect(await threading()).toEqual([null, null]);

    const husk = (await req('GET', `/api/v1/incidents/${doomed.key}`)).json<{
      version: number;
      destroyedAt: string | null;
    }>();
    expect(husk.destroyedAt).toBe(clock.toISOString());
    const state = async () => ({
      incident: (await req('GET', `/api/v1/incidents/${doomed.key}`)).json(),
      timeline: (await req('GET', `/api/v1/incidents/${doomed.key}/timeline`)).json(),
      notes: (await req('GET', `/api/v1/incidents/${doomed.key}/notes`)).json(),
      tasks: (await req('GET', `/api/v1/incidents/${doomed.key}/tasks`)).json(),
    });
    const before = await state();
    const { version } = husk;
    const refused = [
      ['POST', `/api/v1/incidents/${doomed.key}/transition`, { version, to: 'response', reason: 'Back' }],
      ['POST', `/api/v1/incidents/${doomed.key}/notes`, { body: 'bilbyzone is back' }],
      ['PATCH', `/api/v1/incidents/${doomed.key}`, { version, title: 'Bilbyzone leak' }],
      ['POST', `/api/v1/incidents/${doomed.key}/timeline`, { text: 'bilbyzone again' }],
      [
        'POST',
        `/api/v1/incidents/${doomed.key}/tasks`,
        { title: 'quollpage', step: 'proposed_action', party: { kind: 'isp', name: 'Example ISP' } },
      ],
      [
        'POST',
        `/api/v1/incidents/${doomed.key}/classification`,
        { version, stage: 'final', typeId: 'fraud/phishing', note: '' },
      ],
      ['PUT', `/api/v1/incidents/${doomed.key}/legal-hold`, { held: true, reason: 'Too late' }],
    ] as const;
    for (const [method, url, payload] of refused) {
      const res = await req(method, url, payload);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'incident_destroyed' });
    }
    // Relating a live incident to the husk would change the husk too.
    const other = (await req('GET', `/api/v1/incidents/${live.key}`)).json<{ version: number }>();
    const relate = await req('POST', `/api/v1/incidents/${live.key}/relations`, {
      version: other.version,
      relatedKey: doomed.key,
    });
    expect(relate.json()).toMatchObject({ status: 409, code: 'incident_destroyed' });
    expect(await state()).toEqual(before);
    for (const word of words) expect(await found(word), word).toEqual([]);
  });

  it('policies: admin only, every problem at once, duplicates refused, the most specific wins', async () => {
    const req = await as();
    const bad = await req('POST', '/api/v1/retention/policies', {
      name: 'Broken',
      taxonomyClass: 'fraud',
      typeId: 'intrusions/system-compromise',
      constituencyId: 'nope',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['constituencyId', 'destroyAfterMonths', 'taxonomyClass']);
    const handler = await t.userWithRole('handler');
    const denied = await t.request({
      method: 'POST',
      url: '/api/v1/retention/policies',
      headers: handler.headers,
      payload: { name: 'x', destroyAfterMonths: 1 },
    });
    expect(denied.statusCode).toBe(403);
    expect((await t.db.db.selectFrom('retention_policies').selectAll().execute()).length).toBe(0);

    const general = (
      await req('POST', '/api/v1/retention/policies', { name: 'Default', destroyAfterMonths: 60 })
    ).json();
    const phishing = (
      await req('POST', '/api/v1/retention/policies', {
        name: 'Phishing',
        typeId: 'fraud/phishing',
        destroyAfterMonths: 1,
      })
    ).json();
    expect(
      (
        await req('POST', '/api/v1/retention/policies', {
          name: 'Again',
          typeId: 'fraud/phishing',
          archiveAfterDays: 5,
        })
      ).json(),
    ).toMatchObject({ code: 'retention_policy_duplicate' });

    const a = await closedIncident('Phish A');
    const b = await closedIncident('Malware B');
    await close(a.key, 'fraud/phishing');
    await close(b.key, 'malicious-code/infected-system');
    advance(40);
    const preview = (await (await as())('GET', '/api/v1/retention/preview')).json<{
      items: { incidentKey: string; policyId: string }[];
    }>();
    expect(preview.items).toEqual([
      expect.objectContaining({ incidentKey: a.key, action: 'destroy', policyId: phishing.id }),
    ]);

    const changed = await (
      await as()
    )('PUT', `/api/v1/retention/policies/${general.id}`, {
      version: 1,
      name: 'Default',
      archiveAfterDays: 10,
      destroyAfterMonths: 60,
    });
    expect(changed.json()).toMatchObject({ version: 2, archiveAfterDays: 10 });
    const stale = await (
      await as()
    )('PUT', `/api/v1/retention/policies/${general.id}`, { version: 1, name: 'x', destroyAfterMonths: 2 });
    expect(stale.statusCode).toBe(409);
    const actions = (await (await as())('GET', '/api/v1/audit?targetType=retention_policy')).json<{
      items: { action: string }[];
    }>();
    expect(actions.items.map((e) => e.action).sort()).toEqual([
      'retention.policy_created',
      'retention.policy_created',
      'retention.policy_updated',
    ]);
  });

  it('legal hold: lead or admin with a reason, on the timeline and in the audit log', async () => {
    const incident = await closedIncident('Held one');
    const handler = await t.userWithRole('handler');
    const url = `/api/v1/incidents/${incident.key}/legal-hold`;
    const put = (headers: Record<string, string>, payload: object) =>
      t.request({ method: 'PUT', url, headers, payload });
    expect((await put(handler.headers, { held: true, reason: 'because' })).statusCode).toBe(403);
    const lead = await t.userWithRole('lead');
    expect((await put(lead.headers, { held: true, reason: '' })).statusCode).toBe(400);
    expect((await put(lead.headers, { held: true, reason: 'Police request' })).json()).toMatchObject({
      held: true,
    });
    expect((await put(lead.headers, { held: false, reason: 'Case dropped' })).json()).toMatchObject({
      held: false,
      reason: null,
    });
    const req = await as();
    const timeline = (await req('GET', `/api/v1/incidents/${incident.key}/timeline`)).json<{
      items: { kind: string; text: string }[];
    }>();
    expect(timeline.items.filter((e) => e.kind.startsWith('legal_hold')).map((e) => e.text)).toEqual([
      'Legal hold set: Police request',
      'Legal hold cleared: Case dropped',
    ]);
    const audit = (await req('GET', `/api/v1/audit?targetId=${incident.key}`)).json<{
      items: { action: string }[];
    }>();
    expect(audit.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['incident.legal_hold_set', 'incident.legal_hold_cleared']),
    );
  });
});
