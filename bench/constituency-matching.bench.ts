import ipaddr from 'ipaddr.js';
import { ConstituencyMatcher, type OwnedAsset } from '../server/src/features/constituencies/index.ts';
import { createConstituencyStore } from '../server/src/features/constituencies/index.ts';
import { createSearchIndex } from '../server/src/platform/search/search-index.ts';
import type { Dialect } from '../server/src/platform/db/database.ts';
import { createTestDatabase } from '../server/src/platform/testing/test-database.ts';
import { prng } from '../server/src/testing/prng.ts';

const NETBLOCKS = 50_000;
const LOOKUPS = 200_000;

/** Deterministic pseudo-random numbers, so every run measures the same netblocks and addresses. */
function netblocks(): OwnedAsset[] {
  const random = prng(42);
  const out: OwnedAsset[] = [];
  for (let i = 0; i < NETBLOCKS; i++) {
    const bits = 16 + Math.floor(random() * 13); // /16 … /28, as in real constituency lists
    const ip = ipaddr
      .fromByteArray([
        1 + Math.floor(random() * 223),
        Math.floor(random() * 256),
        Math.floor(random() * 256),
        0,
      ])
      .toString();
    out.push({
      constituencyId: `c${i % 500}`,
      kind: 'cidr',
      value: `${ipaddr.IPv4.networkAddressFromCIDR(`${ip}/${bits}`).toString()}/${bits}`,
    });
  }
  return out;
}

function addresses(): string[] {
  const random = prng(7);
  return Array.from({ length: LOOKUPS }, () =>
    [1 + Math.floor(random() * 223), 0, 0, 0].map((o, i) => (i ? Math.floor(random() * 256) : o)).join('.'),
  );
}

function perSecond(count: number, fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Math.round(count / (Number(process.hrtime.bigint() - start) / 1e9));
}

/** The naive alternative: check every netblock, keep the longest that contains the address. */
function linearScan(blocks: OwnedAsset[], ips: string[]): number {
  const parsed = blocks.map((b) => ipaddr.parseCIDR(b.value) as [ipaddr.IPv4, number]);
  let hits = 0;
  for (const ip of ips) {
    const addr = ipaddr.IPv4.parse(ip);
    let best = -1;
    for (const [net, bits] of parsed) if (bits > best && addr.match(net, bits)) best = bits;
    if (best >= 0) hits++;
  }
  return hits;
}

export async function benchConstituencyMatching(dialects: Dialect[]): Promise<void> {
  console.log(`\n## Constituency matching: ${NETBLOCKS.toLocaleString('en')} IPv4 netblocks`);
  const blocks = netblocks();
  const ips = addresses();
  const scanned = ips.slice(0, 2_000);
  let baselineHits = 0;
  const baseline = perSecond(scanned.length, () => (baselineHits = linearScan(blocks, scanned)));
  console.log(
    `${'baseline: linear scan of every netblock'.padEnd(52)} ${String(baseline).padStart(10)} lookups/s`,
  );

  for (const dialect of dialects) {
    const db = await createTestDatabase(dialect);
    try {
      const store = createConstituencyStore(createSearchIndex(dialect));
      const at = new Date().toISOString();
      for (let c = 0; c < 500; c++) {
        const own = blocks.filter((b) => b.constituencyId === `c${c}`);
        await store.save(
          db.db,
          {
            id: `c${c}`,
            name: `Constituency ${c}`,
            criticality: 'medium',
            description: '',
            assets: own,
            contacts: [],
            version: 1,
            createdAt: at,
            updatedAt: at,
          },
          true,
        );
      }
      const loadStart = performance.now();
      const matcher = new ConstituencyMatcher(await store.allAssets(db.db));
      const loadMs = Math.round(performance.now() - loadStart);
      let hits = 0;
      const rate = perSecond(ips.length, () => {
        for (const ip of ips) if (matcher.matchIp(ip)) hits++;
      });
      const agree =
        scanned.filter((ip) => matcher.matchIp(ip)).length === baselineHits
          ? 'agrees with the scan'
          : 'DISAGREES with the scan';
      console.log(
        `${`firebreak[${dialect}] hash per prefix length`.padEnd(52)} ${String(rate).padStart(10)} lookups/s  ${`${(rate / baseline).toFixed(0)}x`.padStart(6)}  load ${loadMs} ms, ${hits} of ${ips.length} matched, ${agree}`,
      );
    } finally {
      await db.drop();
    }
  }
}
