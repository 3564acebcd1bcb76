import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { copyFile, open, rm } from 'node:fs/promises';
import { get, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { startFirebreak } from './harness.ts';

const MiB = 1024 * 1024;

/**
 * Evidence upload and download of one large file through the HTTP API (multipart, streamed, hashed three
 * ways, chunked AES-256-GCM) against copying the same file on the same disk, in the same run.
 */
export async function benchEvidence(megabytes: number): Promise<void> {
  console.log(`\n## Evidence: ${megabytes} MiB file through the API (encrypted) vs. plain file copy`);
  const dir = mkdtempSync(path.join(tmpdir(), 'fb-bench-evidence-'));
  const source = path.join(dir, 'capture.raw');
  const size = megabytes * MiB;
  const sha256 = await writeSample(source, size);
  const server = await startFirebreak(undefined);
  try {
    const rows: { name: string; seconds: number }[] = [];
    const timed = async (name: string, work: () => Promise<unknown>) => {
      const started = process.hrtime.bigint();
      await work();
      rows.push({ name, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    };
    await timed('baseline: fs.copyFile', () => copyFile(source, path.join(dir, 'copy-1.raw')));
    await rm(path.join(dir, 'copy-1.raw'));
    await timed('baseline: stream copy (read → write)', () =>
      pipeline(createReadStream(source), createWriteStream(path.join(dir, 'copy-2.raw'))),
    );
    await rm(path.join(dir, 'copy-2.raw'));

    const auth = { authorization: `Bearer ${server.token}` };
    const incident = await fetch(`${server.base}/api/v1/incidents`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Evidence benchmark' }),
    }).then((r) => r.json() as Promise<{ key: string }>);
    const base = `${server.base}/api/v1/incidents/${incident.key}/evidence`;
    let item: { id: string; sha256: string } | undefined;
    await timed('firebreak: upload (POST multipart, SHA-256/SHA-1/MD5 + AES-GCM)', async () => {
      item = await upload(base, auth, source, size);
    });
    if (item?.sha256 !== sha256) throw new Error('upload: the SHA-256 differs');
    const target = path.join(dir, 'download.raw');
    await timed('firebreak: download (GET, GCM + SHA-256 re-check)', async () => {
      await download(`${base}/${item!.id}/download`, auth, target);
    });
    if (statSync(target).size !== size || (await hashFile(target)) !== sha256)
      throw new Error('download: the bytes differ');

    const copy = rows[1]!.seconds;
    console.log('| run | seconds | MB/s | vs. stream copy |');
    console.log('|---|---:|---:|---:|');
    for (const r of rows)
      console.log(
        `| ${r.name} | ${r.seconds.toFixed(2)} | ${(size / MiB / r.seconds).toFixed(0)} | ${(r.seconds / copy).toFixed(2)}× the time |`,
      );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Random bytes (incompressible), written in 8 MiB blocks; returns the SHA-256. */
async function writeSample(file: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(file, 'w');
  try {
    for (let written = 0; written < size;) {
      const block = randomBytes(Math.min(8 * MiB, size - written));
      hash.update(block);
      await handle.write(block);
      written += block.length;
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A multipart POST streamed from disk, with a Content-Length, as a client such as curl -F sends it. */
function upload(url: string, headers: Record<string, string>, file: string, size: number) {
  const boundary = `----fbbench${randomBytes(8).toString('hex')}`;
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head = Buffer.from(
    field('acquiredBy', 'Bench') +
      field('acquiredAt', new Date().toISOString()) +
      field('source', 'bench-host') +
      field('method', 'disk image') +
      field('tool', 'dd') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="capture.raw"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise<{ id: string; sha256: string }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + size + tail.length),
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (b: Buffer) => parts.push(b));
        res.on('end', () => {
          const body = Buffer.concat(parts).toString();
          if (res.statusCode === 201) resolve(JSON.parse(body) as { id: string; sha256: string });
          else reject(new Error(`upload: ${res.statusCode} ${body}`));
        });
      },
    );
    req.on('error', reject);
    req.write(head);
    const stream = createReadStream(file);
    stream.on('error', reject);
    stream.on('end', () => req.end(tail));
    stream.pipe(req, { end: false });
  });
}

/** A GET streamed to disk with node:http (no web-stream layer on the client side). */
function download(url: string, headers: Record<string, string>, target: string) {
  return new Promise<void>((resolve, reject) => {
    get(url, { headers }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`download: ${res.statusCode}`));
      pipeline(res, createWriteStream(target)).then(resolve, reject);
    }).on('error', reject);
  });
}
