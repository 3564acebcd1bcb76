import type { Incident } from '#contracts/incidents.ts';
import type { Analysis, NewNote, Note, PutAnalysis, UpdateNote } from '#contracts/notes.ts';
import { hasRole, readableTlps, type Actor } from '../../platform/auth/actor.ts';
import { sortableId } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/http/domain-error.ts';
import { requireNotArchived, type IncidentChanges, type IncidentStore } from '../incidents/index.ts';
import { analysisChanges, assetIssues, assetStates, noteTlpIssues } from './note.rules.ts';
import type { NoteStore } from './note.store.ts';

export interface NoteServiceDeps {
  handle: DatabaseHandle;
  /** Scoped, role-checked load of the incident and its live event. */
  changes: Pick<IncidentChanges, 'load' | 'publish' | 'recorder'>;
  incidents: Pick<IncidentStore, 'get'>;
  store: NoteStore;
  now: () => Date;
}

/** Refused like a stale incident edit: 409 `stale_version` carrying what is current, nothing written. */
const stale = (what: string, version: number, current: Note | Analysis) =>
  conflict(
    'stale_version',
    `${what} was changed (version ${current.version}) since you loaded version ${version}`,
    {
      current,
    },
  );

/**
 * Notes and the analysis record of an incident. Each has its own version, so writing a note never makes
 * someone's open edit of the incident (or of another note) stale; every change is audited, goes on the
 * incident's timeline (without the note's text, which may be marked stricter than the timeline) and is
 * announced live as a change of the incident.
 */
export function createNoteService({ handle, changes, incidents, store, now }: NoteServiceDeps) {
  async function visible(actor: Actor, key: string): Promise<Incident> {
    const incident = await incidents.get(handle.db, actor.scope, key);
    if (!incident) throw notFound(`Incident ${key}`);
    return incident;
  }

  /** Timeline and audit through the incident's one recorder; the audit gets `data`, never the text twice. */
  const record = (
    tx: Tx,
    actor: Actor,
    incident: Incident,
    entry: { kind: string; text: string; change?: object; data: Record<string, unknown> },
  ) => changes.recorder(tx, actor, incident)(entry.kind, entry.text, entry.change, { data: entry.data });

  /** The incident to write on: in scope, handler role, and not merged away (it is read-only then). */
  async function writable(tx: Tx, actor: Actor, key: string): Promise<Incident> {
    const incident = await changes.load(tx, actor, key, null);
    if (incident.mergedInto)
      throw conflict('incident_merged', `${key} was merged into ${incident.mergedInto}; write there`);
    requireNotArchived(incident);
    return incident;
  }

  async function list(actor: Actor, key: string): Promise<Note[]> {
    const incident = await visible(actor, key);
    return store.list(handle.db, incident, readableTlps(actor.scope));
  }

  async function add(actor: Actor, key: string, input: NewNote): Promise<Note> {
    return transaction(handle.db, async (tx, onCommit) => {
      const incident = await writable(tx, actor, key);
      const issues = noteTlpIssues(input.tlp, incident.tlp, actor.scope);
      if (issues.length) throw invalid('note_invalid', 'The note cannot be saved', issues);
      const at = now().toISOString();
      const id = sortableId();
      await store.insert(tx, {
        id,
        incident_id: incident.id,
        body: input.body,
        tlp: input.tlp,
        created_by: actor.label,
        created_at: at,
        updated_by: actor.label,
        updated_at: at,
        deleted_by: null,
        deleted_at: null,
        version: 1,
      });
      const marking = input.tlp ? ` (TLP:${input.tlp.toUpperCase()})` : '';
      await record(tx, actor, incident, {
        kind: 'note_added',
        text: `Note added${marking}`,
        data: { noteId: id, tlp: input.tlp, chars: input.body.length },
      });
      changes.publish(onCommit, incident);
      const note = await store.get(tx, incident, id, readableTlps(actor.scope));
      if (!note) throw notFound('Note');
      return note;
    });
  }

  /** Loads the note to change at the version the user saw; 404 when gone or above their ceiling. */
  async function loadNote(tx: Tx, actor: Actor, incident: Incident, id: string, version: number) {
    const note = await store.get(tx, incident, id, readableTlps(actor.scope));
    if (!note) throw notFound('Note');
    if (note.version !== version) throw stale('The note', version, note);
    return note;
  }

  async function staleAfterRace(tx: Tx, actor: Actor, incident: Incident, id: string, version: number) {
    const current = await store.get(tx, incident, id, readableTlps(actor.scope));
    if (!current) return notFound('Note');
    return stale('The note', version, current);
  }

  async function edit(actor: Actor, key: string, id: string, input: UpdateNote): Promise<Note> {
    return transaction(handle.db, async (tx, onCommit) => {
      const incident = await writable(tx, actor, key);
      const note = await loadNote(tx, actor, incident, id, input.version);
      const tlp = input.tlp === undefined ? note.tlp : input.tlp;
      if (input.tlp !== undefined) {
        const issues = noteTlpIssues(input.tlp, incident.tlp, actor.scope);
        if (issues.length) throw invalid('note_invalid', 'The note cannot be saved', issues);
      }
      const body = input.body ?? note.body;
      if (body === note.body && tlp === note.tlp) return note;
      const at = now().toISOString();
      if (!(await store.update(tx, id, note.version, { body, tlp, updated_by: actor.label, updated_at: at })))
        throw await staleAfterRace(tx, actor, incident, id, input.version);
      const tlpChange = tlp !== note.tlp ? { before: { tlp: note.tlp }, after: { tlp } } : undefined;
      await record(tx, actor, incident, {
        kind: 'note_edited',
        text: `Note by ${note.createdBy} edited`,
        ...(tlpChange ? { change: tlpChange } : {}),
        data: { noteId: id, version: note.version + 1, chars: body.length, ...tlpChange },
      });
      changes.publish(onCommit, incident);
      return (await store.get(tx, incident, id, readableTlps(actor.scope))) as Note;
    });
  }

  /** Soft delete: the row stays for the audit trail. The author, or a lead, may delete a note. */
  async function remove(actor: Actor, key: string, id: string, version: number): Promise<void> {
    await transaction(handle.db, async (tx, onCommit) => {
      const incident = await writable(tx, actor, key);
      const note = await loadNote(tx, actor, incident, id, version);
      if (note.createdBy !== actor.label && !hasRole(actor, 'lead'))
        throw forbidden("Only the note's author or a lead may delete it");
      const at = now().toISOString();
      const done = await store.update(tx, id, note.version, {
        deleted_by: actor.label,
        deleted_at: at,
        updated_by: actor.label,
        updated_at: at,
      });
      if (!done) throw await staleAfterRace(tx, actor, incident, id, version);
      await record(tx, actor, incident, {
        kind: 'note_deleted',
        text: `Note by ${note.createdBy} deleted`,
        data: { noteId: id, version: note.version },
      });
      changes.publish(onCommit, incident);
    });
  }

  async function analysis(actor: Actor, key: string): Promise<Analysis> {
    const incident = await visible(actor, key);
    return store.analysis(handle.db, incident);
  }

  async function saveAnalysis(actor: Actor, key: string, input: PutAnalysis): Promise<Analysis> {
    return transaction(handle.db, async (tx, onCommit) => {
      const incident = await writable(tx, actor, key);
      const before = await store.analysis(tx, incident);
      if (before.version !== input.version) throw stale('The analysis', input.version, before);
      const issues = assetIssues(input.assets);
      if (issues.length) throw invalid('analysis_invalid', 'The analysis cannot be saved', issues);
      const changed = analysisChanges(before, input);
      if (!changed.length) return before;
      const saved = await store.saveAnalysis(tx, input.version, {
        incident_id: incident.id,
        root_cause: input.rootCause,
        assets: JSON.stringify(input.assets),
        impact: JSON.stringify(input.impact),
        updated_by: actor.label,
        updated_at: now().toISOString(),
      });
      if (!saved) throw stale('The analysis', input.version, await store.analysis(tx, incident));
      const states = { before: assetStates(before.assets), after: assetStates(input.assets) };
      await record(tx, actor, incident, {
        kind: 'analysis_updated',
        text: `Analysis updated: ${changed.join(', ')}`,
        ...(changed.some((c) => c.startsWith('affected assets')) ? { change: states } : {}),
        data: { version: input.version + 1, changed, assets: states },
      });
      changes.publish(onCommit, incident);
      return store.analysis(tx, incident);
    });
  }

  return { list, add, edit, remove, analysis, saveAnalysis };
}

export type NoteService = ReturnType<typeof createNoteService>;
