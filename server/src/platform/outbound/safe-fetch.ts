import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { AllowedNetwork } from './address-policy.ts';
import { guardedLookup, refuseBlockedLiteral, refuseBlockedPeer } from './guarded-lookup.ts';
import { OutboundError, asOutboundError } from './outbound-error.ts';

export interface FetchOptions {
  allow: readonly AllowedNetwork[];
  /** Until the TCP (and TLS) connection of each hop stands. */
  connectTimeoutMs: number;
  /** For the whole exchange, redirects and body included. */
  timeoutMs: number;
  /** Largest body read; a longer one fails with `too_large` instead of filling memory. */
  maxBytes: number;
  maxRedirects: number;
  /**
   * Skip certificate validation. For monitoring whether a hostile site still answers: phishing kits
   * often run on self-signed certificates, and "the certificate is bad" must not read as "it is down".
   */
  acceptAnyCertificate?: boolean;
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
}

export interface FetchResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
  /** The peer address that answered. */
  address: string;
  /** Every URL redirected through, in order. */
  redirects: string[];
}

interface Hop {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  address: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function parseTarget(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OutboundError('invalid_url', `Not a URL: ${text}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new OutboundError('unsupported_protocol', `Only http and https are fetched, not ${url.protocol}`);
  return url;
}

/**
 * GETs a URL under the outbound policy: http/https only, every hop's address judged (literal, in the
 * DNS lookup and on the connected socket), at most `maxRedirects` redirects each re-checked, connect
 * and total time capped, body capped at `maxBytes`. Failures reject with an {@link OutboundError}.
 */
export async function safeFetch(target: string, options: FetchOptions): Promise<FetchResult> {
  const deadline = Date.now() + options.timeoutMs;
  let url = parseTarget(target);
  const redirects: string[] = [];
  for (;;) {
    const hop = await fetchOnce(url, options, deadline);
    const location = hop.headers.location;
    if (!REDIRECTS.has(hop.status) || !location) return { ...hop, url: url.toString(), redirects };
    if (redirects.length >= options.maxRedirects)
      throw new OutboundError('too_many_redirects', `More than ${options.maxRedirects} redirects`);
    redirects.push(url.toString());
    url = parseTarget(new URL(location, url).toString());
  }
}

function fetchOnce(url: URL, options: FetchOptions, deadline: number): Promise<Hop> {
  return new Promise<Hop>((resolve, reject) => {
    try {
      refuseBlockedLiteral(url.hostname, options.allow);
    } catch (err) {
      return reject(asOutboundError(err));
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0)
      return reject(new OutboundError('timeout', `No answer within ${options.timeoutMs} ms`));
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: options.method ?? 'GET',
      headers: { 'user-agent': 'Firebreak-check/1', accept: '*/*', ...options.headers },
      lookup: guardedLookup(options.allow),
      agent: false, // a fresh socket per hop, so each is judged on its own peer address
      ...(url.protocol === 'https:' ? { rejectUnauthorized: !options.acceptAnyCertificate } : {}),
    });
    let settled = false;
    const finish = (err: unknown, hop?: Hop) => {
      if (settled) return;
      settled = true;
      clearTimeout(total);
      clearTimeout(connect);
      if (hop) resolve(hop);
      else {
        request.destroy();
        reject(asOutboundError(err));
      }
    };
    const total = setTimeout(
      () => finish(new OutboundError('timeout', `No complete answer within ${options.timeoutMs} ms`)),
      remaining,
    );
    const connect = setTimeout(
      () =>
        finish(new OutboundError('connect_timeout', `No connection within ${options.connectTimeoutMs} ms`)),
      Math.min(options.connectTimeoutMs, remaining),
    );
    request.on('socket', (socket: Socket) => {
      socket.once('connect', () => {
        clearTimeout(connect);
        try {
          refuseBlockedPeer(socket, options.allow);
        } catch (err) {
          finish(err);
        }
      });
    });
    request.on('error', (err) => finish(err));
    request.on('response', (response) => {
      const address = response.socket.remoteAddress ?? '';
      const declared = Number(response.headers['content-length'] ?? 0);
      if (declared > options.maxBytes)
        return finish(tooLarge(options.maxBytes, response.statusCode, `of ${declared} bytes `));
      if (REDIRECTS.has(response.statusCode ?? 0)) {
        response.destroy(); // the body of a redirect is not read
        return finish(null, {
          status: response.statusCode!,
          headers: response.headers,
          body: Buffer.alloc(0),
          address,
        });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) finish(tooLarge(options.maxBytes, response.statusCode, ''));
        else chunks.push(chunk);
      });
      response.on('error', (err) => finish(err));
      response.on('end', () =>
        finish(null, {
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
          address,
        }),
      );
    });
    request.end();
  });
}

function tooLarge(maxBytes: number, status: number | undefined, size: string): OutboundError {
  const message = `The HTTP ${status} answer ${size}is over the limit of ${maxBytes} bytes`;
  return new OutboundError('too_large', message, status);
}
