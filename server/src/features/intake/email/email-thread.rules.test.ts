import { describe, expect, it } from 'vitest';
import { normaliseMessageId, threadHints } from './email-thread.rules.ts';

const hintsOf = (subject: string | null, headers: Record<string, string[]> = {}) =>
  threadHints({ subject, headers });

describe('threadHints', () => {
  it.each<[string, string[]]>([
    ['Re: [FB-2026-00042] Phishing at the helpdesk', ['FB-2026-00042']],
    ['AW: FB-2026-00042 Phishing', ['FB-2026-00042']],
    ['[fb-2026-123456] more than five digits', ['FB-2026-123456']],
    ['Re: [FB-2026-00042] and [FB-2025-00007], again [FB-2026-00042]', ['FB-2026-00042', 'FB-2025-00007']],
    ['[FB-2026-0042] four digits are no key', []],
    ['XFB-2026-00042 or FB-2026-00042X are parts of other words', []],
    ['no key at all', []],
  ])('reads incident keys from %j', (subject, keys) => {
    expect(hintsOf(subject).incidentKeys).toEqual(keys);
  });

  it('reads public report references from the subject', () => {
    expect(hintsOf('Re: Your report R-7HQ2M-K4X9Z was received; r-abcde-fghjk').reportRefs).toEqual([
      'R-7HQ2M-K4X9Z',
      'R-ABCDE-FGHJK',
    ]);
    expect(hintsOf('R-ILOU0-00000 uses letters Crockford leaves out').reportRefs).toEqual([]);
  });

  it('lists the answered ids, parent first, then ancestors from the newest', () => {
    const hints = hintsOf('Re: x', {
      'in-reply-to': ['<parent@Example.ORG>'],
      references: ['<root@example.org> <middle@example.org>\t<parent@example.org>'],
    });
    expect(hints.messageIds).toEqual(['parent@example.org', 'middle@example.org', 'root@example.org']);
  });

  it('reads ids without angle brackets and caps their number', () => {
    expect(hintsOf(null, { 'in-reply-to': ['bare@example.org'] }).messageIds).toEqual(['bare@example.org']);
    const many = Array.from({ length: 500 }, (_, i) => `<id${i}@example.org>`).join(' ');
    expect(hintsOf(null, { references: [many] }).messageIds).toHaveLength(100);
  });

  it('copes with a mail without subject or references', () => {
    expect(hintsOf(null)).toEqual({ incidentKeys: [], reportRefs: [], messageIds: [] });
  });
});

describe('normaliseMessageId', () => {
  it.each([
    ['<Abc.DEF@Mail.Example.ORG>', 'Abc.DEF@mail.example.org'],
    ['  <x@y.example>  ', 'x@y.example'],
    ['x@y.example', 'x@y.example'],
    ['<local@part@Host.Example>', 'local@part@host.example'],
    ['<no-at-sign>', 'no-at-sign'],
  ])('writes %j as %j', (id, normal) => expect(normaliseMessageId(id)).toBe(normal));
});
