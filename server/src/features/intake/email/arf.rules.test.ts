import { describe, expect, it } from 'vitest';
import { abuseDomains, declaresArf, parseArf, reportFields } from './arf.rules.ts';
import { parseEmail } from './email-message.rules.ts';

/** An ARF report as RFC 5965 §3 lays it out, with the reported message as the third part. */
function arfMail(third: string, feedback: string[]): Buffer {
  return Buffer.from(
    [
      'From: <abusedesk@isp.example>',
      'To: <abuse@cert.example>',
      'Subject: FW: Earn money',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=feedback-report; boundary="part1_13d.2e68ed54_boundary"',
      '',
      '--part1_13d.2e68ed54_boundary',
      'Content-Type: text/plain; charset="US-ASCII"',
      '',
      'This is an email abuse report for an email message received from IP 192.0.2.1.',
      '',
      '--part1_13d.2e68ed54_boundary',
      'Content-Type: message/feedback-report',
      '',
      ...feedback,
      '',
      '--part1_13d.2e68ed54_boundary',
      third,
      '--part1_13d.2e68ed54_boundary--',
      '',
    ].join('\r\n'),
  );
}

const ORIGINAL = [
  'Content-Type: message/rfc822',
  'Content-Disposition: inline',
  '',
  'From: <somespammer@example.net>',
  'Received: from mailserver.example.net (mailserver.example.net [192.0.2.1])',
  '        by example.com with ESMTP id M63d4137594e46;',
  '        Thu, 08 Mar 2005 14:00:00 -0400',
  'To: <Undisclosed Recipients>',
  'Subject: Earn money',
  'MIME-Version: 1.0',
  'Content-type: text/plain',
  'Message-ID: 8787KJKJ3K4J3K4J3K4J3.mail@example.net',
  'Date: Thu, 02 Sep 2004 12:31:03 -0500',
  '',
  'Spam Spam Spam at http://spam.example.net/buy',
  '',
].join('\r\n');

const FEEDBACK = [
  'Feedback-Type: abuse',
  'User-Agent: SomeGenerator/1.0',
  'Version: 1',
  'Original-Mail-From: <somespammer@example.net>',
  'Original-Rcpt-To: <user@example.com>',
  'Arrival-Date: Thu, 8 Mar 2005 14:00:00 EDT',
  'Reporting-MTA: dns; mail.example.com',
  'Source-IP: 192.0.2.1',
  'Authentication-Results: mail.example.com;',
  '               spf=fail smtp.mail=somespammer@example.com',
  'Reported-Domain: example.net',
  'Reported-Domain: spam.example.net',
  'Reported-URI: http://spam.example.net/buy',
  'Removal-Recipient: user@example.com',
];

describe('parseArf', () => {
  it('reads the feedback report and the reported message (RFC 5965)', async () => {
    const parsed = await parseEmail(arfMail(ORIGINAL, FEEDBACK));
    expect(declaresArf(parsed)).toBe(true);
    expect(parseArf(parsed)).toMatchObject({
      feedbackType: 'abuse',
      userAgent: 'SomeGenerator/1.0',
      sourceIp: '192.0.2.1',
      reportedDomains: ['example.net', 'spam.example.net'],
      reportedUris: ['http://spam.example.net/buy'],
      arrivalDate: '2005-03-08T18:00:00.000Z',
      originalMailFrom: 'somespammer@example.net',
      originalRcptTo: ['user@example.com'],
      fields: { 'authentication-results': ['mail.example.com; spf=fail smtp.mail=somespammer@example.com'] },
      original: { subject: 'Earn money', messageId: '8787KJKJ3K4J3K4J3K4J3.mail@example.net' },
    });
    expect(parsed.text).toContain('http://spam.example.net/buy');
  });

  it('reads the original from text/rfc822-headers, and Received-Date as the arrival', async () => {
    const third =
      'Content-Type: text/rfc822-headers\r\n\r\nFrom: <x@example.net>\r\nSubject: Only headers\r\n';
    const feedback = [
      'Feedback-Type: fraud',
      'Received-Date: Tue, 19 Jan 2016 14:32:40 -0500 (EST)',
      'Source-IP: [2001:db8::5]',
    ];
    const report = parseArf(await parseEmail(arfMail(third, feedback)));
    expect(report).toMatchObject({
      feedbackType: 'fraud',
      sourceIp: '2001:db8::5',
      arrivalDate: '2016-01-19T19:32:40.000Z',
      original: { subject: 'Only headers' },
    });
  });

  it('finds none in a mail without a feedback report', async () => {
    const parsed = await parseEmail(
      Buffer.from('Subject: hi\r\nContent-Type: text/plain\r\n\r\nFeedback-Type: abuse\r\n'),
    );
    expect(parseArf(parsed)).toBeNull();
    expect(declaresArf(parsed)).toBe(false);
  });
});

describe('abuseDomains', () => {
  it.each([
    [['example.net', 'spam.example.net'], ['<user@example.com>'], ['example.net', 'spam.example.net']],
    // Return Path's feedback loops name the complaining provider: the recipient's domain.
    [['cox.net'], ['275b86f6@cox.net'], []],
    [['Example.COM.'], ['user@mail.example.com'], []],
    [['example.org'], [], ['example.org']],
  ])('keeps of %j, sent to %j, %j', (reportedDomains, originalRcptTo, want) => {
    expect(abuseDomains({ reportedDomains, originalRcptTo })).toEqual(want);
  });
});

describe('reportFields', () => {
  it('joins folded lines and keeps repeated fields in order', () => {
    expect(reportFields('A: 1\r\n  more\r\nb: 2\nB: 3\nnot a field\n c: ignored')).toEqual({
      a: ['1 more'],
      b: ['2', '3'],
    });
  });
});
