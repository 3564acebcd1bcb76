/**
 * A generated report before it is rendered: the HTML and PDF renderers print the same blocks, so both
 * formats always say the same thing.
 */
export type ReportBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; rows: [string, string][] }
  | { kind: 'table'; columns: string[]; rows: string[][]; widths?: number[] }
  | { kind: 'list'; items: string[] };

export interface ReportDocument {
  title: string;
  subtitle: string;
  /** Printed on every page, e.g. `TLP:AMBER`. */
  marking: string;
  blocks: ReportBlock[];
}

export const tlpMarking = (tlp: string): string => `TLP:${tlp.toUpperCase()}`;

/** `2026-05-04 13:07 UTC`: readable, unambiguous and the same on every server. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export const formatDay = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '—');

/** `snake_case` enum values as words. */
export const words = (value: string | null | undefined): string => (value ? value.replaceAll('_', ' ') : '—');
