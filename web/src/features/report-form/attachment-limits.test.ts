import { describe, expect, it } from 'vitest';
import { attachmentProblem } from './attachment-limits.ts';

const limits = { maxAttachments: 2, maxTotalBytes: 1024 * 1024 };

describe('attachment limits', () => {
  it.each([
    [[], null],
    [[{ size: 10 }, { size: 20 }], null],
    [[{ size: 1 }, { size: 1 }, { size: 1 }], 'Attach at most 2 files.'],
    [[{ size: 800 * 1024 }, { size: 300 * 1024 }], 'The files come to 1.1 MB; at most 1 MB in total.'],
    [[{ size: 0 }], 'An empty file cannot be attached.'],
  ])('%j → %s', (files, expected) => {
    expect(attachmentProblem(files, limits)).toBe(expected);
  });
});
