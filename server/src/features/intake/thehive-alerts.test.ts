import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const samples = new URL('../../../../../shared/samples/thehive/', import.meta.url);
const sample = (name: string) => readFileSync(new URL(name, samples), 'utf8');
/*
 * Of the TheHive samples, the thehive3 alert bodies go in. Skipped: the cortex-* files (a Cortex
 * analyzer definition, an organisation and a job report: no alerts) and thehive3-alert-example-04
 * (a case as TheHive answers it: no type, source or sourceRef, so no alert).
 */
const alertSamples = readdirSync(samples)
  .filter((f) => f.startsWith('thehive3-alert-') && f.endsWith('.json'))
  .filter((f) => {
    const body = JSON.parse(sample(f));
    return body._type !== 'case' && 'sourceRef' in body;
  })
  .sort();

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** A multipart/form-data body: fields as strings, files as { filename, type, content }. */
function multipart(parts: Record<string, string | { filename: string; type: string; content: Buffer }>) {
  const boundary = '----firebreak-test-boundary';
  const chunks: Buffer[] = [];
  for (const [name, part] of Object.entries(parts)) {
    const head =
      typeof part === 'string'
        ? `Content-Disposition: form-data; name="${name}"\r\n\r\n`
        : `Content-Disposition: form-data; name="${name}"; filename="${part.filename}"\r\nContent-Type: ${part.type}\r\n\r\n`;
    chunks.push(Buffer.from(`--${boundary}\r\n${head}`));
    chunks.push(typeof part === 'string' ? Buffer.from(part) : part.content);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

describeEachDialect('TheHive-compatible alert API', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let bearer: Record<string, string>;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
    bearer = await t.bearerWithRole('handler');
  });
  afterEach(() => t.close());

  const send = (url: string, body: string | object, headers: Record<string, string> = bearer) =>
    t.request({
      method: 'POST',
      url,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const report = async (id: string) =>
    (await t.request({ method: 'GET', url: `/api/v1/reports/${id}`, headers: admin })).json();
  const reportCount = async () => (await t.db.db.selectFrom('reports').select('id').execute()).length;
  const alert = (extra: object = {}) => ({
    title: 'Brute force from 198.51.100.23',
    description: 'Many failed SSH logins',
    type: 'siem',
    source: 'wazuh-prod',
    sourceRef: 'rule-5712-0001',
    ...extra,
  });

  it.each(alertSamples)('takes the real sample %s as a TheHive 3/4 alert', async (name) => {
    const raw = sample(name);
    const body = JSON.parse(raw);
    const res = await send('/api/alert', raw);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      _type: 'alert',
      title: body.title,
      description: body.description,
      type: body.type,
      source: body.source,
      sourceRef: body.sourceRef,
      severity: body.severity ?? 2,
      tlp: body.tlp ?? 2,
      status: 'New',
    });
    expect(created.id).toBe(created._id);
    const r = await report(created.id);
    expect(r).toMatchObject({
      channel: 'monitoring',
      reporter: { kind: 'tool', name: body.source },
      source: body.source,
      sourceRef: `${body.type}:${body.sourceRef}`,
      seenCount: 1,
      // The body exactly as sent, so its hash is the file's.
      rawSha256: sha256(raw),
      rawSize: Buffer.byteLength(raw),
    });
    if (body.date) expect(r.receivedAt).toBe(new Date(body.date).toISOString());
  });

  it('maps the documented TheHive example alert: TLP 3 is RED, artifacts become observables, the file its hashes', async () => {
    const raw = sample('thehive3-alert-create-request-02.json');
    const res = await send('/api/alert', raw);
    expect(res.statusCode).toBe(201);
    const logo = Buffer.from(JSON.parse(raw).artifacts[2].data.split(';')[2], 'base64');
    const r = await report(res.json().id);
    expect(r).toMatchObject({ tlp: 'red', pap: 'amber', severity: 'high' });
    expect(r.observables).toEqual(
      expect.arrayContaining([
        { type: 'ipv4', value: '127.0.0.1' },
        { type: 'domain', value: 'thehive-project.org' },
        { type: 'sha256', value: sha256(logo) },
        { type: 'md5', value: createHash('md5').update(logo).digest('hex') },
      ]),
    );
    expect(r.body).toContain(
      `file: logo.svg (image/svg+xml, ${logo.length} bytes, sha256 ${sha256(logo)}) — logo`,
    );
    // The answer names the file by its hashes instead of echoing its content.
    expect(res.json().artifacts[2]).toMatchObject({
      dataType: 'file',
      attachment: {
        name: 'logo.svg',
        contentType: 'image/svg+xml',
        hashes: [sha256(logo), expect.any(String), expect.any(String)],
      },
    });
    expect(res.json().artifacts[2].data).toBeUndefined();
  });

  it('refuses a repeated (type, source, sourceRef) with CreateError as TheHive does, counting it on the report', async () => {
    const first = await send('/api/alert', alert());
    expect(first.statusCode).toBe(201);
    const again = await send('/api/alert', alert({ description: 'Still failing' }));
    expect(again.statusCode).toBe(400);
    expect(again.headers['content-type']).toMatch(/^application\/json/);
    expect(again.json()).toEqual({
      type: 'CreateError',
      message: 'Alert siem:wazuh-prod:rule-5712-0001 already exists',
    });
    expect(await reportCount()).toBe(1);
    expect((await report(first.json().id)).seenCount).toBe(2);
    // The same reference under another type is another alert.
    expect((await send('/api/alert', alert({ type: 'ids' }))).statusCode).toBe(201);
    expect(await reportCount()).toBe(2);
  });

  it('maps TLP by version (v0: 3 = RED; v1: 3 = AMBER+STRICT, 4 = RED), severity and PAP', async () => {
    const v0 = await send('/api/alert', alert({ sourceRef: 'a', tlp: 3, pap: 0, severity: 1 }));
    const v1 = await send('/api/v1/alert', alert({ sourceRef: 'b', tlp: 3, pap: 3, severity: 4 }));
    const v1red = await send('/api/v1/alert', alert({ sourceRef: 'c', tlp: 4 }));
    expect([v0.statusCode, v1.statusCode, v1red.statusCode]).toEqual([201, 201, 201]);
    expect(await report(v0.json().id)).toMatchObject({ tlp: 'red', pap: 'clear', severity: 'low' });
    expect(await report(v1.json().id)).toMatchObject({
      tlp: 'amber+strict',
      pap: 'red',
      severity: 'critical',
    });
    expect(await report(v1red.json().id)).toMatchObject({ tlp: 'red', pap: 'amber', severity: 'medium' });
    expect(v1.json()).toMatchObject({
      _type: 'Alert',
      tlp: 3,
      tlpLabel: 'AMBER+STRICT',
      severityLabel: 'CRITICAL',
      papLabel: 'RED',
      stage: 'New',
    });
    const bad = await send('/api/alert', alert({ sourceRef: 'd', tlp: 4 }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.tlp']);
  });

  it('reads v1 TLP 3 as RED when set to TheHive 5.0/5.1 numbering (FIREBREAK_THEHIVE_V1_TLP=tlp1)', async () => {
    await t.close();
    t = await createTestApp(dialect, { FIREBREAK_THEHIVE_V1_TLP: 'tlp1' });
    admin = await t.login();
    bearer = await t.bearerWithRole('handler');
    const v1 = await send('/api/v1/alert', alert({ sourceRef: 'old-script', tlp: 3 }));
    expect(v1.json()).toMatchObject({ tlp: 3, tlpLabel: 'RED' });
    expect(await report(v1.json().id)).toMatchObject({ tlp: 'red' });
    const v0 = await send('/api/alert', alert({ sourceRef: 'v0', tlp: 2 }));
    expect(await report(v0.json().id)).toMatchObject({ tlp: 'amber' });
  });

  it('takes a TheHive 5 alert with unknown extra fields; unknown data types and tags go into the body', async () => {
    const res = await send(
      '/api/v1/alert',
      alert({
        date: Date.parse('2026-03-01T10:00:00Z'),
        tags: ['ssh', 'T1110'],
        customFields: { 'business-unit': { string: 'finance' } },
        externalLink: 'https://siem.example.org/alerts/1',
        caseTemplate: 'brute-force',
        follow: true,
        observables: [
          { dataType: 'ip', data: ['198.51.100.23', '2001:DB8::7'], ioc: true },
          { dataType: 'hash', data: 'D41D8CD98F00B204E9800998ECF8427E' },
          { dataType: 'user-agent', data: 'libssh2_1.8.0', message: 'client banner' },
          { dataType: 'ip', data: 'not-an-ip' },
          { dataType: 'autonomous-system', data: 'AS64500' },
          { dataType: 'mail', data: 'Attacker@Bad.example' },
        ],
      }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ observableCount: 7, tags: ['ssh', 'T1110'] });
    const r = await report(res.json().id);
    expect(r.receivedAt).toBe('2026-03-01T10:00:00.000Z');
    expect(r.observables).toEqual(
      expect.arrayContaining([
        { type: 'ipv4', value: '198.51.100.23' },
        { type: 'ipv6', value: '2001:db8::7' },
        { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' },
        { type: 'asn', value: 'AS64500' },
        { type: 'email', value: 'attacker@bad.example' },
      ]),
    );
    // The fields TheHive shows beside the description (link, custom fields) are in the body too.
    expect(r.body).toBe(
      'Many failed SSH logins\n\nTags: ssh, T1110\n\nExternal link: https://siem.example.org/alerts/1\n\n' +
        'Custom fields:\nbusiness-unit: finance\n\nOther observables:\n' +
        'user-agent: libssh2_1.8.0 — client banner\nip: not-an-ip',
    );
  });

  it('takes a multipart TheHive 5 alert: the _json part is the raw submission, files become hashes', async () => {
    const file = Buffer.from('MZ\x90\x00 not really a PE file');
    const json = JSON.stringify(
      alert({
        observables: [
          { dataType: 'url', data: 'http://example.org' },
          { dataType: 'file', attachment: 'attachment0', message: 'dropped binary' },
        ],
      }),
    );
    const { payload, contentType } = multipart({
      _json: json,
      attachment0: { filename: 'dropper.exe', type: 'application/octet-stream', content: file },
    });
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/alert',
      headers: { ...bearer, 'content-type': contentType },
      payload,
    });
    expect(res.statusCode).toBe(201);
    const r = await report(res.json().id);
    expect(r.rawSha256).toBe(sha256(json));
    expect(r.observables).toEqual(
      expect.arrayContaining([
        { type: 'url', value: 'http://example.org/' },
        { type: 'sha256', value: sha256(file) },
      ]),
    );
    expect(r.body).toContain(`file: dropper.exe (application/octet-stream, ${file.length} bytes`);

    // Python's requests sends `_json` as a file part; a missing file part is named.
    const asFile = multipart({
      _json: {
        filename: '_json',
        type: 'application/octet-stream',
        content: Buffer.from(
          JSON.stringify(alert({ sourceRef: 'x', observables: [{ dataType: 'file', attachment: 'fileA' }] })),
        ),
      },
    });
    const missing = await t.request({
      method: 'POST',
      url: '/api/v1/alert',
      headers: { ...bearer, 'content-type': asFile.contentType },
      payload: asFile.payload,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([
      { path: 'body.observables.0.attachment', message: 'names no file part of the multipart body: fileA' },
    ]);
    const noJson = multipart({ other: '{}' });
    const res3 = await t.request({
      method: 'POST',
      url: '/api/v1/alert',
      headers: { ...bearer, 'content-type': noJson.contentType },
      payload: noJson.payload,
    });
    expect(res3.statusCode).toBe(400);
    expect(res3.json().errors[0].path).toBe('body._json');
    expect(await reportCount()).toBe(1);
  });

  it('records an inline file artifact by its hashes, and names a malformed one', async () => {
    const content = Buffer.from('hello firebreak\n');
    const ok = await send(
      '/api/alert',
      alert({
        artifacts: [
          { dataType: 'file', data: `note.txt;text/plain;${content.toString('base64')}`, message: 'note' },
        ],
      }),
    );
    expect(ok.statusCode).toBe(201);
    expect((await report(ok.json().id)).observables).toEqual(
      expect.arrayContaining([
        { type: 'sha256', value: sha256(content) },
        { type: 'sha1', value: createHash('sha1').update(content).digest('hex') },
      ]),
    );
    const bad = await send(
      '/api/alert',
      alert({
        sourceRef: 'other',
        artifacts: [
          { dataType: 'ip', data: '192.0.2.1' },
          { dataType: 'file', data: 'no base64 here!' },
        ],
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { path: 'body.artifacts.1.data', message: 'must be `filename;contentType;base64`' },
    ]);
    expect(await reportCount()).toBe(1);
  });

  it('gives an alert the constituency its IP artifact belongs to', async () => {
    const isp = (
      await t.request({
        method: 'POST',
        url: '/api/v1/constituencies',
        headers: admin,
        payload: {
          name: 'Example ISP',
          criticality: 'high',
          assets: [{ kind: 'cidr', value: '172.16.0.0/12' }],
        },
      })
    ).json();
    const res = await send(
      '/api/alert',
      alert({
        title: 'Botnet drone',
        description: 'See artifacts',
        artifacts: [{ dataType: 'ip', data: '172.16.10.13' }],
      }),
    );
    expect(res.statusCode).toBe(201);
    expect(await report(res.json().id)).toMatchObject({
      constituency: { id: isp.id, name: 'Example ISP' },
      matchedBy: { kind: 'cidr', value: '172.16.0.0/12' },
    });
  });

  it('refuses malformed JSON, bad fields and missing rights, writing nothing', async () => {
    const malformed = await send('/api/alert', '{"title": "x", "description": ');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
    const fields = await send('/api/v1/alert', { title: '', severity: 7, observables: [{ data: 'x' }] });
    expect(fields.statusCode).toBe(400);
    expect(
      fields
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual([
      'body.description',
      'body.observables.0.dataType',
      'body.severity',
      'body.source',
      'body.sourceRef',
      'body.title',
      'body.type',
    ]);
    // PostgreSQL text holds no NUL: a clear 400 on every JSON route, the raw-keeping ones too.
    const nul = await send('/api/v1/alert', JSON.stringify(alert({ title: 'a\u0000b' })));
    expect(nul.json()).toMatchObject({ status: 400, code: 'nul_character' });
    expect((await send('/api/alert', alert(), {})).statusCode).toBe(401);
    const viewer = await t.userWithRole('viewer');
    expect((await send('/api/alert', alert(), viewer.headers)).statusCode).toBe(403);
    expect(await reportCount()).toBe(0);
  });

  // TheHive takes it; refusing would lose the alert. The report is received now, the body keeps the date.
  it('takes an alert dated in the future, received now, echoing the date as sent', async () => {
    const date = Date.now() + 5 * 3_600_000;
    const res = await send('/api/alert', alert({ date }));
    expect(res.statusCode).toBe(201);
    expect(res.json().date).toBe(date);
    const created = await report(res.json()._id);
    expect(Date.parse(created.receivedAt)).toBeLessThan(date - 4 * 3_600_000);
    expect(created.body).toContain(
      `Alert date as sent: ${new Date(date).toISOString()} (in the future; received now)`,
    );
  });

  // TheHive 3/4 read `yyyyMMdd'T'HHmmssZ` too; the Ruby client hachi (mihari) sends dates so.
  it('reads a date written the compact way TheHive 3/4 take', async () => {
    const res = await send('/api/alert', alert({ date: '20201212T101010+0100' }));
    expect(res.statusCode).toBe(201);
    expect((await report(res.json()._id)).receivedAt).toBe('2020-12-12T09:10:10.000Z');
    expect(res.json().date).toBe(Date.parse('2020-12-12T09:10:10Z'));
  });
});
