import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { NewReport } from '#contracts/reports.ts';
import { parseEmail } from './email-message.rules.ts';
import { emailToDrafts } from './email-report.rules.ts';

const NOW = new Date('2026-03-01T10:00:00Z');

function mail(
  headers: string[],
  body: string,
  parts: { type: string; name?: string; base64?: Uint8Array; text?: string }[] = [],
) {
  if (!parts.length) return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}`);
  const sections = [`--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}`];
  for (const p of parts) {
    const disposition = p.name ? `\r\nContent-Disposition: attachment; filename="${p.name}"` : '';
    const content = p.base64 ? Buffer.from(p.base64).toString('base64') : p.text;
    const encoding = p.base64 ? '\r\nContent-Transfer-Encoding: base64' : '';
    sections.push(`--b\r\nContent-Type: ${p.type}${disposition}${encoding}\r\n\r\n${content}`);
  }
  return Buffer.from(
    `${[...headers, 'Content-Type: multipart/mixed; boundary="b"'].join('\r\n')}\r\n\r\n${sections.join('\r\n')}\r\n--b--\r\n`,
  );
}

async function draftOf(raw: Buffer, limits?: Parameters<typeof emailToDrafts>[2]) {
  const drafts = emailToDrafts(await parseEmail(raw), NOW, limits);
  expect(drafts).toHaveLength(1);
  expect(NewReport.safeParse(drafts[0]!.input).error).toBeUndefined();
  return drafts[0]!;
}

const FROM = 'From: "Alice Example" <alice@example.org>';

describe('emailToDrafts', () => {
  it('registers an ordinary mail as a report from a person', async () => {
    const draft = await draftOf(
      mail(
        [
          FROM,
          'Subject: Strange login page',
          'Message-ID: <A1@Example.ORG>',
          'Date: Sun, 1 Mar 2026 09:00:00 +0000',
        ],
        'See http://evil.example/login',
      ),
    );
    expect(draft.input).toMatchObject({
      channel: 'email',
      source: 'email',
      sourceRef: 'A1@example.org',
      title: 'Strange login page',
      receivedAt: '2026-03-01T09:00:00.000Z',
      reporter: { kind: 'person', name: 'Alice Example', contact: 'alice@example.org', trust: 'unknown' },
      observables: [],
      tlp: 'amber',
    });
    expect(draft.input.body).toContain('See http://evil.example/login');
    expect(draft.warnings).toEqual([]);
  });

  it.each([
    ['Sun, 1 Mar 2026 10:05:00 +0000', 'lies in the future'],
    ['Mon, 1 Jan 1973 10:00:00 +0000', 'implausibly old'],
  ])('leaves receivedAt to the service for a Date of %s', async (date, warning) => {
    const draft = await draftOf(mail([FROM, `Date: ${date}`, 'Subject: s'], 'x'));
    expect(draft.input.receivedAt).toBeUndefined();
    expect(draft.warnings).toContainEqual(expect.stringContaining(warning));
  });

  it('titles a mail without subject after its sender, and caps long subjects', async () => {
    expect((await draftOf(mail([FROM], 'x'))).input.title).toBe('(no subject) from alice@example.org');
    expect((await draftOf(mail(['Subject:   '], 'x'))).input.title).toBe(
      '(no subject) from an unknown sender',
    );
    const long = await draftOf(mail([FROM, `Subject: ${'word '.repeat(100)}`], 'x'));
    expect(long.input.title).toHaveLength(300);
    expect(long.input.title.endsWith('…')).toBe(true);
  });

  it('keeps sourceRefs within 200 characters and stable without a Message-ID', async () => {
    const longId = `<${'x'.repeat(300)}@example.org>`;
    expect((await draftOf(mail([FROM, `Message-ID: ${longId}`], 'x'))).input.sourceRef).toMatch(
      /^message-id-sha256:[0-9a-f]{64}$/,
    );
    const first = await draftOf(
      mail(['Received: from a by b; Sun, 1 Mar 2026 09:00:00 +0000', FROM, 'Subject: s'], 'same'),
    );
    const again = await draftOf(
      mail(['Received: from c by d; Sun, 1 Mar 2026 09:30:00 +0000', FROM, 'Subject: s'], 'same'),
    );
    expect(first.input.sourceRef).toMatch(/^content-sha256:/);
    expect(again.input.sourceRef).toBe(first.input.sourceRef);
  });

  it('cuts a body past the report limit, with a warning', async () => {
    const draft = await draftOf(mail([FROM, 'Subject: s'], `${'y'.repeat(99)}\n`.repeat(15_000)));
    expect(draft.input.body).toHaveLength(1_000_000);
    expect(draft.warnings).toContainEqual(expect.stringContaining('was cut'));
  });

  it('appends text-like attachments and lists files with their hash', async () => {
    const draft = await draftOf(
      mail([FROM, 'Subject: logs'], 'Logs attached.', [
        { type: 'text/csv', name: 'hits.csv', text: 'time,ip\n2026-02-28 10:00,198.51.100.7\n' },
        { type: 'application/pdf', name: 'lure.pdf', base64: strToU8('%PDF-1.4 lure') },
      ]),
    );
    expect(draft.input.body).toContain(
      '----- Attachment "hits.csv" (text/csv, 38 bytes) -----\ntime,ip\n2026-02-28 10:00,198.51.100.7',
    );
    expect(draft.input.body).toMatch(/- "lure.pdf" \(application\/pdf, 13 bytes\), SHA-256 [0-9a-f]{64}/);
    expect(draft.attachments.map((a) => a.filename)).toEqual(['hits.csv', 'lure.pdf']);
    expect(draft.shadowserverRows).toBeUndefined();
  });

  it('adds the link targets an HTML mail hides behind its text', async () => {
    const html = '<p>Please <a href="https://login.evil.example/verify">verify</a> your account.</p>';
    const draft = await draftOf(
      mail(
        [FROM, 'Subject: s', 'Content-Type: multipart/alternative; boundary=a'],
        `--a\r\nContent-Type: text/plain\r\n\r\nPlease verify your account.\r\n--a\r\nContent-Type: text/html\r\n\r\n${html}\r\n--a--\r\n`,
      ),
    );
    expect(draft.input.body).toContain('Please verify your account.');
    expect(draft.input.body).toContain('Links in the HTML part:\nhttps://login.evil.example/verify');
  });

  it('sends the observables an ARF report names, dropping invalid ones with a warning', async () => {
    const raw = mail(
      [
        'From: fbl@isp.example',
        'Subject: FBL',
        'Content-Type: multipart/report; report-type=feedback-report; boundary=b',
      ],
      '',
    );
    const body = [
      '--b\r\nContent-Type: text/plain\r\n\r\nA report.',
      '--b\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nSource-IP: 192.0.2.300\r\nReported-Domain: Spam.Example.NET\r\nReported-URI: mailto:x@example.net',
      '--b--\r\n',
    ].join('\r\n');
    const draft = await draftOf(Buffer.concat([raw, Buffer.from(body)]));
    expect(draft.input.source).toBe('arf');
    expect(draft.input.reporter.kind).toBe('organisation');
    expect(draft.input.observables).toEqual([{ type: 'domain', value: 'spam.example.net' }]);
    expect(draft.warnings).toEqual([
      '"192.0.2.300" is no valid ipv4; not sent as an observable',
      '"mailto:x@example.net" is no valid url; not sent as an observable',
    ]);
  });

  it('reads a report file without headers as its text, its sender from the report', async () => {
    const report = [
      '---',
      'Category: fraud',
      'Date: 2015-10-07T14:29:59+00:00',
      'Report-Type: phishing',
      'Reported-From: takedown@reporter.example',
      'Source: http://www.example.com/login/',
      'Source-Type: uri',
      '',
    ].join('\n');
    const draft = await draftOf(Buffer.from(report));
    expect(draft.input).toMatchObject({
      source: 'x-arf',
      title: 'X-ARF phishing report about http://www.example.com/login/',
      reporter: { kind: 'organisation', contact: 'takedown@reporter.example' },
      observables: [{ type: 'url', value: 'http://www.example.com/login/' }],
    });
    expect(draft.input.body).toContain('Report-Type: phishing');
    expect(draft.warnings).toContainEqual(expect.stringContaining('does not start with a header field'));
  });

  it("does not take a customer's attached firewall note for an X-ARF report", async () => {
    const draft = await draftOf(
      mail([FROM, 'Subject: blocked connection'], 'Our firewall blocked this, see attached.', [
        { type: 'text/plain', name: 'fw.txt', text: 'Source: 10.20.30.40\nDestination: 198.51.100.7' },
      ]),
    );
    expect(draft.input).toMatchObject({ source: 'email', reporter: { kind: 'person' } });
    expect(draft.input.observables).not.toContainEqual(expect.objectContaining({ value: '10.20.30.40' }));
    expect(draft.input.body).toContain('Source: 10.20.30.40');
  });

  // RFC 1847 §2.1: the second part of multipart/signed is the signature its protocol names.
  const SMIME = Buffer.from('0\x82\x01\x00 detached S/MIME signature', 'latin1').toString('base64');
  const SIGNATURE_PART =
    'Content-Type: application/pkcs7-signature; name="smime.p7s"\r\nContent-Transfer-Encoding: base64\r\n' +
    `Content-Disposition: attachment; filename="smime.p7s"\r\n\r\n${SMIME}\r\n`;

  it('gives no hash for the detached signature of a multipart/signed mail', async () => {
    const raw = Buffer.from(
      `${FROM}\r\nSubject: signed\r\nContent-Type: multipart/signed; ` +
        'protocol="application/pkcs7-signature"; micalg=sha-256; boundary="s"\r\n\r\n' +
        '--s\r\nContent-Type: text/plain\r\n\r\nSigned text.\r\n' +
        `--s\r\n${SIGNATURE_PART}--s--\r\n`,
    );
    const draft = await draftOf(raw);
    expect(draft.input.body).toContain('- "smime.p7s" (application/pkcs7-signature,');
    expect(draft.input.body).not.toContain('SHA-256');
  });

  it.each([
    ['in multipart/mixed', 'multipart/mixed; boundary="s"', 2],
    [
      'first in multipart/signed',
      'multipart/signed; protocol="application/pkcs7-signature"; boundary="s"',
      1,
    ],
    ['of another protocol', 'multipart/signed; protocol="application/pgp-signature"; boundary="s"', 2],
  ])('hashes a file labelled application/pkcs7-signature %s', async (_, type, position) => {
    const text = '--s\r\nContent-Type: text/plain\r\n\r\nPlease open the attached invoice.\r\n';
    const file = `--s\r\n${SIGNATURE_PART}`;
    const parts = position === 2 ? text + file : file + text;
    const draft = await draftOf(
      Buffer.from(`${FROM}\r\nSubject: invoice\r\nContent-Type: ${type}\r\n\r\n${parts}--s--\r\n`),
    );
    expect(draft.input.body).toMatch(
      /- "smime\.p7s" \(application\/pkcs7-signature, \d+ bytes\), SHA-256 [0-9a-f]{64}/,
    );
  });

  it('sends the CVE, hash and account an X-ARF report names', async () => {
    const report = JSON.stringify({
      Version: '3',
      ReporterInfo: { ReporterOrg: 'R' },
      Report: {
        ReportClass: 'Activity',
        ReportType: 'Exploit',
        SourceIp: '192.0.2.55',
        CVE: 'cve-2021-44228',
        FileHash: { HashValue: 'D41D8CD98F00B204E9800998ECF8427E', HashAlgorithm: 'md5' },
        Account: { AccountEmail: 'victim@example.com' },
      },
    });
    const draft = await draftOf(
      mail(['From: reports@example.com', 'Subject: X-ARF'], 'Report attached.', [
        { type: 'application/json', name: 'xarf.json', text: report },
      ]),
    );
    expect(draft.input.source).toBe('x-arf');
    expect(draft.input.observables).toEqual(
      expect.arrayContaining([
        { type: 'ipv4', value: '192.0.2.55' },
        { type: 'email', value: 'victim@example.com' },
        { type: 'cve', value: 'CVE-2021-44228' },
        { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' },
      ]),
    );
  });

  it('returns the rows of a Shadowserver mail and shows its CSV lines', async () => {
    const csv = strToU8('"timestamp","ip","port"\n"2026-02-28 01:02:03","198.51.100.9",23\n');
    const draft = await draftOf(
      mail(
        [
          'From: autoreports@shadowserver.org',
          'Subject: [Example] Shadowserver Open Telnet Report: 2026-02-28',
        ],
        'Report attached.',
        [
          {
            type: 'application/zip',
            name: '2026-02-28-scan_telnet-example-asn.csv.zip',
            base64: zipSync({ '2026-02-28-scan_telnet-example-asn.csv': csv }),
          },
        ],
      ),
    );
    expect(draft.input.source).toBe('shadowserver');
    expect(draft.shadowserverRows).toMatchObject([
      { reportType: 'scan_telnet', rows: [{ line: 2, ip: '198.51.100.9' }] },
    ]);
    expect(draft.input.body).toContain(
      'Shadowserver report scan_telnet in 2026-02-28-scan_telnet-example-asn.csv: 1 rows, 1 addresses.',
    );
    expect(draft.input.body).toContain('"2026-02-28 01:02:03","198.51.100.9",23');
  });

  it('caps a zip bomb attached to a Shadowserver mail', async () => {
    const bomb = zipSync({ 'big.csv': new Uint8Array(8 * 1024 * 1024) });
    const draft = await draftOf(
      mail(['From: autoreports@shadowserver.org', 'Subject: report'], 'x', [
        { type: 'application/zip', name: '2026-02-28-scan_x-example-asn.csv.zip', base64: bomb },
      ]),
      { maxBytes: 1024 * 1024, maxRows: 1000 },
    );
    expect(draft.warnings).toContainEqual(expect.stringContaining('decompression limit'));
    expect(draft.shadowserverRows).toBeUndefined();
  });
});
