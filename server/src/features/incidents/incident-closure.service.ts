import type {
  ClosureCheck,
  CloseWithNotice,
  FinalNoteDraft,
  FinalNoteDraftRequest,
  FinalParty,
} from '#contracts/closure.ts';
import type { Incident } from '#contracts/incidents.ts';
import type { TemplateAudience } from '#contracts/message-templates.ts';
import type { Analysis } from '#contracts/notes.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle, Queryable } from '../../platform/db/database.ts';
import { invalid, notFound, type FieldIssue } from '../../platform/http/domain-error.ts';
import type { ComposeService } from '../communications/communication-compose.service.ts';
import { closureCheck, findingsText, suggestParties } from './incident-closure.rules.ts';
import type { ClosureStore } from './incident-closure.store.ts';
import type { IncidentService } from './incident.service.ts';
import type { IncidentStore } from './incident.store.ts';

/** The seeded final-information templates (0033), one per audience; admins may edit them. */
export const FINAL_TEMPLATES: Record<TemplateAudience, string> = {
  technical: 'seed-final-information-technical-en',
  descriptive: 'seed-final-information-descriptive-en',
};

/** Open tasks and evidence items: the wizard's check, and the one `transition` applies when closing. */
export const openItemsCheck =
  (store: ClosureStore) =>
  async (q: Queryable, incident: Pick<Incident, 'id'>): Promise<ClosureCheck> =>
    closureCheck(await store.openTasks(q, incident.id), await store.openEvidence(q, incident.id));

export interface ClosureServiceDeps {
  handle: DatabaseHandle;
  store: ClosureStore;
  incidents: Pick<IncidentStore, 'get'>;
  lifecycle: Pick<IncidentService, 'transition'>;
  compose: Pick<ComposeService, 'preview' | 'send'>;
  analysis: (q: Queryable, incident: { id: string; key: string }) => Promise<Analysis>;
  /** The team's own sender address, never suggested as a party. */
  ownAddresses: string[];
}

/** The closure wizard: what is still open, who to inform and with what, then close and send. */
export function createClosureService(deps: ClosureServiceDeps) {
  const { handle, store, incidents, compose } = deps;
  const { db } = handle;

  async function visible(actor: Actor, key: string): Promise<Incident> {
    requireRole(actor, 'handler');
    const incident = await incidents.get(db, actor.scope, key);
    if (!incident) throw notFound(`Incident ${key}`);
    return incident;
  }

  const openItems = openItemsCheck(store);

  async function check(actor: Actor, key: string): Promise<ClosureCheck> {
    return openItems(db, await visible(actor, key));
  }

  async function parties(actor: Actor, key: string): Promise<FinalParty[]> {
    const incident = await visible(actor, key);
    const rows = await store.parties(db, {
      id: incident.id,
      constituencyId: incident.constituency?.id ?? null,
    });
    return suggestParties(rows, deps.ownAddresses);
  }

  /** One note per party from its audience's template, filled with what the wizard decided. */
  async function drafts(actor: Actor, key: string, input: FinalNoteDraftRequest): Promise<FinalNoteDraft[]> {
    const incident = await visible(actor, key);
    const analysis = await deps.analysis(db, incident);
    const { closure } = input;
    const finalType = closure.finalTypeId ? await store.typeLabel(db, closure.finalTypeId) : undefined;
    if (closure.finalTypeId && !finalType)
      throw invalid('unknown_type', 'Unknown final classification', [
        { path: 'closure.finalTypeId', message: `${closure.finalTypeId} is not in the taxonomy` },
      ]);
    return Promise.all(
      input.parties.map(async (party) => {
        const extra = {
          ...(finalType ? { 'incident.type': finalType } : {}),
          'closure.outcome': closure.outcome.replace(/_/g, ' '),
          'closure.summary': closure.summary,
          'closure.findings': findingsText(analysis, party.audience),
          'closure.recommendations': input.recommendations || '(none)',
        };
        const p = await compose.preview(
          actor,
          key,
          { to: [party.address], templateId: FINAL_TEMPLATES[party.audience] },
          extra,
        );
        return {
          to: party.address,
          audience: party.audience,
          subject: p.subject,
          body: p.text,
          encrypted: p.encrypted,
          refusal: p.refusal,
        };
      }),
    );
  }

  /**
   * Every note is checked first (TLP/OpenPGP rules, relay), so a refusal leaves the incident open; then
   * the incident closes (the open-items check runs there) and the notes go out through compose.
   */
  async function close(actor: Actor, key: string, input: CloseWithNotice): Promise<Incident> {
    await visible(actor, key);
    const issues: FieldIssue[] = [];
    await Promise.all(
      input.notes.map(async (note, i) => {
        const p = await compose.preview(actor, key, {
          to: [note.to],
          templateId: null,
          subject: note.subject,
          body: note.body,
        });
        if (p.refusal) issues.push({ path: `notes.${i}.to`, message: `${note.to}: ${p.refusal}` });
      }),
    );
    if (issues.length)
      throw invalid('final_notes_refused', 'Some final notes cannot be sent; nothing was closed', issues);
    const closed = await deps.lifecycle.transition(actor, key, {
      version: input.version,
      to: 'closed',
      closure: input.closure,
    });
    for (const note of input.notes)
      await compose.send(actor, key, {
        to: [note.to],
        templateId: null,
        subject: note.subject,
        body: note.body,
      });
    return closed;
  }

  return { check, parties, drafts, close };
}

export type ClosureService = ReturnType<typeof createClosureService>;
