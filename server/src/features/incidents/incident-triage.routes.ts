import { z } from 'zod';
import { Assign, AssignmentCandidate, Incident, KeyParam, Take, Verify } from '#contracts/incidents.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { AssignmentService } from './incident-assignment.service.ts';
import type { VerificationService } from './incident-verification.service.ts';

const tags = ['incidents'];

/** Triage after registration: verification, then assignment (classification is on incident.routes). */
export function triageRoutes(
  app: ZodApp,
  { assignment, verification }: { assignment: AssignmentService; verification: VerificationService },
): void {
  app.post(
    '/api/v1/incidents/:key/verify',
    {
      schema: {
        tags,
        summary: 'Confirm a real incident, or reject it with a reason (it is closed)',
        params: KeyParam,
        body: Verify,
        response: { 200: Incident },
      },
    },
    (request) => verification.verify(actorOf(request), request.params.key, request.body),
  );

  app.get(
    '/api/v1/incidents/:key/candidates',
    {
      schema: {
        tags,
        summary: 'Handlers who may work on the incident, with availability, specialism and workload',
        params: KeyParam,
        response: { 200: z.object({ items: z.array(AssignmentCandidate) }) },
      },
    },
    async (request) => ({ items: await assignment.candidates(actorOf(request), request.params.key) }),
  );

  app.post(
    '/api/v1/incidents/:key/take',
    {
      schema: {
        tags,
        summary: 'Take the incident: you become its lead unless someone was first (409)',
        params: KeyParam,
        body: Take,
        response: { 200: Incident },
      },
    },
    (request) => assignment.take(actorOf(request), request.params.key, request.body.version),
  );

  app.post(
    '/api/v1/incidents/:key/assignment',
    {
      schema: {
        tags,
        summary: 'Set the lead and further handlers (lead)',
        params: KeyParam,
        body: Assign,
        response: { 200: Incident },
      },
    },
    (request) => assignment.assign(actorOf(request), request.params.key, request.body),
  );

  app.post(
    '/api/v1/incidents/:key/auto-assign',
    {
      schema: {
        tags,
        summary: 'Assign the available specialist with the fewest open incidents',
        params: KeyParam,
        body: Take,
        response: { 200: Incident },
      },
    },
    (request) => assignment.autoAssign(actorOf(request), request.params.key, request.body.version),
  );
}
