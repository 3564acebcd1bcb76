import { z } from 'zod';
import { FingerprintRule, FingerprintRuleParams, FingerprintRuleUpdate } from '#contracts/telemetry.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { FingerprintRuleService } from './fingerprint-rule.service.ts';

const tags = ['intake'];

export function fingerprintRuleRoutes(app: ZodApp, rules: FingerprintRuleService): void {
  app.get(
    '/api/v1/intake/fingerprint-rules',
    {
      schema: {
        tags,
        summary:
          'Fingerprint rules: per telemetry source, the fields that group repeated events and the window (admin)',
        response: { 200: z.object({ items: z.array(FingerprintRule) }) },
      },
    },
    async (request) => ({ items: await rules.list(actorOf(request)) }),
  );

  app.put(
    '/api/v1/intake/fingerprint-rules/:source',
    {
      schema: {
        tags,
        summary: "Change a source's fingerprint rule (admin); it applies to the events that come after",
        params: FingerprintRuleParams,
        body: FingerprintRuleUpdate,
        response: { 200: FingerprintRule },
      },
    },
    (request) => rules.update(actorOf(request), request.params.source, request.body),
  );
}
