import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';

interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  type?: string;
}

/** A multipart/form-data body as a browser sends it. */
function multipart(parts: Part[]) {
  const boundary = `----fb${randomBytes(8).toString('hex')}`;
  const chunks = parts.flatMap((p) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"` +
        (p.filename !== undefined ? `; filename="${p.filename}"\r\nContent-Type: ${p.type}` : '') +
        '\r\n\r\n',
    ),
    Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value),
    Buffer.from('\r\n'),
  ]);
  return {
    payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const site = { host: 'firebreak.test', origin: 'https://firebreak.test' };
const screenshot = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), randomBytes(600)]);
const fields = (over: Record<string, string> = {}): Part[] =>
  Object.entries({
    name: 'Jane Roe',
    email: 'jane@school.example',
    organisation: 'Example School',
    title: 'Ransom note on the library PCs',
    description: 'All files renamed to .locked; the note links to hxxp://pay-now[.]example',
    tlp: 'green',
    ...over,
  }).map(([name, value]) => ({ name, value }));
const attachment: Part = { name: 'attachments', filename: 'note.png', type: 'image/png', value: screenshot };

describeEachDialect('public report form', (dialect) => {
  let t: TestApp;
  afterEach(() => t.close());
  const submit = (parts: Part[], headers: Record<string, string> = site) => {
    const body = multipart(parts);
    return t.request({
      method: 'POST',
      url: '/api/v1/public/reports',
      payload: body.payload,
      headers: { ...body.headers, ...headers },
    });
  };
  const nothingWritten = async () => {
    expect(await t.db.db.selectFrom('reports').select('id').execute()).toEqual([]);
    expect(await t.db.db.selectFrom('data_keys').select('id').execute()).toEqual([]);
    expect(existsSync(path.join(t.db.dataDir, 'blobs'))).toBe(false);
  };

  it('does not exist unless switched on', async () => {
    t = await createTestApp(dialect);
    expect((await submit([...fields(), attachment])).statusCode).toBe(404);
    const page = await t.request({ method: 'GET', url: '/report', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    const config = await t.request({ method: 'GET', url: '/api/v1/system/config' });
    expect(config.json()).toMatchObject({ reportForm: false });
    await nothingWritten();
  });

  it('registers a web-form report with its attachment and answers only a reference', async () => {
    t = await createTestApp(dialect, { FIREBREAK_REPORT_FORM: 'true' });
    expect((await t.request({ method: 'GET', url: '/api/v1/system/config' })).json()).toEqual({
      reportForm: true,
      reportFormLimits: { maxAttachments: 5, maxTotalBytes: 10 * 1024 * 1024 },
    });
    const res = await submit([...fields(), attachment]);
    expect(res.statusCode).toBe(201);
    expect(Object.keys(res.json())).toEqual(['reference']);
    const { reference } = res.json();
    expect(reference).toMatch(/^R-[0-9A-Z]{5}-[0-9A-Z]{5}$/);

    const admin = await t.login();
    const found = await t.request({ method: 'GET', url: `/api/v1/reports?q=${reference}`, headers: admin });
    expect(found.json().items).toHaveLength(1);
    const id = found.json().items[0].id;
    const report = (await t.request({ method: 'GET', url: `/api/v1/reports/${id}`, headers: admin })).json();
    expect(report).toMatchObject({
      channel: 'web_form',
      source: 'web-form',
      publicRef: reference,
      tlp: 'green',
      title: 'Ransom note on the library PCs',
      reporter: {
        kind: 'person',
        name: 'Jane Roe (Example School)',
        contact: 'jane@school.example',
        trust: 'unknown',
      },
      files: [
        { role: 'attachment', filename: 'note.png', contentType: 'image/png', size: screenshot.length },
      ],
      createdBy: 'system:report-form',
    });
    expect(report.observables).toContainEqual({ type: 'url', value: 'http://pay-now.example/' });
    const file = await t.request({
      method: 'GET',
      url: `/api/v1/reports/${id}/files/${report.files[0].sha256}`,
      headers: admin,
    });
    expect(file.rawPayload.equals(screenshot)).toBe(true);
  });

  it('names every problem at once and writes nothing', async () => {
    t = await createTestApp(dialect, {
      FIREBREAK_REPORT_FORM: 'true',
      FIREBREAK_REPORT_FORM_MAX_BYTES: '1000',
    });
    const res = await submit([
      ...fields({ name: ' ', email: 'not-an-address', title: '', tlp: 'purple' }).filter(
        (p) => p.name !== 'description',
      ),
      attachment,
      { ...attachment, filename: 'second.png' },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.attachments', 'body.description', 'body.email', 'body.name', 'body.title', 'body.tlp']);
    await nothingWritten();
  });

  it('refuses other sites’ pages, drops honeypot submissions, and limits every submission per address', async () => {
    t = await createTestApp(dialect, { FIREBREAK_REPORT_FORM: 'true', FIREBREAK_REPORT_FORM_PER_HOUR: '3' });
    const evil = await submit(fields(), { host: 'firebreak.test', origin: 'https://evil.example' });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().code).toBe('cross_site_refused');
    expect((await submit(fields(), { host: 'firebreak.test' })).statusCode).toBe(403);
    const bot = await submit([...fields(), { name: 'website', value: 'http://spam.example' }]);
    expect(bot.statusCode).toBe(201);
    expect(bot.json().reference).toMatch(/^R-/);
    await nothingWritten();
    const limited = await submit(fields());
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'too_many_reports', status: 429 });
  });
});
