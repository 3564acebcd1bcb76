import { describe, expect, it } from 'vitest';
import { changedElsewhere, rememberOwnVersion, versionToSend } from './incident-versions.ts';

const at = (version: number, key = 'FB-2026-00001') => ({ key, version });

describe('which version an edit is sent with', () => {
  it('sends the version the input was made on when nothing changed', () => {
    expect(versionToSend(at(3), at(3))).toBe(3);
    expect(changedElsewhere(at(3), at(3))).toBe(false);
  });

  it('keeps the old version when a colleague changed it, so the server refuses the overwrite', () => {
    const mine = new Set([4]);
    expect(versionToSend(at(3), at(5), (v) => mine.has(v))).toBe(3);
    expect(changedElsewhere(at(3), at(5), (v) => mine.has(v))).toBe(true);
  });

  it('moves on to the newest version when every change since was the user’s own', () => {
    const mine = new Set([4, 5]);
    expect(versionToSend(at(3), at(5), (v) => mine.has(v))).toBe(5);
    expect(changedElsewhere(at(3), at(5), (v) => mine.has(v))).toBe(false);
  });

  it('remembers own versions per incident', () => {
    rememberOwnVersion('FB-2026-00007', 2);
    expect(versionToSend(at(1, 'FB-2026-00007'), at(2, 'FB-2026-00007'))).toBe(2);
    expect(versionToSend(at(1, 'FB-2026-00008'), at(2, 'FB-2026-00008'))).toBe(1);
  });
});
