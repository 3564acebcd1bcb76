import type { Improvement, Remediation } from '#contracts/lessons.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { Runtime } from '../../platform/runtime.ts';
import type { IncidentChanges, IncidentStore } from '../incidents/index.ts';
import { followUpRoutes } from './follow-up.routes.ts';
import { createFollowUpService } from './follow-up.service.ts';
import { createFollowUpStore, toImprovement, toRemediation } from './follow-up.store.ts';
import { createLessonContext } from './lesson-context.ts';
import { lessonRoutes } from './lesson.routes.ts';
import { createLessonService } from './lesson.service.ts';
import { createLessonStore } from './lesson.store.ts';

/** Lessons learned, improvement proposals, remediation after closure and the post-analysis view. */
export function createLessonsFeature({
  runtime,
  changes,
  incidents,
}: {
  runtime: Pick<Runtime, 'handle' | 'audit' | 'now'>;
  changes: IncidentChanges;
  incidents: IncidentStore;
}) {
  const { handle, now } = runtime;
  const ctx = createLessonContext({ handle, changes, incidents });
  const followUps = createFollowUpStore();
  const lessons = createLessonService({ handle, ctx, changes, incidents, store: createLessonStore(), now });
  const improvements = createFollowUpService<Improvement>({
    handle,
    ctx,
    store: followUps,
    kind: 'improvement',
    view: toImprovement,
    noun: 'Improvement proposal',
    now,
  });
  const remediations = createFollowUpService<Remediation>({
    handle,
    ctx,
    store: followUps,
    kind: 'remediation',
    view: toRemediation,
    noun: 'Remediation item',
    now,
  });

  function routes(app: ZodApp): void {
    lessonRoutes(app, lessons);
    followUpRoutes(app, { improvements, remediations });
  }

  return { lessons, improvements, remediations, routes };
}
