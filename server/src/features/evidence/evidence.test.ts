import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { checkCustodyChain } from './evidence.rules.ts';

const digest = (algorithm: string, b: Buffer) => createHash(algorithm).update(b).digest('hex');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

const acquisition = {
  acquiredBy: 'Ana Kovač',
  acquiredAt: '2026-05-04T09:30:00Z',
  source: 'web-03 (198.51.100.23)',
  method: 'volatile memory capture before power-off',
  tool: 'LiME',
  toolVersion: '1.9.1',
  description: 'RAM of the compromised web server',
  tlp: 'amber',
};

/** A multipart/form-data body: the fields, then the file part. */
function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const boundary = `----fb${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describeEachDialect('evidence locker', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let incident: { key: string; id: string };
  const blobsDir = () => path.join(t.db.dataDir, 'blobs');
  // Readable text (to look for on disk) and random bytes, across several 64 KiB chunks.
  const marker = Buffer.from('CONFIDENTIAL MEMORY PAGE of web-03; ');
  const content = Buffer.concat([marker, randomBytes(200_000), marker, randomBytes(10)]);

  beforeEach(async () => {
    t = await createTestApp(dialect, { FIREBREAK_EVIDENCE_MAX_BYTES: '4000000' });
    admin = await t.login();
    incident = (
      await t.request({
        method: 'POST',
        url: '/api/v1/incidents',
        headers: admin,
        payload: { title: 'Web compromise' },
      })
    ).json();
  });
  afterEach(() => t.close());

  const base = () => `/api/v1/incidents/${incident.key}/evidence`;
  const upload = (bytes = content, fields: Record<string, string> = acquisition, headers = admin) => {
    const body = multipart(fields, { name: 'web-03.lime', bytes });
    return t.request({
      method: 'POST',
      url: base(),
      headers: { ...headers, 'content-type': body.contentType },
      payload: body.payload,
    });
  };
  const get = (url: string, headers = admin) => t.request({ method: 'GET', url, headers });
  const custody = async (id: string) =>
    (await get(`${base()}/${id}/custody`)).json<{
      entries: { action: string; data: Record<string, unknown> }[];
    }>().entries;

  it('stores the file encrypted, hands it back byte for byte and logs every access in a hash chain', async () => {
    const res = await upload();
    expect(res.statusCode).toBe(201);
    const item = res.json();
    expect(item).toMatchObject({
      filename: 'web-03.lime',
      size: content.length,
      sha256: digest('sha256', content),
      sha1: digest('sha1', content),
      md5: digest('md5', content),
      ...acquisition,
      acquiredAt: '2026-05-04T09:30:00.000Z',
    });
    const stored = filesUnder(blobsDir());
    expect(stored).toHaveLength(1);
    const onDisk = readFileSync(stored[0]!);
    expect(onDisk.includes(marker)).toBe(false);
    expect(onDisk.includes(content.subarray(1000, 1064))).toBe(false);

    for (let i = 0; i < 2; i++) {
      const down = await get(`${base()}/${item.id}/download`);
      expect(down.statusCode).toBe(200);
      expect(down.headers['content-disposition']).toContain('attachment');
      expect(digest('sha256', down.rawPayload)).toBe(item.sha256);
    }
    const entries = await custody(item.id);
    expect(entries.map((e) => e.action)).toEqual(['acquired', 'accessed', 'accessed']);
    expect(entries[0]!.data).toMatchObject({ method: acquisition.method, tool: 'LiME' });

    const verified = await t.request({ method: 'POST', url: `${base()}/${item.id}/verify`, headers: admin });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({
      ok: true,
      sha256: item.sha256,
      md5: item.md5,
      chain: { entries: 4 },
    });

    const csv = await get(`${base()}/${item.id}/custody.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(
      csv.body
        .split('\r\n')
        .filter(Boolean)
        .map((l) => l.split(',')[2]),
    ).toEqual(['action', '"acquired"', '"accessed"', '"accessed"', '"verified"']);
    const list = (await get(base())).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([item.id]);
    const timeline = (await get(`/api/v1/incidents/${incident.key}/timeline`)).json();
    expect(JSON.stringify(timeline)).toContain('Evidence added: web-03.lime');
  });

  it('records transfers and exports; a rewritten custody entry breaks the chain', async () => {
    const item = (await upload()).json();
    const transfer = await t.request({
      method: 'POST',
      url: `${base()}/${item.id}/custody`,
      headers: admin,
      payload: { action: 'transferred', to: 'Forensics lab, locker 4', note: 'sealed bag 0042' },
    });
    expect(transfer.statusCode).toBe(201);
    expect(transfer.json()).toMatchObject({ seq: 2, action: 'transferred' });
    const bad = await t.request({
      method: 'POST',
      url: `${base()}/${item.id}/custody`,
      headers: admin,
      payload: { action: 'destroyed', to: '' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.action', 'body.to']);

    await t.db.db
      .updateTable('evidence_custody')
      .set({ data: JSON.stringify({ to: 'someone else', note: 'sealed bag 0042' }) })
      .where('evidence_id', '=', item.id)
      .where('seq', '=', 2)
      .execute();
    const verify = await t.request({ method: 'POST', url: `${base()}/${item.id}/verify`, headers: admin });
    expect(verify.statusCode).toBe(500);
    expect(verify.json()).toMatchObject({ code: 'custody_chain_broken' });
    expect(verify.json().detail).toContain('entry 2 was altered');
  });

  it('chains concurrent downloads one after another', async () => {
    const item = (await upload()).json();
    const downloads = await Promise.all(
      Array.from({ length: 6 }, () => get(`${base()}/${item.id}/download`)),
    );
    expect(downloads.map((d) => d.statusCode)).toEqual(Array(6).fill(200));
    const entries = (await get(`${base()}/${item.id}/custody`)).json().entries;
    expect(entries.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(checkCustodyChain(item.id, entries)).toBeNull();
  });

  it('stores the same content once per incident', async () => {
    const first = (await upload()).json();
    const second = (await upload(content, { ...acquisition, source: 'backup copy' })).json();
    expect(second.id).not.toBe(first.id);
    expect(second.sha256).toBe(first.sha256);
    expect(filesUnder(blobsDir())).toHaveLength(1);
  });

  it('detects a tampered blob on download (cuts the stream) and on verify, and records both', async () => {
    // 2 MiB with a byte altered in the last chunk: much is already on its way when it fails.
    const big = randomBytes(2 * 1024 * 1024);
    const item = (await upload(big)).json();
    const [file] = filesUnder(blobsDir());
    const sealed = readFileSync(file!);
    sealed[sealed.length - 100]! ^= 0x01;
    writeFileSync(file!, sealed);

    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const outcome = await new Promise<{ status: number; received: number; error: string | null }>(
      (resolve) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path: `${base()}/${item.id}/download`, headers: admin },
          (res) => {
            let received = 0;
            res.on('data', (b: Buffer) => (received += b.length));
            res.on('end', () => resolve({ status: res.statusCode!, received, error: null }));
            res.on('error', (err) => resolve({ status: res.statusCode!, received, error: err.message }));
          },
        );
        req.on('error', (err) => resolve({ status: 0, received: 0, error: err.message }));
        req.end();
      },
    );
    expect(outcome.status).toBe(200);
    expect(outcome.error).toBe('aborted');
    expect(outcome.received).toBeGreaterThan(0);
    expect(outcome.received).toBeLessThan(big.length);

    const verify = await t.request({ method: 'POST', url: `${base()}/${item.id}/verify`, headers: admin });
    expect(verify.statusCode).toBe(500);
    expect(verify.json()).toMatchObject({ code: 'blob_integrity_failed' });
    expect(verify.json().detail).toContain('was altered');

    await expect
      .poll(async () => (await custody(item.id)).map((e) => [e.action, e.data.ok ?? null]))
      .toEqual([
        ['acquired', null],
        ['accessed', null],
        ['verified', false],
        ['verified', false],
      ]);
    const rows = await t.db.db
      .selectFrom('evidence_custody')
      .selectAll()
      .where('evidence_id', '=', item.id)
      .execute();
    expect(rows).toHaveLength(4);
    const entries = (await get(`${base()}/${item.id}/custody`)).json().entries;
    expect(checkCustodyChain(item.id, entries)).toBeNull();
  });

  it('answers a clear problem when the fault is found before the first byte was sent', async () => {
    const item = (await upload(Buffer.from('a small log file'))).json();
    const [file] = filesUnder(blobsDir());
    const sealed = readFileSync(file!);
    sealed[sealed.length - 20]! ^= 0x01;
    writeFileSync(file!, sealed);
    const res = await get(`${base()}/${item.id}/download`);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'blob_integrity_failed' });
    expect(res.body).not.toContain('a small log file');
    await expect
      .poll(async () => (await custody(item.id)).map((e) => e.action))
      .toEqual(['acquired', 'accessed', 'verified']);
  });

  it('refuses a file over the limit with 413 and keeps nothing: no row, no blob, no temporary file', async () => {
    const res = await upload(randomBytes(4_000_001));
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'evidence_too_large' });
    expect(filesUnder(blobsDir())).toEqual([]);
    expect(await t.db.db.selectFrom('evidence_items').selectAll().execute()).toEqual([]);
    expect(await t.db.db.selectFrom('evidence_custody').selectAll().execute()).toEqual([]);
    // Exactly at the limit is fine.
    expect((await upload(randomBytes(4_000_000))).statusCode).toBe(201);
  });

  it('refuses an invalid acquisition record before reading the file, listing every problem', async () => {
    const res = await upload(content, {
      ...acquisition,
      acquiredBy: '',
      acquiredAt: 'yesterday',
      tlp: 'purple',
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['acquiredAt', 'acquiredBy', 'tlp']);
    expect(filesUnder(blobsDir())).toEqual([]);
    const viewer = await t.userWithRole('viewer');
    expect((await upload(content, acquisition, viewer.headers)).statusCode).toBe(403);
    expect(await t.db.db.selectFrom('evidence_items').selectAll().execute()).toEqual([]);
  });

  it("hides evidence from another constituency's users and above their TLP ceiling", async () => {
    const req = (url: string, payload: object) => t.request({ method: 'POST', url, headers: admin, payload });
    const school = (await req('/api/v1/constituencies', { name: 'School', criticality: 'low' })).json();
    const hospital = (await req('/api/v1/constituencies', { name: 'Hospital', criticality: 'high' })).json();
    incident = (
      await req('/api/v1/incidents', { title: 'Hospital case', constituencyId: hospital.id })
    ).json();
    const item = (await upload()).json();
    const red = (await upload(randomBytes(10), { ...acquisition, tlp: 'red' })).json();
    const outsider = await t.userWithRole('handler', { scope: { constituencies: [school.id] } });
    expect((await get(base(), outsider.headers)).statusCode).toBe(404);
    expect((await get(`${base()}/${item.id}/download`, outsider.headers)).statusCode).toBe(404);
    expect((await get(`${base()}/${item.id}/custody`, outsider.headers)).statusCode).toBe(404);
    const amberOnly = await t.userWithRole('handler', {
      scope: { constituencies: [hospital.id], tlpCeiling: 'amber' },
    });
    const seen = (await get(base(), amberOnly.headers)).json();
    expect(seen.items.map((i: { id: string }) => i.id)).toEqual([item.id]);
    expect((await get(`${base()}/${red.id}/download`, amberOnly.headers)).statusCode).toBe(404);
    expect((await custody(item.id)).map((e) => e.action)).toEqual(['acquired']);
  });

  it('answers 410 once the incident data key is destroyed', async () => {
    const item = (await upload()).json();
    const row = await t.db.db
      .selectFrom('evidence_items')
      .select('key_id')
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    await t.runtime.blobs.keys.destroy(row.key_id);
    const res = await get(`${base()}/${item.id}/download`);
    expect(res.statusCode).toBe(410);
    expect(res.json()).toMatchObject({ code: 'data_destroyed' });
  });
});
