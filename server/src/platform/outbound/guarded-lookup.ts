import dns from 'node:dns';
import net from 'node:net';
import { judgeAddress, type AllowedNetwork } from './address-policy.ts';
import { OutboundError, asOutboundError } from './outbound-error.ts';

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for node:net/http that resolves and then drops every address the policy refuses, so the
 * socket connects only to an address that was checked — a name that answers public first and
 * 127.0.0.1 later (DNS rebinding) is judged on the address actually used.
 */
export function guardedLookup(allow: readonly AllowedNetwork[]) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { all: true, family: options.family ?? 0 }, (err, addresses) => {
      if (err) return callback(asOutboundError(err), []);
      const verdicts = addresses.map((a) => ({ ...a, verdict: judgeAddress(a.address, allow) }));
      const usable = verdicts.filter((a) => a.verdict.allowed);
      if (usable.length === 0) {
        const refused = verdicts.map((a) => `${a.address} (${a.verdict.range})`).join(', ');
        return callback(
          new OutboundError('blocked_address', `${hostname} resolves only to refused addresses: ${refused}`),
          [],
        );
      }
      if (options.all)
        return callback(
          null,
          usable.map(({ address, family }) => ({ address, family })),
        );
      callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

/** Node connects to an IP literal without calling `lookup`, so literals are judged here first. */
export function refuseBlockedLiteral(host: string, allow: readonly AllowedNetwork[]): void {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (!net.isIP(bare)) return;
  const verdict = judgeAddress(bare, allow);
  if (!verdict.allowed)
    throw new OutboundError('blocked_address', `${bare} is a ${verdict.range} address and not allowed`);
}

/** The last line: the peer of a connected socket must pass the policy too. */
export function refuseBlockedPeer(socket: net.Socket, allow: readonly AllowedNetwork[]): void {
  const peer = socket.remoteAddress;
  if (!peer) throw new OutboundError('network', 'Connected socket has no peer address');
  const verdict = judgeAddress(peer, allow);
  if (!verdict.allowed)
    throw new OutboundError('blocked_address', `Connected to ${peer}, a ${verdict.range} address`);
}
