import { describe, expect, it } from 'vitest';
import { automation } from './email-automation.rules.ts';
import type { EmailHeaders } from './email-text.rules.ts';

const headers = (entries: [string, string][]): { headers: EmailHeaders } => {
  const out: EmailHeaders = {};
  for (const [name, value] of entries) (out[name] ??= []).push(value);
  return { headers: out };
};

describe('automation', () => {
  it.each<[string, [string, string][], string]>([
    ['an auto-reply (RFC 3834)', [['auto-submitted', 'auto-replied']], 'Auto-Submitted: auto-replied'],
    [
      'generated mail with a comment',
      [['auto-submitted', 'auto-generated (report)']],
      'Auto-Submitted: auto-generated',
    ],
    ['bulk mail', [['precedence', 'bulk']], 'Precedence: bulk'],
    ['junk', [['precedence', 'Junk']], 'Precedence: junk'],
    ['a list', [['precedence', 'list']], 'Precedence: list'],
    ['a list id', [['list-id', '<team.lists.example.org>']], 'List-Id'],
    ['an unsubscribe link', [['list-unsubscribe', '<mailto:leave@example.org>']], 'List-Unsubscribe'],
    ['Exchange suppression', [['x-auto-response-suppress', 'All']], 'X-Auto-Response-Suppress: All'],
    ['a null reverse path', [['return-path', '<>']], 'null Return-Path'],
    ['an empty reverse path', [['return-path', '']], 'null Return-Path'],
    [
      'a mailer-daemon',
      [['from', 'Mail Delivery System <MAILER-DAEMON@mx.example.org>']],
      'From is a mail system',
    ],
    ['a bare mailer-daemon', [['from', 'MAILER-DAEMON']], 'From is a mail system'],
    ['a postmaster sender', [['sender', 'postmaster@example.org']], 'Sender is a mail system'],
    [
      'a bounce (RFC 3464)',
      [['content-type', 'multipart/report; report-type=delivery-status; boundary="x"']],
      'multipart/report of type delivery-status',
    ],
    [
      'a read receipt (RFC 8098)',
      [['content-type', 'multipart/report; report-type="disposition-notification"']],
      'multipart/report of type disposition-notification',
    ],
    ['X-Autoreply', [['x-autoreply', 'yes']], 'X-Autoreply'],
    ['X-Autorespond', [['x-autorespond', 'Out of office']], 'X-Autorespond'],
  ])('flags %s', (_name, entries, reason) => {
    expect(automation(headers(entries))).toEqual({ automated: true, reasons: [reason] });
  });

  it.each<[string, [string, string][]]>([
    [
      'a plain mail',
      [
        ['from', 'Alice <alice@example.org>'],
        ['return-path', '<alice@example.org>'],
      ],
    ],
    ['Auto-Submitted: no', [['auto-submitted', 'no']]],
    ['a first-class precedence', [['precedence', 'first-class']]],
    ['suppression of nothing', [['x-auto-response-suppress', 'None']]],
    ['a postmaster named in the text only', [['from', 'Post Master Fan <fan@example.org>']]],
    ['an abuse report (ARF)', [['content-type', 'multipart/report; report-type=feedback-report']]],
    ['no headers at all', []],
  ])('lets %s through', (_name, entries) => {
    expect(automation(headers(entries))).toEqual({ automated: false, reasons: [] });
  });

  it('names every sign found', () => {
    const found = automation(
      headers([
        ['auto-submitted', 'auto-replied'],
        ['precedence', 'bulk'],
        ['return-path', '<>'],
      ]),
    );
    expect(found.reasons).toEqual(['Auto-Submitted: auto-replied', 'Precedence: bulk', 'null Return-Path']);
  });
});
