import { describe, expect, it } from 'vitest';
import { parseEmail } from './email-message.rules.ts';

const CRLF = '\r\n';
const bytes = (text: string, charset: 'latin1' | 'utf8' = 'latin1') => Buffer.from(text, charset);
const mail = (headers: string[], ...body: Buffer[]) =>
  Buffer.concat([bytes(['From: a@example.org', 'Subject: s', ...headers].join(CRLF) + CRLF + CRLF), ...body]);
const multipart = (...parts: Buffer[]) =>
  mail(
    ['Content-Type: multipart/alternative; boundary="b"'],
    ...parts.flatMap((p) => [bytes(`--b${CRLF}`), p, bytes(CRLF)]),
    bytes(`--b--${CRLF}`),
  );
const part = (headers: string[], ...body: Buffer[]) =>
  Buffer.concat([bytes(headers.join(CRLF) + CRLF + CRLF), ...body]);

// "Привет" in windows-1251 and in KOI8-R: bytes that are not UTF-8.
const PRIVET_1251 = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);
const PRIVET_KOI8R = '=F0=D2=C9=D7=C5=D4';
const ASSUMED_1252 = 'has no charset and is not UTF-8; read as windows-1252 (assumed)';

describe('charset of text parts without a usable one', () => {
  it.each([
    [
      'Latin-1 text/plain in 8bit without charset',
      mail(
        ['Content-Type: text/plain', 'Content-Transfer-Encoding: 8bit'],
        bytes('\xdcberweisung f\xfcr Sie'),
      ),
      'Überweisung für Sie',
      `the text/plain body ${ASSUMED_1252}`,
    ],
    [
      'Latin-1 without any Content-Type (RFC 2045 §5.2)',
      mail([], bytes('\xdcberweisung')),
      'Überweisung',
      `the text/plain body ${ASSUMED_1252}`,
    ],
    [
      'Latin-1 in base64 without charset',
      mail(
        ['Content-Type: text/plain', 'Content-Transfer-Encoding: base64'],
        bytes(bytes('\xdcberweisung f\xfcr Sie').toString('base64')),
      ),
      'Überweisung für Sie',
      `the text/plain body ${ASSUMED_1252}`,
    ],
    [
      'Latin-1 in quoted-printable with a soft line break, without charset',
      mail(
        ['Content-Type: text/plain', 'Content-Transfer-Encoding: quoted-printable'],
        bytes(`=DCberweisung f=${CRLF}=FCr Sie`),
      ),
      'Überweisung für Sie',
      `the text/plain body ${ASSUMED_1252}`,
    ],
    [
      'HTML declaring windows-1251 only in <meta charset>',
      multipart(
        part(
          ['Content-Type: text/html'],
          bytes('<html><head><meta charset="windows-1251"></head><body><p>'),
          PRIVET_1251,
          bytes('</p></body></html>'),
        ),
      ),
      'Привет',
      'MIME part 1 (text/html) has no charset and is not UTF-8; read as windows-1251, which its HTML <meta> declares',
    ],
    [
      'HTML labelled US-ASCII declaring KOI8-R in <meta http-equiv>, quoted-printable',
      mail(
        ['Content-Type: text/html; charset=us-ascii', 'Content-Transfer-Encoding: quoted-printable'],
        bytes(
          `<meta http-equiv=3D"Content-Type" content=3D"text/html; charset=3Dkoi8-r"><p>${PRIVET_KOI8R}</p>`,
        ),
      ),
      'Привет',
      'the text/html body declares charset "us-ascii" but has 8-bit bytes; read as koi8-r, which its HTML <meta> declares',
    ],
    [
      'text/plain labelled UTF-8 without a single UTF-8 sequence',
      mail(['Content-Type: text/plain; charset=utf-8'], bytes('\xdcberweisung')),
      'Überweisung',
      'the text/plain body declares charset "utf-8" but is not UTF-8; read as windows-1252 (assumed)',
    ],
  ])('reads %s', async (_name, raw, text, warning) => {
    const parsed = await parseEmail(raw);
    expect(parsed.text).toContain(text);
    expect(parsed.text).not.toContain('\uFFFD');
    expect(parsed.warnings).toContain(warning);
  });

  it.each([
    ['UTF-8 without charset', mail(['Content-Type: text/plain'], bytes('Überweisung', 'utf8'))],
    [
      'UTF-8 HTML without charset whose <meta> says windows-1251',
      mail(['Content-Type: text/html'], bytes('<meta charset="windows-1251"><p>Überweisung</p>', 'utf8')),
    ],
    [
      'a declared charset that is right',
      mail(['Content-Type: text/plain; charset=iso-8859-1'], bytes('\xdcberweisung')),
    ],
    [
      'UTF-8 with one stray byte (its label kept)',
      mail(['Content-Type: text/plain; charset=utf-8'], bytes('Überweisung ', 'utf8'), bytes('\xff')),
    ],
  ])('leaves %s as it is', async (_name, raw) => {
    const parsed = await parseEmail(raw);
    expect(parsed.text).toContain('Überweisung');
    expect(parsed.warnings.filter((w) => w.includes('read as'))).toEqual([]);
  });

  it('reads a part labelled with a charset no decoder knows (Postfix: unknown-8bit) as windows-1252', async () => {
    const parsed = await parseEmail(
      mail(['Content-Type: text/plain; charset=unknown-8bit'], bytes('Caf\xe9')),
    );
    expect(parsed.text).toContain('Café');
    expect(parsed.warnings).toContain(
      'the text/plain body declares charset "unknown-8bit" but is a charset no decoder knows; read as windows-1252 (assumed)',
    );
  });

  it('rewrites a header ending in a long run of blanks in linear time', async () => {
    const header = `Content-Type: text/plain;${' '.repeat(100_000)}format=flowed`;
    const parsed = await parseEmail(mail([header], bytes('\xdcberweisung')));
    expect(parsed.text).toContain('Überweisung');
  });

  it('keeps a folded Content-Type of a bare-LF message as written', async () => {
    const raw = bytes(
      'From: a@example.org\nSubject: s\nContent-Type: text/plain;\n\tformat=flowed;\n\tcharset=us-ascii\n\n\xdcberweisung\n',
    );
    const parsed = await parseEmail(raw);
    expect(parsed.text).toContain('Überweisung');
    expect(String(parsed.headers['content-type'])).not.toContain('windows-1252');
  });

  it('names nested parts by IMAP part number and repairs only the one that needs it', async () => {
    const inner = [
      `Content-Type: multipart/related; boundary="r"${CRLF}${CRLF}--r${CRLF}`,
      `Content-Type: text/plain${CRLF}${CRLF}\xdcberweisung${CRLF}--r--${CRLF}`,
    ].join('');
    const raw = multipart(part(['Content-Type: text/plain'], bytes('plain ASCII')), bytes(inner));
    const parsed = await parseEmail(raw);
    expect(parsed.text).toContain('plain ASCII');
    expect(parsed.text).toContain('Überweisung');
    expect(parsed.warnings).toEqual([`MIME part 2.1 (text/plain) ${ASSUMED_1252}`]);
  });

  it('keeps the stored message and its header as written', async () => {
    const raw = mail(['Content-Type: text/plain;', '\tformat=flowed'], bytes('\xdcberweisung'));
    const copy = Buffer.from(raw);
    const parsed = await parseEmail(raw);
    expect(parsed.text).toContain('Überweisung');
    expect(raw.equals(copy)).toBe(true);
    expect(parsed.headers['content-type']).toEqual(['text/plain; format=flowed']);

    const bare = await parseEmail(mail([], bytes('\xdcberweisung')));
    expect(bare.headers['content-type']).toBeUndefined();
  });

  it('repairs the text of an attached message too', async () => {
    const attached = mail(['Content-Type: text/plain'], bytes('\xdcberweisung'));
    const raw = mail(
      ['Content-Type: multipart/mixed; boundary="b"'],
      bytes(`--b${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}${CRLF}see attached${CRLF}`),
      bytes(`--b${CRLF}Content-Type: message/rfc822${CRLF}${CRLF}`),
      attached,
      bytes(`${CRLF}--b--${CRLF}`),
    );
    const parsed = await parseEmail(raw);
    expect(parsed.text).toContain('Überweisung');
    expect(parsed.text).not.toContain('\uFFFD');
  });
});

describe('raw 8-bit header lines that are not UTF-8', () => {
  const raw = (subject: Buffer, contentType: string) =>
    Buffer.concat([
      bytes(`From: a@example.org${CRLF}Subject: `),
      subject,
      bytes(`${CRLF}Content-Type: ${contentType}${CRLF}${CRLF}`),
      PRIVET_1251,
      bytes(CRLF),
    ]);

  it('reads them in the charset the text declares, with a warning', async () => {
    const parsed = await parseEmail(raw(PRIVET_1251, 'text/plain; charset=windows-1251'));
    expect(parsed.subject).toBe('Привет');
    expect(parsed.text).toContain('Привет');
    expect(parsed.warnings).toContain(
      'a header line has 8-bit bytes that are not UTF-8; read as windows-1251',
    );
  });

  it('reads them as windows-1252 when the text declares UTF-8 or nothing usable', async () => {
    const parsed = await parseEmail(raw(bytes('Caf\xe9 \xfcber'), 'text/plain; charset=us-ascii'));
    expect(parsed.subject).toBe('Café über');
    expect(parsed.warnings).toContain(
      'a header line has 8-bit bytes that are not UTF-8; read as windows-1252',
    );
  });

  it('leaves UTF-8 headers (RFC 6532) alone', async () => {
    const parsed = await parseEmail(
      raw(bytes('Prognose für ✅', 'utf8'), 'text/plain; charset=windows-1251'),
    );
    expect(parsed.subject).toBe('Prognose für ✅');
    expect(parsed.warnings.join()).not.toContain('header line');
  });
});

describe('charset of a file without a header section', () => {
  // An X-ARF report.txt saved in Latin-1 and imported on its own: no header names its charset.
  const report = (name: string) =>
    bytes(`---\nCategory: abuse\nReport-Type: login-attack\nReported-From: ${name}\n`);

  it('reads bytes that are not UTF-8 as windows-1252, with a warning', async () => {
    const parsed = await parseEmail(report('J\xfcrgen M\xfcller <abuse@reporter.example>'));
    expect(parsed.text).toContain('Reported-From: Jürgen Müller <abuse@reporter.example>');
    expect(parsed.text).not.toContain('\uFFFD');
    expect(parsed.warnings).toContain(`the input ${ASSUMED_1252}`);
  });

  it('reads UTF-8 as UTF-8, without a charset warning', async () => {
    const parsed = await parseEmail(Buffer.from('---\nReported-From: Jürgen Müller\n', 'utf8'));
    expect(parsed.text).toContain('Reported-From: Jürgen Müller');
    expect(parsed.warnings).not.toContainEqual(expect.stringContaining('charset'));
  });
});
