import { describe, expect, it } from 'vitest';
import { defang } from './defang.ts';

describe('defang', () => {
  it.each([
    ['https://evil.example/login', 'hxxps://evil[.]example/login'],
    ['user@evil.example', 'user[@]evil[.]example'],
    ['198.51.100.7', '198[.]51[.]100[.]7'],
    ['2001:db8::1', '2001:db8::1'],
  ])('%s → %s', (input, expected) => {
    expect(defang(input)).toBe(expected);
  });
});
