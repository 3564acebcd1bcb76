import type { Highlight } from '#contracts/search.ts';

const WORD = /[\p{L}\p{N}]+/gu;
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The words of a query as the index folds them (diacritics removed, lower case). */
export function queryTerms(query: string): string[] {
  return [...new Set((fold(query).match(WORD) ?? []).slice(0, 12))];
}

/**
 * A window of `text` around the first word matching a term (prefix match, as the index matches),
 * with the matching words' offsets in the window. Offsets, never markup: the client marks them, so
 * text from reports and mails cannot inject HTML.
 */
export function snippetOf(
  text: string,
  terms: string[],
  width = 180,
): { snippet: string; highlights: Highlight[] } {
  const flat = text.replace(/\s+/g, ' ').trim();
  const words = [...flat.matchAll(WORD)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    w: m[0],
  }));
  const hits = words.filter((w) => terms.some((t) => fold(w.w).startsWith(t)));
  const first = hits[0]?.start ?? 0;
  let start = Math.max(0, first - Math.floor(width / 4));
  // Start on a word boundary so the window does not open mid-word.
  if (start > 0) start = words.find((w) => w.start >= start)?.start ?? start;
  const end = Math.min(flat.length, start + width);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < flat.length ? '…' : '';
  const highlights = hits
    .filter((h) => h.start >= start && h.end <= end)
    .map((h) => ({ start: h.start - start + prefix.length, end: h.end - start + prefix.length }));
  return { snippet: `${prefix}${flat.slice(start, end)}${suffix}`, highlights };
}

/** Whether a query should also be answered as an observable: one token, no spaces. */
export const looksLikeOneToken = (q: string) => q.trim().length > 0 && !/\s/.test(q.trim());
