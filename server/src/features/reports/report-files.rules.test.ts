import { describe, expect, it } from 'vitest';
import { cleanContentType, cleanFilename, rawFilename } from './report-files.rules.ts';
import { formatPublicRef } from './report-ref.rules.ts';

describe('report file rules', () => {
  it.each([
    ['invoice.pdf', 'invoice.pdf'],
    ['C:\\Users\\x\\evil.exe', 'evil.exe'],
    ['../../etc/passwd', 'passwd'],
    ['invoice\u202efdp.exe', 'invoicefdp.exe'],
    ['line\r\nbreak.txt', 'linebreak.txt'],
    ['  ', 'attachment'],
    ['..', 'attachment'],
    ['\ud800lone.txt', '\ufffdlone.txt'],
    [`${'a'.repeat(300)}.docx`, `${'a'.repeat(195)}.docx`],
  ])('cleans the file name %j', (name, expected) => {
    expect(cleanFilename(name)).toBe(expected);
  });

  it.each([
    ['application/pdf', 'application/pdf'],
    ['Text/Plain; charset=UTF-8', 'text/plain; charset=utf-8'],
    ['text/html\r\nSet-Cookie: x=1', 'application/octet-stream'],
    ['', 'application/octet-stream'],
    ['nonsense', 'application/octet-stream'],
  ])('keeps only well-formed media types: %j', (type, expected) => {
    expect(cleanContentType(type)).toBe(expected);
  });

  it.each([
    ['message/rfc822', 'raw.eml'],
    ['application/json', 'raw.json'],
    ['text/plain; charset=utf-8', 'raw.txt'],
    ['application/octet-stream', 'raw.bin'],
  ])('names a raw submission of type %s', (type, expected) => {
    expect(rawFilename(type)).toBe(expected);
  });

  it('formats public references from 50 random bits, without ambiguous letters', () => {
    expect(formatPublicRef(Buffer.alloc(8))).toBe('R-00000-00000');
    expect(formatPublicRef(Buffer.alloc(8, 0xff))).toBe('R-ZZZZZ-ZZZZZ');
    expect(formatPublicRef(Buffer.from('0123456789abcdef', 'hex'))).toMatch(
      /^R-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/,
    );
  });
});
