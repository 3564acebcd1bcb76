import { describe, expect, it } from 'vitest';
import { formatAssetLines, parseAssetLines } from './asset-lines.ts';

describe('asset lines', () => {
  it('reads each line as the asset kind it looks like, and writes them back', () => {
    const text =
      '192.0.2.0/24\n 2001:db8::/32 \n\nexample.org\nAS64500\nkeyword: City Hospital\n198.51.100.7';
    const assets = parseAssetLines(text);
    expect(assets).toEqual([
      { kind: 'cidr', value: '192.0.2.0/24' },
      { kind: 'cidr', value: '2001:db8::/32' },
      { kind: 'domain', value: 'example.org' },
      { kind: 'asn', value: 'AS64500' },
      { kind: 'keyword', value: 'City Hospital' },
      { kind: 'cidr', value: '198.51.100.7' },
    ]);
    expect(parseAssetLines(formatAssetLines(assets))).toEqual(assets);
  });
});
