import ipaddr from 'ipaddr.js';
import type { Asset } from '#contracts/constituencies.ts';
import type { ExtractedObservable } from '#contracts/observables.ts';
import { isIpAddress } from '../observables/index.ts';

export interface OwnedAsset extends Asset {
  constituencyId: string;
}

export interface Match {
  constituencyId: string;
  asset: Asset;
}

type Family = 'ipv4' | 'ipv6';
/** Netblocks by prefix length, longest first; each length a hash of network address → asset. */
type PrefixTable = { bits: number; networks: Map<bigint, OwnedAsset> }[];

/**
 * Finds the constituency that owns an IP, domain, URL, e-mail address or ASN.
 * IPs: one hash table per prefix length, probed from the longest prefix down, so the most specific
 * netblock wins and a lookup costs at most 33 (IPv4) or 129 (IPv6) hash probes whatever the number
 * of netblocks. Domains: one hash probe per label, from the full name up to its registrable domain.
 */
export class ConstituencyMatcher {
  private readonly prefixes: Record<Family, PrefixTable> = { ipv4: [], ipv6: [] };
  private readonly domains = new Map<string, OwnedAsset>();
  private readonly asns = new Map<string, OwnedAsset>();

  constructor(assets: OwnedAsset[]) {
    const byFamily: Record<Family, Map<number, Map<bigint, OwnedAsset>>> = {
      ipv4: new Map(),
      ipv6: new Map(),
    };
    for (const asset of assets) {
      if (asset.kind === 'domain') this.domains.set(asset.value, asset);
      else if (asset.kind === 'asn') this.asns.set(asset.value, asset);
      else if (asset.kind === 'cidr') {
        const [addr, bits] = ipaddr.parseCIDR(asset.value);
        const family = addr.kind();
        const table = byFamily[family].get(bits) ?? new Map<bigint, OwnedAsset>();
        byFamily[family].set(bits, table);
        table.set(mask(toBigInt(addr), bits, family), asset);
      }
    }
    for (const family of ['ipv4', 'ipv6'] as const) {
      this.prefixes[family] = [...byFamily[family]]
        .map(([bits, networks]) => ({ bits, networks }))
        .sort((a, b) => b.bits - a.bits);
    }
  }

  matchIp(ip: string): Match | null {
    if (!isIpAddress(ip)) return null;
    let addr = ipaddr.parse(ip);
    if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress())
      addr = (addr as ipaddr.IPv6).toIPv4Address();
    const family = addr.kind();
    const value = toBigInt(addr);
    for (const { bits, networks } of this.prefixes[family]) {
      const hit = networks.get(mask(value, bits, family));
      if (hit) return toMatch(hit);
    }
    return null;
  }

  matchDomain(domain: string): Match | null {
    const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
    for (let i = 0; i < labels.length - 1; i++) {
      const hit = this.domains.get(labels.slice(i).join('.'));
      if (hit) return toMatch(hit);
    }
    return null;
  }

  matchAsn(asn: string): Match | null {
    const hit = this.asns.get(asn.toUpperCase().replace(/^ASN?\s?/, 'AS'));
    return hit ? toMatch(hit) : null;
  }

  matchObservable({ type, value }: ExtractedObservable): Match | null {
    switch (type) {
      case 'ipv4':
      case 'ipv6':
        return this.matchIp(value);
      case 'cidr':
        return this.matchIp(value.split('/')[0]!);
      case 'domain':
        return this.matchDomain(value);
      case 'email':
        return this.matchDomain(value.split('@')[1] ?? '');
      case 'url':
        return this.matchUrl(value);
      case 'asn':
        return this.matchAsn(value);
      default:
        return null;
    }
  }

  matchUrl(url: string): Match | null {
    try {
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
      return isIpAddress(host) ? this.matchIp(host) : this.matchDomain(host);
    } catch {
      return null;
    }
  }

  /**
   * The constituency most observables point to (ties: the first seen), with every match, so a
   * report naming two constituencies' assets shows both.
   */
  matchAll(observables: ExtractedObservable[]): { best: Match | null; matches: Match[] } {
    const matches = observables.map((o) => this.matchObservable(o)).filter((m): m is Match => m !== null);
    const counts = new Map<string, number>();
    for (const m of matches) counts.set(m.constituencyId, (counts.get(m.constituencyId) ?? 0) + 1);
    let best: Match | null = null;
    for (const m of matches)
      if (!best || counts.get(m.constituencyId)! > counts.get(best.constituencyId)!) best = m;
    return { best, matches };
  }
}

function toMatch(asset: OwnedAsset): Match {
  return { constituencyId: asset.constituencyId, asset: { kind: asset.kind, value: asset.value } };
}

function toBigInt(addr: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  return addr.toByteArray().reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
}

function mask(value: bigint, bits: number, family: Family): bigint {
  const width = family === 'ipv4' ? 32 : 128;
  return bits === 0 ? 0n : (value >> BigInt(width - bits)) << BigInt(width - bits);
}
