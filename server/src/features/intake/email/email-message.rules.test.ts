import { describe, expect, it } from 'vitest';
import { parseMailDate } from './email-date.rules.ts';
import { parseEmail } from './email-message.rules.ts';

const CRLF = '\r\n';
const head = (lines: string[]) => lines.join(CRLF) + CRLF + CRLF;
const mail = (headers: string[], body: string) => Buffer.from(head(headers) + body, 'latin1');

function siblings(n: number): Buffer {
  const parts = Array.from(
    { length: n },
    (_, i) => `--b${CRLF}Content-Type: text/plain${CRLF}${CRLF}part ${i}${CRLF}`,
  );
  return mail(
    ['From: a@example.org', 'Content-Type: multipart/mixed; boundary="b"'],
    `${parts.join('')}--b--${CRLF}`,
  );
}

function nested(n: number): Buffer {
  let body = '';
  for (let i = 1; i < n; i++)
    body += `--b${i - 1}${CRLF}Content-Type: multipart/mixed; boundary="b${i}"${CRLF}${CRLF}`;
  body += `--b${n - 1}${CRLF}Content-Type: text/plain${CRLF}${CRLF}deep${CRLF}`;
  return mail(['From: a@example.org', 'Content-Type: multipart/mixed; boundary="b0"'], body);
}

/** A message attached to a message, `n` times over, each level saying which it is. */
function messageChain(n: number): Buffer {
  let inner = head(['From: level0@example.org', 'Subject: level 0']) + 'innermost' + CRLF;
  for (let i = 1; i < n; i++)
    inner =
      head([`From: level${i}@example.org`, `Subject: level ${i}`, 'Content-Type: message/rfc822']) + inner;
  return Buffer.from(inner, 'latin1');
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

describe('parseEmail limits', () => {
  it('cuts a bomb of 10,000 sibling parts at the part limit, quickly', async () => {
    const [parsed, ms] = await timed(() => parseEmail(siblings(10_000)));
    expect(ms).toBeLessThan(5000);
    expect(parsed.warnings).toContainEqual(expect.stringContaining('more than 500 MIME parts'));
    expect(parsed.text).toContain('part 0');
    expect(parsed.text).not.toContain('part 9999');
  });

  it('cuts 10,000 nested multiparts at the depth limit, quickly', async () => {
    const [parsed, ms] = await timed(() => parseEmail(nested(10_000)));
    expect(ms).toBeLessThan(5000);
    expect(parsed.warnings).toContainEqual(expect.stringContaining('nested deeper than 16 levels'));
  });

  it('reads attached messages down to the depth limit only', async () => {
    const [parsed, ms] = await timed(() => parseEmail(messageChain(200)));
    expect(ms).toBeLessThan(5000);
    expect(parsed.embedded.length).toBeGreaterThan(3);
    expect(parsed.embedded.length).toBeLessThanOrEqual(16);
    expect(parsed.text).toContain('Subject: level 198');
    expect(parsed.warnings).toContainEqual(expect.stringContaining('nested deeper than 16 levels'));
  });

  it('honours smaller limits passed in', async () => {
    const parsed = await parseEmail(siblings(30), { maxParts: 10 });
    expect(parsed.warnings).toContainEqual(expect.stringContaining('more than 10 MIME parts'));
    expect(parsed.text).toContain('part 5');
    expect(parsed.text).not.toContain('part 20');
  });

  it('reads no more than maxBytes', async () => {
    const raw = mail(['From: a@example.org', 'Subject: big'], `${'x'.repeat(99)}\r\n`.repeat(1000));
    const parsed = await parseEmail(raw, { maxBytes: 10_000 });
    expect(parsed.subject).toBe('big');
    expect(parsed.text.length).toBeLessThan(10_000);
    expect(parsed.warnings).toContainEqual(expect.stringContaining('more than 10000 bytes'));
  });

  it('shares the byte budget with attached messages, and reads a line longer than it', async () => {
    const inner = mail(['Subject: inner'], 'z'.repeat(5000));
    const raw = mail(
      ['Subject: outer', 'Content-Type: multipart/mixed; boundary=b'],
      `--b\r\nContent-Type: text/plain\r\n\r\n${'y'.repeat(5000)}\r\n` +
        `--b\r\nContent-Type: message/rfc822\r\n\r\n${inner.toString('latin1')}\r\n--b--\r\n`,
    );
    const parsed = await parseEmail(raw, { maxBytes: raw.length + 1000 });
    expect(parsed.embedded).toHaveLength(1);
    expect(parsed.warnings).toContainEqual(expect.stringMatching(/^message\/rfc822 attachment: more than/));
    const oneLine = await parseEmail(mail(['Subject: s'], 'x'.repeat(50_000)), { maxBytes: 20_000 });
    expect(oneLine.text.length).toBeGreaterThan(19_000);
  });

  it('strips instead of converting HTML longer than maxHtmlChars', async () => {
    const html = `<p>${'<b>word</b> '.repeat(200)}<a href="https://evil.example/x">go</a></p>`;
    const raw = mail(['From: a@example.org', 'Content-Type: text/html; charset=utf-8'], html);
    const parsed = await parseEmail(raw, { maxHtmlChars: 500 });
    expect(parsed.text).toContain('word');
    expect(parsed.links).toEqual(['https://evil.example/x']);
    expect(parsed.warnings).toContainEqual(expect.stringContaining('tags were stripped'));
  });
});

describe('parseEmail on bad input', () => {
  it('refuses an empty input only', async () => {
    await expect(parseEmail(Buffer.alloc(0))).rejects.toThrow(/empty/);
  });

  it.each([
    ['binary noise', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256))],
    ['a lone line', Buffer.from('hello')],
    ['headers without a body', Buffer.from('Subject: only headers\r\n')],
    [
      'an unterminated multipart',
      mail(['Content-Type: multipart/mixed; boundary=x'], '--x\r\nContent-Type: text/plain\r\n\r\nhalf'),
    ],
    ['a multipart without boundary', mail(['Content-Type: multipart/mixed'], 'body text')],
    ['base64 with garbage', mail(['Content-Transfer-Encoding: base64'], '!!!not base64###\r\n')],
    ['a header line of 2 MB', mail([`X-Long: ${'a'.repeat(2_000_000)}`, 'Subject: s'], 'body')],
  ])('gives a result for %s', async (_name, raw) => {
    const parsed = await parseEmail(raw);
    expect(parsed).toMatchObject({ text: expect.any(String), warnings: expect.any(Array) });
  });

  it('reads text in a charset no decoder knows as windows-1252 when it is not UTF-8, with a warning', async () => {
    const raw = mail(
      ['From: a@example.org', 'Content-Type: text/plain; charset=x-unknown-broken'],
      'visit http://evil.example/a \xff\xfe\xfd now',
    );
    const parsed = await parseEmail(raw);
    expect(parsed.text).toContain('visit http://evil.example/a');
    expect(parsed.warnings).toContainEqual(expect.stringContaining('"x-unknown-broken"'));
    expect(parsed.text).toContain('ÿþý');
    expect(parsed.warnings).toContainEqual(expect.stringContaining('read as windows-1252'));
  });

  it('keeps the raw body when the declared boundary never occurs', async () => {
    const raw = mail(
      ['Subject: s', 'Content-Type: multipart/mixed; boundary="declared"'],
      '--other\r\nContent-Type: text/plain\r\n\r\nSource: 192.0.2.7\r\n--other--\r\n',
    );
    const parsed = await parseEmail(raw);
    expect(parsed.text).toContain('Source: 192.0.2.7');
    expect(parsed.warnings).toContainEqual(expect.stringContaining('boundary never occurs'));
  });

  it('reads such a raw body in windows-1252 when it is not UTF-8, with a warning', async () => {
    const raw = mail(
      ['Subject: s', 'Content-Type: multipart/mixed; boundary="declared"'],
      '--other\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nAbsender: J\xfcrgen M\xfcller, 192.0.2.7\r\n',
    );
    const parsed = await parseEmail(raw);
    expect(parsed.text).toContain('Jürgen Müller, 192.0.2.7');
    expect(parsed.text).not.toContain('\ufffd');
    expect(parsed.warnings).toContainEqual(expect.stringContaining('the raw body has no charset'));
  });

  it('gives no date for an unreadable Date header instead of the parse time', async () => {
    const parsed = await parseEmail(mail(['Date: (invalid)', 'Subject: s'], 'x'));
    expect(parsed.date).toBeNull();
  });
});

describe('parseEmail content', () => {
  it('reads the headers a report needs', async () => {
    const raw = mail(
      [
        'From: "Alice Example" <alice@example.org>',
        'To: cert@example.net, "Group": bob@example.net, carol@example.net;',
        'Cc: dave@example.net',
        'Reply-To: replies@example.org',
        'Subject: =?UTF-8?B?UGhpc2hpbmcgw6AgbGEgY2FydGU=?=',
        'Message-ID: <abc@Example.ORG>',
        'In-Reply-To: <parent@example.net>',
        'References: <root@example.net> <parent@example.net>',
        'Date: Tue, 19 Jan 2016 14:32:40 -0500 (EST)',
      ],
      'hello',
    );
    expect(await parseEmail(raw)).toMatchObject({
      messageId: '<abc@Example.ORG>',
      inReplyTo: '<parent@example.net>',
      references: ['<root@example.net>', '<parent@example.net>'],
      subject: 'Phishing à la carte',
      from: { name: 'Alice Example', address: 'alice@example.org' },
      replyTo: ['replies@example.org'],
      to: ['cert@example.net', 'bob@example.net', 'carol@example.net'],
      cc: ['dave@example.net'],
      date: '2016-01-19T19:32:40.000Z',
      text: 'hello',
    });
  });

  it('derives the text of an HTML-only mail and keeps the link targets', async () => {
    const html =
      '<html><body><p>Your account is <b>locked</b>.</p><a href="https://login.evil.example/x?a=1&amp;b=2">Unlock</a></body></html>';
    const raw = mail(
      ['From: a@example.org', 'Content-Type: multipart/mixed; boundary=m'],
      `--m\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n--m--\r\n`,
    );
    const parsed = await parseEmail(raw);
    expect(parsed.text).toContain('Your account is locked');
    expect(parsed.text).toContain('https://login.evil.example/x?a=1&b=2');
    expect(parsed.links).toEqual(['https://login.evil.example/x?a=1&b=2']);
  });

  // Phishing mail lays its text out in tables; html-to-text glued one cell's text to the next.
  it.each([
    ['HTML only', ['Content-Type: text/html; charset=utf-8'], (html: string) => html],
    [
      'HTML in a multipart without plain text',
      ['Content-Type: multipart/mixed; boundary=m'],
      (html: string) =>
        `--m\r\nContent-Type: multipart/related; boundary=r\r\n\r\n--r\r\nContent-Type: text/html; charset=utf-8\r\n` +
        `Content-Transfer-Encoding: base64\r\n\r\n${Buffer.from(html).toString('base64')}\r\n--r--\r\n--m--\r\n`,
    ],
  ])('keeps the cells of a layout table apart: %s', async (_name, headers, body) => {
    const html =
      '<table><tr><td>IP address: <b>203.0.113.77</b></td></tr><tr><td><a href="https://x.example/">Report</a></td>' +
      '<td>the user</td></tr></table>';
    const parsed = await parseEmail(mail(['From: a@example.org', ...headers], body(html)));
    expect(parsed.text).toMatch(/IP address: 203\.0\.113\.77\s+Report \[https:\/\/x\.example\/\] the user/);
    expect(parsed.links).toEqual(['https://x.example/']);
  });

  // HTML5 reopens the body for content after </body> or </html>; html-to-text dropped it.
  it('keeps the footer and pixel spam appends after </html>', async () => {
    const html =
      '<html><body><p>Buy now</p></body></html>\r\n<center>click <a href="http://unsub.example/u">here</a> ' +
      'to leave<img src="http://pixel.example/p.gif"></center>';
    const parsed = await parseEmail(
      mail(['From: a@example.org', 'Content-Type: text/html; charset=utf-8'], html),
    );
    expect(parsed.text).toContain('Buy now');
    expect(parsed.text).toContain('click here [http://unsub.example/u] to leave');
    expect(parsed.text).toContain('http://pixel.example/p.gif');
  });

  it('keeps a second HTML document pasted after the first apart from it', async () => {
    const html =
      '<html><body>Hello evil.example</body></html><html><head><style>p{}</style></head>' +
      '<body>Click <a href="http://b.example/x">here</a></body></html>';
    const parsed = await parseEmail(
      mail(['From: a@example.org', 'Content-Type: text/html; charset=utf-8'], html),
    );
    expect(parsed.text).toMatch(/Hello evil\.example\s+Click here \[http:\/\/b\.example\/x\]/);
  });

  it('keeps the text of a report part beside an HTML part that has no plain alternative', async () => {
    const raw = mail(
      [
        'From: mailer-daemon@example.org',
        'Content-Type: multipart/report; report-type=delivery-status; boundary=d',
      ],
      '--d\r\nContent-Type: text/html\r\n\r\n<p>Delivery to <b>x@example.net</b> failed</p>\r\n' +
        '--d\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n' +
        'Final-Recipient: rfc822; x@example.net\r\nAction: failed\r\n--d--\r\n',
    );
    const parsed = await parseEmail(raw);
    expect(parsed.text).toContain('Delivery to x@example.net failed');
    expect(parsed.text).toContain('Final-Recipient: rfc822; x@example.net');
  });

  it('folds an attached message into the text, with its attachments', async () => {
    const inner =
      head([
        'From: "Bank" <security@bank.example>',
        'Subject: Verify your account',
        'Content-Type: multipart/mixed; boundary=i',
      ]) +
      '--i\r\nContent-Type: text/plain\r\n\r\nGo to http://bank.evil.example/login\r\n' +
      '--i\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="invoice.pdf"\r\n' +
      'Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--i--\r\n';
    const raw = mail(
      ['From: user@example.org', 'Subject: Fwd: phishing', 'Content-Type: multipart/mixed; boundary=o'],
      '--o\r\nContent-Type: text/plain\r\n\r\nPlease look at this.\r\n' +
        `--o\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(inner).toString('base64')}\r\n--o--\r\n`,
    );
    const parsed = await parseEmail(raw);
    expect(parsed.text).toContain('Please look at this.');
    expect(parsed.text).toContain('Subject: Verify your account');
    expect(parsed.text).toContain('From: "Bank" <security@bank.example>');
    expect(parsed.text).toContain('http://bank.evil.example/login');
    expect(parsed.embedded).toMatchObject([{ level: 1, subject: 'Verify your account' }]);
    expect(parsed.attachments.map((a) => a.contentType)).toEqual(['message/rfc822', 'application/pdf']);
    expect(parsed.attachments[1]).toMatchObject({
      filename: 'invoice.pdf',
      size: 9,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('marks only the second part of a multipart/signed, of its protocol, as its signature', async () => {
    const sig = (name: string) =>
      `Content-Type: application/pgp-signature; name="${name}"${CRLF}${CRLF}-----BEGIN PGP SIGNATURE-----${CRLF}`;
    const raw = mail(
      ['From: a@example.org', 'Content-Type: multipart/mixed; boundary=m'],
      `--m${CRLF}Content-Type: multipart/signed; protocol="Application/PGP-Signature"; boundary=s${CRLF}${CRLF}` +
        `--s${CRLF}Content-Type: text/plain${CRLF}${CRLF}Signed.${CRLF}--s${CRLF}${sig('signature.asc')}--s--${CRLF}` +
        `--m${CRLF}${sig('lure.asc')}--m--${CRLF}`,
    );
    const parsed = await parseEmail(raw);
    expect(parsed.attachments.map((a) => [a.filename, a.signature])).toEqual([
      ['signature.asc', true],
      ['lure.asc', false],
    ]);
  });

  it('reads text/rfc822-headers as the headers of a message', async () => {
    const raw = mail(
      ['Subject: bounce', 'Content-Type: multipart/mixed; boundary=r'],
      '--r\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: x@example.org\r\nSubject: original\r\nMessage-ID: <o@example.org>\r\n\r\n--r--\r\n',
    );
    const parsed = await parseEmail(raw);
    expect(parsed.embedded).toMatchObject([{ subject: 'original', messageId: '<o@example.org>' }]);
  });
});

describe('parseMailDate', () => {
  it.each([
    ['Tue, 19 Jan 2016 14:32:40 -0500 (EST)', '2016-01-19T19:32:40.000Z'],
    ['Wed, 7 Oct 2015 16:24:04 UT', '2015-10-07T16:24:04.000Z'],
    ['Tue, 19 Jan 2016 14:32:49 EST', '2016-01-19T19:32:49.000Z'],
    ['Tue, 19 Jan 2016 14:32:34', '2016-01-19T14:32:34.000Z'],
    ['4 Aug 15 11:01 +0200', '2015-08-04T09:01:00.000Z'],
    ['Sat, 01 Jun 2024 07:11:01 +0000-62495-238', '2024-06-01T07:11:01.000Z'],
    ['2015-10-07T16:18:18+00:00', '2015-10-07T16:18:18.000Z'],
  ])('reads %s', (text, iso) => expect(parseMailDate(text)).toBe(iso));

  it.each(['(invalid)', '', '31 Feb 2020 10:00:00 +0000', 'yesterday', 'Mon, 1 Foo 2020 10:00 +0000'])(
    'refuses %s',
    (text) => expect(parseMailDate(text)).toBeNull(),
  );
});
