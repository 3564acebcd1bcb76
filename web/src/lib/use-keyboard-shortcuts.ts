import { useEffect, useRef } from 'react';

export interface Shortcut {
  /** `KeyboardEvent.key` values, e.g. `['j', 'ArrowDown']`. */
  keys: string[];
  description: string;
  run: () => void;
}

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing: boolean;
  defaultPrevented: boolean;
}

/** The shortcut a key press means, or null: modified keys and IME composition belong to the browser. */
export function matchShortcut<S extends Pick<Shortcut, 'keys'>>(shortcuts: S[], e: KeyLike): S | null {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return null;
  return shortcuts.find((s) => s.keys.includes(e.key)) ?? null;
}

// Typing a note or picking from a list must never move, close or discard anything.
const TYPING =
  'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"], [role="combobox"], [role="listbox"], [role="menu"], [role="dialog"]';

function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(TYPING) !== null;
}

/**
 * Single-key shortcuts for a page (`j`, `k`, `Enter`…), ignored while the user types in a field, works
 * in a dialog or menu, or holds a modifier. Enter on a focused button or link keeps its own meaning.
 */
export function useKeyboardShortcuts(shortcuts: Shortcut[], enabled = true): void {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target)) return;
      if (e.key === 'Enter' && e.target instanceof Element && e.target.closest('button, a[href]')) return;
      const shortcut = matchShortcut(latest.current, e);
      if (!shortcut) return;
      e.preventDefault();
      shortcut.run();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
