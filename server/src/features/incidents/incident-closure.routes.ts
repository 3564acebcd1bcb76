import { z } from 'zod';
import {
  ClosureCheck,
  CloseWithNotice,
  FinalNoteDraft,
  FinalNoteDraftRequest,
  FinalParty,
} from '#contracts/closure.ts';
import { Incident, KeyParam } from '#contracts/incidents.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { ClosureService } from './incident-closure.service.ts';

const tags = ['incidents'];

export function closureRoutes(app: ZodApp, closure: ClosureService): void {
  app.get(
    '/api/v1/incidents/:key/closure/check',
    {
      schema: {
        tags,
        summary: 'Tasks not done/verified/cancelled and evidence whose custody is not closed',
        params: KeyParam,
        response: { 200: ClosureCheck },
      },
    },
    (request) => closure.check(actorOf(request), request.params.key),
  );

  app.get(
    '/api/v1/incidents/:key/closure/parties',
    {
      schema: {
        tags,
        summary: 'The parties to give final information to, suggested from everyone involved',
        params: KeyParam,
        response: { 200: z.array(FinalParty) },
      },
    },
    (request) => closure.parties(actorOf(request), request.params.key),
  );

  app.post(
    '/api/v1/incidents/:key/closure/drafts',
    {
      schema: {
        tags,
        summary: 'Draft the final notes from the final-information templates, per audience',
        params: KeyParam,
        body: FinalNoteDraftRequest,
        response: { 200: z.array(FinalNoteDraft) },
      },
    },
    (request) => closure.drafts(actorOf(request), request.params.key, request.body),
  );

  app.post(
    '/api/v1/incidents/:key/closure',
    {
      schema: {
        tags,
        summary: 'Close the incident and send the final notes (refused notes leave it open)',
        params: KeyParam,
        body: CloseWithNotice,
        response: { 200: Incident },
      },
    },
    (request) => closure.close(actorOf(request), request.params.key, request.body),
  );
}
