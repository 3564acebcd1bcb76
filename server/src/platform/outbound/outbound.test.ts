import { once } from 'node:events';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { judgeAddress, parseNetwork } from './address-policy.ts';
import { createOutbound, OutboundError, type OutboundErrorCode } from './index.ts';

const FULL_BACKLOG = `
import socket, time
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(0)
fill = []
for _ in range(4):
    c = socket.socket(); c.setblocking(False)
    try: c.connect(s.getsockname())
    except BlockingIOError: pass
    fill.append(c)
print(s.getsockname()[1], flush=True)
time.sleep(30)
`;
const loopbackOnly = ['127.0.0.0/8', '::1'];
const settings = { connectTimeoutMs: 2000, timeoutMs: 3000, maxBytes: 1024, maxRedirects: 3 };

async function rejection(promise: Promise<unknown>): Promise<OutboundErrorCode> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OutboundError);
  return (err as OutboundError).code;
}

describe('address policy', () => {
  it.each([
    ['93.184.216.34', true, 'unicast'],
    ['2606:4700::1111', true, 'unicast'],
    ['127.0.0.1', false, 'loopback'],
    ['10.1.2.3', false, 'private'],
    ['172.16.0.1', false, 'private'],
    ['192.168.1.1', false, 'private'],
    ['169.254.169.254', false, 'linkLocal'], // cloud metadata service
    ['100.64.0.1', false, 'carrierGradeNat'],
    ['224.0.0.1', false, 'multicast'],
    ['0.0.0.0', false, 'unspecified'],
    ['255.255.255.255', false, 'broadcast'],
    ['::1', false, 'loopback'],
    ['::', false, 'unspecified'],
    ['fe80::1', false, 'linkLocal'],
    ['fd00::1', false, 'uniqueLocal'],
    ['ff02::1', false, 'multicast'],
    ['::ffff:127.0.0.1', false, 'loopback'], // IPv4-mapped loopback is judged as 127.0.0.1
    ['::ffff:7f00:1', false, 'loopback'],
    ['::ffff:10.0.0.1', false, 'private'],
    ['2002:7f00:1::', false, '6to4'], // embeds 127.0.0.1
    ['64:ff9b::7f00:1', false, 'rfc6052'], // NAT64 of 127.0.0.1
    ['not-an-ip', false, 'invalid'],
  ])('%s → allowed %s (%s)', (address, allowed, range) => {
    expect(judgeAddress(address, [])).toMatchObject({ allowed, range });
  });

  it('lets the allow-list through, IPv4-mapped forms included, and nothing beside it', () => {
    const allow = ['127.0.0.0/8', '::1', '10.20.0.0/16'].map(parseNetwork);
    expect(judgeAddress('127.0.0.1', allow).allowed).toBe(true);
    expect(judgeAddress('::ffff:127.0.0.1', allow).allowed).toBe(true);
    expect(judgeAddress('::1', allow).allowed).toBe(true);
    expect(judgeAddress('10.20.3.4', allow).allowed).toBe(true);
    expect(judgeAddress('10.21.3.4', allow).allowed).toBe(false);
    expect(judgeAddress('169.254.169.254', allow).allowed).toBe(false);
  });

  it('validates FIREBREAK_OUTBOUND_ALLOW at start-up, refusing everything internal by default', () => {
    expect(loadConfig({}).outboundAllow).toEqual([]);
    expect(loadConfig({ FIREBREAK_OUTBOUND_ALLOW: '127.0.0.0/8, ::1' }).outboundAllow).toEqual([
      '127.0.0.0/8',
      '::1',
    ]);
    expect(() => loadConfig({ FIREBREAK_OUTBOUND_ALLOW: '127.0.0.0/8,localhost' })).toThrow(
      /FIREBREAK_OUTBOUND_ALLOW: localhost is not a CIDR/,
    );
  });
});

describe('safeFetch and safeConnect against loopback servers', () => {
  let server: http.Server;
  let base: string;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/ok') return res.end('hello');
      if (url.pathname === '/big') return res.end('x'.repeat(4096));
      if (url.pathname === '/stream') {
        // No content-length: the cap must count the bytes as they come.
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 8; i++) res.write('y'.repeat(512));
        return res.end();
      }
      if (url.pathname === '/slow') return void setTimeout(() => res.end('late'), 5000);
      if (url.pathname === '/hop') {
        res.writeHead(302, { location: url.searchParams.get('to') ?? '/ok' });
        return res.end();
      }
      if (url.pathname === '/loop') {
        res.writeHead(301, { location: '/loop' });
        return res.end();
      }
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '::', r));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const open = createOutbound({ ...settings, allow: loopbackOnly });
  const closed = createOutbound({ ...settings, allow: [] });

  it('refuses loopback by default, by literal, IPv6 literal, mapped form and by name', async () => {
    expect(await rejection(closed.fetch(`${base}/ok`))).toBe('blocked_address');
    expect(await rejection(closed.fetch(`http://[::1]:${port}/ok`))).toBe('blocked_address');
    expect(await rejection(closed.fetch(`http://[::ffff:127.0.0.1]:${port}/ok`))).toBe('blocked_address');
    expect(await rejection(closed.fetch(`http://localhost:${port}/ok`))).toBe('blocked_address');
    expect(await rejection(closed.connect('127.0.0.1', port))).toBe('blocked_address');
    expect(await rejection(closed.connect('localhost', port))).toBe('blocked_address');
  });

  it('reaches loopback when the allow-list has it', async () => {
    const res = await open.fetch(`${base}/ok`);
    expect(res).toMatchObject({ status: 200, address: '127.0.0.1' });
    expect(res.body.toString()).toBe('hello');
    expect((await open.fetch(`http://[::1]:${port}/ok`)).status).toBe(200);
    expect((await open.fetch(`http://localhost:${port}/ok`)).status).toBe(200);
    expect(await open.connect('127.0.0.1', port)).toMatchObject({ address: '127.0.0.1', port });
  });

  it('follows redirects, re-checking each hop, and refuses one into an internal address', async () => {
    const res = await open.fetch(`${base}/hop?to=/ok`);
    expect(res).toMatchObject({ status: 200, url: `${base}/ok`, redirects: [`${base}/hop?to=/ok`] });
    // Only ::1 is allowed here: a public-looking first hop may not lead into 127.0.0.1.
    const v6only = createOutbound({ ...settings, allow: ['::1'] });
    const to = encodeURIComponent(`http://127.0.0.1:${port}/ok`);
    expect(await rejection(v6only.fetch(`http://[::1]:${port}/hop?to=${to}`))).toBe('blocked_address');
    const metadata = encodeURIComponent('http://169.254.169.254/latest/meta-data/');
    expect(await rejection(open.fetch(`${base}/hop?to=${metadata}`))).toBe('blocked_address');
    const file = encodeURIComponent('file:///etc/passwd');
    expect(await rejection(open.fetch(`${base}/hop?to=${file}`))).toBe('unsupported_protocol');
    expect(await rejection(open.fetch(`${base}/loop`))).toBe('too_many_redirects');
  });

  it('caps the size, declared or streamed', async () => {
    expect(await rejection(open.fetch(`${base}/big`))).toBe('too_large');
    const err = await open.fetch(`${base}/big`).catch((e: unknown) => e as OutboundError);
    expect(err).toMatchObject({
      status: 200,
      message: 'The HTTP 200 answer of 4096 bytes is over the limit of 1024 bytes',
    });
    expect(await rejection(open.fetch(`${base}/stream`))).toBe('too_large');
    expect((await open.fetch(`${base}/stream`, { maxBytes: 8192 })).body.length).toBe(4096);
  });

  it('caps the time', async () => {
    const started = Date.now();
    expect(await rejection(open.fetch(`${base}/slow`, { timeoutMs: 300 }))).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out a connection that never completes', async () => {
    // A listener whose accept queue is full: Linux drops further SYNs, so connect() just hangs.
    const child = spawn('python3', ['-c', FULL_BACKLOG], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const started = Date.now();
      expect(await rejection(open.connect('127.0.0.1', Number(line.toString()), 300))).toBe(
        'connect_timeout',
      );
      expect(
        await rejection(open.fetch(`http://127.0.0.1:${line.toString().trim()}/`, { connectTimeoutMs: 300 })),
      ).toBe('connect_timeout');
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      child.kill();
    }
  });

  it('fails on anything but http and https, and on a closed port', async () => {
    expect(await rejection(open.fetch('ftp://127.0.0.1/'))).toBe('unsupported_protocol');
    expect(await rejection(open.fetch('gopher://127.0.0.1/'))).toBe('unsupported_protocol');
    expect(await rejection(open.fetch('not a url'))).toBe('invalid_url');
    const spare = net.createServer();
    await new Promise<void>((r) => spare.listen(0, '127.0.0.1', r));
    const freePort = (spare.address() as AddressInfo).port;
    await new Promise((r) => spare.close(r));
    expect(await rejection(open.connect('127.0.0.1', freePort))).toBe('network');
  });
});

describe('safeFetch over TLS', () => {
  let server: https.Server;
  let dir: string;
  beforeAll(async () => {
    // A self-signed certificate, as phishing kits often have.
    dir = mkdtempSync(path.join(tmpdir(), 'fb-tls-'));
    const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert].concat([
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ]),
      { stdio: 'ignore' },
    );
    server = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) =>
      res.end('kit'),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a self-signed certificate unless told to accept any, still under the address policy', async () => {
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const open = createOutbound({ ...settings, allow: loopbackOnly });
    expect(await rejection(open.fetch(url))).toBe('tls_failed');
    const res = await open.fetch(url, { acceptAnyCertificate: true });
    expect(res.body.toString()).toBe('kit');
    const closed = createOutbound({ ...settings, allow: [] });
    expect(await rejection(closed.fetch(url, { acceptAnyCertificate: true }))).toBe('blocked_address');
  });
});
