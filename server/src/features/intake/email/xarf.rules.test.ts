import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEmail } from './email-message.rules.ts';
import { parseXarf, parseXarfJson, parseXarfYaml } from './xarf.rules.ts';

const samples = new URL('../../../../../../shared/samples/abuse-reports/xarf/', import.meta.url);
const sample = (name: string) => readFileSync(new URL(name, samples), 'utf8');

describe('X-ARF v3 and v4 JSON', () => {
  it.each([
    [
      'phishing_sample.json',
      {
        version: '3',
        format: 'json',
        reportType: 'Phishing',
        category: 'Content',
        ips: ['192.0.2.55'],
        urls: ['http://phish.example.org/index.html'],
        port: '80',
        date: '2018-02-05T14:17:10.000Z',
        reporter: 'ExampleOrg',
      },
    ],
    [
      'openservice_sample.json',
      {
        reportType: 'OpenService',
        source: '192.0.2.55',
        sourceType: 'ip-address',
        ips: ['192.0.2.55'],
        urls: [],
        date: '2020-07-24T14:17:10.000Z',
      },
    ],
  ])('reads %s', (name, want) => {
    const report = parseXarfJson(sample(name));
    expect(report).toMatchObject(want);
    expect(report?.fields['Report.Samples.0.ContentType']).toBeDefined();
  });

  it('reads a v4 report', () => {
    const report = parseXarfJson(
      JSON.stringify({
        xarf_version: '4.0.0',
        category: 'connection',
        type: 'login_attack',
        timestamp: '2024-01-15T14:30:25Z',
        reporter: { org: 'Honeypot Network', contact: 'abuse@honeypot.example', domain: 'honeypot.example' },
        source_identifier: '2001:db8::1',
        source_port: 2222,
      }),
    );
    expect(report).toMatchObject({
      version: '4.0.0',
      reportType: 'login_attack',
      ips: ['2001:db8::1'],
      port: '2222',
      date: '2024-01-15T14:30:25.000Z',
      reporter: 'Honeypot Network',
    });
  });

  // Synthesised in the shape of the X-ARF v3 types the samples above lack.
  const v3 = (report: Record<string, unknown>) =>
    parseXarfJson(JSON.stringify({ Version: '3', ReporterInfo: { ReporterOrg: 'R' }, Report: report }));

  it.each([
    [
      'the attacker and the account of a compromised-account report',
      {
        ReportType: 'PotentiallyCompromisedAccount',
        AttackerIp: '192.0.2.55',
        AttackerPort: 5,
        Account: { AccountEmail: 'u@example.com' },
        DestinationIp: '198.51.100.33',
      },
      {
        source: '192.0.2.55',
        sourceType: 'ip-address',
        ips: ['192.0.2.55'],
        emails: ['u@example.com'],
        port: '5',
      },
    ],
    [
      'the server of a compromised-account report that names no attacker',
      {
        ReportType: 'PotentiallyCompromisedAccount',
        Account: { AccountEmail: 'u@example.com' },
        DestinationIp: '198.51.100.33',
      },
      { ips: ['198.51.100.33'], emails: ['u@example.com'] },
    ],
    [
      'the rewritten domain of an RPZ report',
      {
        ReportType: 'Malware',
        ReportSubType: 'RPZ-Rewrite',
        SourceIp: '192.0.2.55',
        RpzDomain: 'bad.example.org',
      },
      { ips: ['192.0.2.55'], domains: ['bad.example.org'] },
    ],
    [
      'the CVE of an exploit report, not its destination',
      { ReportType: 'Exploit', SourceIp: '192.0.2.55', DestinationIp: '203.0.113.1', CVE: 'CVE-2021-44228' },
      { ips: ['192.0.2.55'], cves: ['CVE-2021-44228'] },
    ],
    [
      'the file hash of a copyright report',
      {
        ReportType: 'Copyright',
        SourceUrl: 'http://x.example/a.mp3',
        FileHash: { HashValue: '0049f43fcf5f023593395735a0fef31ff35ae7f7', HashAlgorithm: 'sha1' },
      },
      { urls: ['http://x.example/a.mp3'], hashes: ['0049f43fcf5f023593395735a0fef31ff35ae7f7'] },
    ],
  ])('reads %s', (_name, report, want) => {
    expect(v3(report)).toMatchObject(want);
  });

  it('never reports the destination (the victim) of other report types', () => {
    expect(
      v3({ ReportType: 'Spam', Source: 'spammer@bad.example', DestinationIp: '198.51.100.25' }),
    ).toMatchObject({ ips: [], emails: ['spammer@bad.example'] });
  });

  it.each(['{"broken": ', '[1, 2]', '{"Version": "3"}', '"text"'])('refuses %s', (text) => {
    expect(parseXarfJson(text)).toBeNull();
  });
});

describe('X-ARF 0.x report.txt', () => {
  it('reads the fields of the first report block, leniently', () => {
    const text = [
      'Hello Abuse-Team,',
      '---',
      'Reported-From: abuse@reporter.example',
      'Category:  abuse',
      'Report-Type: login-attack',
      'Date: Fri, 31 Jan 2014 07:19:02 +0100',
      'Source-Type: ip-address',
      'Source: 198.51.100.23',
      'Port: 22',
      'Schema-URL: http: //support.example/schema.json',
      'Attachment: "text/plain"',
      '',
      'logs follow',
    ].join('\r\n');
    expect(parseXarfYaml(text)).toMatchObject({
      format: 'yaml',
      reportType: 'login-attack',
      category: 'abuse',
      source: '198.51.100.23',
      ips: ['198.51.100.23'],
      port: '22',
      date: '2014-01-31T06:19:02.000Z',
      reporter: 'abuse@reporter.example',
      fields: { 'schema-url': 'http: //support.example/schema.json', attachment: 'text/plain' },
    });
  });

  it.each([
    ['uri', 'http://bad.example/x', 'urls'],
    ['ipv6', '2001:db8::7', 'ips'],
    ['', 'http://bad.example/y', 'urls'],
    ['', '203.0.113.9', 'ips'],
    ['', 'bad.example', 'domains'],
  ])('takes a source of type %j, %s, as %s', (type, source, kind) => {
    const report = parseXarfYaml(`---\n${type ? `Source-Type: ${type}\n` : ''}Source: ${source}\n`);
    expect(report?.[kind as 'urls' | 'ips' | 'domains']).toEqual([source]);
  });

  it('takes the Download-Link of a malware-attack report as a URL beside its source', () => {
    const report = parseXarfYaml(
      '---\nReport-Type: malware-attack\nSource: 2001:db8::1\nSource-Type: ipv6\nDownload-Link: http://m.example/ufo.js\n',
    );
    expect(report).toMatchObject({ ips: ['2001:db8::1'], urls: ['http://m.example/ufo.js'] });
  });

  it('reads a YAML report naming ip, uri and domain', () => {
    const report = parseXarfYaml('---\nuri: http://m.example/\ndomain: m.example\nip: 192.0.2.4\n...\n');
    expect(report).toMatchObject({ ips: ['192.0.2.4'], urls: ['http://m.example/'], domains: ['m.example'] });
  });

  it.each(['no report here', '---\nnot: enough\n', '--- \nSubject: nothing to report\n'])(
    'finds none in %j',
    (text) => {
      expect(parseXarfYaml(text)).toBeNull();
    },
  );
});

describe('parseXarf on a mail', () => {
  it('finds a JSON report attached', async () => {
    const json = sample('phishing_sample.json');
    const raw = Buffer.from(
      'From: reports@example.com\r\nSubject: report\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n' +
        '--b\r\nContent-Type: text/plain\r\n\r\nSee the attached report.\r\n' +
        `--b\r\nContent-Type: application/json\r\nContent-Disposition: attachment; filename="xarf.json"\r\n\r\n${json}\r\n--b--\r\n`,
    );
    expect(parseXarf(await parseEmail(raw))).toMatchObject({
      version: '3',
      urls: ['http://phish.example.org/index.html'],
    });
  });

  it.each([
    'Just saying hello.\r\n---\r\nSignature\r\n',
    'My notes:\r\n---\r\nSource: a friend at work\r\nDate: yesterday\r\n',
  ])('finds none in an ordinary mail saying %j', async (body) => {
    const parsed = await parseEmail(Buffer.from(`Subject: hi\r\n\r\n${body}`));
    expect(parseXarf(parsed)).toBeNull();
  });

  it('reads an attached report.txt that omits the YAML document start', async () => {
    const report = 'Category: abuse\nReport-Type: web-attack\nSource: 192.0.2.20\nSource-Type: ip-address\n';
    const raw = Buffer.from(
      'From: abuse@reporter.example\r\nSubject: r\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n' +
        '--b\r\nContent-Type: text/plain\r\n\r\nOffending IP: 192.0.2.20\r\n' +
        '--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n' +
        `Content-Disposition: attachment; filename="arf_report1.txt"\r\n\r\n${Buffer.from(report).toString('base64')}\r\n--b--\r\n`,
    );
    expect(parseXarf(await parseEmail(raw))).toMatchObject({ reportType: 'web-attack', ips: ['192.0.2.20'] });
  });

  // Without the `---`, only an X-ARF mark makes a file a report: a customer's firewall note is not.
  const withFile = (headers: string, name: string, text: string) =>
    Buffer.from(
      `From: it@customer.example\r\nSubject: r\r\n${headers}Content-Type: multipart/mixed; boundary=b\r\n\r\n` +
        '--b\r\nContent-Type: text/plain\r\n\r\nBlocked this, see the log.\r\n' +
        `--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename="${name}"\r\n\r\n${text}\r\n--b--\r\n`,
    );
  const FW = 'Source: 10.20.30.40\nDestination: 198.51.100.7\n';

  it.each([
    ['fw.txt naming a Source', '', 'fw.txt', FW],
    ['a file with an ip and a url', '', 'notes.txt', 'ip: 10.20.30.40\nurl: http://intranet.example/\n'],
  ])('finds none in %s without the document start or an X-ARF mark', async (_, headers, name, text) => {
    expect(parseXarf(await parseEmail(withFile(headers, name, text)))).toBeNull();
  });

  it.each([
    ['the mail declares X-ARF', 'X-ARF: yes\r\n', 'fw.txt'],
    ['the file is the report part', '', 'report.txt'],
  ])('reads a file without the document start when %s', async (_, headers, name) => {
    expect(parseXarf(await parseEmail(withFile(headers, name, FW)))).toMatchObject({ ips: ['10.20.30.40'] });
  });

  it('reads a report block in the text of a mail that declares X-ARF', async () => {
    const parsed = await parseEmail(
      Buffer.from('X-ARF: yes\r\nSubject: r\r\n\r\nText\r\n---\r\nSource: 192.0.2.9\r\n'),
    );
    expect(parseXarf(parsed)).toMatchObject({ ips: ['192.0.2.9'] });
  });
});
