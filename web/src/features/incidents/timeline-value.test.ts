import { describe, expect, it } from 'vitest';
import { formatChangeValue, kindLabel } from './timeline-value.ts';

describe('timeline values', () => {
  it.each([
    [null, 'none'],
    [undefined, 'none'],
    ['response', 'response'],
    [3, '3'],
    [{ priority: 'P2', reason: 'test system only' }, 'P2 (test system only)'],
    [{ severity: 'high', constituency: null }, 'severity: high, constituency: none'],
    [['a', 'b'], 'a, b'],
  ])('%j → %s', (value, text) => {
    expect(formatChangeValue(value)).toBe(text);
  });

  it('clips long text', () => {
    expect(formatChangeValue('x'.repeat(500))).toHaveLength(198);
  });

  it('reads kinds as words', () => {
    expect(kindLabel('priority_overridden')).toBe('priority overridden');
  });
});
