import { createHash } from 'node:crypto';
import type { DataKeys } from '../../platform/crypto/data-keys.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { IncidentTombstonesTable } from '../../platform/db/schema.ts';
import type { SearchIndex } from '../../platform/search/search-index.ts';
import { refreshIncidentFacts } from '../incidents/index.ts';

/** Search document kinds that may refer to an incident's content (features index them by row id). */
const SEARCH_KINDS = ['incident', 'report', 'note', 'task', 'communication', 'observable', 'evidence'];
const DESTROYED_TITLE = 'Destroyed under the retention policy';

export interface Destruction {
  tombstone: IncidentTombstonesTable;
  /** Blob folders of the shredded keys, removed after commit (unreadable already). */
  keyIds: string[];
  /** Report and message files under shared monthly keys: removed after commit unless another row needs them. */
  blobs: { keyId: string; sha256: string }[];
}

const canonical = (value: unknown) => JSON.stringify(value);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Deletes an incident's content inside `tx` and shreds its data keys; returns the tombstone to keep.
 * The incident row stays as a husk (key, classification, dates) so links and the audit trail still resolve.
 */
export async function destroyIncidentContent(
  tx: Tx,
  deps: { keys: DataKeys; search: SearchIndex },
  incidentId: string,
  meta: { at: string; by: string; policyId: string | null; policyName: string },
): Promise<Destruction> {
  const incident = await tx
    .selectFrom('incidents')
    .selectAll()
    .where('id', '=', incidentId)
    .executeTakeFirstOrThrow();
  const timeline = await tx
    .selectFrom('incident_timeline')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('id')
    .execute();
  const notes = await tx
    .selectFrom('incident_notes')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('id')
    .execute();
  const observables = await tx
    .selectFrom('incident_observables')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('id')
    .execute();
  const tasks = await tx
    .selectFrom('tasks')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('id')
    .execute();
  const comms = await tx
    .selectFrom('communications')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('id')
    .execute();
  const analysis = await tx
    .selectFrom('incident_analyses')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .execute();
  const evidence = await tx
    .selectFrom('evidence_items')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('id')
    .execute();
  const classifications = await tx
    .selectFrom('incident_classifications')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('at')
    .execute();

  // Reports linked to no other live (not destroyed) incident go with it.
  const links = await tx
    .selectFrom('incident_reports')
    .select('report_id')
    .where('incident_id', '=', incidentId)
    .execute();
  const reportIds = links.map((l) => l.report_id);
  const shared = reportIds.length
    ? await tx
        .selectFrom('incident_reports as ir')
        .leftJoin('incident_tombstones as t', 't.incident_id', 'ir.incident_id')
        .select('ir.report_id')
        .where('ir.report_id', 'in', reportIds)
        .where('ir.incident_id', '!=', incidentId)
        .where('t.incident_id', 'is', null)
        .execute()
    : [];
  const sharedIds = new Set(shared.map((s) => s.report_id));
  const ownReports = reportIds.filter((id) => !sharedIds.has(id));
  const reports = ownReports.length
    ? await tx
        .selectFrom('reports')
        .select(['id', 'raw_sha256'])
        .where('id', 'in', ownReports)
        .orderBy('id')
        .execute()
    : [];

  // What is destroyed, hashed: a later dispute can be settled against a copy someone kept.
  const content = sha256(
    canonical({ incident, timeline, notes, observables, tasks, comms, analysis, classifications }),
  );
  const taskIds = tasks.map((t) => t.id);
  const commIds = comms.map((c) => c.id);

  if (taskIds.length) {
    await tx.deleteFrom('task_approvals').where('task_id', 'in', taskIds).execute();
    await tx.deleteFrom('task_checks').where('task_id', 'in', taskIds).execute();
  }
  await tx.deleteFrom('task_checks').where('incident_id', '=', incidentId).execute();
  await tx.deleteFrom('tasks').where('incident_id', '=', incidentId).execute();
  await tx.deleteFrom('task_cycles').where('incident_id', '=', incidentId).execute();
  await tx.deleteFrom('incident_notes').where('incident_id', '=', incidentId).execute();
  await tx.deleteFrom('incident_analyses').where('incident_id', '=', incidentId).execute();
  await tx.deleteFrom('incident_observables').where('incident_id', '=', incidentId).execute();
  await tx.deleteFrom('observable_enrichments').where('incident_id', '=', incidentId).execute();
  await tx.deleteFrom('incident_lessons').where('incident_id', '=', incidentId).execute();
  await tx.deleteFrom('incident_follow_ups').where('incident_id', '=', incidentId).execute();
  await tx.deleteFrom('incident_assignees').where('incident_id', '=', incidentId).execute();
  await tx
    .deleteFrom('incident_relations')
    .where((eb) => eb.or([eb('incident_id', '=', incidentId), eb('related_id', '=', incidentId)]))
    .execute();
  const evidenceIds = evidence.map((e) => e.id);
  if (evidenceIds.length)
    await tx.deleteFrom('evidence_custody').where('evidence_id', 'in', evidenceIds).execute();
  await tx.deleteFrom('evidence_items').where('incident_id', '=', incidentId).execute();
  await tx.deleteFrom('mail_message_ids').where('incident_id', '=', incidentId).execute();
  await tx.deleteFrom('communications').where('incident_id', '=', incidentId).execute();
  await tx
    .updateTable('incident_timeline')
    .set({ text: '', change: null })
    .where('incident_id', '=', incidentId)
    .execute();
  await tx
    .updateTable('incident_classifications')
    .set({ note: '' })
    .where('incident_id', '=', incidentId)
    .execute();
  // Its people and the timeline's changes are gone: the dashboard facts follow.
  await refreshIncidentFacts(tx, [incidentId]);
  const blobs: { keyId: string; sha256: string }[] = comms.flatMap((c) =>
    c.raw_key_id && c.raw_sha256 ? [{ keyId: c.raw_key_id, sha256: c.raw_sha256 }] : [],
  );
  if (ownReports.length) {
    const files = await tx
      .selectFrom('report_files')
      .select(['key_id', 'sha256'])
      .where('report_id', 'in', ownReports)
      .execute();
    blobs.push(...files.map((f) => ({ keyId: f.key_id, sha256: f.sha256 })));
    await tx.deleteFrom('report_observables').where('report_id', 'in', ownReports).execute();
    await tx.deleteFrom('report_files').where('report_id', 'in', ownReports).execute();
    await tx.deleteFrom('mail_message_ids').where('report_id', 'in', ownReports).execute();
    const reportComms = await tx
      .selectFrom('communications')
      .select(['id', 'raw_key_id', 'raw_sha256'])
      .where('report_id', 'in', ownReports)
      .execute();
    commIds.push(...reportComms.map((c) => c.id));
    for (const c of reportComms)
      if (c.raw_key_id && c.raw_sha256) blobs.push({ keyId: c.raw_key_id, sha256: c.raw_sha256 });
    await tx.deleteFrom('communications').where('report_id', 'in', ownReports).execute();
    await tx
      .updateTable('reports')
      .set({
        title: DESTROYED_TITLE,
        body: '',
        raw: '',
        reporter_name: '',
        reporter_contact: '',
        discard_note: null,
        matched_by: null,
        parse_warnings: null,
        updated_at: meta.at,
      })
      .where('id', 'in', ownReports)
      .execute();
  }
  await tx
    .updateTable('incidents')
    .set({
      title: DESTROYED_TITLE,
      summary: '',
      closing_summary: null,
      priority_override_reason: null,
      updated_at: meta.at,
      version: Number(incident.version) + 1,
    })
    .where('id', '=', incidentId)
    .execute();

  const refIds = [
    incidentId,
    ...notes.map((n) => n.id),
    ...taskIds,
    ...commIds,
    ...observables.map((o) => o.id),
    ...evidenceIds,
    ...ownReports,
  ];
  for (const kind of SEARCH_KINDS) for (const ref of refIds) await deps.search.remove(tx, kind, ref);

  // Every key the incident's files were sealed with, and its live key if none were used yet.
  const keyRows = await tx
    .selectFrom('data_keys')
    .select('id')
    .where('purpose', '=', `incident:${incidentId}`)
    .where('destroyed_at', 'is', null)
    .execute();
  const keyIds = [...new Set([...evidence.map((e) => e.key_id), ...keyRows.map((k) => k.id)])].sort();
  for (const id of keyIds) await deps.keys.destroy(id, tx);

  const tombstone: IncidentTombstonesTable = {
    incident_id: incidentId,
    incident_key: incident.key,
    type_id: classifications.at(-1)?.type_id ?? null,
    constituency_id: incident.constituency_id,
    tlp: incident.tlp,
    outcome: incident.outcome,
    opened_at: incident.created_at,
    closed_at: incident.closed_at,
    destroyed_at: meta.at,
    destroyed_by: meta.by,
    policy_id: meta.policyId,
    policy_name: meta.policyName,
    hashes: canonical({
      content,
      evidence: evidence.map((e) => ({ filename: e.filename, sha256: e.sha256 })),
      reports: reports.map((r) => r.raw_sha256),
    }),
    counts: canonical({
      notes: notes.length,
      tasks: tasks.length,
      observables: observables.length,
      communications: commIds.length,
      evidence: evidence.length,
      reports: ownReports.length,
      timeline: timeline.length,
    }),
    key_ids: canonical(keyIds),
  };
  await tx.insertInto('incident_tombstones').values(tombstone).execute();
  return { tombstone, keyIds, blobs };
}
