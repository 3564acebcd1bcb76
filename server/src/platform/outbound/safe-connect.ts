import net from 'node:net';
import type { AllowedNetwork } from './address-policy.ts';
import { guardedLookup, refuseBlockedLiteral, refuseBlockedPeer } from './guarded-lookup.ts';
import { OutboundError, asOutboundError } from './outbound-error.ts';

export interface ConnectOptions {
  allow: readonly AllowedNetwork[];
  timeoutMs: number;
}

/** What a TCP connection reached: the peer address after the policy let it through. */
export interface ConnectResult {
  address: string;
  port: number;
  elapsedMs: number;
}

/**
 * Opens a TCP connection to `host:port` under the outbound policy and closes it again: the answer to
 * "is this port open?". Refused addresses, timeouts and resets reject with an {@link OutboundError}.
 */
export function safeConnect(host: string, port: number, options: ConnectOptions): Promise<ConnectResult> {
  return new Promise((resolve, reject) => {
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      return reject(new OutboundError('invalid_url', `Port ${port} is out of range`));
    try {
      refuseBlockedLiteral(host, options.allow);
    } catch (err) {
      return reject(asOutboundError(err));
    }
    const started = Date.now();
    const socket = net.connect({
      host: host.replace(/^\[(.*)\]$/, '$1'),
      port,
      lookup: guardedLookup(options.allow),
    });
    const timer = setTimeout(
      () => fail(new OutboundError('connect_timeout', `No connection within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    function fail(err: unknown) {
      clearTimeout(timer);
      socket.destroy();
      reject(asOutboundError(err));
    }
    socket.once('error', fail);
    socket.once('connect', () => {
      try {
        refuseBlockedPeer(socket, options.allow);
      } catch (err) {
        return fail(err);
      }
      clearTimeout(timer);
      const result = { address: socket.remoteAddress!, port, elapsedMs: Date.now() - started };
      socket.destroy();
      resolve(result);
    });
  });
}
