import { describe, expect, it } from 'vitest';
import { matchShortcut } from './use-keyboard-shortcuts.ts';

const key = (k: string, extra: Partial<Parameters<typeof matchShortcut>[1]> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  isComposing: false,
  defaultPrevented: false,
  ...extra,
});

describe('matchShortcut', () => {
  const shortcuts = [
    { keys: ['j', 'ArrowDown'], id: 'down' },
    { keys: ['?'], id: 'help' },
  ];

  it('finds the shortcut by any of its keys', () => {
    expect(matchShortcut(shortcuts, key('ArrowDown'))?.id).toBe('down');
    expect(matchShortcut(shortcuts, key('?'))?.id).toBe('help');
    expect(matchShortcut(shortcuts, key('x'))).toBeNull();
  });

  it('leaves modified keys, composition and handled events alone', () => {
    expect(matchShortcut(shortcuts, key('j', { ctrlKey: true }))).toBeNull();
    expect(matchShortcut(shortcuts, key('j', { metaKey: true }))).toBeNull();
    expect(matchShortcut(shortcuts, key('j', { altKey: true }))).toBeNull();
    expect(matchShortcut(shortcuts, key('j', { isComposing: true }))).toBeNull();
    expect(matchShortcut(shortcuts, key('j', { defaultPrevented: true }))).toBeNull();
  });
});
