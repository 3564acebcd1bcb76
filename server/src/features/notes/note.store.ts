import type { Tlp } from '#contracts/identity.ts';
import type { AffectedAsset, Analysis, Impact, Note } from '#contracts/notes.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { IncidentAnalysesTable, IncidentNotesTable } from '../../platform/db/schema.ts';
import type { SearchIndex } from '../../platform/search/search-index.ts';
import { emptyImpact } from './note.rules.ts';

const toNote = (row: IncidentNotesTable, incidentKey: string): Note => ({
  id: row.id,
  incidentKey,
  body: row.body,
  tlp: row.tlp as Tlp | null,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedBy: row.updated_by,
  updatedAt: row.updated_at,
  version: Number(row.version),
});

const toAnalysis = (row: IncidentAnalysesTable | undefined, incidentKey: string): Analysis =>
  row
    ? {
        incidentKey,
        rootCause: row.root_cause,
        assets: JSON.parse(row.assets) as AffectedAsset[],
        impact: JSON.parse(row.impact) as Impact,
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
        version: Number(row.version),
      }
    : {
        incidentKey,
        rootCause: '',
        assets: [],
        impact: emptyImpact,
        updatedBy: null,
        updatedAt: null,
        version: 0,
      };

export interface IncidentRef {
  id: string;
  key: string;
}

/**
 * Notes and analysis records. Callers have checked the incident is in the actor's scope; `tlps` keeps
 * the notes whose own marking the actor may read (null marking = the incident's, already checked).
 * Writes compare-and-set on `version`, so two saves from the same version cannot both land.
 */
export function createNoteStore(search?: SearchIndex) {
  async function list(q: Queryable, incident: IncidentRef, tlps: Tlp[]): Promise<Note[]> {
    const rows = await q
      .selectFrom('incident_notes')
      .selectAll()
      .where('incident_id', '=', incident.id)
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('tlp', 'is', null), eb('tlp', 'in', tlps)]))
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    return rows.map((r) => toNote(r, incident.key));
  }

  async function get(
    q: Queryable,
    incident: IncidentRef,
    id: string,
    tlps: Tlp[],
  ): Promise<Note | undefined> {
    const row = await q
      .selectFrom('incident_notes')
      .selectAll()
      .where('id', '=', id)
      .where('incident_id', '=', incident.id)
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('tlp', 'is', null), eb('tlp', 'in', tlps)]))
      .executeTakeFirst();
    return row && toNote(row, incident.key);
  }

  async function insert(q: Queryable, row: IncidentNotesTable): Promise<void> {
    await q.insertInto('incident_notes').values(row).execute();
    await search?.put(q, 'note', row.id, row.body);
  }

  /** Applies `values` only if the note is still at `version`; false when someone saved first. */
  async function update(
    q: Queryable,
    id: string,
    version: number,
    values: Partial<Omit<IncidentNotesTable, 'id' | 'incident_id'>>,
  ): Promise<boolean> {
    const result = await q
      .updateTable('incident_notes')
      .set({ ...values, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    const done = Number(result.numUpdatedRows) === 1;
    // The unified search (features/search) finds notes by their text, never deleted ones.
    if (done && values.deleted_at) await search?.remove(q, 'note', id);
    else if (done && values.body !== undefined) await search?.put(q, 'note', id, values.body);
    return done;
  }

  async function analysis(q: Queryable, incident: IncidentRef): Promise<Analysis> {
    const row = await q
      .selectFrom('incident_analyses')
      .selectAll()
      .where('incident_id', '=', incident.id)
      .executeTakeFirst();
    return toAnalysis(row, incident.key);
  }

  /** Writes version `version + 1` over `version` (0: none yet); false when someone saved first. */
  async function saveAnalysis(
    q: Queryable,
    version: number,
    row: Omit<IncidentAnalysesTable, 'version'>,
  ): Promise<boolean> {
    if (version === 0) {
      const result = await q
        .insertInto('incident_analyses')
        .values({ ...row, version: 1 })
        .onConflict((oc) => oc.column('incident_id').doNothing())
        .returning('incident_id')
        .executeTakeFirst();
      return result !== undefined;
    }
    const { incident_id, ...values } = row;
    const result = await q
      .updateTable('incident_analyses')
      .set({ ...values, version: version + 1 })
      .where('incident_id', '=', incident_id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  return { list, get, insert, update, analysis, saveAnalysis };
}

export type NoteStore = ReturnType<typeof createNoteStore>;
