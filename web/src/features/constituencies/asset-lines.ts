import type { Asset } from '#contracts/constituencies.ts';

/**
 * Assets as one line each, the way admins paste them from an IPAM export:
 * `192.0.2.0/24`, `2001:db8::/32`, `example.org`, `AS64500`, `keyword: City Hospital`.
 */
export function parseAssetLines(text: string): Asset[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line): Asset => {
      const keyword = /^keyword:\s*(.+)$/i.exec(line);
      if (keyword) return { kind: 'keyword', value: keyword[1]! };
      if (/^AS\s?N?\s?\d+$/i.test(line)) return { kind: 'asn', value: line };
      if (/^[\d.]+(\/\d+)?$/.test(line) || line.includes(':')) return { kind: 'cidr', value: line };
      return { kind: 'domain', value: line };
    });
}

export function formatAssetLines(assets: Asset[]): string {
  return assets.map((a) => (a.kind === 'keyword' ? `keyword: ${a.value}` : a.value)).join('\n');
}
