import { formatBytes } from '../../lib/bytes.ts';

export interface AttachmentLimits {
  maxAttachments: number;
  maxTotalBytes: number;
}

/** Why the chosen files cannot be sent, or null: checked here so nobody uploads 10 MB to be told so. */
export function attachmentProblem(files: { size: number }[], limits: AttachmentLimits): string | null {
  if (files.length > limits.maxAttachments)
    return `Attach at most ${limits.maxAttachments} ${limits.maxAttachments === 1 ? 'file' : 'files'}.`;
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > limits.maxTotalBytes)
    return `The files come to ${formatBytes(total)}; at most ${formatBytes(limits.maxTotalBytes)} in total.`;
  if (files.some((f) => f.size === 0)) return 'An empty file cannot be attached.';
  return null;
}
