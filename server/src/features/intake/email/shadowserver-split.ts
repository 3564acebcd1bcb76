import type { SentObservable } from '#contracts/reports.ts';
import type { ConstituencyService } from '../../constituencies/index.ts';
import type { EmailDraft } from './email-report.rules.ts';
import type { ShadowserverFile, ShadowserverRow } from './shadowserver.rules.ts';

const BODY_MAX = 1_000_000;
const OBSERVABLES_MAX = 1000;

interface Group {
  constituencyId: string | null;
  rows: { file: ShadowserverFile; row: ShadowserverRow }[];
}

/**
 * One report per constituency named by a Shadowserver mail's rows (and one for rows naming none),
 * so each constituency's handlers see their own addresses. Each keeps the whole mail as its raw.
 */
export async function splitByConstituency(
  draft: EmailDraft,
  constituencies: Pick<ConstituencyService, 'matchObservables'>,
): Promise<EmailDraft[]> {
  const files = draft.shadowserverRows ?? [];
  const groups = new Map<string | null, Group>();
  for (const file of files)
    for (const row of file.rows) {
      const match = await constituencies.matchObservables(row.observables);
      const id = match?.constituencyId ?? null;
      const group = groups.get(id) ?? { constituencyId: id, rows: [] };
      group.rows.push({ file, row });
      groups.set(id, group);
    }
  if (groups.size === 0) return [draft];
  return [...groups.values()].map((g) => draftFor(draft, g, groups.size));
}

function draftFor(draft: EmailDraft, group: Group, count: number): EmailDraft {
  const observables = distinct(group.rows.flatMap((r) => r.row.observables));
  const warnings = [...draft.warnings];
  if (observables.length > OBSERVABLES_MAX)
    warnings.push(`${observables.length} observables in the rows; the first ${OBSERVABLES_MAX} are listed`);
  const byFile = new Map<ShadowserverFile, string[]>();
  for (const { file, row } of group.rows) byFile.set(file, [...(byFile.get(file) ?? []), row.raw]);
  const tables = [...byFile].map(
    ([file, lines]) =>
      `----- ${file.filename}: ${lines.length} rows -----\n${file.columns.join(',')}\n${lines.join('\n')}`,
  );
  const intro = `${group.rows.length} of the mail's rows ${group.constituencyId ? 'name this constituency' : 'name no known constituency'}.`;
  const body = [intro, ...tables].join('\n\n');
  if (body.length > BODY_MAX) warnings.push(`the rows are longer than ${BODY_MAX} characters and were cut`);
  const suffix = count > 1 ? ` (${group.rows.length} rows)` : '';
  return {
    input: {
      ...draft.input,
      title: `${draft.input.title}${suffix}`.slice(0, 300),
      body: body.slice(0, BODY_MAX),
      sourceRef: `${draft.input.sourceRef ?? ''}#${group.constituencyId ?? 'none'}`.slice(0, 200),
      observables: observables.slice(0, OBSERVABLES_MAX),
    },
    attachments: draft.attachments,
    warnings,
  };
}

function distinct(items: SentObservable[]): SentObservable[] {
  const seen = new Map<string, SentObservable>();
  for (const o of items) seen.set(`${o.type}:${o.value}`, o);
  return [...seen.values()];
}
