import { parseNetwork, type AllowedNetwork } from './address-policy.ts';
import { safeConnect, type ConnectResult } from './safe-connect.ts';
import { safeFetch, type FetchOptions, type FetchResult } from './safe-fetch.ts';

export { judgeAddress, parseNetwork, type AddressVerdict, type AllowedNetwork } from './address-policy.ts';
export { OutboundError, type OutboundErrorCode } from './outbound-error.ts';
export { safeConnect, type ConnectOptions, type ConnectResult } from './safe-connect.ts';
export { safeFetch, type FetchOptions, type FetchResult } from './safe-fetch.ts';

/** The operator's outbound settings (see platform/config): allow-list and caps. */
export interface OutboundSettings {
  /** CIDRs reachable despite being internal, e.g. `10.20.0.0/16`; empty refuses every internal address. */
  allow: readonly string[];
  connectTimeoutMs: number;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

/** The one door for outbound HTTP and TCP, with the configured policy bound in. */
export interface Outbound {
  fetch(url: string, options?: Partial<Omit<FetchOptions, 'allow'>>): Promise<FetchResult>;
  connect(host: string, port: number, timeoutMs?: number): Promise<ConnectResult>;
}

/** Binds the allow-list (parsed once; config validated it at start-up) and caps into the two doors. */
export function createOutbound(settings: OutboundSettings): Outbound {
  const allow: AllowedNetwork[] = settings.allow.map(parseNetwork);
  return {
    fetch: (url, options = {}) =>
      safeFetch(url, {
        allow,
        connectTimeoutMs: settings.connectTimeoutMs,
        timeoutMs: settings.timeoutMs,
        maxBytes: settings.maxBytes,
        maxRedirects: settings.maxRedirects,
        ...options,
      }),
    connect: (host, port, timeoutMs = settings.connectTimeoutMs) =>
      safeConnect(host, port, { allow, timeoutMs }),
  };
}
