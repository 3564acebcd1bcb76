import { CLOSING_CUSTODY_ACTIONS, type CustodyAction } from '#contracts/evidence.ts';
import type { OpenEvidence, OpenTask } from '#contracts/closure.ts';
import type { TaskStatus } from '#contracts/tasks.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { PartyRow } from './incident-closure.rules.ts';

const FINISHED_TASKS: TaskStatus[] = ['done', 'verified', 'cancelled'];

/** Reads for the closure check and for the parties to inform; the caller has checked scope. */
export function createClosureStore() {
  async function openTasks(q: Queryable, incidentId: string): Promise<OpenTask[]> {
    const rows = await q
      .selectFrom('tasks')
      .select(['id', 'title', 'status'])
      .where('incident_id', '=', incidentId)
      .where('status', 'not in', FINISHED_TASKS)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({ id: r.id, title: r.title, status: r.status as TaskStatus }));
  }

  /** Items whose last custody entry that hands the item on or closes it is not a closing one. */
  async function openEvidence(q: Queryable, incidentId: string): Promise<OpenEvidence[]> {
    const items = await q
      .selectFrom('evidence_items')
      .select(['id', 'filename'])
      .where('incident_id', '=', incidentId)
      .orderBy('created_at')
      .execute();
    if (!items.length) return [];
    const moves: CustodyAction[] = ['acquired', 'transferred', ...CLOSING_CUSTODY_ACTIONS];
    const entries = await q
      .selectFrom('evidence_custody')
      .select(['evidence_id', 'seq', 'action'])
      .where(
        'evidence_id',
        'in',
        items.map((i) => i.id),
      )
      .where('action', 'in', moves)
      .orderBy('seq')
      .execute();
    const last = new Map<string, string>();
    for (const e of entries) last.set(e.evidence_id, e.action);
    const closing: readonly string[] = CLOSING_CUSTODY_ACTIONS;
    return items
      .map((i) => ({ id: i.id, filename: i.filename, lastAction: last.get(i.id) ?? 'acquired' }))
      .filter((i) => !closing.includes(i.lastAction));
  }

  /** Everyone involved, in order of preference: contacts, reporters, task parties, correspondents. */
  async function parties(
    q: Queryable,
    incident: { id: string; constituencyId: string | null },
  ): Promise<PartyRow[]> {
    const contacts = incident.constituencyId
      ? await q
          .selectFrom('constituency_contacts')
          .select(['name', 'email', 'audience', 'pgp_key'])
          .where('constituency_id', '=', incident.constituencyId)
          .orderBy('position')
          .execute()
      : [];
    const reporters = await q
      .selectFrom('incident_reports')
      .innerJoin('reports', 'reports.id', 'incident_reports.report_id')
      .select(['reports.reporter_name as name', 'reports.reporter_contact as contact'])
      .where('incident_reports.incident_id', '=', incident.id)
      .orderBy('reports.received_at')
      .execute();
    const tasks = await q
      .selectFrom('tasks')
      .select(['party_kind', 'party_name'])
      .where('incident_id', '=', incident.id)
      .orderBy('created_at')
      .execute();
    const sent = await q
      .selectFrom('communications')
      .select(['to_addresses'])
      .where('incident_id', '=', incident.id)
      .where('direction', '=', 'outbound')
      .where('automated', '=', 0)
      .orderBy('at')
      .execute();
    return [
      ...contacts.map((c) => ({
        source: 'constituency_contact' as const,
        name: c.name,
        text: c.email,
        audience: c.audience,
        pgpKey: c.pgp_key,
      })),
      ...reporters.map((r) => ({ source: 'reporter' as const, name: r.name, text: r.contact })),
      ...tasks.map((t) => ({
        source: 'task_party' as const,
        name: t.party_name,
        text: t.party_name,
        partyKind: t.party_kind,
      })),
      ...sent.flatMap((c) =>
        (JSON.parse(c.to_addresses) as string[]).map((a) => ({
          source: 'communication' as const,
          name: '',
          text: a,
        })),
      ),
    ];
  }

  /** `Phishing (Fraud)` for a taxonomy type id, as the templates' `incident.type` reads. */
  async function typeLabel(q: Queryable, typeId: string): Promise<string | undefined> {
    const row = await q
      .selectFrom('taxonomy_types')
      .select(['type_label', 'class_label'])
      .where('id', '=', typeId)
      .executeTakeFirst();
    return row && `${row.type_label} (${row.class_label})`;
  }

  return { openTasks, openEvidence, parties, typeLabel };
}

export type ClosureStore = ReturnType<typeof createClosureStore>;
