import type { Incident } from '#contracts/incidents.ts';
import type { Lessons, PendingReview, PutLessons } from '#contracts/lessons.ts';
import { hasRole, type Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { conflict, forbidden, invalid } from '../../platform/http/domain-error.ts';
import type { IncidentChanges, IncidentStore } from '../incidents/index.ts';
import type { LessonContext } from './lesson-context.ts';
import { lessonChanges, reviewPeriod } from './lesson.rules.ts';
import type { LessonStore } from './lesson.store.ts';

export interface LessonServiceDeps {
  handle: DatabaseHandle;
  ctx: LessonContext;
  /** The versioned change path of incidents: the review moves the phase through it. */
  changes: Pick<IncidentChanges, 'change'>;
  incidents: Pick<IncidentStore, 'update' | 'get'>;
  store: LessonStore;
  now: () => Date;
}

const stale = (version: number, current: Lessons) =>
  conflict(
    'stale_version',
    `The lessons were changed (version ${current.version}) since you loaded version ${version}`,
    { current },
  );

/** The lessons learned of an incident, the review that completes its post-analysis, and what awaits one. */
export function createLessonService({ handle, ctx, changes, incidents, store, now }: LessonServiceDeps) {
  async function get(actor: Actor, key: string): Promise<Lessons> {
    return store.get(handle.db, await ctx.visible(actor, key));
  }

  async function save(actor: Actor, key: string, input: PutLessons): Promise<Lessons> {
    return transaction(handle.db, async (tx, onCommit) => {
      const incident = await ctx.writable(tx, actor, key);
      const before = await store.get(tx, incident);
      if (before.version !== input.version) throw stale(input.version, before);
      const changed = lessonChanges(before, input);
      if (!changed.length) return before;
      const saved = await store.save(tx, input.version, {
        incident_id: incident.id,
        went_well: input.wentWell,
        went_badly: input.wentBadly,
        detection: input.detection,
        response: input.response,
        organisation: input.organisation,
        updated_by: actor.label,
        updated_at: now().toISOString(),
      });
      if (!saved) throw stale(input.version, await store.get(tx, incident));
      // The timeline names what changed, not the text: lessons can be candid about people.
      await ctx.record(tx, actor, incident, {
        kind: 'lessons_updated',
        text: `Lessons learned updated: ${changed.join(', ')}`,
        data: { version: input.version + 1, changed },
      });
      ctx.publish(onCommit, incident);
      return store.get(tx, incident);
    });
  }

  /** The incident's lead or handlers, or a team lead, conduct the review. */
  function mayReview(actor: Actor, incident: Incident): boolean {
    if (hasRole(actor, 'lead')) return true;
    return [incident.lead, ...incident.handlers].some((who) => who && who.id === actor.id);
  }

  /** Marks the review done: needs a lessons record; the incident goes from closed to post_analysis_done. */
  async function markDone(actor: Actor, key: string, version: number): Promise<Incident> {
    await changes.change(actor, key, version, async ({ tx, incident, record }) => {
      if (!mayReview(actor, incident))
        throw forbidden("Only the incident's lead or handlers, or a team lead, may mark its review done");
      if (incident.phase !== 'closed')
        throw conflict('not_closed', `${key} is ${incident.phase}; only a closed incident awaits its review`);
      const lessons = await store.get(tx, incident);
      if (lessons.version === 0)
        throw conflict(
          'lessons_missing',
          `Record the lessons learned of ${key} before marking its review done`,
        );
      const at = now().toISOString();
      await incidents.update(tx, incident.id, { phase: 'post_analysis_done' });
      await store.markReviewed(tx, incident.id, actor.label, at);
      await record('phase_changed', 'Post-analysis review done', {
        before: incident.phase,
        after: 'post_analysis_done',
      });
    });
    return (await incidents.get(handle.db, actor.scope, key))!;
  }

  /** Incidents closed in the period (default: the last 90 days) still lacking their review. */
  async function pending(actor: Actor, query: { from?: string; to?: string }): Promise<PendingReview[]> {
    const period = reviewPeriod(query, now());
    if ('problem' in period)
      throw invalid('period_invalid', period.problem, [
        { path: 'querystring.from', message: period.problem },
      ]);
    return store.pendingReviews(handle.db, actor.scope, period.from, period.to);
  }

  return { get, save, markDone, pending };
}

export type LessonService = ReturnType<typeof createLessonService>;
