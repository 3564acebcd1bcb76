import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  isShadowserverName,
  parseShadowserverCsv,
  shadowserverFiles,
  shadowserverReportType,
} from './shadowserver.rules.ts';

const dir = fileURLToPath(
  new URL('../../../../../../shared/samples/abuse-reports/shadowserver-csv/', import.meta.url),
);
const csvs = readdirSync(dir)
  .filter((f) => f.endsWith('.csv'))
  .sort();
const read = (name: string) => readFileSync(dir + name, 'utf8');

const zipOf = (files: Record<string, Uint8Array>) => zipSync(files, { level: 6 });

/** A one-file zip archive of `size` zero bytes, deflated by zlib (five times faster than fflate here). */
function zeroBomb(name: string, size: number): Uint8Array {
  const zeros = Buffer.alloc(size);
  const data = deflateRawSync(zeros, { level: 1 });
  const file = Buffer.from(name);
  const fixed = (signature: number, extra: number) => {
    const b = Buffer.alloc(extra);
    b.writeUInt32LE(signature, 0);
    return b;
  };
  const local = fixed(0x04034b50, 30);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc32(zeros), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(file.length, 26);
  const central = fixed(0x02014b50, 46);
  central.writeUInt16LE(20, 6);
  local.copy(central, 10, 8, 28);
  const end = fixed(0x06054b50, 22);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(local.length + file.length + data.length, 16);
  return Buffer.concat([local, file, data, central, file, end]);
}

describe('parseShadowserverCsv on the sample reports', () => {
  it('finds them', () => expect(csvs.length).toBeGreaterThanOrEqual(40));

  it.each(csvs)('%s: every row read, with its address as an observable', (name) => {
    const csv = parseShadowserverCsv(read(name), { filename: name });
    expect(csv.warnings).toEqual([]);
    expect(csv.reportType).toBe(name.replace(/\.csv$/, ''));
    expect(csv.rows.length).toBeGreaterThan(0);
    for (const row of csv.rows) {
      expect(row.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      if (row.ip)
        expect(row.observables.map((o) => o.type)).toContain(row.ip.includes(':') ? 'ipv6' : 'ipv4');
    }
    if (!['sandbox_dns.csv'].includes(name)) expect(csv.rows.every((r) => r.ip)).toBe(true);
  });

  it('builds the URL of a sinkhole request from host and request line', () => {
    const csv = parseShadowserverCsv(read('event4_microsoft_sinkhole_http.csv'));
    expect(csv.rows[1]!.observables).toEqual(
      expect.arrayContaining([
        { type: 'ipv4', value: '177.140.3.4' },
        { type: 'domain', value: '3fo8jrthz3y.rgk.cc' },
        { type: 'url', value: 'http://3fo8jrthz3y.rgk.cc/index.php' },
        { type: 'asn', value: 'AS28573' },
      ]),
    );
  });

  it('takes hashes and phishing URLs', () => {
    expect(parseShadowserverCsv(read('sandbox_url.csv')).rows[0]!.observables).toEqual(
      expect.arrayContaining([
        { type: 'md5', value: '37514b54e679a5313334e830ad780ec7' },
        { type: 'url', value: 'http://www.msftncsi.com/ncsi.txt' },
      ]),
    );
    expect(parseShadowserverCsv(read('phish_url.csv')).rows[0]).toMatchObject({
      line: 2,
      ip: '172.245.0.0',
      fields: { url: 'https://priceless-pare.example.net/Postal-/acec6/', source: 'openphish.com' },
    });
  });
});

// Synthesised in the shape of report types the samples above lack.
describe('parseShadowserverCsv on other report layouts', () => {
  const parse = (lines: string[], filename?: string) =>
    parseShadowserverCsv(lines.join('\n'), filename ? { filename } : {});
  const typesOf = (row: { observables: { type: string; value: string }[] }) => row.observables;

  it('sends the spoofing network of the IP spoofer report as a CIDR observable', () => {
    const csv = parse([
      '"timestamp","src_ip","src_asn","dst_ip","network","routedspoof"',
      '"2024-01-01 00:00:00","192.0.2.0",64500,,"192.0.2.0/24","received"',
    ]);
    expect(typesOf(csv.rows[0]!)).toContainEqual({ type: 'cidr', value: '192.0.2.0/24' });
  });

  it('does not take a sinkhole addressed by its IP as the HTTP host for something reported', () => {
    const csv = parse([
      '"timestamp","ip","url","http_host","dst_ip"',
      '"2024-01-01 00:00:00","192.0.2.7","/index.php","203.0.113.5","203.0.113.5"',
      '"2024-01-01 00:00:01","192.0.2.8","/ping.html","c2.example.com","203.0.113.5"',
    ]);
    const values = (i: number) => csv.rows[i]!.observables.map((o) => o.value);
    expect(values(0)).toEqual(['192.0.2.7']);
    expect(values(1)).toEqual(expect.arrayContaining(['c2.example.com', 'http://c2.example.com/ping.html']));
  });

  it('sends a network of the blocklist report as a CIDR observable', () => {
    const csv = parse([
      '"timestamp","ip","hostname","source"',
      '"2024-01-01 00:00:00","198.51.100.0/24",,"feed"',
    ]);
    expect(csv.rows[0]).toMatchObject({ ip: '198.51.100.0/24', timestamp: '2024-01-01T00:00:00.000Z' });
    expect(typesOf(csv.rows[0]!)).toContainEqual({ type: 'cidr', value: '198.51.100.0/24' });
  });

  it('finds the address of an old report in a spelled-out column, several to a cell', () => {
    const csv = parse([
      '"IP Address","Port","Domain"',
      '"192.0.2.7 198.51.100.8",6667,"a.example b.example"',
    ]);
    expect(csv.rows[0]!.ip).toBe('192.0.2.7');
    expect(typesOf(csv.rows[0]!)).toEqual(
      expect.arrayContaining([
        { type: 'ipv4', value: '192.0.2.7' },
        { type: 'ipv4', value: '198.51.100.8' },
        { type: 'domain', value: 'a.example' },
        { type: 'domain', value: 'b.example' },
      ]),
    );
  });

  it('takes the first column holding addresses when none has a known name, and Date with Time', () => {
    const csv = parse([
      '"Date","Time","C&C","C&C Port","URL"',
      '"2008-11-03","00:00:17","192.0.2.17",6667,"http://www.example.net/"',
    ]);
    expect(csv.rows[0]).toMatchObject({ ip: '192.0.2.17', timestamp: '2008-11-03T00:00:17.000Z' });
  });

  it('never takes the destination of an event for the reported address', () => {
    const csv = parse(['"timestamp","dst_ip","dst_port"', '"2024-01-01 00:00:00","192.0.2.1",80']);
    expect(csv.rows[0]!.ip).toBeNull();
    // Nor in the spelled-out columns of old reports.
    const old = parse(['Date,Time,Destination IP,Source IP', '2009-01-01,12:00:00,192.0.2.1,198.51.100.7']);
    expect(old.rows[0]!.ip).toBe('198.51.100.7');
    expect(old.rows[0]!.observables).not.toContainEqual(expect.objectContaining({ value: '192.0.2.1' }));
  });

  it('takes the address from the URL of a report that has no address column', () => {
    const csv = parse([
      '"md5hash","url"',
      '"02e26297111a9850cce01e5bd03cfa45","ftp://1:1@192.0.2.254:54267/x.exe"',
    ]);
    expect(csv.rows[0]!.ip).toBe('192.0.2.254');
    expect(typesOf(csv.rows[0]!)).toContainEqual({ type: 'md5', value: '02e26297111a9850cce01e5bd03cfa45' });
  });

  it('sends the spam sender beside the spamvertised host', () => {
    const csv = parse([
      '"timestamp","url","host","ip","src_ip"',
      '"2025-11-01 00:00:00","http://spam.example/x","spam.example","192.0.2.80","198.51.100.25"',
    ]);
    expect(typesOf(csv.rows[0]!)).toEqual(
      expect.arrayContaining([
        { type: 'ipv4', value: '192.0.2.80' },
        { type: 'ipv4', value: '198.51.100.25' },
        { type: 'domain', value: 'spam.example' },
      ]),
    );
  });
});

describe('parseShadowserverCsv on damaged input', () => {
  it('skips broken lines, keeps line numbers, and says so', () => {
    const text = '"timestamp","ip"\n"2024-01-01 00:00:00","192.0.2.1"\n\n"2024-01-01 00:00:01","192.0.2.2\n';
    const csv = parseShadowserverCsv(text);
    expect(csv.rows).toMatchObject([{ line: 2, ip: '192.0.2.1' }]);
    expect(csv.warnings).toContainEqual(expect.stringContaining('malformed'));
  });

  it('stops at maxRows', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `2024-01-01 00:00:00,192.0.2.${i % 250}`);
    const csv = parseShadowserverCsv(['timestamp,ip', ...rows].join('\n'), { maxRows: 100 });
    expect(csv.rows).toHaveLength(100);
    expect(csv.warnings).toEqual(['more than 100 rows; the rest was not read']);
  });

  it('says when the CSV is empty', () => {
    expect(parseShadowserverCsv('')).toMatchObject({ rows: [], warnings: ['the CSV is empty'] });
  });
});

describe('Shadowserver file names', () => {
  it.each([
    ['2019-01-16-scan_afp-sample-ip.csv', 'scan_afp'],
    ['2015-01-01-sinkhole_http_drone-sample-asn.csv.zip', 'sinkhole_http_drone'],
    ['scan_ssl_freak.csv', 'scan_ssl_freak'],
    ['Accessible-Rsync.csv', 'Accessible-Rsync'],
    ['report for you.csv', null],
    [null, null],
  ])('%s is a %s report', (name, type) => expect(shadowserverReportType(name)).toBe(type));

  it.each([
    ['2019-01-16-scan_afp-sample-ip.csv.zip', true],
    ['2019-01-16-scan_afp-example_org-asn.csv', true],
    ['firewall.csv', false],
  ])('%s is named like a Shadowserver report: %s', (name, yes) => expect(isShadowserverName(name)).toBe(yes));
});

describe('shadowserverFiles', () => {
  const csv = strToU8('"timestamp","ip","port"\n"2024-01-01 00:00:00","192.0.2.1",23\n');

  it('reads plain and zipped CSVs, and leaves other files alone', () => {
    const found = shadowserverFiles([
      {
        filename: '2024-01-01-scan_telnet-x-asn.csv.zip',
        contentType: 'application/zip',
        bytes: zipOf({ '2024-01-01-scan_telnet-x-asn.csv': csv }),
      },
      { filename: 'plain.csv', contentType: 'text/csv', bytes: csv },
      { filename: 'photo.png', contentType: 'image/png', bytes: new Uint8Array([1, 2, 3]) },
    ]);
    expect(found.warnings).toEqual([]);
    expect(found.files.map((f) => [f.filename, f.reportType, f.rows.length])).toEqual([
      ['2024-01-01-scan_telnet-x-asn.csv', 'scan_telnet', 1],
      ['plain.csv', 'plain', 1],
    ]);
  });

  it('reads a CSV named the Shadowserver way even when its header is of an old kind', () => {
    const old = strToU8('"IP Address","Port"\n"192.0.2.9",6667\n');
    const found = shadowserverFiles([
      { filename: '2024-01-01-botnet_ccip-x-asn.csv', contentType: 'text/csv', bytes: old },
      { filename: 'firewall.csv', contentType: 'text/csv', bytes: old },
    ]);
    expect(found.files.map((f) => [f.filename, f.rows[0]?.ip])).toEqual([
      ['2024-01-01-botnet_ccip-x-asn.csv', '192.0.2.9'],
    ]);
  });

  it('stops decompressing a zip bomb at the byte limit, quickly', () => {
    const bomb = zeroBomb('a.csv', 64 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(400_000);
    const start = performance.now();
    const found = shadowserverFiles([{ filename: 'bomb.zip', contentType: 'application/zip', bytes: bomb }]);
    expect(performance.now() - start).toBeLessThan(15_000);
    expect(found.warnings).toContainEqual(expect.stringContaining('decompression limit'));
    expect(found.files).toEqual([]);
  });

  it('honours smaller limits, across attachments', () => {
    const big = strToU8(`timestamp,ip\n${'2024-01-01 00:00:00,192.0.2.1\n'.repeat(2000)}`);
    const found = shadowserverFiles(
      [
        { filename: 'x.csv.zip', contentType: 'application/zip', bytes: zipOf({ 'x.csv': big }) },
        { filename: 'y.csv', contentType: 'text/csv', bytes: big },
      ],
      { maxBytes: 1024 * 1024, maxRows: 1500 },
    );
    expect(found.files.map((f) => f.rows.length)).toEqual([1500]);
    expect(found.warnings).toContainEqual('x.csv: more than 1500 rows; the rest was not read');
  });

  it('says a CSV whose compressed data is damaged could not be decompressed, not that it is empty', () => {
    const zip = zipOf({ 'a.csv': strToU8(`timestamp,ip\n${'2024-01-01 00:00:00,192.0.2.1\n'.repeat(50)}`) });
    const damaged = zip.slice();
    // Local header (30 bytes) and name (5): the deflate stream starts after them.
    damaged.fill(0xff, 35, 45);
    const found = shadowserverFiles([
      { filename: 'a.csv.zip', contentType: 'application/zip', bytes: damaged },
    ]);
    expect(found.files).toEqual([]);
    expect(found.warnings).toContainEqual(expect.stringMatching(/^a\.csv: could not be decompressed/));
    expect(found.warnings.join(' ')).not.toContain('the CSV is empty');
  });

  it.each([
    ['cut short', zipOf({ 'a.csv': csv }).slice(0, 40)],
    ['no zip at all', strToU8('not a zip archive')],
    ['without a CSV', zipOf({ 'readme.txt': strToU8('hello') })],
  ])('warns about an archive %s', (_name, bytes) => {
    const found = shadowserverFiles([{ filename: 'a.zip', contentType: 'application/zip', bytes }]);
    expect(found.files).toEqual([]);
    expect(found.warnings.join(' ')).toMatch(/could not be read|no CSV file/);
  });
});
