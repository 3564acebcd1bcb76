import { sql } from 'kysely';
import { Health, PublicConfig } from '#contracts/system.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import type { ZodApp } from '../../platform/http/app.ts';

export function systemRoutes(
  app: ZodApp,
  handle: DatabaseHandle,
  version: string,
  publicConfig: PublicConfig,
): void {
  app.get(
    '/api/v1/system/config',
    {
      schema: {
        tags: ['system'],
        summary: 'Settings the web app needs before sign-in (e.g. whether the report form is on)',
        security: [],
        response: { 200: PublicConfig },
      },
    },
    () => publicConfig,
  );

  app.get(
    '/api/v1/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        security: [],
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const started = performance.now();
      const ok = await sql`select 1`.execute(handle.db).then(
        () => true,
        () => false,
      );
      const body = {
        status: ok ? ('ok' as const) : ('degraded' as const),
        version,
        database: {
          dialect: handle.dialect,
          ok,
          latencyMs: Math.round((performance.now() - started) * 100) / 100,
        },
        time: new Date().toISOString(),
      };
      return reply.status(ok ? 200 : 503).send(body);
    },
  );
}
