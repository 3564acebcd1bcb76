import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Why an address may or may not be reached: `allowed` true only for public unicast or the allow-list. */
export interface AddressVerdict {
  allowed: boolean;
  /** The ipaddr.js range name (`unicast`, `loopback`, `private`, …) of the address as judged. */
  range: string;
  /** The address as judged: IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as its IPv4 address. */
  address: string;
}

/** A CIDR the operator allows despite its range, e.g. an internal monitoring target. */
export type AllowedNetwork = [Address, number];

/** Parses `10.0.0.0/8`, `fd00::/8` or a single address (as /32 or /128); throws on anything else. */
export function parseNetwork(text: string): AllowedNetwork {
  const value = text.trim();
  if (value.includes('/')) {
    const [address, bits] = ipaddr.parseCIDR(value);
    return [normalise(address), address.kind() === 'ipv6' && isMapped(address) ? bits - 96 : bits];
  }
  if (!ipaddr.isValid(value)) throw new Error(`${value} is not an IP address or CIDR`);
  const address = normalise(ipaddr.parse(value));
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

function isMapped(address: Address): address is ipaddr.IPv6 {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress();
}

/** `::ffff:a.b.c.d` reaches a.b.c.d: judge it as that IPv4 address, or the mapping smuggles loopback in. */
function normalise(address: Address): Address {
  return isMapped(address) ? address.toIPv4Address() : address;
}

/**
 * Judges an IP address as an outbound target. Only ranges ipaddr.js calls `unicast` (public) pass by
 * default: loopback, private (RFC 1918), unique-local, link-local (cloud metadata at 169.254.169.254),
 * CGNAT, multicast, broadcast, unspecified, reserved, and the IPv6 forms that embed an IPv4 address
 * (6to4, Teredo, NAT64) are refused — the SSRF targets of OWASP's cheat sheet.
 */
export function judgeAddress(text: string, allow: readonly AllowedNetwork[]): AddressVerdict {
  if (!ipaddr.isValid(text)) return { allowed: false, range: 'invalid', address: text };
  const address = normalise(ipaddr.parse(text));
  const range = address.range();
  const listed = allow.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits));
  return { allowed: listed || range === 'unicast', range, address: address.toString() };
}
