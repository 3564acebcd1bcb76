import { describe, expect, it } from 'vitest';
import { looksLikeOneToken, queryTerms, snippetOf } from './search.rules.ts';

const marked = (r: { snippet: string; highlights: { start: number; end: number }[] }) =>
  r.highlights.map((h) => r.snippet.slice(h.start, h.end));

describe('search rules', () => {
  it.each([
    ['Ransomware  LOCKBIT', ['ransomware', 'lockbit']],
    ['Café crème', ['cafe', 'creme']],
    ['203.0.113.5', ['203', '0', '113', '5']],
    ['a a a', ['a']],
  ])('folds %j into the index words', (q, terms) => expect(queryTerms(q)).toEqual(terms));

  it('marks every prefix match in the window, by offset', () => {
    const r = snippetOf('Lockbit dropped; the lockbit3 note asked for money', ['lockbit']);
    expect(marked(r)).toEqual(['Lockbit', 'lockbit3']);
  });

  it('centres a long text on the first match and marks the cut', () => {
    const text = `${'filler '.repeat(100)}the zanzibarite host ${'tail '.repeat(100)}`;
    const r = snippetOf(text, ['zanzibar'], 80);
    expect(r.snippet.startsWith('…')).toBe(true);
    expect(r.snippet.endsWith('…')).toBe(true);
    expect(marked(r)).toEqual(['zanzibarite']);
  });

  it('matches across diacritics as the index does, and keeps markup as text', () => {
    const r = snippetOf('<b>Crème</b> brûlée', ['creme']);
    expect(r.snippet).toBe('<b>Crème</b> brûlée');
    expect(marked(r)).toEqual(['Crème']);
  });

  it.each([
    ['203.0.113.5', true],
    [' evil.example ', true],
    ['two words', false],
    ['', false],
  ])('reads %j as one token: %s', (q, one) => expect(looksLikeOneToken(q)).toBe(one));
});
