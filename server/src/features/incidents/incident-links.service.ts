import type { Incident, LinkReports, MergeIncidents, RelateIncident } from '#contracts/incidents.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { conflict, invalid, notFound, type FieldIssue } from '../../platform/http/domain-error.ts';
import type { ReportService } from '../reports/index.ts';
import { requireNotDestroyed } from './incident-archive.ts';
import type { ChangeContext, IncidentChanges } from './incident-changes.ts';
import type { IncidentLinksStore } from './incident-links.store.ts';
import { isOpen } from './incident.rules.ts';
import type { IncidentStore } from './incident.store.ts';

export interface IncidentLinksServiceDeps {
  handle: DatabaseHandle;
  changes: IncidentChanges;
  incidents: IncidentStore;
  store: IncidentLinksStore;
  reports: Pick<ReportService, 'linkToIncident'>;
  now: () => Date;
}

/** Further reports, related incidents and merging (suggestions for a report: features/correlation). */
export function createIncidentLinksService({
  handle,
  changes,
  incidents,
  store,
  reports,
  now,
}: IncidentLinksServiceDeps) {
  const reload = async (actor: Actor, key: string): Promise<Incident> => {
    const incident = await incidents.get(handle.db, actor.scope, key);
    if (!incident) throw notFound(`Incident ${key}`);
    return incident;
  };

  /**
   * Links new reports to the incident. Without a version they join it as it is (adding reports
   * overwrites nothing); `note` says why on the timeline, e.g. which rule linked them.
   */
  async function linkReports(
    actor: Actor,
    key: string,
    input: Pick<LinkReports, 'reportIds'> & { version?: number | undefined },
    note?: string,
  ): Promise<Incident> {
    await changes.change(actor, key, input.version ?? null, async ({ tx, incident, record }) => {
      const linked = await reports.linkToIncident(tx, actor, input.reportIds, key);
      await incidents.linkReports(tx, incident.id, input.reportIds, now().toISOString());
      for (const r of linked)
        await record('report_linked', `Report linked: ${r.title}${note ? ` (${note})` : ''}`, {
          after: { reportId: r.id },
        });
    });
    return reload(actor, key);
  }

  /** Records the change on the other incident too: its own version, timeline entry and live event. */
  async function touchOther(ctx: ChangeContext, actor: Actor, other: Incident, kind: string, text: string) {
    requireNotDestroyed(other);
    await changes.recorder(ctx.tx, actor, other)(kind, text, { after: ctx.incident.key });
    await incidents.update(ctx.tx, other.id, { version: other.version + 1, updated_at: now().toISOString() });
    changes.publish(ctx.onCommit, other);
  }

  async function relate(actor: Actor, key: string, input: RelateIncident): Promise<Incident> {
    await changes.change(actor, key, input.version, async (ctx) => {
      const { tx, incident, record } = ctx;
      const other = await incidents.get(tx, actor.scope, input.relatedKey);
      const path = 'body.relatedKey';
      if (!other) throw invalid('incident_unknown', 'No such incident', [{ path, message: 'was not found' }]);
      if (other.id === incident.id)
        throw invalid('self_relation', 'An incident cannot relate to itself', [
          { path, message: 'is this incident' },
        ]);
      await store.relate(tx, incident.id, other.id, input.note, actor.label, now().toISOString());
      await record('related', `Related to ${other.key}${input.note ? `: ${input.note}` : ''}`, {
        after: other.key,
      });
      await touchOther(ctx, actor, other, 'related', `Related to ${key}`);
    });
    return reload(actor, key);
  }

  async function unrelate(actor: Actor, key: string, relatedKey: string, version: number): Promise<Incident> {
    await changes.change(actor, key, version, async (ctx) => {
      const { tx, incident, record } = ctx;
      const other = await incidents.get(tx, actor.scope, relatedKey);
      if (!other || !(await store.unrelate(tx, incident.id, other.id)))
        throw notFound(`Relation of ${key} to ${relatedKey}`);
      await record('unrelated', `No longer related to ${other.key}`, { before: other.key });
      await touchOther(ctx, actor, other, 'unrelated', `No longer related to ${key}`);
    });
    return reload(actor, key);
  }

  /**
   * Merges incidents into the one in the path. Their reports, observables (which travel with the
   * reports), timeline, people and relations move to it; each merged incident stays readable,
   * closed as a duplicate and pointing at the survivor.
   */
  async function merge(actor: Actor, key: string, input: MergeIncidents): Promise<Incident> {
    requireRole(actor, 'handler');
    await changes.change(actor, key, input.version, async ({ tx, incident: survivor, record, onCommit }) => {
      if (!isOpen(survivor.phase))
        throw conflict('incident_closed', `${key} is ${survivor.phase}; merge into an open incident`);
      const sources: Incident[] = [];
      const issues: FieldIssue[] = [];
      for (const [i, s] of input.sources.entries()) {
        const path = `body.sources.${i}.key`;
        const found = await incidents.get(tx, actor.scope, s.key);
        if (!found) issues.push({ path, message: `${s.key} was not found` });
        else if (found.id === survivor.id) issues.push({ path, message: 'is the surviving incident' });
        else if (found.mergedInto)
          issues.push({ path, message: `was merged into ${found.mergedInto} already` });
        else if (sources.some((x) => x.id === found.id)) issues.push({ path, message: 'is listed twice' });
        else if (found.version !== s.version)
          throw conflict('stale_source_version', `${s.key} was changed since you loaded it`, {
            current: found,
          });
        else sources.push(found);
      }
      if (issues.length) throw invalid('incidents_not_mergeable', 'Some incidents cannot be merged', issues);

      const at = now().toISOString();
      for (const source of sources) {
        requireNotDestroyed(source);
        const moved = await store.moveInto(tx, source.id, survivor.id, actor.label, at);
        await incidents.update(tx, source.id, {
          merged_into_id: survivor.id,
          phase: 'closed',
          outcome: 'duplicate',
          closing_summary: `Merged into ${key}`,
          closed_at: at,
          version: source.version + 1,
          updated_at: at,
        });
        await changes.recorder(tx, actor, source)('merged_into', `Merged into ${key}`, {
          before: source.phase,
          after: key,
        });
        await record(
          'merged',
          `Merged ${source.key} (${source.title}): ${moved.reports} reports, ${moved.entries} timeline entries`,
          { after: { key: source.key, reports: moved.reports, entries: moved.entries } },
        );
        changes.publish(onCommit, source);
      }
    });
    return reload(actor, key);
  }

  return { linkReports, relate, unrelate, merge };
}

export type IncidentLinksService = ReturnType<typeof createIncidentLinksService>;
