import type { Asset } from '#contracts/constituencies.ts';
import type { FieldIssue } from '../../platform/http/domain-error.ts';
import { normaliseAsn, normaliseCidr, normaliseIp } from '../observables/index.ts';

const HOST_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Checks and normalises one asset; null means the value is not valid for its kind. */
export function normaliseAsset(asset: Asset): Asset | null {
  const value = asset.value.trim();
  switch (asset.kind) {
    case 'cidr': {
      // A bare address is the single-host netblock.
      if (!value.includes('/')) {
        const ip = normaliseIp(value, value.includes(':') ? 'ipv6' : 'ipv4');
        return ip ? { kind: 'cidr', value: `${ip}/${ip.includes(':') ? 128 : 32}` } : null;
      }
      const cidr = normaliseCidr(value);
      return cidr ? { kind: 'cidr', value: cidr } : null;
    }
    case 'domain': {
      // Any well-formed host name: constituencies also own internal zones (corp.internal) no PSL lists.
      const domain = value.replace(/^\*\./, '').replace(/\.$/, '').toLowerCase();
      return HOST_NAME.test(domain) && !normaliseIp(domain, 'ipv4')
        ? { kind: 'domain', value: domain }
        : null;
    }
    case 'asn': {
      const asn = normaliseAsn(value);
      return asn ? { kind: 'asn', value: asn } : null;
    }
    case 'keyword':
      return { kind: 'keyword', value: value.toLowerCase() };
  }
}

const why: Record<Asset['kind'], string> = {
  cidr: 'must be an IPv4 or IPv6 address or netblock, such as 192.0.2.0/24',
  domain: 'must be a host name such as example.org',
  asn: 'must be an AS number, such as AS64500',
  keyword: 'must not be empty',
};

/** Normalises every asset, de-duplicates them, and lists every invalid one by its position. */
export function normaliseAssets(assets: Asset[]): { assets: Asset[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const seen = new Map<string, Asset>();
  assets.forEach((asset, i) => {
    const normal = normaliseAsset(asset);
    if (!normal)
      issues.push({ path: `body.assets.${i}.value`, message: `${asset.value}: ${why[asset.kind]}` });
    else seen.set(`${normal.kind}:${normal.value}`, normal);
  });
  return { assets: [...seen.values()], issues };
}
