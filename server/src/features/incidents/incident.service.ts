import { randomUUID } from 'node:crypto';
import type { ClosureCheck } from '#contracts/closure.ts';
import type {
  ClassificationStage,
  Classify,
  Incident,
  NewIncident,
  NewTimelineEntry,
  Priority,
  Severity,
  TimelineEntry,
  Transition,
  UpdateIncident,
} from '#contracts/incidents.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import { sortableId } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import type { IncidentsTable } from '../../platform/db/schema.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { conflict, invalid, notFound } from '../../platform/http/domain-error.ts';
import type { ConstituencyService } from '../constituencies/index.ts';
import type { ReportService } from '../reports/index.ts';
import type { SlaService } from '../sla/index.ts';
import type { TaxonomyService } from '../taxonomy/index.ts';
import { incidentKey, matrixPriority, transitionProblem } from './incident.rules.ts';
import { openItemsText } from './incident-closure.rules.ts';
import { requireNotArchived } from './incident-archive.ts';
import type { AssignmentService } from './incident-assignment.service.ts';
import type { IncidentChanges, RecordEntry } from './incident-changes.ts';
import type { IncidentListFilter, IncidentStore } from './incident.store.ts';

export interface IncidentServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  changes: IncidentChanges;
  store: IncidentStore;
  reports: Pick<ReportService, 'linkToIncident'>;
  constituencies: Pick<ConstituencyService, 'summaryIn'>;
  taxonomy: Pick<TaxonomyService, 'exists'>;
  /** The automatic assignment rule, applied after the initial classification. */
  assignment: Pick<AssignmentService, 'autoAssignIn'>;
  /** SLA clocks: due times from the priority, stopped at the first response. */
  sla: Pick<SlaService, 'initial' | 'reschedule' | 'markResponded'>;
  /** The configured priority matrix, when it replaces the default. */
  priorityMatrix?: Parameters<typeof matrixPriority>[2];
  /** Runs in the classification's transaction (playbooks turn into tasks); not at final classification. */
  onClassified?: (tx: Tx, actor: Actor, incident: Incident, typeId: string) => Promise<unknown>;
  /** Tasks and evidence still open: closing with any needs a reason (features/incidents closure). */
  closureCheck?: (tx: Tx, incident: Incident) => Promise<ClosureCheck>;
  now: () => Date;
}

export function createIncidentService({
  handle,
  audit,
  changes,
  store,
  reports,
  constituencies,
  taxonomy,
  assignment,
  sla,
  priorityMatrix,
  onClassified,
  closureCheck,
  now,
}: IncidentServiceDeps) {
  const { db } = handle;

  const record = (
    tx: Tx,
    actor: Actor,
    incident: Pick<Incident, 'id' | 'key'>,
    ...entry: Parameters<RecordEntry>
  ) => changes.recorder(tx, actor, incident)(...entry);
  const published = changes.publish;
  const forChange = changes.load;

  async function open(actor: Actor, input: NewIncident): Promise<Incident> {
    requireRole(actor, 'handler');
    const key = await transaction(db, async (tx, onCommit) => {
      const at = now();
      const key = incidentKey(at.getUTCFullYear(), await store.nextNumber(tx, at.getUTCFullYear()));
      const linked = await reports.linkToIncident(tx, actor, input.reportIds, key);
      const constituencyId =
        input.constituencyId ?? linked.find((r) => r.constituency)?.constituency?.id ?? null;
      const constituency = constituencyId
        ? ((await constituencies.summaryIn(tx, actor, constituencyId)) ?? null)
        : null;
      if (constituencyId && !constituency)
        throw invalid('constituency_unknown', 'No such constituency', [
          { path: 'body.constituencyId', message: 'was not found' },
        ]);
      const priority = matrixPriority(
        input.severity ?? null,
        constituency?.criticality ?? null,
        priorityMatrix,
      );
      const row: IncidentsTable = {
        id: randomUUID(),
        key,
        title: input.title,
        summary: input.summary,
        phase: 'triage',
        severity: input.severity ?? null,
        priority,
        priority_override: null,
        priority_override_reason: null,
        constituency_id: constituency?.id ?? null,
        tlp: input.tlp,
        pap: input.pap,
        outcome: null,
        closing_summary: null,
        closed_at: null,
        ...sla.initial(priority, at),
        merged_into_id: null,
        verified_at: null,
        verified_by: null,
        created_by: actor.label,
        created_at: at.toISOString(),
        updated_at: at.toISOString(),
        version: 1,
      };
      await store.insert(tx, row);
      await store.linkReports(tx, row.id, input.reportIds, at.toISOString());
      await record(tx, actor, row, 'opened', `Opened ${key}: ${input.title}`, {
        after: {
          severity: row.severity,
          priority: row.priority,
          constituency: constituency?.name ?? null,
          tlp: row.tlp,
        },
      });
      for (const r of linked)
        await record(tx, actor, row, 'report_linked', `Report linked: ${r.title}`, {
          after: { reportId: r.id },
        });
      published(onCommit, { key, constituency });
      return key;
    });
    return get(actor, key);
  }

  async function get(actor: Actor, key: string): Promise<Incident> {
    const incident = await store.get(db, actor.scope, key);
    if (!incident) throw notFound(`Incident ${key}`);
    return incident;
  }

  function list(actor: Actor, filter: IncidentListFilter) {
    return store.list(db, actor.scope, filter);
  }

  function counts(actor: Actor) {
    return store.counts(db, actor.scope);
  }

  async function update(actor: Actor, key: string, input: UpdateIncident): Promise<Incident> {
    await transaction(db, async (tx, onCommit) => {
      const before = await forChange(tx, actor, key, input.version);
      requireNotArchived(before);
      const changes: Partial<IncidentsTable> = {};
      for (const field of ['title', 'summary', 'severity', 'tlp', 'pap'] as const) {
        const value = input[field];
        if (value === undefined || value === before[field]) continue;
        changes[field] = value;
        await record(tx, actor, before, `${field}_changed`, `${field} changed`, {
          before: before[field],
          after: value,
        });
      }
      if (input.priorityOverride !== undefined) {
        changes.priority_override = input.priorityOverride?.priority ?? null;
        changes.priority_override_reason = input.priorityOverride?.reason ?? null;
        const text = input.priorityOverride
          ? `Priority overridden to ${input.priorityOverride.priority}: ${input.priorityOverride.reason}`
          : 'Priority override removed';
        await record(tx, actor, before, 'priority_overridden', text, {
          before: before.priorityOverride,
          after: input.priorityOverride,
        });
      }
      const override =
        changes.priority_override !== undefined
          ? changes.priority_override
          : (before.priorityOverride?.priority ?? null);
      const computed = matrixPriority(
        (changes.severity as Severity | undefined) ?? before.severity,
        before.constituency?.criticality ?? null,
        priorityMatrix,
      );
      changes.priority = override ?? computed;
      if (changes.priority !== before.priority) {
        await record(
          tx,
          actor,
          before,
          'priority_changed',
          `Priority ${before.priority ?? 'none'} → ${changes.priority ?? 'none'}`,
          { before: before.priority, after: changes.priority },
        );
        await sla.reschedule(tx, actor, before, changes.priority as Priority | null);
      }
      await store.update(tx, before.id, {
        ...changes,
        version: before.version + 1,
        updated_at: now().toISOString(),
      });
      published(onCommit, before);
    });
    return get(actor, key);
  }

  /** Records a classification against the taxonomy; an unknown type is refused by name. */
  async function addClassification(
    tx: Tx,
    actor: Actor,
    incident: Incident,
    stage: ClassificationStage,
    typeId: string,
    note: string,
    path: string,
  ) {
    if (!(await taxonomy.exists(tx, typeId))) {
      throw invalid('unknown_taxonomy_type', `${typeId} is not a type of the taxonomy`, [
        { path, message: `${typeId} is not a type of the taxonomy` },
      ]);
    }
    await store.addClassification(tx, {
      id: sortableId(),
      incident_id: incident.id,
      stage,
      type_id: typeId,
      note,
      actor: actor.label,
      at: now().toISOString(),
    });
    await record(
      tx,
      actor,
      incident,
      'classified',
      `Classified (${stage}) as ${typeId}${note ? `: ${note}` : ''}`,
      { before: incident.classification?.typeId ?? null, after: typeId },
    );
  }

  async function classify(actor: Actor, key: string, input: Classify): Promise<Incident> {
    await transaction(db, async (tx, onCommit) => {
      const before = await forChange(tx, actor, key, input.version);
      await addClassification(tx, actor, before, input.stage, input.typeId, input.note, 'body.typeId');
      // Triage ends with assignment: an unowned incident goes to an available specialist right away.
      if (input.stage === 'initial' && !before.lead)
        await assignment.autoAssignIn(tx, actor, before, changes.recorder(tx, actor, before), input.typeId);
      if (input.stage !== 'final') await onClassified?.(tx, actor, before, input.typeId);
      await store.update(tx, before.id, { version: before.version + 1, updated_at: now().toISOString() });
      published(onCommit, before);
    });
    return get(actor, key);
  }

  async function transition(actor: Actor, key: string, input: Transition): Promise<Incident> {
    await transaction(db, async (tx, onCommit) => {
      const before = await forChange(tx, actor, key, input.version);
      const problem = transitionProblem(before.phase, input);
      if (problem) throw invalid('illegal_transition', problem, [{ path: 'body.to', message: problem }]);
      const closing = input.to === 'closed' && input.closure;
      const open = closing ? await closureCheck?.(tx, before) : undefined;
      const openReason = input.closure?.openItemsReason?.trim();
      if (open && !open.clear && !openReason)
        throw conflict(
          'open_items',
          `${key} still has ${openItemsText(open)}: finish them or give a reason to close anyway`,
          { openItems: open },
        );
      if (closing) {
        const finalType = input.closure!.finalTypeId;
        if (finalType)
          await addClassification(tx, actor, before, 'final', finalType, '', 'body.closure.finalTypeId');
        else if (!before.classifications.some((c) => c.stage === 'final')) {
          throw invalid('final_classification_missing', 'Closing needs a final classification', [
            { path: 'body.closure.finalTypeId', message: 'is required to close' },
          ]);
        }
      }
      const reopening = before.phase === 'closed' || before.phase === 'post_analysis_done';
      await store.update(tx, before.id, {
        phase: input.to,
        ...(closing
          ? {
              outcome: input.closure!.outcome,
              closing_summary: input.closure!.summary,
              closed_at: now().toISOString(),
            }
          : {}),
        ...(reopening && input.to !== 'post_analysis_done'
          ? { outcome: null, closing_summary: null, closed_at: null }
          : {}),
        version: before.version + 1,
        updated_at: now().toISOString(),
      });
      // Leaving triage is the first response: the response clock stops.
      if (before.phase === 'triage') await sla.markResponded(tx, before.id, now());
      const text = closing
        ? `Closed as ${input.closure!.outcome}: ${input.closure!.summary}`
        : reopening
          ? `Reopened to ${input.to}: ${input.reason}`
          : `Phase ${before.phase} → ${input.to}`;
      await record(tx, actor, before, 'phase_changed', text, { before: before.phase, after: input.to });
      if (open && !open.clear)
        await record(
          tx,
          actor,
          before,
          'closed_with_open_items',
          `Closed with ${openItemsText(open)}: ${openReason}`,
          {
            after: { tasks: open.tasks.map((t) => t.title), evidence: open.evidence.map((e) => e.filename) },
          },
        );
      published(onCommit, before);
    });
    return get(actor, key);
  }

  async function timeline(actor: Actor, key: string): Promise<TimelineEntry[]> {
    const incident = await get(actor, key);
    return store.timeline(db, incident.id);
  }

  /** A handler's own entry, with when it happened and when the team learnt of it. */
  async function addEntry(actor: Actor, key: string, input: NewTimelineEntry): Promise<TimelineEntry[]> {
    requireRole(actor, 'handler');
    await transaction(db, async (tx, onCommit) => {
      const incident = await store.get(tx, actor.scope, key);
      if (!incident) throw notFound(`Incident ${key}`);
      requireNotArchived(incident);
      await store.addTimeline(tx, {
        id: sortableId(),
        incident_id: incident.id,
        at: now().toISOString(),
        actor: actor.label,
        kind: 'note',
        text: input.text,
        change: null,
        event_time: input.eventTime ? new Date(input.eventTime).toISOString() : null,
        discovery_time: input.discoveryTime ? new Date(input.discoveryTime).toISOString() : null,
      });
      await audit.record(tx, actor, {
        action: 'incident.note_added',
        targetType: 'incident',
        targetId: key,
        data: { eventTime: input.eventTime ?? null },
      });
      published(onCommit, incident);
    });
    return timeline(actor, key);
  }

  return { open, get, list, counts, update, classify, transition, timeline, addEntry };
}

export type IncidentService = ReturnType<typeof createIncidentService>;
