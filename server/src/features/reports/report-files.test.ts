import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { NewReport } from '#contracts/reports.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import type { ReportFiles } from './index.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describeEachDialect('report files', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
  });
  afterEach(() => t.close());

  // Latin-1 bytes and a NUL: a byte-exact round trip, not a UTF-8 one.
  const rawMail = Buffer.concat([
    Buffer.from('From: abuse@example.net\r\nSubject: Phishing\r\n\r\nSee 203.0.113.7 caf'),
    Buffer.from([0xe9, 0x00, 0x0d, 0x0a]),
  ]);
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096)]);
  const input = (over: Partial<NewReport> = {}): NewReport => ({
    channel: 'email',
    reporter: { kind: 'person', name: 'Abuse desk', contact: 'abuse@example.net', trust: 'medium' },
    title: 'Phishing kit on 203.0.113.7',
    body: 'See 203.0.113.7',
    tlp: 'amber',
    pap: 'amber',
    source: 'mailbox',
    observables: [],
    ...over,
  });
  const files = (): ReportFiles => ({
    raw: { bytes: rawMail, contentType: 'message/rfc822' },
    attachments: [
      { filename: '../evil "quote".pdf', contentType: 'application/pdf', bytes: pdf },
      { filename: 'note.html', contentType: 'text/html', bytes: Buffer.from('<script>alert(1)</script>') },
    ],
    warnings: ['Part 3 (winmail.dat) could not be decoded'],
  });
  const register = (over: Partial<NewReport> = {}, f: ReportFiles = files()) =>
    t.features.services.reports.register(systemActor('test'), input(over), f);
  const get = (url: string, headers = admin) => t.request({ method: 'GET', url, headers });

  it('keeps raw bytes and attachments encrypted, lists them, and hands them back byte for byte', async () => {
    const { report } = await register();
    expect(report).toMatchObject({
      rawSha256: sha256(rawMail),
      rawSize: rawMail.length,
      parseWarnings: ['Part 3 (winmail.dat) could not be decoded'],
      files: [
        { role: 'raw', filename: 'raw.eml', contentType: 'message/rfc822', size: rawMail.length },
        { role: 'attachment', filename: 'evil "quote".pdf', sha256: sha256(pdf), size: pdf.length },
        { role: 'attachment', filename: 'note.html', contentType: 'text/html' },
      ],
    });
    const row = await t.db.db
      .selectFrom('reports')
      .select('raw')
      .where('id', '=', report.id)
      .executeTakeFirst();
    expect(row?.raw).toBe('');
    // Nothing readable on disk.
    const stored = filesUnder(path.join(t.db.dataDir, 'blobs'));
    expect(stored).toHaveLength(3);
    for (const file of stored) expect(readFileSync(file).includes('Phishing')).toBe(false);

    const raw = await get(`/api/v1/reports/${report.id}/raw`);
    expect(raw.statusCode).toBe(200);
    expect(raw.rawPayload.equals(rawMail)).toBe(true);
    expect(raw.headers['content-type']).toBe('message/rfc822');
    expect(raw.headers['content-disposition']).toMatch(/^attachment; filename="raw.eml"/);

    const html = await get(`/api/v1/reports/${report.id}/files/${report.files[2]!.sha256}`);
    expect(html.body).toBe('<script>alert(1)</script>');
    expect(html.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    const file = await get(`/api/v1/reports/${report.id}/files/${sha256(pdf)}`);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="evil _quote_.pdf"; filename*=UTF-8''evil%20%22quote%22.pdf`,
    );
    const audit = await t.runtime.audit.list({ action: 'report.file_downloaded', limit: 10 });
    expect(audit.items.map((a) => a.data)).toContainEqual(
      expect.objectContaining({ role: 'attachment', sha256: sha256(pdf), size: pdf.length }),
    );
    expect(audit.items).toHaveLength(3);
  });

  it('stores identical content once per key and does not add files again for a repeated report', async () => {
    const first = await register({ sourceRef: 'msg-1' });
    const again = await register({ sourceRef: 'msg-1' });
    expect(again.repeated).toBe(true);
    await register({ sourceRef: 'msg-2' });
    const rows = await t.db.db.selectFrom('report_files').select('report_id').execute();
    expect(rows.filter((r) => r.report_id === first.report.id)).toHaveLength(3);
    expect(rows).toHaveLength(6);
    expect(filesUnder(path.join(t.db.dataDir, 'blobs'))).toHaveLength(3);
    const keys = await t.db.db.selectFrom('data_keys').select('purpose').execute();
    expect(keys).toEqual([{ purpose: `reports:${new Date().toISOString().slice(0, 7)}` }]);
  });

  it('answers problem+json when a blob was altered on disk, and 410 once its key is destroyed', async () => {
    const { report } = await register();
    for (const file of filesUnder(path.join(t.db.dataDir, 'blobs'))) {
      const bytes = readFileSync(file);
      bytes[bytes.length - 20]! ^= 0x01;
      writeFileSync(file, bytes);
    }
    const tampered = await get(`/api/v1/reports/${report.id}/raw`);
    expect(tampered.statusCode).toBe(500);
    expect(tampered.headers['content-type']).toContain('application/problem+json');
    expect(tampered.json().code).toBe('blob_integrity_failed');

    const key = await t.db.db.selectFrom('data_keys').selectAll().executeTakeFirstOrThrow();
    await t.runtime.blobs.keys.destroy(key.id);
    const gone = await get(`/api/v1/reports/${report.id}/files/${sha256(pdf)}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('data_destroyed');
    const after = await t.db.db.selectFrom('data_keys').selectAll().executeTakeFirstOrThrow();
    expect(after).toMatchObject({ wrapped_key: '' });
    expect(after.destroyed_at).not.toBeNull();
    // A new report of the month gets a new key; the shredded one stays shredded.
    await register({ title: 'Later one' });
    expect(await t.db.db.selectFrom('data_keys').select('id').execute()).toHaveLength(2);
  });

  it('serves files only within the reader’s constituencies, and inline raw text as text/plain', async () => {
    const isp = (
      await t.request({
        method: 'POST',
        url: '/api/v1/constituencies',
        headers: admin,
        payload: { name: 'ISP', criticality: 'high', assets: [{ kind: 'cidr', value: '203.0.113.0/24' }] },
      })
    ).json();
    const other = (
      await t.request({
        method: 'POST',
        url: '/api/v1/constituencies',
        headers: admin,
        payload: { name: 'Other', criticality: 'low', assets: [{ kind: 'domain', value: 'other.example' }] },
      })
    ).json();
    const { report } = await register();
    expect(report.constituency?.id).toBe(isp.id);
    const outsider = await t.userWithRole('handler', { scope: { constituencies: [other.id] } });
    const insider = await t.userWithRole('viewer', { scope: { constituencies: [isp.id] } });
    for (const url of [
      `/api/v1/reports/${report.id}/raw`,
      `/api/v1/reports/${report.id}/files/${sha256(pdf)}`,
    ]) {
      expect((await get(url, outsider.headers)).statusCode).toBe(404);
      expect((await get(url, insider.headers)).statusCode).toBe(200);
    }
    expect((await get(`/api/v1/reports/${report.id}/files/${'0'.repeat(64)}`)).statusCode).toBe(404);

    const plain = await t.features.services.reports.register(systemActor('test'), input({ raw: 'as typed' }));
    const res = await get(`/api/v1/reports/${plain.report.id}/raw`);
    expect(res.body).toBe('as typed');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    expect(plain.report.files).toEqual([]);
  });
});
