import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './content-disposition.ts';

describe('Content-Disposition for downloads', () => {
  it.each([
    ['report.pdf', `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`],
    ['a "b";c.txt', `attachment; filename="a _b__c.txt"; filename*=UTF-8''a%20%22b%22%3Bc.txt`],
    [
      'Prüfung (1).eml',
      `attachment; filename="Pr_fung (1).eml"; filename*=UTF-8''Pr%C3%BCfung%20%281%29.eml`,
    ],
    [
      'x\r\nSet-Cookie: a=b',
      `attachment; filename="x__Set-Cookie: a=b"; filename*=UTF-8''x%0D%0ASet-Cookie%3A%20a%3Db`,
    ],
    ['\ud800', `attachment; filename="_"; filename*=UTF-8''%EF%BF%BD`],
  ])('stays one safe header for %j', (name, expected) => {
    expect(attachmentDisposition(name)).toBe(expected);
  });
});
