/** Why an outbound request did not get an answer; `code` is stable for callers and tests. */
export type OutboundErrorCode =
  | 'invalid_url'
  | 'unsupported_protocol'
  | 'blocked_address'
  | 'dns_failed'
  | 'tls_failed'
  | 'connect_timeout'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'network';

/** A typed failure of `safeFetch` or `safeConnect`; the message is fit to show a handler. */
export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    /** The HTTP status when an answer had begun (e.g. `too_large`): the server did answer. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

/** Maps a socket error to an OutboundError, keeping one that already is. */
export function asOutboundError(err: unknown): OutboundError {
  if (err instanceof OutboundError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOTFOUND' || e?.code === 'EAI_AGAIN')
    return new OutboundError('dns_failed', `Name not found: ${e.message}`);
  if (typeof e?.code === 'string' && /CERT|TLS|SSL/.test(e.code))
    return new OutboundError('tls_failed', `TLS failed: ${e.message}`);
  return new OutboundError('network', e?.message ?? String(err));
}
