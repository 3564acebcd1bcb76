const clip = (s: string) => (s.length > 200 ? `${s.slice(0, 197)}…` : s);

/** A before or after value of a timeline entry as one line of text. */
export function formatChangeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'string') return clip(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return clip(value.map(formatChangeValue).join(', '));
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.priority === 'string' && typeof o.reason === 'string')
      return clip(`${o.priority} (${o.reason})`);
    return clip(
      Object.entries(o)
        .map(([k, v]) => `${k}: ${formatChangeValue(v)}`)
        .join(', '),
    );
  }
  return 'none';
}

/** `phase_changed` → `phase changed`. */
export const kindLabel = (kind: string) => kind.replace(/_/g, ' ');
