import type { ClosureCheck, FinalParty, PartySource } from '#contracts/closure.ts';
import type { TemplateAudience } from '#contracts/message-templates.ts';
import type { Analysis } from '#contracts/notes.ts';

/** Someone involved, as stored: `text` may be an address or a name with one in it. */
export interface PartyRow {
  source: PartySource;
  name: string;
  text: string;
  /** Set for constituency contacts. */
  audience?: string;
  pgpKey?: string;
  /** Set for task parties (`isp`, `management`…). */
  partyKind?: string;
}

const ADDRESS = /[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+/;

/** Management reads the descriptive note; reporters too (they are not necessarily technical). */
function audienceOf(row: PartyRow): TemplateAudience {
  if (row.audience === 'technical' || row.audience === 'descriptive') return row.audience;
  if (row.source === 'reporter') return 'descriptive';
  if (row.partyKind === 'management') return 'descriptive';
  return 'technical';
}

/**
 * The parties to inform at closure (ENISA guide 5.1): every address found among those involved, once
 * (case-insensitive), the first source winning; the team's own addresses are left out.
 */
export function suggestParties(rows: PartyRow[], ownAddresses: string[]): FinalParty[] {
  const seen = new Set(ownAddresses.map((a) => a.toLowerCase()));
  const parties: FinalParty[] = [];
  for (const row of rows) {
    const address = ADDRESS.exec(row.text)?.[0];
    if (!address || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    const name = row.name.replace(ADDRESS, '').replace(/[<>]/g, '').trim();
    parties.push({
      address,
      name,
      audience: audienceOf(row),
      source: row.source,
      hasKey: !!row.pgpKey?.includes('BEGIN PGP PUBLIC KEY BLOCK'),
    });
  }
  return parties;
}

export function closureCheck(tasks: ClosureCheck['tasks'], evidence: ClosureCheck['evidence']) {
  return { tasks, evidence, clear: !tasks.length && !evidence.length };
}

/** `2 open tasks and 1 evidence item with open custody`. */
export function openItemsText(check: ClosureCheck): string {
  const parts = [
    check.tasks.length && `${check.tasks.length} open task${check.tasks.length > 1 ? 's' : ''}`,
    check.evidence.length &&
      `${check.evidence.length} evidence item${check.evidence.length > 1 ? 's' : ''} with open custody`,
  ].filter(Boolean);
  return parts.join(' and ');
}

const level = (name: string, v: string | null) => (v ? [`${name} ${v}`] : []);

/** The main findings from the analysis record, for the audience: causes and impact, assets for techies. */
export function findingsText(analysis: Analysis, audience: TemplateAudience): string {
  const lines: string[] = [];
  if (analysis.rootCause.trim()) lines.push(`Root cause: ${analysis.rootCause.trim()}`);
  const i = analysis.impact;
  const cia = [
    ...level('confidentiality', i.confidentiality),
    ...level('integrity', i.integrity),
    ...level('availability', i.availability),
  ];
  if (cia.length) lines.push(`Impact: ${cia.join(', ')}`);
  if (i.business.trim()) lines.push(`Business impact: ${i.business.trim()}`);
  if (audience === 'technical' && analysis.assets.length)
    lines.push(
      'Affected systems:',
      ...analysis.assets.map((a) => `- ${a.name}${a.identifier ? ` (${a.identifier})` : ''}: ${a.state}`),
    );
  return lines.length ? lines.join('\n') : '(no findings recorded)';
}
