import { z } from 'zod';
import { Incident, KeyParam } from '#contracts/incidents.ts';
import { Lessons, MarkReviewDone, PendingReview, PostAnalysisQuery, PutLessons } from '#contracts/lessons.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { LessonService } from './lesson.service.ts';

const tags = ['lessons'];

export function lessonRoutes(app: ZodApp, lessons: LessonService): void {
  app.get(
    '/api/v1/incidents/:key/lessons',
    {
      schema: {
        tags,
        summary: 'The lessons learned of the incident (version 0 until first saved)',
        params: KeyParam,
        response: { 200: Lessons },
      },
    },
    (request) => lessons.get(actorOf(request), request.params.key),
  );

  app.put(
    '/api/v1/incidents/:key/lessons',
    {
      schema: {
        tags,
        summary: 'Save the whole lessons record at the version you loaded (a stale one gets 409)',
        params: KeyParam,
        body: PutLessons,
        response: { 200: Lessons },
      },
    },
    (request) => lessons.save(actorOf(request), request.params.key, request.body),
  );

  app.post(
    '/api/v1/incidents/:key/lessons/done',
    {
      schema: {
        tags,
        summary: 'Mark the post-analysis review done: the closed incident goes to post_analysis_done',
        params: KeyParam,
        body: MarkReviewDone,
        response: { 200: Incident },
      },
    },
    (request) => lessons.markDone(actorOf(request), request.params.key, request.body.version),
  );

  app.get(
    '/api/v1/post-analysis',
    {
      schema: {
        tags,
        summary: 'Incidents closed in the period (default: last 90 days) that still lack their review',
        querystring: PostAnalysisQuery,
        response: { 200: z.object({ items: z.array(PendingReview) }) },
      },
    },
    async (request) => ({ items: await lessons.pending(actorOf(request), request.query) }),
  );
}
